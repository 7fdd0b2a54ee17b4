"""After the first `import torch` the libraries' objects are out of the cycle collector's
way, so the collection at every model unload does not freeze the window."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import gc
from desktop_app.generation.transformers_engine import _import_torch

assert gc.get_freeze_count() == 0
_import_torch()
frozen = gc.get_freeze_count()
assert frozen > 100_000, frozen  # torch and transformers, hundreds of thousands of objects
_import_torch()
assert gc.get_freeze_count() == frozen  # once: later objects stay collectable

class Node:
    pass

a, b = Node(), Node()
a.other, b.other = b, a  # a cycle made after, as a model's modules make
del a, b
assert gc.collect() >= 2
print("ok")
"""


def test_the_first_torch_import_freezes_what_lives_for_good():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
