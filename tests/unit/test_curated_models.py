"""The curated download list: well-formed, and sizes that agree with the parameter counts."""

from __future__ import annotations

from desktop_app.domain.curated_models import CURATED_MODELS


def test_curated_models_are_plausible() -> None:
    ids = [model.repo_id for model in CURATED_MODELS]
    assert len(set(ids)) == len(ids) and 6 <= len(ids) <= 8
    for model in CURATED_MODELS:
        assert model.repo_id.count("/") == 1 and model.name and model.licence
        assert model.languages and all(len(code) == 2 for code in model.languages)
        # Published in bfloat16: about 2 bytes a parameter, plus tokenizer files.
        assert 1.95 < model.download_bytes / model.parameter_count < 2.1, model.repo_id
    gated = {model.repo_id for model in CURATED_MODELS if model.gated}
    assert gated == {"meta-llama/Llama-3.2-1B-Instruct", "google/gemma-2-2b-it"}
