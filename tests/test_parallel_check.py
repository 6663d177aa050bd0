"""`gl check` in shares (`gl.checker.shares`: the driver cuts the document's text into
theorems by gl's layout, `plan`; each share parses its theorems and what they cite and
checks them with `Checker.check(doc, share)`, `check_share`; the reports merged by
`merge`): a valid document gets exactly the serial report for any number of shares, every
corruption the attack suites know is caught by some share, and a text whose layout lies
(a theorem's text that is not one JSON value, a name that is not the one parsed, the key
`theorems` twice) is never checked in shares, so a corrupted proof checked in parallel is
never accepted (and then gets the serial report, checked again in process).
"""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import pytest
from conftest import PEANO
from helpers.checker_docs import peano_doc, write_doc
from helpers.mutations import mutants
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_checker_attacks import ATTACKS
from test_parallel import gl, ray_session, targets_proofs  # noqa: F401  (fixtures)

from gl.checker import Checker, ProofFileError, Report, check_file
from gl.checker.shares import check_share, merge, needed, plan, share_document
from gl.cli import check as gl_check
from gl.errors import InputError
from gl.execution import Execution
from mpl_lang import load

SHARES = (1, 2, 3, 5)


def sharded(folder: Path, doc: dict, *ns: int) -> list[list[Report | None]]:
    """For each n, the reports of the n shares of a document written in gl's layout (as
    `check_share` makes them, by one checker: the theory read once)."""
    p, checker = plan(write_doc(folder, doc)), Checker(load(PEANO / "peano.mpl"))
    assert p is not None
    return [[None if (d := share_document(p, (k, n))) is None else checker.check(d, (k, n)) for k in range(n)]
            for n in ns]


def caught(reports: list[Report | None]) -> bool:
    """Whether the driver would check the document again in one piece."""
    return any(r is None or r.failures for r in reports)


def test_shares_of_a_valid_document_merge_into_the_serial_report(targets_proofs: Path) -> None:  # noqa: F811
    serial = check_file(targets_proofs)
    p = plan(targets_proofs)
    assert p is not None and serial.ok and len(serial.accepted) == len(p.names) == 6
    for n in SHARES:
        reports = [check_share(p, (k, n)) for k in range(n)]
        assert not caught(reports) and sum(r.steps for r in reports) == serial.steps
        assert not any(r.statements for r in reports)  # what they state travels as text, no formula
        merged = merge(reports, {name: i for i, name in enumerate(p.names)})
        assert merged.lines() == serial.lines(), n


def test_every_attack_is_caught_by_some_share(tmp_path: Path) -> None:
    base = peano_doc(tmp_path)
    for attack, corrupt, _, _ in ATTACKS:
        doc = copy.deepcopy(base)
        corrupt(doc)
        assert all(map(caught, sharded(tmp_path, doc, 2, 3))), attack


def test_every_systematic_mutation_is_caught_by_some_share(tmp_path: Path) -> None:
    found = [(what, n, caught(reports)) for what, bad in mutants(peano_doc(tmp_path), stride=3)
             for n, reports in zip((2, 3), sharded(tmp_path, bad, 2, 3))]
    assert len(found) > 90 and [c for c in found if not c[2]] == []


def test_a_theorem_citing_a_rejected_one_in_another_share_is_caught(tmp_path: Path) -> None:
    doc = peano_doc(tmp_path)
    names = [t["name"] for t in doc["theorems"]]
    cited = next(c for t in doc["theorems"] for c in t.get("cites", []))
    (citing,) = [t for t in doc["theorems"] if cited in t.get("cites", [])][:1]
    assert names.index(cited) % 2 != names.index(citing["name"]) % 2  # in different shares of 2
    bad = copy.deepcopy(doc)
    cited_th = bad["theorems"][names.index(cited)]
    cited_th["proof"]["blocks"][0]["goal_step"] = 0
    (reports,) = sharded(tmp_path, bad, 2)
    citing_share = reports[names.index(citing["name"]) % 2]
    assert citing["name"] in citing_share.accepted  # it cannot know, alone...
    assert reports[names.index(cited) % 2].failures  # ...but the owner of the cited one does
    assert not check_file(write_doc(tmp_path, bad)).ok


def test_a_share_reads_only_what_its_theorems_cite_and_a_stub_cannot_be_cited(tmp_path: Path) -> None:
    doc = peano_doc(tmp_path)
    p = plan(write_doc(tmp_path, doc))
    n = 3
    unread = sum(len(p.names) - len(needed(p, k, n)) for k in range(n))
    assert unread > 0 and all(set(range(k, len(p.names), n)) <= set(needed(p, k, n)) for k in range(n))
    citing = next(i for i, t in enumerate(doc["theorems"]) if t.get("cites"))
    share = (citing % n, n)
    # a plan whose citations missed what the theorem cites: the cited one is a stub
    missed = dataclasses.replace(p, cites=tuple(() if i == citing else c for i, c in enumerate(p.cites)))
    assert set(needed(missed, *share)) < set(needed(p, *share))
    report = check_share(missed, share)
    assert p.names[citing] not in report.accepted and report.failures


