"""The real engine: a causal language model run with torch and transformers.

torch and transformers are imported inside the methods, which run on the model thread, so
importing this module costs nothing on the GUI thread. The default path (a GGUF run from its
4-bit blocks) needs no transformers at all: its tokenizer is read by plain_tokenizer, its
scores are adjusted by sampling, and its import (1-1.5 s) is left out.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import importlib
import json
import logging
import os
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.domain.generation import (
    AUTO,
    MAX_SEED,
    GenerationResult,
    LoadOptions,
    ModelInfo,
    StopReason,
    TokenAlternative,
    TokenChoice,
)
from desktop_app.domain.graphemes import boundary_after, boundary_before
from desktop_app.domain.i18n import translate
from desktop_app.domain.stop_sequences import StopSequenceCutter
from desktop_app.generation import gguf_cache, torch_libraries
from desktop_app.generation.decoders import Decoder, QuantizedDecoder, TransformersDecoder
from desktop_app.generation.decoding import IncrementalDecoder
from desktop_app.generation.device_choice import choose_device
from desktop_app.generation.engine import GenerationError, ModelLoadError
from desktop_app.generation.gguf_header import GGUFHeader, read_gguf_header
from desktop_app.generation.load_errors import (
    describe_load_failure,
    is_out_of_memory,
    short_detail,
)
from desktop_app.generation.plain_tokenizer import GENERIC_CLASSES, PlainTokenizer
from desktop_app.generation.quantized_llama import QuantizedLlama, unsupported_reason
from desktop_app.generation.sampling import Step, TokenSampler
from desktop_app.generation.sources import ModelSource, resolve
from desktop_app.generation.system_resources import available_devices

if TYPE_CHECKING:
    import threading
    from collections.abc import Generator, Sequence

    from desktop_app.domain.generation import ChatMessage, GenerationRequest
    from desktop_app.generation.engine import ProgressCallback

_DEFAULT_CONTEXT = 2048  # for configs that do not state their context length
DEFAULT_LOAD = LoadOptions()
FOUR_BIT = "int4"  # ModelInfo.dtype of a GGUF run from its own 4-bit blocks

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Prompt:
    rendered: str
    ids: list[int]
    dropped: int  # tokens that did not fit the context window


def _import_torch() -> Any:
    if "torch" not in sys.modules:
        _first_import("torch")
    import torch

    return torch


def _import_transformers() -> None:
    """transformers, for what the 4-bit path does without it: other models, their
    tokenizers, converting a GGUF, adapters. Its import takes 1-1.5 s on a laptop."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before transformers reads it
    if "transformers" in sys.modules:
        return
    _import_torch()
    _first_import("transformers.utils")
    from transformers.utils import logging

    # The window shows load progress; the console stays quiet.
    disable_progress_bar: Any = logging.disable_progress_bar  # untyped upstream
    disable_progress_bar()


