"""The hand-made document of helpers.html_docs is well formed and passes the checker."""

from __future__ import annotations

from helpers.html_docs import peano_proofs, write_proofs

from gl.checker import check_file


def test_fixture_is_well_formed():
    doc = peano_proofs()
    names = [t["name"] for t in doc["theorems"]]
    assert len(set(names)) == len(names)
    for k, t in enumerate(doc["theorems"]):
        assert all(c in names[:k] for c in t["cites"])
        for b in (t["proof"] or {}).get("blocks", []):
            ids = [s["id"] for s in b["steps"]]
            assert ids == list(range(1, len(ids) + 1))
            assert all(p < s["id"] for s in b["steps"] for p in s["premises"])


def test_fixture_passes_the_independent_checker(tmp_path):
    report = check_file(write_proofs(peano_proofs(), tmp_path))
    assert report.ok, report.lines()
    assert len(report.accepted) == 9 and [n for n, _ in report.unproved] == ["mul_comm"]
