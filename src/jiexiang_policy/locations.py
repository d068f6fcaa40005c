"""Where a value came from: file, line, column and a path into the document."""

from __future__ import annotations

import attrs

__all__ = ["Location", "PathPart", "format_path"]

PathPart = str | int


def format_path(path: tuple[PathPart, ...]) -> str:
    """Render a document path as a JSON Pointer (RFC 6901), e.g. ``/streets/3/name``."""
    if not path:
        return ""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


@attrs.frozen(order=True)
class Location:
    """A place in an input file. ``line`` and ``column`` are 1-based; 0 means unknown."""

    file: str
    line: int = 0
    column: int = 0
    path: tuple[PathPart, ...] = attrs.field(default=(), order=False)

    @property
    def pointer(self) -> str:
        """The path as a JSON Pointer (empty string for the whole document)."""
        return format_path(self.path)

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        if self.path:
            where += f" [{self.pointer}]"
        return where
