"""Writing a result to a file all at once, or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError
from .locations import Location

__all__ = ["write_atomically"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: str | Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8, or bytes as they are) to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and a failure leaves whatever was
    at ``path`` before untouched.
    """
    target = Path(path)
    if target.is_dir():
        raise InputError.at(Location(str(path)), "output path is a directory")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError.at(
            Location(str(path)), f"cannot write: the folder {folder} does not exist"
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError.at(Location(str(path)), f"cannot write: {exc.strerror or exc}") from None
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as raw:
                raw.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        # mkstemp makes the file private; give it the mode a plain open() would have.
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
