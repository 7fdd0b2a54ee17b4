"""Tiny random models built on the fly, for unit and Qt tests (no network, no real model).

Importable as `model_factory` from any test: tests/conftest.py puts this folder on sys.path.
Each builder writes into the folder it is given and returns the model's path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SPECIAL_TOKENS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")
CORPUS = (
    "Once upon a time there was a little model that wrote stories about the sea.",
    "The quick brown fox jumps over the lazy dog.",
    "Write a poem about autumn leaves and the rain on the window.",
)
CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
LICENCE = "apache-2.0"
# Shapes of the tiny Llama, shared by the folder and the GGUF so both count the same.
LLAMA_SHAPE = {
    "hidden_size": 32,
    "intermediate_size": 64,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "max_position_embeddings": 128,
}


def byte_tokenizer() -> Any:
    """A tiny byte-level BPE tokenizer (GPT-2 style): text outside its corpus, such as CJK
    or emoji, falls apart into single-byte tokens, like rare text does in real models."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=400,
        special_tokens=list(SPECIAL_TOKENS),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(CORPUS * 10, trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        unk_token="<|endoftext|>",
        pad_token="<|endoftext|>",
    )


def _token_ids(tokenizer: Any) -> dict[str, int]:
    return {
        "vocab_size": len(tokenizer),
        "bos_token_id": tokenizer.bos_token_id,
        "eos_token_id": tokenizer.eos_token_id,
        "pad_token_id": tokenizer.pad_token_id,
    }


def _save(model: Any, tokenizer: Any, folder: Path) -> Path:
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def llama_config(tokenizer: Any) -> Any:
    from transformers import LlamaConfig

    return LlamaConfig(**LLAMA_SHAPE, tie_word_embeddings=False, **_token_ids(tokenizer))


def llama_folder(folder: Path, tokenizer: Any) -> Path:
    """A Llama with a chat template and a model card stating its licence."""
    import copy

    import torch
    from transformers import LlamaForCausalLM

    torch.manual_seed(0)
    chat_tokenizer = copy.deepcopy(tokenizer)
    chat_tokenizer.chat_template = CHAT_TEMPLATE
    _save(LlamaForCausalLM(llama_config(tokenizer)), chat_tokenizer, folder)
    (folder / "README.md").write_text(
        f"---\nlicense: {LICENCE}\nlibrary_name: transformers\ntags:\n- tiny\n---\n# Tiny\n",
        encoding="utf-8",
    )
    return folder


def gpt2_folder(folder: Path, tokenizer: Any, n_positions: int = 32) -> Path:
    """A GPT-2 without a chat template (a base model)."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    torch.manual_seed(1)
    config = GPT2Config(
        n_positions=n_positions, n_embd=32, n_layer=2, n_head=4, **_token_ids(tokenizer)
    )
    return _save(GPT2LMHeadModel(config), tokenizer, folder)


def bert_folder(folder: Path, tokenizer: Any) -> Path:
    """A masked-language BERT: a valid model folder that does not generate text."""
    import torch
    from transformers import BertConfig, BertForMaskedLM

    torch.manual_seed(2)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    return _save(BertForMaskedLM(config), tokenizer, folder)


def pickle_only_folder(folder: Path, tokenizer: Any) -> Path:
    """A GPT-2 whose weights are only a PyTorch pickle (pytorch_model.bin)."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(n_positions=16, n_embd=16, n_layer=1, n_head=2, **_token_ids(tokenizer))
    model = GPT2LMHeadModel(config)
    folder.mkdir(parents=True, exist_ok=True)
    config.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    torch.save(model.state_dict(), folder / "pytorch_model.bin")
    return folder


def truncate(file: Path, keep: int) -> Path:
    """Cuts `file` to its first `keep` bytes, as an interrupted copy or download would."""
    data = file.read_bytes()
    file.write_bytes(data[:keep])
    return file


