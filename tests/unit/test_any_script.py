"""Text in any script round-trips unchanged through storage, search, exports, imports,
prompt building and incremental decoding (property tests over random Unicode)."""

from __future__ import annotations

import csv
import io
import itertools
import json
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from any_script import (
    ARABIC,
    ASTRAL,
    CJK,
    EMOJI_SEQUENCE,
    HEBREW,
    LATIN,
    SAMPLES,
    THAI,
    any_text,
    prose,
    words,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.data import Database, DraftRepository, GenerationRepository, open_database, search
from desktop_app.domain.generation import (
    ChatMessage,
    GenerationParams,
    GenerationRequest,
    GenerationResult,
    StopReason,
    TokenAlternative,
    TokenChoice,
)
from desktop_app.domain.graphemes import boundary_after, boundary_before
from desktop_app.domain.markup import normalize_newlines
from desktop_app.domain.prompting import EditorContext, build_request
from desktop_app.domain.records import GenerationStatus, RevisionKind
from desktop_app.domain.tasks import TextSource
from desktop_app.generation.decoding import IncrementalDecoder
from desktop_app.services.draft_export import ExportError, ExportFormat, render_draft
from desktop_app.services.draft_import import read_draft_file
from desktop_app.services.history_export import history_csv, history_json
from desktop_app.services.task_library import builtin_catalogue

# Bounded so the whole file stays a few seconds; no example database in the tree.
settings.register_profile(
    "any_script",
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
FEW = settings(settings.get_profile("any_script"))
FEWER = settings(FEW, max_examples=20)  # each example builds four prompts


@pytest.fixture(scope="module")
def database() -> Iterator[Database]:
    # One library for every example: opening and migrating a file per example is slow.
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "library.db")
        yield database
        database.close()


@FEW
@given(title=any_text(max_units=8), body=any_text(), label=any_text(max_units=5))
def test_drafts_and_revisions_keep_any_text(database: Database, title, body, label) -> None:
    drafts = DraftRepository(database)
    draft = drafts.create(title, body, project=title or None)
    assert drafts.get(draft.id).body == body
    assert drafts.get(draft.id).title == title
    assert drafts.summary(draft.id).project == (title or None)
    edited = body + "\n" + body
    drafts.save_body(draft.id, edited)
    revision = drafts.add_revision(draft.id, body, RevisionKind.MANUAL, label)
    assert drafts.get(draft.id).body == edited
    stored = drafts.revision(revision.id)
    assert (stored.body, stored.label) == (body, label or None)


def _request(text: str) -> GenerationRequest:
    return GenerationRequest(
        "translate",
        (("prompt", text), ("text", text), ("target_language", "Chinese")),
        (ChatMessage("system", "You write."), ChatMessage("user", text)),
        text,
        GenerationParams(stop_sequences=(text[:20] or "x", "。\n")),
    )


MODEL = "模型-🦊"


def _result(text: str, output: str) -> GenerationResult:
    token = TokenChoice(1, output[:3], 0.5, (TokenAlternative(2, output[-3:], 0.25),))
    return GenerationResult(
        output, StopReason.END_OF_TEXT, f"<user>{text}</user>", 3, 4, 7, MODEL, 0.1, 0.2, (token,)
    )


@FEW
@given(text=any_text(), output=any_text())
def test_generations_keep_any_text(database: Database, text, output) -> None:
    generations = GenerationRepository(database)
    request = _request(text)
    generation_id = generations.start(None, request, "m")
    generations.finish(generation_id, _result(text, output), GenerationStatus.COMPLETED)

    record = generations.get(generation_id)
    assert record.inputs == request.inputs_dict()
    assert record.output == output
    assert record.rendered_prompt == f"<user>{text}</user>"
    assert record.model_id == MODEL  # the result's
    assert GenerationParams.from_dict(record.params) == request.params
    assert record.tokens == _result(text, output).tokens

    # The history's own exports carry it too.
    (exported,) = json.loads(history_json([record]))
    assert (exported["output"], exported["inputs"]) == (output, record.inputs)
    assert exported["params"]["stop_sequences"] == list(request.params.stop_sequences)
    rows = list(csv.DictReader(io.StringIO(history_csv([record]).decode("utf-8-sig"), newline="")))
    assert rows[0]["output"].removeprefix("'") == output  # an apostrophe guards formulas
    assert rows[0]["prompt"].removeprefix("'") == text


@st.composite
def _text_and_phrase(draw: st.DrawFn) -> tuple[str, str]:
    """A text, and a piece of one of its words (a CJK phrase has no spaces to split at)."""
    phrase_source = draw(words(min_size=1, max_size=10))
    start = draw(st.integers(0, len(phrase_source) - 1))
    end = draw(st.integers(start + 1, len(phrase_source)))
    text = draw(any_text(max_units=10)) + " " + phrase_source + "\n" + draw(any_text(max_units=10))
    return text, phrase_source[start:end]


@FEW
@given(text_and_phrase=_text_and_phrase())
def test_search_finds_any_piece_of_a_word(database: Database, text_and_phrase) -> None:
    text, phrase = text_and_phrase
    draft = DraftRepository(database).create("t", text)
    generation_id = GenerationRepository(database).start(None, _request("x"), "m")
    GenerationRepository(database).finish(
        generation_id, _result("x", text), GenerationStatus.COMPLETED
    )
    found = {(hit.kind, hit.id) for hit in search(database, phrase, limit=10_000)}
    assert ("draft", draft.id) in found
    assert ("generation", generation_id) in found


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_search_finds_every_word_of_the_samples(database: Database, name: str) -> None:
    text = SAMPLES[name]
    draft = DraftRepository(database).create(name, text)
    for word in text.split():
        hits = search(database, word, limit=10_000)
        assert ("draft", draft.id) in {(hit.kind, hit.id) for hit in hits}, word
        assert all(hit.snippet for hit in hits)


def _import(tmp: Path, fmt: ExportFormat, data: bytes) -> str:
    path = tmp / f"back{fmt.suffix}"
    path.write_bytes(data)
    return read_draft_file(path).body


@FEW
@given(body=any_text().filter(lambda text: "\0" not in text))
def test_markdown_export_and_import_round_trip_any_text(body: str) -> None:
    data = render_draft(ExportFormat.MARKDOWN, "t", body)
    with tempfile.TemporaryDirectory() as folder:
        back = _import(Path(folder), ExportFormat.MARKDOWN, data)
    # The one normalization: line breaks become "\n", and the file ends with one.
    assert back.rstrip("\n") == normalize_newlines(body).rstrip("\n")


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "p":
            self._inside = True
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = self._inside and tag != "p"

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.paragraphs[-1] += data


@FEW
@given(body=prose())
def test_text_and_html_keep_every_paragraph(body: str) -> None:
    text = render_draft(ExportFormat.TEXT, "t", body).decode("utf-8")
    assert text == body + "\n"
    page = _Paragraphs()
    page.feed(render_draft(ExportFormat.HTML, body[:30], body).decode("utf-8"))
    assert page.paragraphs == body.split("\n\n")


@settings(FEW, max_examples=10)  # a Word document takes some 100 ms each way
@given(body=prose())
def test_word_keeps_every_paragraph(body: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        word = _import(Path(folder), ExportFormat.DOCX, render_draft(ExportFormat.DOCX, "t", body))
    assert word == body


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_format_keeps_the_samples(tmp_path: Path, name: str) -> None:
    body = SAMPLES[name] + "\n\n" + SAMPLES[name]
    for fmt in (ExportFormat.MARKDOWN, ExportFormat.TEXT, ExportFormat.DOCX):
        assert _import(tmp_path, fmt, render_draft(fmt, "t", body)).rstrip("\n") == body, fmt


def test_word_export_keeps_line_breaks_and_names_a_character_it_cannot_hold(
    tmp_path: Path,
) -> None:
    # Word's own manual line break (U+000B) and page break (U+000C) arrive in pasted text.
    body = "一\u000b二\u000c三"
    data = render_draft(ExportFormat.DOCX, "t", body)
    assert _import(tmp_path, ExportFormat.DOCX, data) == "一\n二\n三"
    with pytest.raises(ExportError, match="U\\+0001"):
        render_draft(ExportFormat.DOCX, "t", "a\x01b")


CATALOGUE = builtin_catalogue()


@FEWER
@given(text=any_text(), prompt=any_text(max_units=12))
def test_the_writers_text_reaches_the_prompt_unchanged(text: str, prompt: str) -> None:
    for task_id in ("rewrite", "translate", "story", "continue"):
        task = CATALOGUE.get(task_id)
        editor = EditorContext(text_before_cursor=text, selection=text, full_text=text)
        try:
            built = build_request(task, prompt, editor)
        except ValueError:
            continue  # nothing to work on: whitespace only
        request = built.request
        rendered = (request.messages[-1].content if request.messages else "", request.plain_prompt)
        if task.prompt_shown and prompt.strip():
            assert any(prompt.strip() in form for form in rendered)
        if task.source is not TextSource.NONE:
            # Whole: the template's own outer spaces may go, never the text's inside.
            assert all(text.strip() in form for form in rendered if form)
            assert request.inputs_dict()["text"] == text


def _stream(tokenizer: Any, ids: list[int]) -> list[str]:
    decoder = IncrementalDecoder(tokenizer)
    return [*(decoder.push(token) for token in ids), decoder.flush()]


@FEW
@given(text=any_text())
def test_decoding_token_by_token_adds_up_to_the_full_decode(byte_tokenizer: Any, text) -> None:
    ids = byte_tokenizer(text)["input_ids"]
    pieces = _stream(byte_tokenizer, ids)
    assert "".join(pieces) == byte_tokenizer.decode(ids) == text
    assert not any("\ufffd" in piece for piece in pieces if "\ufffd" not in text)


@FEW
@given(data=st.data())
def test_decoding_any_token_sequence_matches_the_full_decode(byte_tokenizer: Any, data) -> None:
    """Even ids no text encodes to (a model may emit half a character, then another)."""
    ids = data.draw(st.lists(st.integers(0, len(byte_tokenizer) - 1), max_size=30))
    full = byte_tokenizer.decode(ids, skip_special_tokens=True, clean_up_tokenization_spaces=False)
    # Only a partial character left dangling at the very end is dropped.
    assert "".join(_stream(byte_tokenizer, ids)) == full.rstrip("\ufffd")


_CLUSTER = st.one_of(CJK, ARABIC, HEBREW, THAI, LATIN, ASTRAL, EMOJI_SEQUENCE, st.just("क्षि"))


@FEW
@given(clusters=st.lists(_CLUSTER, min_size=1, max_size=12), data=st.data())
def test_cuts_fall_between_characters_as_the_writer_sees_them(clusters, data) -> None:
    text = "".join(clusters)
    edges = {0, *itertools.accumulate(len(cluster) for cluster in clusters)}
    index = data.draw(st.integers(0, len(text)))
    assert boundary_after(text, index) in edges
    before = boundary_before(text, index)
    assert before in edges or before == index < len(clusters[0])  # the first, too long


def test_long_text_is_cut_for_the_prompt_at_a_characters_edge() -> None:
    accents = "x" + "e\u0301" * 7000  # longer than a selection may be, ending in "é"s
    rewrite = build_request(CATALOGUE.get("rewrite"), "", EditorContext("", accents, accents))
    kept = rewrite.request.inputs_dict()["text"]
    assert kept.endswith("e\u0301") and accents.startswith(kept)
    family = "👨‍👩‍👧‍👦"  # seven code points
    emoji = family * 1000  # and no spaces to start the context at
    cont = build_request(CATALOGUE.get("continue"), "", EditorContext(emoji, "", emoji))
    assert cont.request.inputs_dict()["text"].startswith(family)
