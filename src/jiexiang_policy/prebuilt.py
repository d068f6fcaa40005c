"""The shipped policy and division registry, read once ahead of time and shipped pre-read.

Reading the shipped plan and corpus from YAML and structuring them took about 80 ms of
every command's start, and the division registry's four CSV files about 15 ms more: most
of ``jiexiang check`` on a small setup. ``jiexiang catalog --write`` stores each here as a
pickle headed by a digest of what it was built from: the policy or division files, and
the modules that define and read them. At run time the digest is computed again (about
1 ms); only a matching file is unpickled. A source checkout with edited policies or code
reads them as before: the same objects, only slower. ``catalog --check`` fails when a
digest is out of date, and a test compares each file's objects with a fresh read.

The pickles are package data, written by this project's own build step: unpickling them
is no more trusted than importing the package's modules.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs

__all__ = ["ARTIFACTS", "CHECKOUT_FOLDER", "FOLDER", "Artifact", "digest", "load", "stale", "write"]

FORMAT = b"jiexiang-prebuilt 1\n"
"""Changes when the header or the pickling changes, so older files no longer match."""

PROTOCOL = 5
"""Pickle protocol (Python 3.8 and later read it)."""

FOLDER = Path(__file__).parent / "_prebuilt"
"""Where the package keeps the files (``<name>.pickle``)."""

CHECKOUT_FOLDER = Path("src") / "jiexiang_policy" / "_prebuilt"
"""The same folder in a checkout of this project, relative to its root."""

_PACKAGE = Path(__file__).parent


@attrs.frozen
class Artifact:
    """One pre-read object: what it is built from, and how it is built from that."""

    name: str
    sources: Callable[[], Iterator[tuple[str, Path]]]
    """Every file the object depends on (data and code), named and in a fixed order."""
    build: Callable[[], object]
    """Read the sources: what the loaders return when there is no matching file."""


def _files_under(folder: Path) -> Iterator[tuple[str, Path]]:
    # Named relative to the folder: a checkout's policies/ and a wheel's are the same files.
    found = (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return iter(sorted((p.relative_to(folder).as_posix(), p) for p in found))


def _modules(*names: str) -> Iterator[tuple[str, Path]]:
    return ((f"module {name}", _PACKAGE / name) for name in names)


def _policy_sources() -> Iterator[tuple[str, Path]]:
    from .corpus_loader import default_corpus_dir

    yield from _files_under(default_corpus_dir())
    yield from _modules(
        "plan.py",
        "plan_loader.py",
        "corpus.py",
        "corpus_loader.py",
        "converter.py",
        "documents.py",
        "findings.py",
        "locations.py",
    )


def _build_policy() -> object:
    from .corpus_loader import read_shipped_corpus

    corpus = read_shipped_corpus()
    return corpus.plan, corpus  # pickled together, so the corpus's plan is the same object


def _division_sources() -> Iterator[tuple[str, Path]]:
    yield from _files_under(_PACKAGE / "divisions" / "data")
    yield from _modules("divisions/model.py", "divisions/loading.py")


def _build_divisions() -> object:
    from .divisions.loading import read_shipped_registry

    return read_shipped_registry()


ARTIFACTS: dict[str, Artifact] = {
    a.name: a
    for a in (
        Artifact("policy", _policy_sources, _build_policy),
        Artifact("divisions", _division_sources, _build_divisions),
    )
}
"""Every pre-read object, by name: the one place they are registered."""


def digest(artifact: Artifact) -> bytes:
    """The hex SHA-256 of the format and of every source's name (relative) and bytes."""
    h = hashlib.sha256(FORMAT)
    for label, path in artifact.sources():
        data = path.read_bytes()
        h.update(f"{label}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest().encode()


def _stored_digest(path: Path) -> bytes | None:
    try:
        with path.open("rb") as f:
            head = f.read(len(FORMAT) + 65)
    except OSError:
        return None
    if not head.startswith(FORMAT):
        return None
    return head[len(FORMAT) : len(FORMAT) + 64]


@functools.cache
def load(name: str) -> object | None:
    """The shipped object ``name``, or ``None`` when no file matches its sources."""
    artifact = ARTIFACTS[name]
    path = FOLDER / f"{name}.pickle"
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    header = FORMAT + digest(artifact) + b"\n"
    if not raw.startswith(header):
        return None
    value: object = pickle.loads(raw[len(header) :])  # the package's own file, see above
    return value


def stale(root: Path) -> list[str]:
    """The files under ``root`` (a checkout of this project) that are missing or out of date."""
    out = []
    for name, artifact in ARTIFACTS.items():
        path = root / CHECKOUT_FOLDER / f"{name}.pickle"
        if _stored_digest(path) != digest(artifact):
            out.append(str(path.relative_to(root)))
    return out


def write(root: Path) -> list[str]:
    """Rebuild the out-of-date files under ``root``; return the paths written.

    Up-to-date files are left as they are: pickles of equal objects need not be equal
    bytes, and rewriting them would change the checkout for nothing.
    """
    from .output import write_atomically

    written = []
    for relative in stale(root):
        path = root / relative
        artifact = ARTIFACTS[path.name.removesuffix(".pickle")]
        body = pickle.dumps(artifact.build(), protocol=PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, FORMAT + digest(artifact) + b"\n" + body)
        written.append(relative)
    return written
