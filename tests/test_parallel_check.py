"""`gl check` in shares (`gl.checker.shares`: each share's document, its theorems and what
they cite, checked by `Checker.check(doc, share)`; the reports merged by `merge`): a valid
document gets exactly the serial report for any number of shares, and every corruption
the attack suites know is caught by some share, so a corrupted proof checked in parallel
is never accepted (and then gets the serial report, checked again in process).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from conftest import PEANO
from helpers.checker_docs import peano_doc, write_doc
from helpers.mutations import mutants
from test_checker_attacks import ATTACKS
from test_parallel import gl, ray_session, targets_proofs  # noqa: F401  (fixtures)

from gl.checker import Checker, check_file
from gl.checker.shares import merge, share_document
from gl.cli import check as gl_check
from gl.errors import InputError
from gl.execution import Execution
from mpl_lang import load

SHARES = (1, 2, 3, 5)


def sharded(doc: dict, n: int) -> list:
    """The reports of the n shares of a document."""
    checker = Checker(load(PEANO / "peano.mpl"))
    return [checker.check(share_document(doc, k, n), (k, n)) for k in range(n)]


def test_shares_of_a_valid_document_merge_into_the_serial_report(targets_proofs: Path) -> None:  # noqa: F811
    doc = json.loads(targets_proofs.read_text(encoding="utf-8"))
    serial = check_file(targets_proofs)
    assert serial.ok and len(serial.accepted) == len(doc["theorems"]) == 6
    theory = load(PEANO / "peano_targets.mpl")
    for n in SHARES:
        reports = [Checker(theory).check(share_document(doc, k, n), (k, n)) for k in range(n)]
        assert sum(r.steps for r in reports) == serial.steps
        merged = merge(reports, {t["name"]: i for i, t in enumerate(doc["theorems"])})
        assert merged.lines()[1:] == serial.lines()[1:], n  # the theory line: path as given


def test_every_attack_is_caught_by_some_share(tmp_path: Path) -> None:
    base = peano_doc(tmp_path)
    for attack, corrupt, _, _ in ATTACKS:
        doc = copy.deepcopy(base)
        corrupt(doc)
        for n in (2, 3):
            assert any(r.failures for r in sharded(doc, n)), (attack, n)


def test_every_systematic_mutation_is_caught_by_some_share(tmp_path: Path) -> None:
    caught = [(what, n, any(r.failures for r in sharded(bad, n)))
              for what, bad in mutants(peano_doc(tmp_path), stride=3) for n in (2, 3)]
    assert len(caught) > 90 and [c for c in caught if not c[2]] == []


def test_a_theorem_citing_a_rejected_one_in_another_share_is_caught(tmp_path: Path) -> None:
    doc = peano_doc(tmp_path)
    names = [t["name"] for t in doc["theorems"]]
    cited = next(c for t in doc["theorems"] for c in t.get("cites", []))
    (citing,) = [t for t in doc["theorems"] if cited in t.get("cites", [])][:1]
    assert names.index(cited) % 2 != names.index(citing["name"]) % 2  # in different shares of 2
    bad = copy.deepcopy(doc)
    cited_th = bad["theorems"][names.index(cited)]
    cited_th["proof"]["blocks"][0]["goal_step"] = 0
    reports = sharded(bad, 2)
    citing_share = reports[names.index(citing["name"]) % 2]
    assert citing["name"] in citing_share.accepted  # it cannot know, alone...
    assert reports[names.index(cited) % 2].failures  # ...but the owner of the cited one does
    assert not check_file(write_doc(tmp_path, bad)).ok


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


def test_a_share_reads_only_what_its_theorems_cite_and_a_stub_cannot_be_cited(tmp_path: Path) -> None:
    doc = peano_doc(tmp_path)
    names = [t["name"] for t in doc["theorems"]]
    n, unread = 3, 0
    for k in range(n):
        part = share_document(doc, k, n)["theorems"]
        stubs = {t["name"] for t in part if t.get("status") == "unproved" and "statement" not in t}
        mine = set(names[k::n])
        cited = {c for t in part if t["name"] not in stubs for c in t.get("cites", [])}
        assert not stubs & (mine | cited)
        unread += len(stubs)
    assert unread > 0
    citing = next(i for i, t in enumerate(doc["theorems"]) if t.get("cites"))
    part = share_document(doc, citing % n, n)
    cited = names.index(doc["theorems"][citing]["cites"][0])
    part["theorems"][cited] = {"name": names[cited], "status": "unproved"}  # a closure that missed it
    report = Checker(load(PEANO / "peano.mpl")).check(part, (citing % n, n))
    assert names[citing] not in report.accepted and report.failures
