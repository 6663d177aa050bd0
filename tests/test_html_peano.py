"""The site for real prover output: `gl prove peano_targets.mpl --target ... --html DIR`
(three targets, so it stays quick), read by a strict HTML5 parser and by Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PEANO, ROOT
from test_html_browser import CHROMIUM, Tab
from test_html_site import parse_strict

from gl.cli.main import COMMANDS

TARGETS = ("add_zero_left", "add_succ_left", "add_comm")


@pytest.fixture(scope="module")
def proved(tmp_path_factory) -> tuple[Path, Path]:
    """(proofs.json, site folder) written by `gl prove --html`."""
    if "prove" not in COMMANDS:
        pytest.skip("gl prove is not part of this checkout")
    out = tmp_path_factory.mktemp("peano")
    cmd = [sys.executable, "-m", "gl.cli", "prove", str(PEANO / "peano_targets.mpl"), "-q",
           "--out", str(out / "out"), "--html", str(out / "site")]
    for t in TARGETS:
        cmd += ["--target", t]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
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


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_prover_site_in_chromium(proved):
    sync_api = pytest.importorskip("playwright.sync_api")
    _, site = proved
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
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
        browser.close()
