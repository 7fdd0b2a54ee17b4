"""Fine-tuning: data preparation, training a tiny random Llama in this process (the app runs
the same function in a child), checkpoints, cancel, and applying the adapter."""

from __future__ import annotations

import json
import multiprocessing
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import model_factory
import pytest

from desktop_app.domain.finetune import (
    AdapterInfo,
    TrainingDataError,
    TrainingSettings,
    batch_indices,
    check_enough_text,
    data_fingerprint,
    split_blocks,
)
from desktop_app.domain.generation import GenerationParams, GenerationRequest
from desktop_app.generation.adapters import ADAPTER_FILE, WEIGHTS_FILE, AdapterError, read_adapter
from desktop_app.generation.engine import run_stream
from desktop_app.generation.finetune import (
    TrainingJob,
    create_run,
    paused_runs,
    read_run,
    train_in_child,
)
from desktop_app.generation.transformers_engine import TransformersEngine
from desktop_app.services.adapter_store import (
    delete_adapter,
    export_adapter,
    list_adapters,
    rename_adapter,
)

# One sentence said over and over: a random model can learn it in a few steps.
TEXT = " ".join(["The lighthouse keeper counted the gulls every morning."] * 60)
SETTINGS = TrainingSettings(max_steps=12, learning_rate=1e-2, block_size=32, batch_size=2)


# Data preparation (pure)


def test_blocks_drop_the_tail_and_hold_out_the_end() -> None:
    split = split_blocks(list(range(105)), 10, 0.1)
    assert len(split.train) == 9
    assert split.held_out == (tuple(range(90, 100)),)
    assert split.tokens == 105


def test_at_least_one_block_is_held_out_and_one_trained() -> None:
    split = split_blocks(list(range(20)), 10, 0.01)
    assert (len(split.train), len(split.held_out)) == (1, 1)
    with pytest.raises(TrainingDataError, match="too little text"):
        split_blocks(list(range(19)), 10, 0.1)


def test_too_few_words_are_refused() -> None:
    with pytest.raises(TrainingDataError, match="12 words"):
        check_enough_text(["one two three four five six", "seven eight nine ten eleven twelve"])
    check_enough_text([TEXT])


def test_fingerprint_is_stable_and_sees_order_and_boundaries() -> None:
    assert data_fingerprint(["a", "b"]) == data_fingerprint(["a", "b"])
    assert data_fingerprint(["a", "b"]) != data_fingerprint(["b", "a"])
    assert data_fingerprint(["ab"]) != data_fingerprint(["a", "b"])


def test_batches_cover_each_epoch_once_and_repeat_from_any_step() -> None:
    steps = [batch_indices(step, 6, 2, seed=1) for step in range(3)]
    assert sorted(i for batch in steps for i in batch) == list(range(6))
    assert batch_indices(4, 6, 2, seed=1) == batch_indices(4, 6, 2, seed=1)


# Training on a tiny model


@dataclass
class Run:
    messages: list[dict[str, Any]]

    def kinds(self) -> list[str]:
        return [m["kind"] for m in self.messages]

    def last(self, kind: str) -> dict[str, Any]:
        return [m for m in self.messages if m["kind"] == kind][-1]

    def losses(self) -> dict[int, float]:
        return {m["step"]: m["loss"] for m in self.messages if m["kind"] == "step"}


def train(
    run_dir: str, adapters: Path, cache: Path, commands: tuple[str, ...] = (), stop_after: int = 0
) -> Run:
    parent, child = multiprocessing.Pipe()
    for command in commands:
        parent.send(command)
    job = TrainingJob(run_dir, str(adapters), str(cache), threads=1, stop_after_step=stop_after)
    train_in_child(job, child)
    messages = []
    while parent.poll():
        try:
            messages.append(parent.recv())
        except EOFError:  # the child's end is closed once everything is sent
            break
    return Run(messages)


