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
    sources: Callable[[Path, Path], Iterator[tuple[str, Path]]]
    """Every file the object depends on (data and code), named and in a fixed order, given
    the policy folder and the package folder they are read from."""
    build: Callable[[], object]
    """Read the sources: what the loaders return when there is no matching file."""
    finish: Callable[[object], None] | None = None
    """What to set on the unpickled object that only this installation knows."""


def _files_under(folder: Path) -> Iterator[tuple[str, Path]]:
    # Named relative to the folder: a checkout's policies/ and a wheel's are the same files.
    found = (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return iter(sorted((p.relative_to(folder).as_posix(), p) for p in found))


def _modules(package: Path, *names: str) -> Iterator[tuple[str, Path]]:
    return ((f"module {name}", package / name) for name in names)


def _policy_sources(policies: Path, package: Path) -> Iterator[tuple[str, Path]]:
    yield from _files_under(policies)
    # The modules whose code shapes the plan and corpus objects: their classes, the
    # loaders, and the first pass and converter that build them.
    yield from _modules(
        package,
        "plan.py",
        "plan_loader.py",
        "corpus.py",
        "corpus_loader.py",
        "reader.py",
        "converter.py",
        "fieldcheck.py",
        "documents.py",
        "findings.py",
        "locations.py",
    )


def _build_policy() -> object:
    from .corpus_loader import read_shipped_corpus

    corpus = read_shipped_corpus()
    return corpus.plan, corpus  # pickled together, so the corpus's plan is the same object


def _finish_policy(value: object) -> None:
    from .plan_loader import default_policy_dir

    plan = value[0]  # type: ignore[index]
    # The pickle holds the folder of the checkout it was built in; errors should name this
    # installation's (origin is eq=False: equality does not change).
    object.__setattr__(plan, "origin", str(default_policy_dir()))


def _division_sources(_policies: Path, package: Path) -> Iterator[tuple[str, Path]]:
    yield from _files_under(package / "divisions" / "data")
    yield from _modules(package, "divisions/model.py", "divisions/loading.py")


def _build_divisions() -> object:
    from .divisions.loading import read_shipped_registry

    return read_shipped_registry()


ARTIFACTS: dict[str, Artifact] = {
    a.name: a
    for a in (
        Artifact("policy", _policy_sources, _build_policy, _finish_policy),
        Artifact("divisions", _division_sources, _build_divisions),
    )
}
"""Every pre-read object, by name: the one place they are registered."""


def digest(artifact: Artifact, policies: Path, package: Path) -> bytes:
    """The hex SHA-256 of the format and of every source's name (relative) and bytes."""
    h = hashlib.sha256(FORMAT)
    for label, path in artifact.sources(policies, package):
        data = path.read_bytes()
        h.update(f"{label}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest().encode()


def _installed_policies() -> Path:
    from .corpus_loader import default_corpus_dir

    return default_corpus_dir()


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
    try:
        raw = (FOLDER / f"{name}.pickle").read_bytes()
        header = FORMAT + digest(artifact, _installed_policies(), _PACKAGE) + b"\n"
        if not raw.startswith(header):
            return None
        value: object = pickle.loads(raw[len(header) :])  # the package's own file, see above
    except Exception:  # no file, an install without sources, a damaged file: read the sources
        return None
    if artifact.finish is not None:
        artifact.finish(value)
    return value


def _checkout(root: Path) -> tuple[Path, Path]:
    """A checkout's policy folder and package folder: its own files, not the imported ones."""
    return root / "policies", (root / CHECKOUT_FOLDER).parent


def stale(root: Path) -> list[str]:
    """The files under ``root`` (a checkout of this project) that are missing or out of date.

    Judged by ``root``'s own policy files and modules, whichever copy of the package runs.
    """
    out = []
    for name, artifact in ARTIFACTS.items():
        path = root / CHECKOUT_FOLDER / f"{name}.pickle"
        try:
            current = digest(artifact, *_checkout(root))
        except OSError:
            current = None  # a source is missing: nothing can be current
        if current is None or _stored_digest(path) != current:
            out.append(str(path.relative_to(root)))
    return out


def write(root: Path) -> list[str]:
    """Rebuild the out-of-date files under ``root``; return the paths written.

    Only the checkout's own code may build them (an editable install, or ``src`` on the
    path): another installed copy would pickle its own policy under this one's digest.
    Up-to-date files are left as they are: pickles of equal objects need not be equal
    bytes, and rewriting them would change the checkout for nothing.
    """
    from .errors import InputError
    from .locations import Location
    from .output import write_atomically

    todo = stale(root)
    package = _checkout(root)[1]
    if todo and (not package.is_dir() or not package.samefile(_PACKAGE)):
        raise InputError.at(
            Location(str(root / CHECKOUT_FOLDER)),
            f"jiexiang_policy is imported from {_PACKAGE}, not from this checkout; run "
            "`pip install -e .` here (or set PYTHONPATH=src) to write the pre-read policy",
        )
    written = []
    for relative in todo:
        path = root / relative
        artifact = ARTIFACTS[path.name.removesuffix(".pickle")]
        body = pickle.dumps(artifact.build(), protocol=PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, FORMAT + digest(artifact, *_checkout(root)) + b"\n" + body)
        written.append(relative)
    return written