def _first_import(name: str) -> None:
    """Imports a library without holding the GIL, and so the window, for long at once.

    Its hundreds of thousands of objects live as long as the process. The cycle collector
    is off while they are made (its full passes over them held the GIL for 50-150 ms each,
    several times), then they are frozen out of its way: the passes at every unload, and
    now and then on their own, take milliseconds.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        if name == "torch":
            torch_libraries.map_ahead()
        importlib.import_module(name)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


class TransformersEngine:
    def __init__(self, cache_dir: Path, threads: int | None = None) -> None:
        self._cache_dir = cache_dir
        # More than half the cores, or more than 4, makes generation slower on laptops, and
        # measured here 2 threads on 2 cores collapse as soon as anything else runs.
        self._threads = threads or max(1, min(4, (os.cpu_count() or 2) // 2))
        self._model: Any = None
        self._tokenizer: Any = None
        self._info: ModelInfo | None = None
        self._token_texts: dict[int, str] = {}  # the token view's alternatives, decoded once
        self._stop_tokens: set[int] = set()
        self._source: ModelSource | None = None  # the loaded model's
        # The decoder of the last finished generation, with the prompt state it read.
        self._spare: Decoder | None = None
        self._four_bit: tuple[QuantizedLlama, ModelInfo] | None = None  # under an adapter

    def load(
        self, spec: str, progress: ProgressCallback, options: LoadOptions = DEFAULT_LOAD
    ) -> ModelInfo:
        self.unload()
        progress(0.0, translate("ModelLoad", "Finding the model…"))
        source = resolve(spec, self._cache_dir)
        progress(0.05, translate("ModelLoad", "Loading the AI libraries…"))
        try:
            self._info = self._load(source, options, progress)
        except ImportError as exc:  # torch, or transformers where the model needs it
            raise ModelLoadError(
                translate(
                    "ModelLoad",
                    "The AI libraries could not be loaded ({detail}). Reinstall Inkwell.",
                ).format(detail=exc),
                spec,
            ) from exc
        progress(1.0, translate("ModelLoad", "Model ready"))
        return self._info

    def _load(
        self, source: ModelSource, options: LoadOptions, progress: ProgressCallback
    ) -> ModelInfo:
        torch = _import_torch()
        threads = options.threads or self._threads
        torch.set_num_threads(threads)
        device, dtype = choose_device(options, available_devices(), source.model_id)
        four_bit = options.dtype == AUTO and device.name == "cpu"
        header = _four_bit_header(source) if four_bit else None
        _convert_once(source, progress, weights=header is None)
        progress(0.6, translate("ModelLoad", "Loading the model…"))
        if header is None or not self._loaded_four_bit(source, header):
            self._load_dequantized(source, device.name, getattr(torch, dtype), progress)
        return self._describe(source, threads if device.name == "cpu" else 0)

    def _loaded_four_bit(self, source: ModelSource, header: GGUFHeader) -> bool:
        try:
            self._load_weights(source, "cpu", None, four_bit=header)
        except Exception:
            # The 4-bit reader is Inkwell's own: a file it trips over still loads dequantized.
            log.warning(
                "%s: the 4-bit reader failed, loading dequantized", source.path, exc_info=True
            )
            return False
        return True

    def _load_dequantized(
        self, source: ModelSource, device: str, dtype: Any, progress: ProgressCallback
    ) -> None:
        _convert_once(source, progress, weights=True)
        try:
            self._load_weights(source, device, dtype)
        except Exception as exc:
            if source.gguf_file is None or is_out_of_memory(exc):
                raise describe_load_failure(exc, source.path) from exc
            # A damaged cache (disk error, edited files) is rebuilt from the GGUF once.
            progress(
                0.6,
                translate(
                    "ModelLoad", "The saved copy of the model is damaged; converting it again…"
                ),
            )
            _import_transformers()
            gguf_cache.convert(source.gguf_file, source.weights_dir)
            try:
                self._load_weights(source, device, dtype)
            except Exception as again:
                raise describe_load_failure(again, source.path) from again

    def stream(
        self, request: GenerationRequest, cancel: threading.Event
    ) -> Generator[str, None, GenerationResult]:
        info, tokenizer = self._info, self._tokenizer
        if info is None:
            raise GenerationError(translate("Generation", "No model is loaded yet."))
        started = time.perf_counter()
        params = request.params
        seed = params.seed if params.seed is not None else secrets.randbelow(MAX_SEED + 1)
        forced = request.forced_tokens
        try:
            prompt = self._encode(request)
            sampler = TokenSampler(self._take_decoder(), prompt.ids, params, seed, forced)
        except GenerationError:
            raise
        except Exception as exc:
            raise _generation_error(exc) from exc
        # Forced tokens come on top of the length setting: the writer asked for more after them.
        steps = min(len(forced) + params.max_new_tokens, info.context_length - len(prompt.ids))
        decoder = IncrementalDecoder(tokenizer, prompt.ids)
        cutter = StopSequenceCutter(params.stop_sequences)
        stop_ids = self._stop_tokens
        pieces: list[str] = []
        tokens: list[TokenChoice] = []
        first_token_at: float | None = None
        stop_reason = StopReason.LENGTH
        for _ in range(steps):
            if cancel.is_set():
                stop_reason = StopReason.CANCELLED
                break
            try:
                step = sampler.next_step()
            except Exception as exc:  # shown to the user; the traceback goes to the log
                raise _generation_error(exc) from exc
            if first_token_at is None:
                first_token_at = time.perf_counter()
            if step.token in stop_ids:
                stop_reason = StopReason.END_OF_TEXT
                break
            text = decoder.push(step.token)
            tokens.append(self._choice(step, text))
            piece = cutter.feed(text)
            pieces.append(piece)
            yield piece  # even "" (a character still incomplete): one item per token
            if cutter.stopped:
                stop_reason = StopReason.STOP_SEQUENCE
                break
        tail = cutter.finish(decoder.flush())
        if cutter.stopped:
            stop_reason = StopReason.STOP_SEQUENCE  # found in the very last characters
        self._keep_decoder(sampler.decoder, info)
        if tail:
            pieces.append(tail)
            yield tail
        return GenerationResult(
            text="".join(pieces),
            stop_reason=stop_reason,
            rendered_prompt=prompt.rendered,
            prompt_tokens=len(prompt.ids),
            output_tokens=len(tokens),
            seed=seed,
            model_id=info.model_id,
            time_to_first_token_s=None if first_token_at is None else first_token_at - started,
            duration_s=time.perf_counter() - started,
            tokens=tuple(tokens),
            prompt_tokens_dropped=prompt.dropped,
            prompt_tokens_reused=sampler.reused,
        )

    def _take_decoder(self) -> Decoder:
        """The spare decoder, or a new one: concurrent streams (variants) each need their
        own, and only the first gets the state of the last prompt."""
        decoder, self._spare = self._spare, None
        if decoder is not None:
            return decoder
        if isinstance(self._model, QuantizedLlama):
            return QuantizedDecoder(self._model)
        return TransformersDecoder(self._model)

    def _keep_decoder(self, decoder: Decoder, info: ModelInfo) -> None:
        if self._info is info:  # the same model still loaded: the next prompt may reuse it
            self._spare = decoder

    def _choice(self, step: Step, text: str) -> TokenChoice:
        alternatives = tuple(
            TokenAlternative(token, self._token_text(token), probability)
            for token, probability in zip(step.top_ids, step.top_probabilities, strict=True)
        )
        return TokenChoice(step.token, text, step.probability, alternatives)

    def _token_text(self, token: int) -> str:
        text = self._token_texts.get(token)
        if text is None:
            decoded: str = self._tokenizer.decode([token], clean_up_tokenization_spaces=False)
            text = self._token_texts[token] = decoded
        return text

    def set_adapter(self, path: str | None) -> ModelInfo:
        """Puts a LoRA adapter over the loaded model, or takes it off (`None`), without
        reloading the base weights; raises AdapterError for an adapter of another model."""
        from desktop_app.generation.adapters import AdapterError, check_adapter_base

        info = self._info
        if info is None:
            raise AdapterError(translate("Adapters", "Load a model before choosing an adapter."))
        adapter = None if path is None else check_adapter_base(Path(path), info)
        try:
            _import_transformers()  # before peft does, quietly
            from peft import PeftModel
        except ImportError as exc:
            raise AdapterError(
                translate(
                    "Adapters", "Adapters need the peft library ({detail}). Reinstall Inkwell."
                ).format(detail=exc)
            ) from exc
        self._spare = None  # its state was computed by the model without (or with) the adapter
        if isinstance(self._model, PeftModel):
            # Removes the adapter's layers and gives back the untouched base model.
            self._model = self._model.unload()
            self._info = info = dataclasses.replace(info, adapter=None)
        if adapter is None:
            self._restore_four_bit()
            assert self._info is not None
            return self._info
        if isinstance(self._model, QuantizedLlama):
            # LoRA adds to float weights: the model is read dequantized, in float32 on the
            # processor (what the adapter was trained against); the 4-bit one waits aside.
            import torch

            assert self._source is not None
            _convert_once(self._source, lambda _fraction, _message: None, weights=True)
            self._four_bit = (self._model, info)
            self._model = _transformers_model(self._source.weights_dir, "cpu", torch.float32)
            self._info = info = self._describe_transformers(
                info.model_id, info.source, info.threads
            )
        try:
            model = PeftModel.from_pretrained(self._model, adapter.path, is_trainable=False)
        except Exception as exc:
            self._restore_four_bit()
            raise AdapterError(
                translate("Adapters", "The adapter “{name}” could not be applied: {detail}").format(
                    name=adapter.name, detail=short_detail(exc)
                ),
                self._info,
            ) from exc
        self._model = model.eval()
        self._info = info = dataclasses.replace(info, adapter=adapter.name)
        return info

    def _restore_four_bit(self) -> None:
        """Back to the 4-bit model an adapter had replaced, if one had."""
        if self._four_bit is not None:
            (self._model, self._info), self._four_bit = self._four_bit, None

    def unload(self) -> None:
        if self._model is None:
            return  # a full collection holds the GIL, and the window, for a moment
        self._model = None
        self._four_bit = None
        self._spare = None
        self._tokenizer = None
        self._info = None
        self._token_texts.clear()
        gc.collect()
        torch = sys.modules.get("torch")  # never import torch just to unload nothing
        if torch is not None and torch.cuda.is_available():
            torch.cuda.empty_cache()

    def _load_weights(
        self, source: ModelSource, device: str, dtype: Any, *, four_bit: GGUFHeader | None = None
    ) -> None:
        """`four_bit`: the GGUF's header, to run it from its 4-bit blocks."""
        folder = source.weights_dir
        tokenizer = _tokenizer_for(folder)
        if four_bit is not None:
            assert source.gguf_file is not None
            self._model = QuantizedLlama(source.gguf_file, four_bit)
            log.info("%s: 4-bit, %d MB of weights", source.model_id, self._model.nbytes >> 20)
            self._stop_tokens = _stop_tokens(_eos_setting(folder), tokenizer.eos_token_id)
        else:
            self._model = _transformers_model(folder, device, dtype)
            eos = self._model.generation_config.eos_token_id
            self._stop_tokens = _stop_tokens(eos, tokenizer.eos_token_id)
        self._tokenizer = tokenizer
        self._source = source

    def _describe(self, source: ModelSource, threads: int) -> ModelInfo:
        model = self._model
        if not isinstance(model, QuantizedLlama):
            return self._describe_transformers(source.model_id, str(source.path), threads)
        return ModelInfo(
            model_id=source.model_id,
            source=str(source.path),
            architecture="llama",
            context_length=model.shape.context,
            has_chat_template=bool(getattr(self._tokenizer, "chat_template", None)),
            device="cpu",
            dtype=FOUR_BIT,
            parameter_count=model.parameter_count,
            threads=threads,
            vocab_size=len(self._tokenizer),
        )

    def _describe_transformers(self, model_id: str, source: str, threads: int) -> ModelInfo:
        model = self._model
        config = model.config.get_text_config()
        context = getattr(config, "max_position_embeddings", None) or getattr(
            config, "n_positions", None
        )
        return ModelInfo(
            model_id=model_id,
            source=source,
            architecture=str(config.model_type),
            context_length=int(context or _DEFAULT_CONTEXT),
            has_chat_template=bool(getattr(self._tokenizer, "chat_template", None)),
            device=str(model.device),
            dtype=str(model.dtype).removeprefix("torch."),
            parameter_count=sum(p.numel() for p in model.parameters()),
            threads=threads,
            vocab_size=len(self._tokenizer),
        )

    def _encode(self, request: GenerationRequest) -> _Prompt:
        """Render the prompt and tokenize it, keeping room for the output in the context."""
        assert self._info is not None
        tokenizer = self._tokenizer
        # Forced tokens come on top of the length setting, so they need room too.
        output = request.params.max_new_tokens + len(request.forced_tokens)
        room = max(1, self._info.context_length - output)
        if request.rendered_prompt is not None:
            rendered = request.rendered_prompt
            ids: list[int] = tokenizer(rendered, add_special_tokens=False)["input_ids"]
            full = len(ids)
        elif self._info.has_chat_template and request.messages:
            rendered, ids = self._render_chat(request.messages)
            full = len(ids)
            if len(ids) > room:
                rendered, ids = self._fit_chat(request, room)
        else:
            rendered = request.plain_prompt
            ids = tokenizer(rendered)["input_ids"]
            full = len(ids)
        if not ids:
            raise GenerationError(translate("Generation", "The prompt is empty."))
        # Whatever still does not fit loses its start: the latest text matters most.
        ids = ids[-room:]
        return _Prompt(rendered, ids, dropped=full - len(ids))

    def _fit_chat(self, request: GenerationRequest, room: int) -> tuple[str, list[int]]:
        """Shortens the writer's text inside the prompt until it fits, keeping the task's
        instructions and the template around it: the fewest characters cut, by bisection,
        as characters per token vary too much to compute it."""
        messages = list(request.messages)
        text = request.inputs_dict().get("text", "")
        holder = next((i for i, m in enumerate(messages) if text and text in m.content), None)
        if holder is None:  # no text of the writer's to shorten: the longest message gives
            holder = max(range(len(messages)), key=lambda i: len(messages[i].content))
            text = messages[holder].content
        content = messages[holder].content

        def cut(dropped: int) -> tuple[str, list[int]]:
            # At a character's edge as the writer sees it: no stray accent or half emoji.
            if request.keep_text_end:
                kept = text[boundary_after(text, dropped) :]
            else:
                kept = text[: boundary_before(text, len(text) - dropped)]
            shortened = content.replace(text, kept, 1)
            messages[holder] = dataclasses.replace(messages[holder], content=shortened)
            return self._render_chat(messages)

        low, high = 0, len(text)  # dropping all of it fits, or nothing does
        while low < high:
            middle = (low + high) // 2
            if len(cut(middle)[1]) <= room:
                high = middle
            else:
                low = middle + 1
        return cut(high)

    def _render_chat(self, messages: Sequence[ChatMessage]) -> tuple[str, list[int]]:
        as_dicts = [{"role": m.role, "content": m.content} for m in messages]
        rendered: str = self._tokenizer.apply_chat_template(
            as_dicts, add_generation_prompt=True, tokenize=False
        )
        # The template already wrote the special tokens; adding more would double BOS.
        ids: list[int] = self._tokenizer(rendered, add_special_tokens=False)["input_ids"]
        return rendered, ids


