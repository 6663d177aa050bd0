"""Shared paths and fixtures, and the checks for what the environment must provide.

A test that needs an outside tool (E, cvc5, Chromium with Playwright) or the GL reference
files in ../shared calls `need_eprover()`, `need_cvc5()`, `need_chromium()` or
`need_shared()`: without the tool the test is skipped, with its reason shown (`-rs`),
except under CI (`CI=true`), which installs every such tool, so there a missing one fails
the test.
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import pytest

from gl.checker.atp import find_eprover

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PEANO = EXAMPLES / "peano"
GL_REFERENCE = ROOT.parent / "shared" / "reference" / "gl-peano"
CHROMIUM = Path("/usr/bin/chromium")

# A shell without job control starts background jobs with Ctrl-C ignored, and Python keeps
# it ignored, as does every gl the tests start; the Ctrl-C tests need it delivered as at a
# terminal (a handler of this process, unlike "ignored", is not inherited by its children).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def missing(what: str) -> NoReturn:
    """Skip the running test because `what` is missing; under CI (`CI=true`) fail it."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what}, and CI must provide it", pytrace=False)
    pytest.skip(what)


def need_eprover() -> str:
    """The E prover's executable; skips (fails under CI) where it is not installed."""
    return find_eprover() or missing("eprover is not installed")


def need_cvc5() -> str:
    """The SMT solver cvc5's executable; skips (fails under CI) where it is not installed."""
    return shutil.which("cvc5") or missing("cvc5 is not installed")


def need_shared() -> Path:
    """The GL Peano reference folder in ../shared; skips (fails under CI) where it is absent."""
    if not GL_REFERENCE.is_dir():
        missing(f"{GL_REFERENCE} is not present (../shared beside the repository)")
    return GL_REFERENCE


def need_chromium() -> ModuleType:
    """`playwright.sync_api`, to drive the Debian Chromium at CHROMIUM; skips (fails under CI)
    where either is not installed."""
    if not CHROMIUM.is_file():
        missing(f"{CHROMIUM} is not installed")
    try:
        import playwright.sync_api
    except ImportError:
        missing("playwright is not installed")
    return playwright.sync_api


@pytest.fixture(scope="session")
def browser():
    """Chromium under Playwright, one for the test session (see need_chromium): the modules
    that ask share it, each test opening pages of its own (`helpers.browser.Tab`)."""
    from helpers.browser import ARGS

    sync_api = need_chromium()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def gl_reference() -> Path:
    """The GL Peano reference folder (see need_shared)."""
    return need_shared()


# One run each of the two Peano jobs many test modules read (each takes ~20 s).

@pytest.fixture(scope="session")
def peano_targets_run():
    """`gl.load(examples/peano/peano_targets.mpl).prove()`: the Peano targets, all proved
    (what `gl prove peano_targets.mpl --targets-only` does)."""
    import gl

    run = gl.load(PEANO / "peano_targets.mpl").prove()
    assert run.all_proved, [(t.name, t.reason) for t in run.theorems if not t.proved]
    return run


@pytest.fixture(scope="session")
def peano_targets_proofs(peano_targets_run, tmp_path_factory) -> Path:
    """proofs.json of `peano_targets_run` (as `gl prove` writes it)."""
    return Path(peano_targets_run.write(tmp_path_factory.mktemp("peano-targets")))


@pytest.fixture(scope="session")
def peano_exploration(tmp_path_factory):
    """`gl prove examples/peano --out OUT --html SITE` with its defaults: exploration from
    the axioms alone. (the finished process, OUT/proofs.json, SITE)"""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("peano-explore")
    cmd = [sys.executable, "-m", "gl.cli", "prove", str(PEANO), "--out", str(out / "out"),
           "--html", str(out / "site")]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=900, cwd=ROOT)
    return done, out / "out" / "proofs.json", out / "site"
