"""The site for real prover output: `gl prove peano_targets.mpl --target ... --html DIR`
(three targets, so it stays quick), read by a strict HTML5 parser and by Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PEANO, ROOT
from helpers.browser import Tab
from helpers.cli import gl_process
from helpers.html_checks import parse_strict

TARGETS = ("add_zero_left", "add_succ_left", "add_comm")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def proved(tmp_path_factory) -> tuple[Path, Path]:
    """(proofs.json, site folder) written by `gl prove --html`."""
    out = tmp_path_factory.mktemp("peano")
    targets = [arg for t in TARGETS for arg in ("--target", t)]
    done = gl_process("prove", str(PEANO / "peano_targets.mpl"), "-q", "--out", str(out / "out"),
                      "--html", str(out / "site"), *targets, timeout=300)
    assert done.returncode == 0, done.stderr
    return out / "out" / "proofs.json", out / "site"


def test_prover_site_is_complete_valid_and_small(proved):
    proofs, site = proved
    doc = json.loads(proofs.read_text(encoding="utf-8"))
    assert [t["name"] for t in doc["theorems"]] == list(TARGETS)
    pages = sorted((site / "thm").glob("*.html"))
    assert [p.stem for p in pages] == sorted(TARGETS)
    for p in [*pages, site / "index.html", site / "rules.html", site / "graph.html"]:
        tree = parse_strict(p.read_text(encoding="utf-8"))
        ids = [e.get("id") for e in tree.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), p
    comm = parse_strict((site / "thm" / "add_comm.html").read_text(encoding="utf-8"))
    steps = sum(len(b["steps"]) for b in doc["theorems"][2]["proof"]["blocks"])
    assert len([r for r in comm.iter("tr") if r.get("id")]) == steps
    assert [d.get("id") for d in comm.iter("details")] == ["blk-type", "blk-base", "blk-step"]
    sizes = [p.stat().st_size for p in pages]
    assert sum(sizes) / len(sizes) < 12 * 1024


def test_prover_site_in_chromium(browser, proved):
    _, site = proved
    tab = Tab(browser)
    page = tab.page
    tab.open(site / "index.html", "?q=comm")
    page.click("#thms a[href='thm/add_comm.html']")
    page.wait_for_url("**/thm/add_comm.html")
    rows = page.locator("#blk-step tbody tr")
    last = rows.nth(rows.count() - 1)
    last.hover()
    assert page.locator("#blk-step tr.dep").count() > 0
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "test-artifacts" / "html-peano-add_comm.png"), full_page=True)
    tab.open(site / "graph.html", "?focus=add_comm&depth=1")
    assert page.locator("#graph .node:not(.off)").count() == 3
    tab.close()
