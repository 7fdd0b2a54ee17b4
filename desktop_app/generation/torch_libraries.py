"""Maps torch's shared libraries before `import torch`, without holding the GIL.

CPython holds the GIL while its import machinery (and ctypes.CDLL) `dlopen`s a library, and
mapping torch's (libtorch's relocations and static constructors) takes about a third of a
second: the model thread's first `import torch` froze the window that long at every start.
Calls through a ctypes function pointer let the GIL go, so libc's own `dlopen` maps them
here and the import then finds them loaded. The order and flags are torch's
(`torch/__init__.py`): its global dependencies with RTLD_GLOBAL, then the extension module
as Python's import opens it. The handles are kept for good, as the import would keep them.
"""

from __future__ import annotations

import ctypes
import importlib.machinery
import importlib.util
import sys
from pathlib import Path


def map_ahead() -> None:
    """Best effort: a library that will not map is left to `import torch` to report."""
    if sys.platform not in ("linux", "darwin") or "torch" in sys.modules:
        return
    spec = importlib.util.find_spec("torch")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        return
    package = Path(spec.submodule_search_locations[0])
    suffix = ".dylib" if sys.platform == "darwin" else ".so"
    extension = next(
        (
            path
            for ext in importlib.machinery.EXTENSION_SUFFIXES
            if (path := package / f"_C{ext}").is_file()
        ),
        None,
    )
    dlopen = ctypes.CDLL(None).dlopen  # a foreign call: the GIL is released while it runs
    dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    dlopen.restype = ctypes.c_void_p
    global_deps = package / "lib" / f"libtorch_global_deps{suffix}"
    if dlopen(bytes(global_deps), ctypes.RTLD_GLOBAL | sys.getdlopenflags()) and extension:
        dlopen(bytes(extension), sys.getdlopenflags())
