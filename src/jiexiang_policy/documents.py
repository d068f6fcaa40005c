"""Reading YAML and JSON files into plain data that remembers where each value came from.

Both formats are read defensively, because the files are written by hand and
checked in CI: duplicate keys, NaN, exponential alias expansion, deep nesting,
huge files, wrong encodings and empty files are refused with a message that
names the file and the line, never with a traceback.

Numbers with a fraction part are read as :class:`decimal.Decimal` so that a
weight such as ``0.34`` keeps its exact written value.

Line numbers are found lazily, on the first :meth:`Document.locate` call, by a
second pass over the text: a setup with no findings never pays for them.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import json
import re
import stat
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .errors import InputError
from .locations import Location, PathPart

if TYPE_CHECKING:  # imported where YAML is read: a JSON setup's import need not pay for it
    import yaml

__all__ = ["Document", "Limits", "load_document", "parse_document", "paused_gc"]

_Position = tuple[int, int]


@attrs.frozen
class Limits:
    """Bounds that keep a hostile or mistaken file from exhausting the machine."""

    max_bytes: int = 256 * 1024 * 1024
    max_depth: int = 64
    max_alias_nodes: int = 1_000_000


@attrs.define
class Document:
    """The plain data of one file and a way back to its lines."""

    name: str
    data: Any
    text: str = attrs.field(repr=False)
    is_json: bool = False
    _index: dict[tuple[PathPart, ...], _Position] | None = attrs.field(
        default=None, init=False, repr=False
    )
    _key_index: dict[tuple[PathPart, ...], _Position] | None = attrs.field(
        default=None, init=False, repr=False
    )

    def locate(self, path: tuple[PathPart, ...] = (), *, key: bool = False) -> Location:
        """The location of the value at ``path`` (of its key, with ``key=True``).

        A path that does not exist (a missing field) is located at its deepest
        existing parent, so a message always points somewhere useful.
        """
        if self._index is None:
            self._index, self._key_index = _build_index(self.text)
        assert self._key_index is not None
        if key and path in self._key_index:
            line, col = self._key_index[path]
            return Location(self.name, line, col, path)
        probe = path
        while probe not in self._index and probe:
            probe = probe[:-1]
        line, col = self._index.get(probe, (0, 0))
        return Location(self.name, line, col, path)


# --- entry points -----------------------------------------------------------


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large acyclic tree.

    Each collection walks every live object, so collecting while a city-scale
    file is read makes reading it superlinear; the data has no cycles to find.
    The collector is left as it was found, also when reading fails.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_document(
    path: str | Path,
    *,
    encoding: str | None = None,
    limits: Limits | None = None,
    utf8_only: bool = False,
) -> Document:
    """Read and parse one YAML or JSON file (JSON when the name ends in ``.json``).

    ``utf8_only`` is for formats that are always UTF-8 (waiver files): a file in
    another encoding is told to be saved as UTF-8, not to pass ``--encoding``.
    """
    limits = limits or Limits()
    p = Path(path)
    name = str(path)
    where = Location(name)
    if not p.exists():
        raise InputError.at(where, "no such file")
    if p.is_dir():
        raise InputError.at(where, "is a directory; give a YAML or JSON file")
    try:
        st = p.stat()
        if st.st_size > limits.max_bytes:
            raise InputError.at(
                where,
                f"file is {st.st_size:,} bytes, more than the limit of {limits.max_bytes:,}",
            )
        raw = p.read_bytes() if stat.S_ISREG(st.st_mode) else _read_bounded(p, limits.max_bytes)
        if len(raw) > limits.max_bytes:  # a file that grew since stat
            raise InputError.at(where, f"is more than the limit of {limits.max_bytes:,} bytes")
    except OSError as exc:
        raise InputError.at(where, f"cannot be read: {exc.strerror or exc}") from None
    text = _decode(raw, name, encoding, utf8_only)
    del raw  # tens of MB at city scale, and only the text is needed from here
    return _parse_text(text, name, p.suffix.lower() == ".json", limits)


def _read_bounded(path: Path, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes of a pipe or device, which has no size to check first."""
    chunks: list[bytes] = []
    left = limit + 1
    with path.open("rb") as f:
        # read(left) alone would allocate the whole limit up front, however short the input.
        while left > 0 and (chunk := f.read(min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    return b"".join(chunks)


def parse_document(
    content: str | bytes,
    *,
    name: str = "<text>",
    encoding: str | None = None,
    is_json: bool = False,
    limits: Limits | None = None,
    utf8_only: bool = False,
) -> Document:
    """Parse YAML (or JSON) given as text or bytes.

    ``utf8_only``: see :func:`load_document`.
    """
    limits = limits or Limits()
    if isinstance(content, bytes):
        if len(content) > limits.max_bytes:
            raise InputError.at(
                Location(name), f"input is more than the limit of {limits.max_bytes:,} bytes"
            )
        text = _decode(content, name, encoding, utf8_only)
    else:
        text = content.removeprefix("\ufeff")
    return _parse_text(text, name, is_json, limits)


def _parse_text(text: str, name: str, is_json: bool, limits: Limits) -> Document:
    if not text or text.isspace():  # isspace stops at the first other character; strip copies
        raise InputError.at(Location(name), "file is empty; expected a YAML or JSON mapping")
    if is_json:
        try:
            data = _parse_json(text, name)
        except InputError:
            _refuse_nul(text, name)  # the likelier cause: say so (JSON has no NUL to parse)
            raise
    else:
        _refuse_nul(text, name)
        data = _parse_yaml(text, name, limits)
    return Document(name=name, data=data, text=text, is_json=is_json)


def _refuse_nul(text: str, name: str) -> None:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError.at(Location(name, line), "contains a NUL byte; is this a binary file?")


# --- decoding ---------------------------------------------------------------


def _decode(raw: bytes, name: str, encoding: str | None, utf8_only: bool = False) -> str:
    try:
        codec = codecs.lookup(encoding or "utf-8").name
    except LookupError:
        raise InputError.at(Location(name), f"unknown encoding {encoding!r}") from None
    if codec in ("utf-8", "utf-8-sig"):
        raw = raw.removeprefix(codecs.BOM_UTF8)
        codec = "utf-8"
    enc = "utf-8" if codec == "utf-8" else encoding or codec
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError.at(
            Location(name, line),
            f"is not valid {enc} (byte 0x{raw[exc.start]:02x} at offset {exc.start}). "
            + _encoding_hint(raw, enc, utf8_only),
        ) from None
    if enc != "utf-8" and not raw.isascii() and _is_utf8(raw):
        # Chinese text in another encoding is almost never valid UTF-8 as well: this file
        # is UTF-8, and read as `enc` it would be garbled names and wrong findings.
        raise InputError.at(
            Location(name), f"is valid UTF-8, not {enc}: leave out --encoding (or its setting)"
        )
    return text


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _encoding_hint(raw: bytes, tried: str, utf8_only: bool) -> str:
    """What to do about a file that did not decode as ``tried``."""
    if tried != "utf-8":
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return "Pass --encoding with the file's encoding, or save it as UTF-8."
        return "It is valid UTF-8: leave out --encoding."
    try:
        raw.decode("gb18030")
        looks = "It looks like GBK/GB18030: save it as UTF-8"
        return looks + (
            "; this kind of file is always UTF-8." if utf8_only else ", or pass --encoding gbk."
        )
    except UnicodeDecodeError:
        if utf8_only:
            return "Save it as UTF-8; this kind of file is always UTF-8."
        return "Save it as UTF-8, or pass --encoding with its encoding."


# --- JSON -------------------------------------------------------------------

_NUMBER_AT = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def _parse_json(text: str, name: str) -> Any:
    keys = 0

    def count_keys(obj: dict[str, Any]) -> Any:
        nonlocal keys
        keys += len(obj)
        return obj

    def constant(token: str) -> Any:
        raise _JsonConstantError(token)

    try:
        data = json.loads(
            text, object_hook=count_keys, parse_float=Decimal, parse_constant=constant
        )
        # Every key is followed by one colon, and other colons can only be inside
        # strings. So if the objects hold as many keys as the text has colons, no key
        # was written twice (a repeated key is silently dropped by the parser). Only
        # when they differ is the file parsed again, more slowly, to find out.
        if keys != text.count(":"):
            json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=constant)
    except json.JSONDecodeError as exc:
        comma = _trailing_comma(text, exc.pos)
        if comma is not None:
            raise InputError.at(
                _location_of(text, name, comma),
                "invalid JSON: a comma before } or ] (JSON allows none after the last item)",
            ) from None
        raise InputError.at(
            Location(name, exc.lineno, exc.colno), f"invalid JSON: {exc.msg}"
        ) from None
    except _JsonDuplicateKeyError:
        where = _first_duplicate_key(text, name)
        raise InputError.at(
            where, f"duplicate key {where.path[-1]!r}; each field may appear once"
        ) from None
    except _JsonConstantError as exc:
        raise InputError.at(
            _first_match(text, name, rf"(?<![\"\w]){re.escape(exc.token)}"),
            f"{exc.token} is not a number; use a finite value",
        ) from None
    except RecursionError:
        # No depth walk after a successful parse: it would cost more than the parse,
        # and the typed structuring that follows refuses nesting our formats lack.
        raise InputError.at(Location(name), "nested too deeply to read") from None
    return data


def _trailing_comma(text: str, pos: int) -> int | None:
    """Where the comma is, when the parser stopped at the } or ] right after one."""
    if text[pos : pos + 1] not in ("}", "]"):
        return None
    before = text[:pos].rstrip()
    return len(before) - 1 if before.endswith(",") else None


def _refuse_duplicates(items: list[tuple[str, Any]]) -> None:
    # Built in C; a shorter dict means a key came twice. Nothing is kept: this parse
    # only checks, and keeping its tree would double a large file's memory.
    if len(dict(items)) != len(items):
        raise _JsonDuplicateKeyError()


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def _first_duplicate_key(text: str, name: str) -> Location:
    """Where the first key written twice in one object is written the second time.

    A scan of the (already valid) text, run only when a duplicate is known to exist.
    """
    path: list[PathPart] = []  # to the value being read
    keys: list[set[str] | None] = []  # for each open object its keys; None for a list
    last_string: re.Match[str] | None = None
    for m in _JSON_TOKEN.finditer(text):
        token = m.group()
        if token in "{[":
            keys.append(set() if token == "{" else None)
            path.append(0)  # a list's index, or a placeholder for the next key
        elif token in "}]":
            keys.pop()
            path.pop()
        elif token == ",":
            if keys[-1] is None:
                path[-1] = int(path[-1]) + 1
        elif token == ":":
            assert last_string is not None
            seen = keys[-1]
            assert seen is not None
            key = json.loads(last_string.group())
            path[-1] = key
            if key in seen:
                return _location_of(text, name, last_string.start(), tuple(path))
            seen.add(key)
        else:
            last_string = m
    raise AssertionError("called only for a text with a duplicate key")


def _location_of(text: str, name: str, offset: int, path: tuple[PathPart, ...] = ()) -> Location:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(name, line, column, path)


class _JsonDuplicateKeyError(Exception):
    pass


class _JsonConstantError(Exception):
    def __init__(self, token: str) -> None:
        self.token = token


def _first_match(text: str, name: str, pattern: str) -> Location:
    m = re.search(pattern, text)
    return _location_of(text, name, m.start()) if m else Location(name)


# --- YAML -------------------------------------------------------------------

_SPECIAL_FLOATS = {".nan", ".inf", "-.inf", "+.inf"}


_SCALAR_TOOLS: list[
    tuple[yaml.resolver.Resolver, yaml.constructor.SafeConstructor, type[yaml.ScalarNode]]
] = []
"""A resolver and a constructor for plain scalars, made on the first YAML read."""


def _events(text: str) -> Iterator[yaml.Event]:
    import yaml

    return yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _mark(event: yaml.Event) -> _Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


class _Container:
    """A mapping or sequence being built, with what is needed to finish it."""

    __slots__ = ("anchor", "key", "pending_key", "position", "start_count", "value")

    def __init__(self, value: Any, anchor: str | None, position: _Position, count: int) -> None:
        self.value = value
        self.anchor = anchor
        self.position = position
        self.start_count = count
        self.pending_key: str | None = None
        self.key: tuple[str, _Position] | None = None


def _parse_yaml(text: str, name: str, limits: Limits) -> Any:
    import yaml

    try:
        return _build_yaml(text, name, limits)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            problem += " (a tab: YAML indents with spaces, not tabs)"
        elif mark:
            problem += _lookalike_hint(text, mark.line)
        raise InputError.at(loc, f"invalid YAML: {problem}") from None
    except yaml.reader.ReaderError as exc:
        # A control character (often pasted from Word): PyYAML gives only an offset, of
        # characters from its Python reader, of UTF-8 bytes from libyaml's (see _events).
        offset, code = exc.position, exc.character
        if isinstance(code, str):
            code = ord(code)
        if hasattr(yaml, "CSafeLoader"):
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        raise InputError.at(
            _location_of(text, name, offset),
            f"invalid YAML: control character U+{code:04X} is not allowed "
            "(pasted from another program? delete it and type the text again)",
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.at(Location(name), f"invalid YAML: {exc}") from None


# Characters a Chinese input method or a word processor types where YAML needs ASCII.
_LOOKALIKES = {
    "\u3000": "a full-width space (U+3000): YAML indents and separates with ASCII spaces",
    "\u00a0": "a no-break space (U+00A0): YAML indents and separates with ASCII spaces",
    "：": "a full-width colon '：' (U+FF1A): a key needs an ASCII ':' and a space after it",
}


def lookalike(text: str) -> str | None:
    """What the first look-alike of a YAML space or colon in ``text`` is, or ``None``.

    A full-width colon counts only where no ASCII colon is: after ``key: `` it is
    ordinary Chinese text.
    """
    for char, what in _LOOKALIKES.items():
        if char in text and not (char == "：" and ":" in text):
            return what
    return None


def _lookalike_hint(text: str, line: int) -> str:
    """Name a look-alike character on the failing line (0-based) or the one before it."""
    for number in (line, line - 1):
        what = lookalike(_line(text, number)) if number >= 0 else None
        if what is not None:
            return f" (line {number + 1} has {what})"
    return ""


def _line(text: str, line: int) -> str:
    """The text of a 0-based line, or '' past the end (errors only)."""
    lines = text.split("\n", line + 1)
    return lines[line] if line < len(lines) else ""


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column, or '' past the end (errors only)."""
    return _line(text, line)[column : column + 1]


def _build_yaml(text: str, name: str, limits: Limits) -> Any:
    import yaml

    if not _SCALAR_TOOLS:
        _SCALAR_TOOLS.append(
            (yaml.resolver.Resolver(), yaml.constructor.SafeConstructor(), yaml.ScalarNode)
        )
    stack: list[_Container] = []
    anchors: dict[str, tuple[Any, int]] = {}
    root: Any = None
    documents = 0
    count = 0  # values built, aliases counted at their full size
    alias_values = 0  # values that aliases stand for

    def fail(event: yaml.Event, message: str, key: str | None = None) -> InputError:
        # The path of the value being read: each open container's key or index.
        path: list[PathPart] = []
        for c in stack:
            if isinstance(c.value, list):
                path.append(len(c.value))
            elif c.pending_key is not None:
                path.append(c.pending_key)
        if key is not None:
            path.append(key)
        line, col = _mark(event)
        return InputError.at(Location(name, line, col, tuple(path)), message)

    def attach(value: Any, event: yaml.Event, size: int) -> None:
        nonlocal root, count
        count += size
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        elif top.pending_key is None:
            if not isinstance(value, str):
                raise fail(event, "a mapping key must be plain text")
            if value in top.value:
                raise fail(event, f"duplicate key {value!r}; each field may appear once", value)
            if value == "<<":
                raise fail(event, "merge keys (<<) are not supported; write the fields out")
            top.pending_key = value
        else:
            top.value[top.pending_key] = value
            top.pending_key = None

    for event in _events(text):
        if isinstance(event, yaml.ScalarEvent):
            is_key = (
                bool(stack)
                and isinstance(stack[-1].value, dict)
                and (stack[-1].pending_key is None)
            )
            # Interned: keys and short values repeat across thousands of streets and lanes.
            value = sys.intern(event.value) if is_key else _scalar(event, fail)
            if type(value) is str and len(value) <= 32:
                value = sys.intern(value)
            if event.anchor:
                anchors[event.anchor] = (value, 1)
            attach(value, event, 1)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            if len(stack) >= limits.max_depth:
                raise fail(event, f"nested more than {limits.max_depth} levels deep")
            _check_tag(event, fail)
            if stack and isinstance(stack[-1].value, dict) and stack[-1].pending_key is None:
                raise fail(event, "a mapping key must be plain text")
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            stack.append(_Container(container, event.anchor, _mark(event), count))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            done = stack.pop()
            size = count - done.start_count + 1
            count = done.start_count
            if done.anchor:
                anchors[done.anchor] = (done.value, size)
            attach(done.value, event, size)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise fail(event, f"unknown alias *{event.anchor}")
            value, size = anchors[event.anchor]
            alias_values += size
            if alias_values > limits.max_alias_nodes:
                raise fail(
                    event,
                    f"aliases expand to more than {limits.max_alias_nodes:,} values; "
                    "write the data out instead of nesting anchors",
                )
            attach(value, event, size)
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise fail(event, "more than one YAML document; keep one document per file")
    return root


def _check_tag(event: Any, fail: Callable[[yaml.Event, str], InputError]) -> None:
    tag = getattr(event, "tag", None)
    if tag and not event.implicit and tag not in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        raise fail(event, f"YAML tag {tag} is not supported")


def _scalar(event: yaml.ScalarEvent, fail: Callable[[yaml.Event, str], InputError]) -> Any:
    resolver, constructor, node = _SCALAR_TOOLS[0]
    value = event.value
    plain, _quoted = event.implicit
    if event.tag and not (plain or _quoted):
        tag = event.tag
    elif not event.style and plain:
        tag = resolver.resolve(node, value, (True, False))  # type: ignore[no-untyped-call]
    else:
        return value
    if tag == "tag:yaml.org,2002:str":
        return value
    if ":" in value and tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        # YAML 1.1 reads 1:3 as base 60 (= 63); nobody writing a weight means that.
        # Kept as text (as YAML 1.2 does), it gets "is not a fraction; write 1/3".
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("yes", "true", "on", "y")
    if tag == "tag:yaml.org,2002:int":
        return constructor.construct_yaml_int(node(tag, value))
    if tag == "tag:yaml.org,2002:float":
        if value.lower() in _SPECIAL_FLOATS:
            raise fail(event, f"{value} is not a number; use a finite value")
        try:
            return Decimal(value.replace("_", ""))
        except InvalidOperation:
            raise fail(event, f"{value!r} is not a number") from None
    if tag == "tag:yaml.org,2002:timestamp":
        try:
            return constructor.construct_yaml_timestamp(node(tag, value))
        except ValueError:
            raise fail(event, f"{value!r} is not a valid date") from None
    raise fail(event, f"YAML tag {tag} is not supported")


# --- locations --------------------------------------------------------------


def _build_index(
    text: str,
) -> tuple[dict[tuple[PathPart, ...], _Position], dict[tuple[PathPart, ...], _Position]]:
    """Map every path to the line and column of its value, and of its key.

    JSON is read by the YAML parser here: it only needs positions, and a
    document that already parsed as JSON parses as YAML flow style.
    """
    import yaml

    values: dict[tuple[PathPart, ...], _Position] = {}
    keys: dict[tuple[PathPart, ...], _Position] = {}
    # Each frame: [path, is_mapping, next index or pending key]
    stack: list[list[Any]] = []

    def place(position: _Position) -> tuple[PathPart, ...] | None:
        if not stack:
            return ()
        frame = stack[-1]
        if frame[1]:
            return None if frame[2] is None else (*frame[0], frame[2])
        path = (*frame[0], frame[2])
        frame[2] += 1
        return path

    try:
        for event in _events(text):
            if isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                pos = _mark(event)
                path = place(pos)
                if path is None:  # a key
                    frame = stack[-1]
                    frame[2] = getattr(event, "value", None)
                    keys[(*frame[0], frame[2])] = pos
                    continue
                values.setdefault(path, pos)
                if stack and stack[-1][1]:
                    stack[-1][2] = None
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                path = place(_mark(event))
                if path is None:  # complex key: not used by our formats
                    path = (*stack[-1][0], "?")
                values.setdefault(path, _mark(event))
                is_map = isinstance(event, yaml.MappingStartEvent)
                stack.append([path, is_map, None if is_map else 0])
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                stack.pop()
                if stack and stack[-1][1]:
                    stack[-1][2] = None
    except yaml.YAMLError:
        pass  # positions found so far are still right
    return values, keys