def llama_gguf(path: Path, tokenizer: Any, linears: str = "F32", embeddings: str = "F32") -> Path:
    """The tiny Llama as a GGUF that transformers can load (`gguf_file=`): F32, or with its
    linear layers and embeddings (token_embd, output) quantized to `linears`/`embeddings`
    (GGMLQuantizationType names such as "Q4_1", "Q8_0").

    Tensor names and metadata follow llama.cpp's convert_hf_to_gguf; the q/k permutation
    llama.cpp applies is left out, which only matters for matching outputs, not loading.
    """
    import gguf
    import numpy as np
    import torch
    from transformers import LlamaForCausalLM

    config = llama_config(tokenizer)
    torch.manual_seed(3)
    state = LlamaForCausalLM(config).state_dict()
    writer = gguf.GGUFWriter(path, "llama")
    writer.add_name("Tiny Llama")
    writer.add_license(LICENCE)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_context_length(config.max_position_embeddings)
    writer.add_embedding_length(config.hidden_size)
    writer.add_block_count(config.num_hidden_layers)
    writer.add_feed_forward_length(config.intermediate_size)
    writer.add_head_count(config.num_attention_heads)
    writer.add_head_count_kv(config.num_key_value_heads)
    writer.add_rope_dimension_count(config.hidden_size // config.num_attention_heads)
    writer.add_layer_norm_rms_eps(config.rms_norm_eps)
    writer.add_vocab_size(config.vocab_size)
    _add_tokenizer(writer, tokenizer)
    for name, tensor in state.items():
        array = tensor.to(torch.float32).numpy().astype(np.float32)
        kind = gguf.GGMLQuantizationType[
            embeddings
            if "embed" in name or "head" in name
            else (linears if array.ndim == 2 else "F32")
        ]
        if kind == gguf.GGMLQuantizationType.F32:
            writer.add_tensor(_gguf_name(name), array)
        else:
            writer.add_tensor(_gguf_name(name), gguf.quants.quantize(array, kind), raw_dtype=kind)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


_GGUF_LAYER_NAMES = {
    "input_layernorm": "attn_norm",
    "self_attn.q_proj": "attn_q",
    "self_attn.k_proj": "attn_k",
    "self_attn.v_proj": "attn_v",
    "self_attn.o_proj": "attn_output",
    "post_attention_layernorm": "ffn_norm",
    "mlp.gate_proj": "ffn_gate",
    "mlp.up_proj": "ffn_up",
    "mlp.down_proj": "ffn_down",
}
_GGUF_TOP_NAMES = {
    "model.embed_tokens.weight": "token_embd.weight",
    "model.norm.weight": "output_norm.weight",
    "lm_head.weight": "output.weight",
}


def _gguf_name(name: str) -> str:
    if name in _GGUF_TOP_NAMES:
        return _GGUF_TOP_NAMES[name]
    _, _, index, rest = name.split(".", 3)  # model.layers.N.<module>.weight
    module = rest.removesuffix(".weight")
    return f"blk.{index}.{_GGUF_LAYER_NAMES[module]}.weight"


def _add_tokenizer(writer: Any, tokenizer: Any) -> None:
    import gguf

    model = json.loads(tokenizer.backend_tokenizer.to_str())["model"]
    vocab = sorted(model["vocab"].items(), key=lambda item: item[1])
    special = set(tokenizer.all_special_tokens)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("default")
    writer.add_token_list([token for token, _ in vocab])
    writer.add_token_types(
        [gguf.TokenType.CONTROL if t in special else gguf.TokenType.NORMAL for t, _ in vocab]
    )
    merges = model["merges"]
    writer.add_token_merges([m if isinstance(m, str) else " ".join(m) for m in merges])
    writer.add_bos_token_id(tokenizer.bos_token_id)
    writer.add_eos_token_id(tokenizer.eos_token_id)
    writer.add_pad_token_id(tokenizer.pad_token_id)
    writer.add_chat_template(CHAT_TEMPLATE)


def trainable_llama_folder(folder: Path, tokenizer: Any) -> Path:
    """A tiny Llama with large random weights: its output head is strong enough that a few
    LoRA steps on a repeated sentence show a clear fall in loss (the usual 0.02 initial
    scale leaves every prediction near uniform, whatever the layers below learn)."""
    import torch
    from transformers import LlamaForCausalLM

    config = llama_config(tokenizer)
    config.initializer_range = 0.3
    torch.manual_seed(0)
    return _save(LlamaForCausalLM(config), tokenizer, folder)
