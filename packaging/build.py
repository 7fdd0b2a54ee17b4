"""Builds the Inkwell bundle, checks the trim, smoke-tests the frozen app, then packages it.

    python packaging/build.py [--out DIR] [--skip-build] [--no-packages]

Needs the `package` extra (`pip install -e ".[package]"`). Output goes under --out (default
/tmp/inkwell-build): `dist/<name>/` is the bundle, `packages/` the installers, and
`build-report.json` the measured numbers. Exits non-zero when any step fails.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import inkwell_bundle as bundle

SMOKE_TIMEOUT_S = 900  # the first start converts the GGUF's tokenizer: about 15 s on a laptop


class BuildError(Exception):
    pass


def executable(bundle_dir: Path) -> Path:
    name = bundle.project().name
    if sys.platform == "darwin" and bundle_dir.suffix == ".app":
        return bundle_dir / "Contents" / "MacOS" / name
    return bundle_dir / (f"{name}.exe" if sys.platform == "win32" else name)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build_translations() -> None:
    """The .qm files are build output, not in git: compile them before the bundle lists them."""
    script = bundle.ROOT / "scripts" / "translations.py"
    subprocess.run([sys.executable, str(script), "build"], check=True, cwd=bundle.ROOT)


def check_translations(bundle_dir: Path) -> None:
    if not any(bundle_dir.rglob("inkwell_zh_CN.qm")):
        raise BuildError("the bundle has no translations (resources/i18n/*.qm)")


def run_pyinstaller(out: Path) -> float:
    started = time.monotonic()
    build_translations()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={out / 'dist'}",
            f"--workpath={out / 'work'}",
            str(bundle.PACKAGING / "inkwell.spec"),
        ],
        check=True,
        cwd=bundle.ROOT,
    )
    return time.monotonic() - started


def check_trim(bundle_dir: Path) -> list[str]:
    """Files the trim should have left out but that reached the bundle anyway."""
    return [
        str(path.relative_to(bundle_dir))
        for path in bundle_dir.rglob("*")
        if path.is_file() and bundle.is_trimmed(str(path.relative_to(bundle_dir)))
    ]


def precompile_sources(bundle_dir: Path) -> None:
    """Ships bytecode next to the packages collected as source, so that a start does not
    recompile them (an installed bundle is read-only, so it could not cache them itself)."""
    for package in bundle.SOURCE_PACKAGES:
        for folder in bundle_dir.rglob(package):
            if folder.is_dir() and (folder / "__init__.py").is_file():
                compileall.compile_dir(folder, quiet=1, workers=0)


def smoke_test(app: Path, home: Path | None = None) -> tuple[float, str]:
    """Runs `app --smoke-test` offscreen with no network; returns the seconds it took and its
    output. Raises BuildError when it fails.

    The data directory is a fresh scratch one, or with `home` the platform's default one under
    that home folder (HOME points there), as on a user's first start.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "XDG_DATA_HOME"))
    }
    env.update(QT_QPA_PLATFORM="offscreen", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    with tempfile.TemporaryDirectory(prefix="inkwell-smoke-") as scratch:
        if home is not None:
            env["HOME"] = str(home)
        started = time.monotonic()
        try:
            done = subprocess.run(
                [str(app), "--smoke-test", *([] if home else ["--data-dir", scratch])],
                capture_output=True,
                text=True,
                env=env,
                cwd=scratch,  # not the checkout: nothing may come from the source tree
                timeout=SMOKE_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise BuildError(f"smoke test of {app} timed out after {exc.timeout} s") from exc
        seconds = time.monotonic() - started
    output = done.stdout + done.stderr
    # A windowed Windows build has no stdout; there the exit status alone has to do.
    printed = "output:" in done.stdout or sys.platform == "win32"
    if done.returncode != 0 or not printed:
        raise BuildError(f"smoke test of {app} failed (exit {done.returncode}):\n{output}")
    return seconds, output


def make_packages(bundle_dir: Path, out: Path) -> dict[str, int]:
    """The installers this operating system can build; returns their sizes in bytes."""
    packages = out / "packages"
    packages.mkdir(parents=True, exist_ok=True)
    if sys.platform.startswith("linux"):
        import linux_packages

        made = [
            linux_packages.make_tarball(bundle_dir, packages),
            linux_packages.make_deb(bundle_dir, packages, out / "deb-root"),
        ]
    elif sys.platform == "darwin":
        made = [make_dmg(out / "dist" / f"{bundle.DISPLAY_NAME}.app", packages)]
    else:
        made = [make_windows_installer(bundle_dir, packages)]
    return {path.name: path.stat().st_size for path in made}


def make_dmg(app: Path, packages: Path) -> Path:
    project = bundle.project()
    dmg = packages / f"{bundle.DISPLAY_NAME}-{project.version}.dmg"
    with tempfile.TemporaryDirectory() as staging:
        subprocess.run(["cp", "-R", str(app), staging], check=True)
        os.symlink("/Applications", Path(staging) / "Applications")  # drag-to-install
        subprocess.run(
            [
                *("hdiutil", "create", "-volname", bundle.DISPLAY_NAME, "-srcfolder", staging),
                *("-ov", "-format", "UDZO", str(dmg)),
            ],
            check=True,
        )
    return dmg


def make_windows_installer(bundle_dir: Path, packages: Path) -> Path:
    project = bundle.project()
    subprocess.run(
        [
            "iscc",
            f"/DAppVersion={project.version}",
            f"/DAppExeName={executable(bundle_dir).name}",
            f"/DBundleDir={bundle_dir}",
            f"/O{packages}",
            str(bundle.PACKAGING / "windows" / "inkwell.iss"),
        ],
        check=True,
    )
    return packages / f"{bundle.DISPLAY_NAME}-{project.version}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir(), "inkwell-build"))
    parser.add_argument("--skip-build", action="store_true", help="reuse the bundle in --out")
    parser.add_argument("--no-packages", action="store_true", help="stop after the smoke test")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    bundle_dir = out / "dist" / bundle.project().name
    report: dict[str, object] = {}
    try:
        if not args.skip_build:
            report["build_s"] = round(run_pyinstaller(out), 1)
            precompile_sources(bundle_dir)
        check_translations(bundle_dir)
        leftovers = check_trim(bundle_dir)
        if leftovers:
            raise BuildError("the trim missed: " + ", ".join(leftovers[:20]))
        trimmed = json.loads((out / "work" / "inkwell" / "trim-report.json").read_text())
        size = folder_size(bundle_dir)
        report["bundle_bytes"] = size
        report["bundle_bytes_before_trim"] = size + sum(t["bytes"] for t in trimmed.values())
        print(f"bundle: {bundle_dir} ({size / 1e6:.0f} MB)", flush=True)
        seconds, output = smoke_test(executable(bundle_dir))
        report["smoke_test_first_start_s"] = round(seconds, 1)
        print(f"smoke test passed in {seconds:.1f} s:\n{output.strip()}", flush=True)
        if not args.no_packages:
            report["packages_bytes"] = make_packages(bundle_dir, out)
    except (BuildError, subprocess.CalledProcessError, OSError) as exc:
        print(f"build.py: {exc}", file=sys.stderr)
        return 1
    finally:
        out.mkdir(parents=True, exist_ok=True)
        (out / "build-report.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