def _convert_once(source: ModelSource, progress: ProgressCallback, *, weights: bool) -> None:
    """Converts a GGUF's config and tokenizer into its cache, with its dense weights when
    `weights` (what the 4-bit path does not read), unless they are there already."""
    if source.gguf_file is not None and not gguf_cache.is_complete(
        source.weights_dir, weights=weights
    ):
        progress(0.1, translate("ModelLoad", "Converting the model (only once)…"))
        _import_transformers()
        gguf_cache.convert(source.gguf_file, source.weights_dir, weights=weights)


def _four_bit_header(source: ModelSource) -> GGUFHeader | None:
    """The header of `source` if it is a GGUF that QuantizedLlama runs from its own 4-bit
    blocks (read once, for the check and the load), else None."""
    if source.gguf_file is None:
        return None
    try:
        header = read_gguf_header(source.gguf_file)
        reason = unsupported_reason(header)
    except ValueError as exc:
        reason = str(exc)
    if reason:
        log.info("%s loads dequantized: %s", source.gguf_file.name, reason)
        return None
    return header


_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".pt", ".pth")


def _tokenizer_for(folder: Path) -> Any:
    """The folder's tokenizer; the one read last, while its files are unchanged. Every load
    gets a new engine, and reading tokenizer.json holds the GIL, and so the window, for
    about 0.1 s: Model > Reload Model skips it."""
    folder = folder.resolve()
    files = (p for p in folder.iterdir() if p.suffix not in _WEIGHT_SUFFIXES)
    stats = ((p.name, p.stat()) for p in files if p.is_file())
    return _last_tokenizer(folder, tuple(sorted((n, s.st_size, s.st_mtime_ns) for n, s in stats)))


