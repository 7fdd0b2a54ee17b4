"""Installs the built .deb, smoke-tests the installed app, then removes and purges it.

    python packaging/check_deb.py [--out DIR]      (as root, on Debian/Ubuntu)

Checks that: the package installs with its dependencies; `inkwell --smoke-test` works from
/usr/bin with the default data directory (created in the platform's standard place, under a
scratch HOME); a CJK font is available to fontconfig; `dpkg -r` and `dpkg -P` leave no file
of the package behind; and the user's data directory is byte-for-byte untouched by both.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import inkwell_bundle as bundle
from build import BuildError, smoke_test


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its content."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def dpkg(*args: str) -> None:
    subprocess.run(
        ["dpkg", *args], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    )


def check(condition: bool, message: str) -> None:
    if not condition:
        raise BuildError(message)
    print(f"ok: {message}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir(), "inkwell-build"))
    args = parser.parse_args(argv)
    name = bundle.project().name
    debs = sorted((args.out / "packages").glob(f"{name}_*.deb"))
    if not debs:
        print(f"check_deb.py: no {name}_*.deb in {args.out / 'packages'}", file=sys.stderr)
        return 1
    home = Path(tempfile.mkdtemp(prefix="inkwell-home-"))
    try:
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", str(debs[-1])],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        app = Path("/usr/bin") / name
        check(app.exists(), f"{app} is installed")
        fonts = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
        ).stdout
        check(bool(fonts.strip()), f"a Chinese font is installed ({fonts.splitlines()[0]})")
        seconds, output = smoke_test(app, home=home)
        print(output.strip())
        data_dir = home / ".local" / "share" / "Inkwell"
        check((data_dir / "models").is_dir(), f"first start created {data_dir} and its model cache")
        check(seconds > 0, f"installed app passed --smoke-test in {seconds:.1f} s")
        (data_dir / "my-notes.txt").write_text("the user's own file", encoding="utf-8")
        before = snapshot(data_dir)
        dpkg("-r", name)
        check(not Path("/opt", name).exists(), f"dpkg -r removed /opt/{name} completely")
        check(snapshot(data_dir) == before, "dpkg -r left the data directory untouched")
        dpkg("-P", name)
        status = subprocess.run(["dpkg", "-s", name], capture_output=True, check=False)
        check(status.returncode != 0, "dpkg -P purged the package")
        check(not app.exists() and not app.is_symlink(), f"{app} is gone")
        check(snapshot(data_dir) == before, "dpkg -P left the data directory untouched")
    except (BuildError, subprocess.CalledProcessError, OSError) as exc:
        print(f"check_deb.py: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
