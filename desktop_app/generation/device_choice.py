"""Which device and precision a model loads with: the writer's choice, checked against what
this machine offers, or the best of it when the choice is "auto"."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.domain.devices import DeviceOption
from desktop_app.domain.generation import AUTO, LoadOptions
from desktop_app.domain.i18n import translate
from desktop_app.generation.engine import ModelLoadError


def choose_device(
    options: LoadOptions, devices: Sequence[DeviceOption], model: str
) -> tuple[DeviceOption, str]:
    """The device and dtype to load `model` with; raises ModelLoadError naming what is missing.

    `devices` is best first (GPUs, then Apple's, then the processor), as
    `system_resources.available_devices` lists them.
    """
    device = devices[0] if options.device == AUTO else _find(options.device, devices, model)
    if options.dtype == AUTO:
        return device, device.recommended_dtype
    if options.dtype not in device.dtypes:
        offered = ", ".join(device.dtypes)
        raise ModelLoadError(
            translate(
                "ModelLoad",
                "{device} cannot run models in {dtype}; it offers {offered}. "
                "Choose another precision in Model > Manage Models….",
            ).format(device=device.label, dtype=options.dtype, offered=offered),
            model,
        )
    return device, options.dtype


def _find(name: str, devices: Sequence[DeviceOption], model: str) -> DeviceOption:
    for device in devices:
        # "cuda" means the first GPU; "cuda:1" a particular one.
        if name in (device.name, device.name.partition(":")[0]):
            return device
    kinds = {
        "cuda": translate("ModelLoad", "NVIDIA GPU (CUDA)"),
        "mps": translate("ModelLoad", "Apple GPU (Metal)"),
    }
    kind = kinds.get(name.partition(":")[0], name)
    raise ModelLoadError(
        translate(
            "ModelLoad",
            "The model was set to run on the {device}, and this computer has none that works "
            "with Inkwell. Choose Automatic or the processor in Model > Manage Models….",
        ).format(device=kind),
        model,
    )
