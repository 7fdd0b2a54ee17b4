"""Token log, forced tokens and variants on the real embedded model."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from desktop_app.domain.generation import GenerationParams, GenerationRequest, GenerationResult
from desktop_app.domain.prompting import EditorContext, build_request
from desktop_app.generation.engine import run_stream, run_streams
from desktop_app.services.task_library import task_by_id

pytestmark = pytest.mark.e2e


def poem_request(**params: object) -> GenerationRequest:
    values = {"max_new_tokens": 16, "temperature": 0.0, "repetition_penalty": 1.0, **params}
    settings = GenerationParams(**values)  # type: ignore[arg-type]
    return build_request(task_by_id("poem"), "the sea", EditorContext("", "", ""), settings).request


def generate(engine, request: GenerationRequest) -> GenerationResult:
    return run_stream(engine.stream(request, threading.Event()), lambda _text: None)


def test_the_token_log_is_the_text_with_the_models_own_odds(engine):
    result = generate(engine, poem_request())
    assert len(result.tokens) == result.output_tokens == 16
    assert "".join(token.text for token in result.tokens) == result.text
    for token in result.tokens:
        odds = [alternative.probability for alternative in token.alternatives]
        assert len(odds) == 5 and odds == sorted(odds, reverse=True) and sum(odds) <= 1.0001
        # Greedy without a penalty takes the model's likeliest token, every time.
        assert token.alternatives[0].token_id == token.token_id
        assert token.probability == pytest.approx(odds[0])


def test_a_chosen_rival_token_is_kept_and_the_model_goes_on_from_it(engine):
    first = generate(engine, poem_request())
    kept = [token.token_id for token in first.tokens[:3]]
    rival = first.tokens[3].alternatives[1]
    again = generate(engine, poem_request().again((*kept, rival.token_id)))

    assert [token.token_id for token in again.tokens[:4]] == [*kept, rival.token_id]
    assert again.text.startswith("".join(token.text for token in first.tokens[:3]))
    # The forced tokens' odds come from the same model at the same positions; read together
    # rather than one at a time, they are summed in another order, and on torch's 4-bit
    # kernel its bfloat16 inputs round a little differently (up to 0.03 here over 8 tokens,
    # which is also how far it is from the float32 model's odds).
    for before, after in zip(first.tokens[:3], again.tokens[:3], strict=True):
        assert after.probability == pytest.approx(before.probability, abs=0.03)
    assert again.tokens[3].probability == pytest.approx(rival.probability, abs=0.03)
    assert again.output_tokens > 4  # the length setting counts after the forced tokens


def test_a_stored_rendered_prompt_gives_the_same_text(engine):
    first = generate(engine, poem_request())
    stored = dataclasses.replace(poem_request(), messages=(), rendered_prompt=first.rendered_prompt)
    assert generate(engine, stored).text == first.text


def test_each_variant_is_exactly_its_seeds_single_run(engine):
    requests = poem_request(temperature=0.9, top_p=0.95, seed=77).variants(3)
    together = run_streams([engine.stream(r, threading.Event()) for r in requests], lambda *_: None)
    alone = [generate(engine, request) for request in requests]
    assert [r.seed for r in together] == [77, 78, 79]
    assert [r.text for r in together] == [r.text for r in alone]
    assert len({r.text for r in together}) > 1