@pytest.fixture(scope="module")
def llama(tmp_path_factory: pytest.TempPathFactory, byte_tokenizer: Any) -> Path:
    return model_factory.trainable_llama_folder(
        tmp_path_factory.mktemp("tiny") / "tiny-llama", byte_tokenizer
    )


def new_run(adapters: Path, llama: Path, settings: TrainingSettings = SETTINGS) -> str:
    state = create_run(
        adapters,
        name="Keeper",
        spec=str(llama),
        base_model_id=llama.name,
        texts=[TEXT],
        settings=settings,
    )
    return state.run_dir


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory, llama: Path) -> tuple[Path, Run]:
    adapters = tmp_path_factory.mktemp("adapters")
    run = train(new_run(adapters, llama), adapters, adapters / "cache")
    return adapters, run


def test_training_learns_the_text_and_installs_a_described_adapter(
    trained: tuple[Path, Run], llama: Path
) -> None:
    adapters, run = trained
    assert run.kinds()[:2] == ["prepared", "evaluated"]
    assert run.kinds()[-2:] == ["evaluated", "finished"]
    losses = run.losses()
    assert sorted(losses) == list(range(1, 13))
    assert losses[12] < losses[1] * 0.8
    finished = run.last("finished")
    assert finished["perplexity_after"] < finished["perplexity_before"] * 0.2
    info = read_adapter(Path(finished["path"]))
    assert (info.name, info.base_model_id, info.steps) == ("Keeper", llama.name, 12)
    assert info.perplexity_after == finished["perplexity_after"]
    assert info.settings["learning_rate"] == SETTINGS.learning_rate
    assert [p.name for p in adapters.iterdir() if not p.name.startswith(".")] == ["Keeper"]
    assert paused_runs(adapters) == []  # the run folder is gone once the adapter is in place


def test_a_paused_run_resumes_from_its_step_and_ends_as_an_unbroken_one(
    tmp_path: Path, llama: Path, trained: tuple[Path, Run]
) -> None:
    run_dir = new_run(tmp_path, llama)
    first = train(run_dir, tmp_path, tmp_path / "cache", stop_after=5)
    assert first.kinds()[-2:] == ["checkpoint", "paused"]
    assert read_run(Path(run_dir)).step == 5
    assert not (tmp_path / "Keeper").exists()  # nothing usable-looking while paused
    second = train(run_dir, tmp_path, tmp_path / "cache")
    assert min(second.losses()) == 6
    unbroken = trained[1].losses()
    for step, loss in second.losses().items():
        assert loss == pytest.approx(unbroken[step], rel=1e-3)
    assert second.kinds()[-1] == "finished"


def test_cancel_leaves_no_adapter_and_no_run(tmp_path: Path, llama: Path) -> None:
    run_dir = new_run(tmp_path, llama)
    run = train(run_dir, tmp_path, tmp_path / "cache", commands=("cancel",))
    assert run.kinds()[-1] == "cancelled"
    assert not Path(run_dir).exists()
    assert [p.name for p in tmp_path.iterdir()] == [".runs"]
    assert paused_runs(tmp_path) == []


def test_too_little_text_fails_with_a_message(tmp_path: Path, llama: Path) -> None:
    state = create_run(
        tmp_path,
        name="Short",
        spec=str(llama),
        base_model_id=llama.name,
        texts=["Just a few words."],
        settings=SETTINGS,
    )
    run = train(state.run_dir, tmp_path, tmp_path / "cache")
    assert run.kinds() == ["failed"]
    assert "too little text" in run.last("failed")["message"]


# Applying the adapter


def greedy(engine: TransformersEngine) -> str:
    request = GenerationRequest(
        task_id="continue",
        inputs=(),
        messages=(),
        plain_prompt="The lighthouse",
        params=GenerationParams(max_new_tokens=12, temperature=0.0, repetition_penalty=1.0),
    )
    return run_stream(engine.stream(request, threading.Event()), lambda _piece: None).text


