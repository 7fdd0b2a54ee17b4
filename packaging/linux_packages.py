"""The Linux packages made from the bundle: a .tar.gz to unpack anywhere and a .deb.

The .deb puts the bundle in /opt/<name>, a launcher in /usr/bin, and the desktop entry,
hicolor icons and AppStream metainfo under /usr/share. It installs nothing in any home folder,
so removing or purging it never touches a user's data directory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import inkwell_bundle as bundle

TEMPLATES = bundle.PACKAGING / "linux"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

# System libraries the bundle relies on: PyInstaller leaves the graphics stack (libGL, libEGL)
# and the C library to the system, and libxcb-icccm4 / libxcb-keysyms1 were missing from the
# build machine, so the xcb platform plugin finds them there (PyInstaller's "could not resolve"
# warnings). The rest are listed so the package stays correct if a build machine lacks them.
# The font: Qt renders with the system's fonts through fontconfig, so the
# package depends on a CJK font instead of shipping ~20 MB of one; Chinese text would otherwise
# show as boxes on a system without one. Any of the three covers simplified Chinese.
DEPENDS = (
    "libgl1",
    "libegl1",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libx11-xcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xkb1",
    "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei",
)


def _fill(template: str, **values: str) -> str:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text


def _libc_dependency() -> str:
    # The bundled Python and libraries may use any symbol of the build machine's glibc.
    version = os.confstr("CS_GNU_LIBC_VERSION") or "glibc 2.31"
    return f"libc6 (>= {version.split()[-1]})"


def _build_date() -> str:
    # SOURCE_DATE_EPOCH keeps a rebuild of the same sources byte-identical.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return when.date().isoformat()


def make_tarball(bundle_dir: Path, packages: Path) -> Path:
    project = bundle.project()
    target = packages / f"{project.name}-{project.version}-linux-x86_64.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle_dir, arcname=f"{project.name}-{project.version}")
    return target


def _write_icons(share: Path) -> None:
    from PIL import Image  # the `package` extra

    with Image.open(bundle.ICON_PNG) as source:
        for size in ICON_SIZES:
            folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
            folder.mkdir(parents=True)
            source.resize((size, size), Image.Resampling.LANCZOS).save(
                folder / f"{bundle.APP_ID}.png"
            )


def make_deb(bundle_dir: Path, packages: Path, staging: Path) -> Path:
    project = bundle.project()
    shutil.rmtree(staging, ignore_errors=True)
    install_dir = staging / "opt" / project.name
    shutil.copytree(bundle_dir, install_dir, symlinks=True)
    launcher = staging / "usr" / "bin" / project.name
    launcher.parent.mkdir(parents=True)
    launcher.symlink_to(f"/opt/{project.name}/{project.name}")
    share = staging / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{bundle.APP_ID}.desktop").write_text(
        _fill("inkwell.desktop", APP_ID=bundle.APP_ID), encoding="utf-8"
    )
    (share / "metainfo").mkdir(parents=True)
    (share / "metainfo" / f"{bundle.APP_ID}.metainfo.xml").write_text(
        _fill("metainfo.xml", APP_ID=bundle.APP_ID, VERSION=project.version, DATE=_build_date()),
        encoding="utf-8",
    )
    _write_icons(share)
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    installed_kb = sum(p.lstat().st_size for p in staging.rglob("*")) // 1024 + 1
    (staging / "DEBIAN").mkdir()
    (staging / "DEBIAN" / "control").write_text(
        _fill(
            "control",
            NAME=project.name,
            VERSION=project.version,
            ARCH=arch,
            INSTALLED_KB=str(installed_kb),
            DEPENDS=", ".join((_libc_dependency(), *DEPENDS)),
        ),
        encoding="utf-8",
    )
    target = packages / f"{project.name}_{project.version}_{arch}.deb"
    # gzip: xz had not finished after 15 minutes for 1.1 GB on two busy cores,
    # and every dpkg reads gzip (zstd needs dpkg 1.21.18 or newer).
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(staging), str(target)],
        check=True,
    )
    return target
