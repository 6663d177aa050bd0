"""Running the `gl` command from the tests: in-process with pytest's captured output, or as
a subprocess (for what only a fresh interpreter shows).

>>> print(gl_process("--version").stdout, end="")
gl, version 0.1.0
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from gl.cli import main


def run_gl(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `gl ARGS` in-process; the exit code, stdout and stderr."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """`gl ARGS` must exit 2 with exactly one `gl: error:` line on stderr; return it."""
    code, _, err = run_gl(capsys, *args)
    assert code == 2, err
    assert len(err.splitlines()) == 1 and err.startswith("gl: error: "), err
    return err.rstrip("\n")


def gl_process(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `python -m gl.cli ARGS` in a subprocess from the repository root, output captured
    as text."""
    return subprocess.run([sys.executable, "-m", "gl.cli", *args], capture_output=True, text=True,
                          timeout=timeout, check=False, cwd=ROOT)