@functools.lru_cache(maxsize=1)
def _last_tokenizer(folder: Path, _files: tuple[tuple[str, int, int], ...]) -> Any:
    return _load_tokenizer(folder)


def _load_tokenizer(folder: Path) -> Any:
    """The model's tokenizer: read without transformers where it would read it unchanged.
    AutoTokenizer reads the model's config to choose a class, importing transformers'
    modelling code on the way; a tokenizer saved as the generic class loads directly."""
    plain = PlainTokenizer.load(folder)
    if plain is not None:
        return plain
    _import_transformers()
    try:
        saved = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = {}
    loader: Any
    if isinstance(saved, dict) and saved.get("tokenizer_class") in GENERIC_CLASSES:
        from transformers import PreTrainedTokenizerFast as loader
    else:
        from transformers import AutoTokenizer as loader
    return loader.from_pretrained(folder, local_files_only=True, trust_remote_code=False)


def _transformers_model(folder: Path, device: str, dtype: Any) -> Any:
    _import_transformers()
    from transformers import AutoModelForCausalLM

    model: Any = AutoModelForCausalLM.from_pretrained(
        folder,
        dtype=dtype,
        local_files_only=True,
        trust_remote_code=False,
        use_safetensors=True,
    )
    return model.to(device).eval()


def _eos_setting(folder: Path) -> Any:
    """eos_token_id as the model's generation settings state it (or its config)."""
    for name in ("generation_config.json", "config.json"):
        try:
            settings = json.loads((folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(settings, dict) and settings.get("eos_token_id") is not None:
            return settings["eos_token_id"]
    return None


def _stop_tokens(*values: Any) -> set[int]:
    found: set[int] = set()
    for value in values:
        if isinstance(value, int):
            found.add(value)
        elif value is not None:
            found.update(int(v) for v in value)
    return found


def _generation_error(exc: BaseException) -> GenerationError:
    if is_out_of_memory(exc):
        return GenerationError(
            translate(
                "Generation",
                "The computer ran out of memory while generating. "
                "Try a shorter output length or a smaller model.",
            )
        )
    message = translate("Generation", "Generation failed: {detail}")
    return GenerationError(message.format(detail=short_detail(exc)))
