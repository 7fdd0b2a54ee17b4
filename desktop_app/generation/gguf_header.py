"""Read a GGUF file's header (metadata and tensor list) without its tensor data.

`gguf.GGUFReader` builds a numpy view for every element of every metadata array, which takes
about 4.5 s for the embedded model's 49k-token vocabulary alone; walking the header with
`struct` and skipping arrays takes a few milliseconds. The `gguf` package is still the
reference for type sizes and names, imported inside the function that needs it.
"""

from __future__ import annotations

import math
import mmap
import struct
from dataclasses import dataclass
from pathlib import Path

# GGUF metadata value types (gguf.GGUFValueType) and their struct formats.
_SCALARS = {
    0: "B",
    1: "b",
    2: "H",
    3: "h",
    4: "I",
    5: "i",
    6: "f",
    7: "?",
    10: "Q",
    11: "q",
    12: "d",
}
_STRING, _ARRAY = 8, 9
_DEFAULT_ALIGNMENT = 32


@dataclass(frozen=True, slots=True)
class GGUFTensorInfo:
    name: str
    shape: tuple[int, ...]
    type_id: int  # a gguf.GGMLQuantizationType value
    offset: int  # from the start of the data section


@dataclass(frozen=True, slots=True)
class GGUFHeader:
    metadata: dict[str, object]  # scalars and strings; arrays are skipped
    tensors: tuple[GGUFTensorInfo, ...]
    data_start: int  # where the tensor data begins in the file

    @property
    def parameter_count(self) -> int:
        return sum(math.prod(t.shape) for t in self.tensors)

    def data_end(self) -> int:
        """Where the last tensor's data ends: a shorter file is truncated."""
        from gguf import GGML_QUANT_SIZES, GGMLQuantizationType

        end = self.data_start
        for tensor in self.tensors:
            block, size = GGML_QUANT_SIZES[GGMLQuantizationType(tensor.type_id)]
            end = max(
                end, self.data_start + tensor.offset + math.prod(tensor.shape) // block * size
            )
        return end

    def quantization(self) -> str | None:
        """The file type llama.cpp wrote, e.g. "Q4_1" or "F32"."""
        from gguf import LlamaFileType

        file_type = self.metadata.get("general.file_type")
        if not isinstance(file_type, int):
            return None
        try:
            name = LlamaFileType(file_type).name
        except ValueError:
            return None
        return name.removeprefix("MOSTLY_").removeprefix("ALL_")


def read_gguf_header(path: Path) -> GGUFHeader:
    """The header of the GGUF file `path` (magic already checked by the caller).

    ValueError if the header is cut short or does not make sense.
    """
    with path.open("rb") as handle:
        try:
            view = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError as exc:  # an empty file cannot be mapped
            raise ValueError("the file is empty") from exc
    with view:
        try:
            return _parse(view)
        except (struct.error, IndexError, UnicodeDecodeError) as exc:
            raise ValueError("the file ends inside its header") from exc


class _Cursor:
    def __init__(self, view: mmap.mmap) -> None:
        self.view = view
        self.at = 0

    def unpack(self, fmt: str) -> object:
        (value,) = struct.unpack_from("<" + fmt, self.view, self.at)
        self.at += struct.calcsize(fmt)
        return value

    def integer(self, fmt: str) -> int:
        value = self.unpack(fmt)
        assert isinstance(value, int)
        return value

    def string(self) -> str:
        length = self.integer("Q")
        if self.at + length > len(self.view):
            raise IndexError("string past the end")
        text = self.view[self.at : self.at + length].decode("utf-8")
        self.at += length
        return text

    def skip_array(self) -> None:
        item_type, count = self.integer("I"), self.integer("Q")
        if item_type in _SCALARS:
            self.at += count * struct.calcsize(_SCALARS[item_type])
        elif item_type == _STRING:
            for _ in range(count):
                length = self.integer("Q")  # read first: `at +=` would add to the old `at`
                self.at += length
        elif item_type == _ARRAY:
            for _ in range(count):
                self.skip_array()
        else:
            raise ValueError(f"unknown metadata type {item_type}")
        if self.at > len(self.view):
            raise IndexError("array past the end")


def _parse(view: mmap.mmap) -> GGUFHeader:
    cursor = _Cursor(view)
    cursor.at = 4  # b"GGUF"
    version = cursor.integer("I")
    if version < 2:
        raise ValueError(f"GGUF version {version} is too old; convert the model again")
    tensor_count, field_count = cursor.integer("Q"), cursor.integer("Q")
    metadata: dict[str, object] = {}
    for _ in range(field_count):
        key, value_type = cursor.string(), cursor.integer("I")
        if value_type in _SCALARS:
            metadata[key] = cursor.unpack(_SCALARS[value_type])
        elif value_type == _STRING:
            metadata[key] = cursor.string()
        elif value_type == _ARRAY:
            cursor.skip_array()
        else:
            raise ValueError(f"unknown metadata type {value_type} for {key}")
    tensors = []
    for _ in range(tensor_count):
        name = cursor.string()
        dims = cursor.integer("I")
        shape = tuple(cursor.integer("Q") for _ in range(dims))
        tensors.append(GGUFTensorInfo(name, shape, cursor.integer("I"), cursor.integer("Q")))
    alignment = metadata.get("general.alignment", _DEFAULT_ALIGNMENT)
    if not isinstance(alignment, int) or alignment <= 0:
        raise ValueError(f"invalid alignment {alignment}")
    data_start = -(-cursor.at // alignment) * alignment
    return GGUFHeader(metadata, tuple(tensors), data_start)
