"""The model thread's first `import torch` (and transformers', where a model needs it) keeps
out of the window's way: torch's shared libraries are mapped with the GIL released, the
cycle collector does not run over the libraries' objects while they are made, and those
objects are frozen out of its way after, so the collection at every model unload does not
freeze the window either."""

from __future__ import annotations

import subprocess
import sys

import pytest

FROZEN = """
import gc
from desktop_app.generation.transformers_engine import _import_torch, _import_transformers

assert gc.get_freeze_count() == 0
passes = []
gc.callbacks.append(lambda phase, info: phase == "start" and passes.append(info["generation"]))
_import_torch()
assert gc.isenabled()
assert 2 not in passes, passes  # no full pass over the library while it was imported
frozen = gc.get_freeze_count()
assert frozen > 100_000, frozen  # torch alone: hundreds of thousands of objects
_import_torch()
assert gc.get_freeze_count() == frozen  # once: later objects stay collectable
_import_transformers()  # later, for the models the 4-bit path does not run: the same care
assert gc.isenabled() and 2 not in passes, passes
with_transformers = gc.get_freeze_count()
assert with_transformers > frozen + 10_000, (frozen, with_transformers)  # tens of thousands
_import_transformers()
assert gc.get_freeze_count() == with_transformers

class Node:
    pass

a, b = Node(), Node()
a.other, b.other = b, a  # a cycle made after, as a model's modules make
del a, b
assert gc.collect() >= 2
print("ok")
"""

MAPPED_AHEAD = """
import sys
from pathlib import Path
from desktop_app.generation import torch_libraries, transformers_engine

def mapped():
    return {Path(line.split()[-1]).name for line in open("/proc/self/maps") if "/" in line}

calls = []
map_ahead = torch_libraries.map_ahead

def watched():
    calls.append("torch" in sys.modules)
    map_ahead()
    assert "torch" not in sys.modules
    assert {"libtorch_cpu.so", "libtorch_python.so"} <= mapped()
    assert any(name.startswith("_C.") for name in mapped())

torch_libraries.map_ahead = watched
assert "libtorch_cpu.so" not in mapped()
torch = transformers_engine._import_torch()
assert calls == [False], calls  # once, before torch was imported
assert torch.ones(2).sum().item() == 2  # the import used what was mapped
print("ok")
"""


def run(probe: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_the_first_torch_import_freezes_what_lives_for_good():
    run(FROZEN)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/maps")
def test_torch_libraries_are_mapped_before_the_import():
    run(MAPPED_AHEAD)
