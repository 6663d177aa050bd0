"""`gl check` end to end: report format, exit codes, bad input, and the checker's
independence from the prover (it may import only mpl_lang and the standard library)."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_checker_proofs import peano_doc, write_doc

from gl.checker import CHECKS, KINDS
from gl.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `gl ARGS`; the exit code, stdout and stderr."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_proofs_exit_0_with_one_line_per_kind(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "check", str(write_doc(tmp_path, peano_doc(tmp_path))))
    lines = out.splitlines()
    assert code == 0
    for kind in (*CHECKS, *KINDS):
        assert any(line.split()[:1] == [kind] and line.split()[-1] == "0" for line in lines), kind
    assert "7 of 7 proved theorems accepted, 1 unproved, 45 steps, 0 failures" in out


def test_a_failing_step_exits_1_and_names_theorem_block_step(tmp_path: Path, capsys) -> None:
    doc = peano_doc(tmp_path)
    doc["theorems"][0]["proof"]["blocks"][0]["steps"][2]["premises"] = [2, 1]
    code, out, _ = run(capsys, "check", str(write_doc(tmp_path, doc)))
    assert code == 1
    assert "FAIL add_zero_right / add_zero_right/main / step 3 [rule]: the clause has 3 premises" in out
    rule = next(line for line in out.splitlines() if line.startswith("rule "))
    assert rule.split()[1:] == ["7", "1"]


def test_corrupt_json_is_exit_2_with_file_line_col(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "proofs.json"
    bad.write_text('{"schema": "gl.proofs/1",\n  "source": oops}\n')
    code, out, err = run(capsys, "check", str(bad))
    assert code == 2 and out == ""
    assert err.strip() == f"gl: error: {bad}:2:13: corrupt JSON: Expecting value"


@pytest.mark.parametrize("doc,words", [
    ({"schema": "gl.proofs/0", "source": "x.mpl", "theorems": []}, "expected 'gl.proofs/1'"),
    ({"schema": "gl.proofs/1", "theorems": []}, "'source' must name"),
    ({"schema": "gl.proofs/1", "source": "x.mpl", "theorems": {}}, "'theorems' must be a list"),
    ({"schema": "gl.proofs/1", "source": "missing.mpl", "theorems": []}, "file not found"),
    ([], "a JSON object"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys, doc: object, words: str) -> None:
    path = tmp_path / "proofs.json"
    path.write_text(json.dumps(doc))
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and len(err.strip().splitlines()) == 1 and words in err


def test_missing_file_is_exit_2(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "nope.json"))
    assert code == 2 and "nope.json" in err


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, 0) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            out.append((node.module or "", node.level))
    return out


def test_checker_imports_only_mpl_lang_and_the_standard_library() -> None:
    files = sorted((ROOT / "gl" / "checker").glob("*.py"))
    assert files
    for f in files:
        for module, level in _imports(f):
            top = module.split(".")[0]
            allowed = (level > 0 or top in ("mpl_lang", "__future__") or top in sys.stdlib_module_names
                       or module == "gl.checker" or module.startswith("gl.checker."))
            assert allowed, f"{f.name} imports {module!r}"


def test_trusted_checker_stays_small() -> None:
    """Everything in gl/checker but the E runner (atp.py) is the trusted base, with the
    parts of mpl_lang it reads untrusted names and files through."""
    files = [f for f in (ROOT / "gl" / "checker").glob("*.py") if f.name != "atp.py"]
    files += [ROOT / "mpl_lang" / "names.py", ROOT / "mpl_lang" / "inputs.py"]
    assert sum(len(f.read_text().splitlines()) for f in files) < 1000