def test_an_adapter_changes_the_output_and_comes_off_exactly(
    tmp_path: Path, llama: Path, trained: tuple[Path, Run]
) -> None:
    engine = TransformersEngine(tmp_path, threads=1)
    engine.load(str(llama), lambda *_: None)
    base = greedy(engine)
    info = engine.set_adapter(trained[1].last("finished")["path"])
    assert info.adapter == "Keeper"
    adapted = greedy(engine)
    assert adapted != base
    assert engine.set_adapter(None).adapter is None
    assert greedy(engine) == base
    engine.set_adapter(trained[1].last("finished")["path"])
    assert greedy(engine) == adapted  # on again: the same adapter, not a second one stacked


def test_an_adapter_of_another_model_is_refused(
    tmp_path: Path, llama: Path, trained: tuple[Path, Run]
) -> None:
    import shutil

    other = tmp_path / "Other"
    shutil.copytree(trained[1].last("finished")["path"], other)
    meta = json.loads((other / ADAPTER_FILE).read_text())
    (other / ADAPTER_FILE).write_text(json.dumps({**meta, "base_model_id": "GPT-Big"}))
    engine = TransformersEngine(tmp_path, threads=1)
    engine.load(str(llama), lambda *_: None)
    with pytest.raises(AdapterError, match="trained on GPT-Big"):
        engine.set_adapter(str(other))
    assert engine.set_adapter(None).adapter is None


def test_settings_survive_the_run_file(tmp_path: Path, llama: Path) -> None:
    settings = replace(SETTINGS, lora_rank=4)
    assert read_run(Path(new_run(tmp_path, llama, settings))).settings == settings


# Managing adapters


def fake_adapter(folder: Path, name: str) -> AdapterInfo:
    (folder / name).mkdir(parents=True)
    (folder / name / WEIGHTS_FILE).write_bytes(b"weights")
    info = AdapterInfo(name, "", "Tiny", 1, "tiny", "ab", 3)
    (folder / name / ADAPTER_FILE).write_text(json.dumps(info.as_dict()))
    return read_adapter(folder / name)


def test_adapters_are_renamed_exported_and_deleted_whole(tmp_path: Path) -> None:
    import zipfile

    first = fake_adapter(tmp_path, "First")
    fake_adapter(tmp_path, "Second")
    (tmp_path / ".staging-123").mkdir()  # an unfinished training is not listed
    (tmp_path / "stray").mkdir()
    assert [a.name for a in list_adapters(tmp_path)] == ["First", "Second"]
    with pytest.raises(AdapterError, match="already an adapter"):
        rename_adapter(first, "Second")
    with pytest.raises(AdapterError, match="cannot start with a dot"):
        rename_adapter(first, "../elsewhere")
    renamed = rename_adapter(first, "Poems")
    assert read_adapter(Path(renamed.path)).name == "Poems"
    export_adapter(renamed, tmp_path / "poems.zip")
    with zipfile.ZipFile(tmp_path / "poems.zip") as archive:
        assert sorted(archive.namelist()) == ["Poems/adapter.json", f"Poems/{WEIGHTS_FILE}"]
    delete_adapter(renamed)
    assert [a.name for a in list_adapters(tmp_path)] == ["Second"]
    assert not (tmp_path / "Poems").exists()


def test_a_second_adapter_of_the_same_name_gets_a_name_of_its_own(tmp_path: Path) -> None:
    from desktop_app.generation.adapters import install_adapter

    names = []
    (tmp_path / "adapters").mkdir()
    for _ in range(2):
        staging = tmp_path / f"staging-{len(names)}"
        staging.mkdir()
        (staging / WEIGHTS_FILE).write_bytes(b"weights")
        target = install_adapter(
            staging, tmp_path / "adapters", AdapterInfo("Style", "", "Tiny", 1, "tiny", "ab", 3)
        )
        names.append((target.name, read_adapter(target).name))
    assert names == [("Style", "Style"), ("Style (2)", "Style (2)")]
