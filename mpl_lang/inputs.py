"""Reading untrusted input files: bounded size, UTF-8, and JSON of bounded nesting with
no NaN/Infinity and no integer too long to convert. Every failure is an `InputFileError`
with a FILE:LINE:COL location, never a hang, a MemoryError or a RecursionError.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "d.json"
>>> _ = p.write_text('{"a": [1, 2]}')
>>> read_json(p)
{'a': [1, 2]}
>>> _ = p.write_text('{"a": [1, 2}')
>>> read_json(p)
Traceback (most recent call last):
mpl_lang.inputs.InputFileError: ...d.json:1:12: corrupt JSON: Expecting ',' delimiter
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from .ast import Loc
from .errors import MPLError

#: The largest input file read (proof documents, GL configs, saved states).
MAX_INPUT_BYTES = 256 * 1024 * 1024

#: How deeply JSON arrays and objects may nest (proof documents need about 8 levels).
MAX_JSON_DEPTH = 64


_TOO_DEEP = object()


class InputFileError(MPLError):
    """An input file that cannot be read: missing, not a regular file, too large, not
    UTF-8, or (for JSON) corrupt, nested too deeply or holding an unusable number."""

    kind = "bad input file"


def read_text(path: str | Path, limit: int = MAX_INPUT_BYTES) -> str:
    """The UTF-8 text of the regular file `path`, at most `limit` bytes (a device such as
    /dev/zero, a folder or a longer file is an InputFileError)."""
    p = Path(path)
    start = Loc(str(p), 1, 1)
    try:
        with p.open("rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise InputFileError("not a regular file", start)
            data = f.read(limit + 1)
    except OSError as exc:
        raise InputFileError(f"cannot read: {exc.strerror or exc}", start) from None
    if len(data) > limit:
        raise InputFileError(f"larger than {limit:,} bytes", start)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"not UTF-8 (byte 0x{data[exc.start]:02x})",
                             _loc(p, data[: exc.start].decode("utf-8", "replace"))) from None


def parse_json(text: str, file: str) -> Any:
    """The JSON value of `text` (read from `file`, for locations); InputFileError when it
    is corrupt, nests deeper than MAX_JSON_DEPTH, or holds NaN, Infinity or an integer
    too long for Python to convert."""
    where = Loc(file, 1, 1)
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputFileError(f"corrupt JSON: {exc.msg}", Loc(file, exc.lineno, exc.colno)) from None
    except ValueError as exc:  # NaN / Infinity, or an integer past sys.get_int_max_str_digits()
        raise InputFileError(f"unusable number in JSON: {str(exc).split(':')[0]}", where) from None
    except RecursionError:
        value = _TOO_DEEP
    if value is _TOO_DEEP or _depth_exceeds(value):
        raise InputFileError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels",
                             _loc(file, text[:_deep_bracket(text)]))
    return value


def read_json(path: str | Path, limit: int = MAX_INPUT_BYTES) -> Any:
    """`parse_json` of `read_text(path, limit)`."""
    return parse_json(read_text(path, limit), str(path))


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _depth_exceeds(value: Any) -> bool:
    """Whether arrays and objects nest deeper than MAX_JSON_DEPTH (level by level, no
    recursion), so that no consumer of a read document recurses deeply."""
    level, depth = [value], 0
    while level:
        depth += 1
        if depth > MAX_JSON_DEPTH:
            return True
        deeper = []
        for x in level:
            for v in (x.values() if type(x) is dict else x if type(x) is list else ()):
                if type(v) is dict or type(v) is list:
                    deeper.append(v)
        level = deeper
    return False


def _deep_bracket(text: str) -> int:
    """Index of the first bracket that opens level MAX_JSON_DEPTH + 1 (strings skipped);
    only called on text known to nest that deeply."""
    depth, i, n = 0, 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return i
        elif c in "]}":
            depth -= 1
        i += 1
    return 0


def _loc(file: str | Path, before: str) -> Loc:
    """The location just after the text `before`."""
    line = before.count("\n") + 1
    return Loc(str(file), line, len(before) - (before.rfind("\n") + 1) + 1)