def _forged(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "forged.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_layout_that_lies_is_not_checked_in_shares(tmp_path: Path) -> None:
    doc = peano_doc(tmp_path)
    good = json.dumps(doc, ensure_ascii=False, indent=1)
    valid = plan(_forged(tmp_path, good))
    assert valid is not None and check_file(tmp_path / "forged.json").ok
    # a second key `theorems`, which JSON readers take: the one with a corrupted proof
    bad = copy.deepcopy(doc["theorems"])
    bad[0]["proof"]["blocks"][0]["goal_step"] = 0
    twice = good[:-2] + ',\n "theorems": ' + json.dumps(bad, indent=1).replace("\n", "\n ") + "\n}"
    assert not check_file(_forged(tmp_path, twice)).ok and plan(tmp_path / "forged.json") is None
    # two theorems' text read as one: `{..}],[{..}` passes for an element in `[[..]]`
    first, second = (json.dumps(t, indent=1).replace("\n", "\n  ") for t in doc["theorems"][:2])
    start = good.index('"theorems": [') + len('"theorems": [')
    joined = good[:start] + "\n  " + first.rsplit("\n", 1)[0] + "}],[" + second + good[good.index("\n  }", start) + 4:]
    with pytest.raises(ProofFileError, match="corrupt JSON"):
        check_file(_forged(tmp_path, joined))
    p = plan(tmp_path / "forged.json")
    assert p is not None and check_share(p, (0, 2)) is None
    # a theorem named twice: readers take the last name, the layout shows the first
    renamed = good.replace('"name": "add_zero_right",', '"name": "add_zero_right",\n   "name": "other",', 1)
    p = plan(_forged(tmp_path, renamed))
    assert p is not None and p.names[0] == "add_zero_right"
    assert check_share(p, (0, 2)) is None
    # a document of another layout (compact JSON) is checked in one piece
    assert plan(_forged(tmp_path, json.dumps(doc))) is None


def test_gl_check_on_two_workers_prints_the_serial_report(
        ray_session: Execution, targets_proofs: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    serial = gl("check", str(targets_proofs))
    monkeypatch.setattr(gl_check, "CHECK_S_PER_BYTE", 1.0)  # as if it were large: on the workers
    assert serial[0] == 0 and gl("check", str(targets_proofs), "--workers", "2") == serial
    doc = json.loads(targets_proofs.read_text(encoding="utf-8"))
    doc["theorems"][1]["proof"]["blocks"][0]["steps"][-1]["premises"] = []
    bad = targets_proofs.parent / "bad.json"  # beside it: the source is relative to the folder
    bad.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    bad_serial = gl("check", str(bad))
    assert bad_serial[0] == 1 and gl("check", str(bad), "--workers", "2") == bad_serial
    broken = targets_proofs.parent / "broken.json"  # the workers cannot read it: the driver says why
    broken.write_text('{"schema": "gl.proofs/1", "theorems": [', encoding="utf-8")
    errors = []
    for args in ((), ("--workers", "2")):
        with pytest.raises(InputError) as error:
            gl("check", str(broken), *args)
        errors.append(str(error.value))
    assert errors[0] == errors[1] and "corrupt JSON" in errors[0]


_TEXT = st.text(alphabet=st.sampled_from('ab"\\\n {}[],:\u00e9'), max_size=6)
_THEOREM = st.builds(lambda name, rest: {"name": name, **rest}, _TEXT, st.fixed_dictionaries({}, optional={
    "cites": st.lists(_TEXT, max_size=2),
    "proof": st.recursive(_TEXT | st.integers(), lambda inner: st.lists(inner, max_size=2)
                          | st.dictionaries(_TEXT, inner, max_size=2), max_leaves=6)}))
_DOC = st.builds(lambda ths, extra: {"schema": "gl.proofs/1", "source": "t.mpl", **extra, "theorems": ths},
                 st.lists(_THEOREM, max_size=5), st.dictionaries(st.sampled_from(["mpl", "x"]), _TEXT, max_size=1))


def _shares_read(text: str, tmp: Path) -> list[list[dict | None] | None] | None:
    """What the shares of 1, 2 and 3 read of `text`: per n, each share's document (None
    when one objects), or None when the text is not planned."""
    path = tmp / "p.json"
    path.write_text(text, encoding="utf-8")
    p = plan(path)
    return None if p is None else [[share_document(p, (k, n)) for k in range(n)] for n in (1, 2, 3)]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=_DOC, at=st.integers(0, 10**6), edit=st.sampled_from(['', '{', '}', '[', ']', ',', '"', '\\', '\n  }', 'x']),
       replace=st.booleans())
def test_shares_read_exactly_what_a_json_reader_reads(tmp_path: Path, doc: dict, at: int, edit: str,
                                                      replace: bool) -> None:
    """Of any text (a document in gl's layout, one character replaced or some inserted),
    the shares either object, or read exactly the theorems a JSON reader reads: each owner
    its own, every other share the right names. (It found that a trailing comma in the
    theorems array was let through: `[{..}, ]`.)"""
    good = json.dumps(doc, indent=1, ensure_ascii=False)
    read = _shares_read(good, tmp_path)
    assert read is not None and all(d == {**doc, "theorems": d["theorems"]} for ds in read for d in ds)
    at %= len(good)
    text = good[:at] + edit + good[at + replace:]
    read = _shares_read(text, tmp_path)
    for n, docs in zip((1, 2, 3), read or []):
        if any(d is None for d in docs):
            continue  # a share objects: checked in one piece
        real = json.loads(text)  # no share objected: the text is JSON, and read as such
        assert all({**d, "theorems": []} == {**real, "theorems": []} for d in docs)
        assert all(len(d["theorems"]) == len(real["theorems"]) for d in docs)
        assert [docs[i % n]["theorems"][i] for i in range(len(real["theorems"]))] == real["theorems"]
        assert all([t["name"] for t in d["theorems"]] == [t["name"] for t in real["theorems"]] for d in docs)
