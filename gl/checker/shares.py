"""Checking one proof document in shares, and merging reports (`gl check --workers N`,
the mutants' checks of `gl mutate`). Not part of the trusted base: every verdict is the
trusted checker's (`Checker.check`), run by each share on the theorems it parses itself.
A merged report is the serial one only when no share failed; `gl check` checks a document
again in one piece when some share did, or when the document cannot be shared.

The driver reads the document's text once and cuts it without parsing the theorems
(`plan`; what it sends the shares is the text's UTF-8 bytes, each theorem a byte range): it parses the top-level object, locates each theorem's text by the layout gl
writes (`json.dumps(..., indent=1)`: a theorem runs from its `{` to the next line that is
`  }`) and reads from that layout each theorem's name and what it cites. Each share (k, n)
then parses (`share_document`) the texts of theorems k, k + n, ... and of those they cite,
transitively; every other theorem is a stub (its name, unproved), which can only make a
share fail, never accept more: a theorem citing one is rejected ("cites X, which is
unproved"). What the layout suggested is checked where it matters: a share parses each of
its texts as exactly one JSON value (`[[text]]` must read as one list holding one list
holding one value: a text such as `{..}],[{..}` would read as two), within the document's
limits, and finds there the name the plan read. Every theorem belongs to one share, so
every name a stub carries is checked by its owner; a wrong citation list only makes some
share cite a stub. A share that finds anything unlike the plan returns None. A share's
report travels compact (`compact`): what each accepted theorem states as printed text,
not as a formula, so that the driver's merge and print cost microseconds a theorem.

>>> import pathlib, tempfile
>>> doc = {"schema": "gl.proofs/1", "source": "t.mpl", "theorems": [
...     {"name": "a", "cites": []}, {"name": "b", "cites": []}, {"name": "c", "cites": ["a"]}]}
>>> path = pathlib.Path(tempfile.mkdtemp(), "proofs.json")
>>> _ = path.write_text(json.dumps(doc, indent=1))
>>> p = plan(path)
>>> p.names, p.cites, needed(p, 0, 2), needed(p, 1, 2)
(('a', 'b', 'c'), ((), (), ('a',)), [0, 2], [1])
>>> _ = path.write_text(json.dumps(doc))  # not gl's layout: checked in one piece
>>> plan(path) is None
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from mpl_lang import MPLError
from mpl_lang.inputs import InputFileError, parse_json, read_text

from .check import Checker, Report
from .load import ProofFileError, load_theory, validate

_WS = re.compile(r"[ \t\n\r]*")  # JSON's whitespace


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)
#: gl's layout: where a theorem's text ends, where its name and its citations are read
_END, _NAME, _CITES = "\n  }", '{\n   "name": ', '\n   "cites": '


@dataclass(frozen=True)
class Plan:
    """A document cut into theorems: its text as UTF-8 bytes (`data`: what travels to the
    shares, pickled as it is, where a text would be encoded again and decoded on each
    worker), the rest of it parsed (`header`, with no theorems), and each theorem's bytes
    (`spans`), name and citations as the layout reads."""

    path: str
    theory: str | None  # the theory the user pins (`gl check --theory`)
    header: dict[str, Any]
    data: bytes
    spans: tuple[tuple[int, int], ...]
    names: tuple[str, ...]
    cites: tuple[tuple[str, ...], ...]


def plan(path: str | Path, theory: str | Path | None = None) -> Plan | None:
    """`path`'s document cut into theorems, or None when it cannot be read, is not one
    JSON object of gl.proofs/1 shape whose theorems are named objects in gl's layout
    (`check_file` then checks it in one piece, and says what is wrong)."""
    try:
        text = read_text(path)
        cut = _cut(text)
        if cut is None:
            return None
        start, end, spans = cut
        header = parse_json(text[:start] + "[]" + text[end:], str(path))
        validate(header, str(path))
        names = tuple(_guess(text, s, e, _NAME) for s, e in spans)
        cites = tuple(_guess(text, s, e, _CITES) for s, e in spans)
    except (InputFileError, ProofFileError, ValueError, RecursionError):
        return None
    if not all(isinstance(name, str) for name in names):
        return None
    data, spans = _encoded(text, spans)
    return Plan(str(path), None if theory is None else str(theory), header, data, spans, names,
                tuple(tuple(c for c in cs if isinstance(c, str)) if isinstance(cs, list) else () for cs in cites))


def _encoded(text: str, spans: list[tuple[int, int]]) -> tuple[bytes, tuple[tuple[int, int], ...]]:
    """`text` as UTF-8, and `spans` (ascending, apart) as offsets in it.

    >>> _encoded("a·b·c", [(2, 3), (4, 5)])
    (b'a\\xc2\\xb7b\\xc2\\xb7c', ((3, 4), (6, 7)))
    """
    data = text.encode("utf-8")
    if len(data) == len(text):  # ASCII
        return data, tuple(spans)
    out, at, byte = [], 0, 0  # the character `at` is the byte `byte`
    for s, e in spans:
        start = byte + len(text[at:s].encode("utf-8"))
        byte, at = start + len(text[s:e].encode("utf-8")), e
        out.append((start, byte))
    return data, tuple(out)


def _cut(text: str) -> tuple[int, int, list[tuple[int, int]]] | None:
    """Where the value of the top-level key `theorems` lies in `text` (from its `[` to
    after its `]`), and each element's text, located by gl's layout; None unless `text`
    is one JSON object with that key once, whose value is an array of objects so laid out.
    The other values are parsed to find where they end; raises ValueError on bad JSON."""
    i = _WS.match(text).end()
    if not text.startswith("{", i):
        return None
    found: tuple[int, int, list[tuple[int, int]]] | None = None
    i = _WS.match(text, i + 1).end()
    while True:
        if not text.startswith('"', i):
            return None
        key, i = json.decoder.scanstring(text, i + 1)
        i = _WS.match(text, i).end()
        if not text.startswith(":", i):
            return None
        i = _WS.match(text, i + 1).end()
        if key != "theorems":
            i = _DECODER.raw_decode(text, i)[1]
        elif found is not None or (elements := _elements(text, i)) is None:
            return None  # twice (the last would count), or not gl's layout
        else:
            found = (i, elements[1], elements[0])
            i = elements[1]
        i = _WS.match(text, i).end()
        if not text.startswith(",", i):
            break
        i = _WS.match(text, i + 1).end()
    return found if text.startswith("}", i) and _WS.match(text, i + 1).end() == len(text) else None


def _elements(text: str, i: int) -> tuple[list[tuple[int, int]], int] | None:
    """The elements of the array at `i`, each an object from its `{` to the next `_END`,
    and where the array ends; None when it is not so laid out."""
    if not text.startswith("[", i):
        return None
    spans: list[tuple[int, int]] = []
    i = _WS.match(text, i + 1).end()
    if text.startswith("]", i):
        return spans, i + 1
    while True:
        end = text.find(_END, i) + len(_END)
        if not text.startswith("{", i) or end < len(_END):
            return None
        spans.append((i, end))
        i = _WS.match(text, end).end()
        if text.startswith("]", i):
            return spans, i + 1
        if not text.startswith(",", i):
            return None
        i = _WS.match(text, i + 1).end()


def _guess(text: str, start: int, end: int, key: str) -> Any:
    """The value the layout shows for `key` in the element text[start:end] (None when it
    shows none): only a guess, which `check_share` or the checker confirms."""
    at = start if key == _NAME else text.find(key, start, end)
    if at < 0 or not text.startswith(key, at):
        return None
    try:
        return _DECODER.raw_decode(text, at + len(key))[0]
    except (ValueError, RecursionError):
        return None


def needed(p: Plan, k: int, n: int) -> list[int]:
    """The theorems share (k, n) parses: k, k + n, ... and those they cite, transitively
    (a name cites its first theorem, as in the checker)."""
    first: dict[str, int] = {}
    for i, name in enumerate(p.names):
        first.setdefault(name, i)
    read = set(range(k, len(p.names), n))
    for i in reversed(range(len(p.names))):  # citations point to earlier theorems
        if i in read:
            read.update(first[c] for c in p.cites[i] if c in first)
    return sorted(read)


def share_document(p: Plan, share: tuple[int, int]) -> dict[str, Any] | None:
    """The document share (k, n) checks: its theorems and those they cite parsed, the
    others stubs; None when a text is not the one JSON object the plan names."""
    theorems: list[Any] = [{"name": name, "status": "unproved"} for name in p.names]
    for i in needed(p, *share):
        s, e = p.spans[i]
        try:
            value = parse_json("[[" + p.data[s:e].decode("utf-8") + "]]", p.path)
        except (InputFileError, UnicodeDecodeError):
            return None
        if len(value) != 1 or len(value[0]) != 1:
            return None
        theorems[i] = value[0][0]
        if not isinstance(theorems[i], dict) or theorems[i].get("name") != p.names[i]:
            return None
    return {**p.header, "theorems": theorems}


def check_share(p: Plan, share: tuple[int, int]) -> Report | None:
    """The trusted checker's report on share (k, n) of the planned document
    (`share_document`); None when the share's document or the theory cannot be read (the
    document is then checked in one piece)."""
    doc = share_document(p, share)
    if doc is None:
        return None
    try:
        theory = load_theory(p.header, p.path, p.theory)
    except (ProofFileError, MPLError, OSError):
        return None
    return compact(Checker(theory).check(doc, share))


def compact(report: Report, said: bool = True) -> Report:
    """`report` without the formulas it accepted (`statements`, the bulk of its bytes): with
    `said`, what each states as printed instead (`Report.said`, so that `lines` is the same
    and the driver prints no formula); without, verdicts only (`accepted`, `failures`: what
    a synthesis reads), whose `lines` cannot be printed.

    >>> from mpl_lang import parse_expr
    >>> r = Report(accepted=["t"], statements={"t": parse_expr("(=[a,a])")})
    >>> c = compact(r)
    >>> c.statements, c.texts, c.lines() == r.lines(), compact(r, said=False).texts
    ({}, {'t': 'a = a'}, True, {})
    """
    texts = {name: report.said(name) for name in (*report.assumed, *report.accepted)} if said else {}
    shown = {name: text for name, text in report.shown_as.items() if name in texts and text != texts[name]}
    return replace(report, statements={}, texts=texts, shown_as=shown)


def merge(reports: Sequence[Report], order: Mapping[str, int] | None = None) -> Report:
    """One report of several checks: counts added, maps united, lists joined without
    repeats, in report order or, given `order` (theorem name -> its position in the
    document), in document order; the theory is the first report's. The shares of one
    document that no share failed merge into exactly its serial report.

    >>> a, b = Report(theory="T", accepted=["y"], steps=2), Report(accepted=["x", "y"], steps=1)
    >>> m = merge([a, b])
    >>> m.theory, m.accepted, m.steps, merge([a, b], {"x": 0, "y": 1}).accepted
    ('T', ['y', 'x'], 3, ['x', 'y'])
    """
    out = Report(theory=reports[0].theory if reports else "")
    seen: dict[str, set[Any]] = {}
    for r in reports:
        for f in fields(r):
            mine, theirs = getattr(out, f.name), getattr(r, f.name)
            if isinstance(mine, dict):  # the counters too
                mine.update(theirs)
            elif isinstance(mine, list):
                have = seen.setdefault(f.name, set())
                for x in theirs:
                    if x not in have:
                        have.add(x)
                        mine.append(x)
            elif isinstance(mine, int) and not isinstance(mine, bool):
                setattr(out, f.name, mine + theirs)
    if order is not None:
        def at(name: str) -> int:
            return order.get(name, len(order))

        out.unproved.sort(key=lambda u: at(u[0]))
        out.failures.sort(key=lambda f: at(f.theorem))
        out.accepted.sort(key=at)
        out.assumed.sort(key=at)
    return out
