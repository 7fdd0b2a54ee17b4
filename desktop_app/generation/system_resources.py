"""How much memory this machine has free, and which devices and precisions it offers.

`available_memory` and `cpu_threads` are cheap anywhere. `gpu_memory` and
`available_devices` import torch (seconds the first time) and may start the GPU driver:
call them on the model thread, or on the GUI thread only once `torch_imported()` is true.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from desktop_app.domain.devices import DeviceOption, GpuMemory
from desktop_app.domain.i18n import translate

FLOAT32, BFLOAT16, FLOAT16 = "float32", "bfloat16", "float16"
# CPU instruction sets that run bfloat16 natively (x86 AVX-512 BF16 or AMX, Arm BF16);
# without them torch emulates it, slower than float32.
_CPU_BF16_FEATURES = ("avx512_bf16", "amx_bf16", "bf16", "sve_bf16")


def available_memory() -> int:
    """Free RAM in bytes: what a model can take without the system paging."""
    import psutil

    return int(psutil.virtual_memory().available)


def cpu_threads() -> int:
    """Physical processor cores: more torch threads than these only compete; at least 1."""
    import psutil

    return psutil.cpu_count(logical=False) or psutil.cpu_count() or 1


def torch_imported() -> bool:
    return "torch" in sys.modules


def gpu_memory() -> list[GpuMemory]:
    """Free and total memory of each CUDA GPU. Apple GPUs share the RAM: see
    `available_memory`."""
    import torch

    if not torch.cuda.is_available():
        return []
    found = []
    for index in range(torch.cuda.device_count()):
        free, total = torch.cuda.mem_get_info(index)
        name = torch.cuda.get_device_name(index)
        found.append(GpuMemory(f"cuda:{index}", name, int(free), int(total)))
    return found


def available_devices() -> list[DeviceOption]:
    """Best first: CUDA GPUs, then the Apple GPU, then the processor (always present)."""
    import torch

    devices = [_cuda_option(torch, index) for index in range(_cuda_count(torch))]
    if torch.backends.mps.is_available():
        devices.append(
            DeviceOption(
                "mps",
                translate("ModelLoad", "Apple GPU (Metal)"),
                (FLOAT16, FLOAT32),
                recommended_dtype=FLOAT16,
            )
        )
    devices.append(_cpu_option(torch))
    return devices


def _cuda_count(torch: Any) -> int:
    return int(torch.cuda.device_count()) if torch.cuda.is_available() else 0


def _cuda_option(torch: Any, index: int) -> DeviceOption:
    properties = torch.cuda.get_device_properties(index)
    # bfloat16 runs natively from Ampere (compute capability 8) on; older cards get float16.
    native_bf16 = properties.major >= 8
    dtypes = (BFLOAT16, FLOAT16, FLOAT32) if native_bf16 else (FLOAT16, FLOAT32)
    return DeviceOption(
        name=f"cuda:{index}",
        label=f"{properties.name} (GPU {index})" if index else f"{properties.name} (GPU)",
        dtypes=dtypes,
        recommended_dtype=dtypes[0],
        total_memory_bytes=int(properties.total_memory),
    )


def cpu_runs_bfloat16(torch: Any) -> bool:
    """Whether this processor has bfloat16 arithmetic; without it torch emulates it."""
    capabilities = _cpu_capabilities(torch)
    return any(capabilities.get(feature) is True for feature in _CPU_BF16_FEATURES)


def _cpu_option(torch: Any) -> DeviceOption:
    native_bf16 = cpu_runs_bfloat16(torch)
    name = _cpu_capabilities(torch).get("cpu_name")
    # float32 stays the recommendation: half precision on a CPU is slower without native
    # support and, with it, still loses quality for a saving in memory the user can opt into.
    return DeviceOption(
        name="cpu",
        label=translate("ModelLoad", "Processor ({name})").format(name=name)
        if isinstance(name, str) and name
        else translate("ModelLoad", "Processor (CPU)"),
        dtypes=(FLOAT32, BFLOAT16, FLOAT16),
        recommended_dtype=FLOAT32,
        slow_dtypes=(FLOAT16,) if native_bf16 else (BFLOAT16, FLOAT16),
    )


def _cpu_capabilities(torch: Any) -> dict[str, object]:
    get = getattr(getattr(torch, "cpu", None), "get_capabilities", None)  # torch >= 2.6
    if get is None:
        return {}
    try:
        capabilities = get()
    except RuntimeError:
        return {}
    return dict(capabilities) if isinstance(capabilities, Mapping) else {}
