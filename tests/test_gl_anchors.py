"""GL definition folders whose config lists several anchors (GL's Gauss batch): the anchor
is the one the config file is named after, or the one asked for (`--anchor NAME`,
`include "folder" using NAME`); the proof document records it and `gl check` re-reads the
theory with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import need_shared
from helpers.cli import one_line_error, run_gl

from gl.checker import theory_fingerprint
from mpl_lang import load
from mpl_lang.errors import ImportFormatError, IncludeError
from mpl_lang.gl_import import read_gl_folder

ANCHOR_A = "(&(in[z,N])(>[x](in[x,N])(in2[x,x,f])))"  # f is the identity on N, z ∈ N
ANCHOR_B = "(in[z,N])"


def gl_folder(root: Path, config: str = "ConfigB.json") -> Path:
    """A GL folder with two anchors, AnchorA[N,z,f] and AnchorB[N,z], and a config named `config`."""
    folder = root / "two_anchors"
    folder.mkdir()
    (folder / "AnchorA.txt").write_text(ANCHOR_A)
    (folder / "AnchorB.txt").write_text(ANCHOR_B)
    entries = {"AnchorA": {"full_mpl": "AnchorA.txt", "short_mpl": "(AnchorA[N,z,f])"},
               "AnchorB": {"full_mpl": "AnchorB.txt", "short_mpl": "(AnchorB[N,z])"}}
    (folder / config).write_text(json.dumps(entries, indent=1))
    return folder


def test_the_config_file_name_picks_the_anchor(tmp_path):
    folder = gl_folder(tmp_path)
    assert [(d.name, d.anchor) for d in read_gl_folder(folder)] == [("AnchorA", False), ("AnchorB", True)]
    assert load(folder).constants == ("N", "z")


def test_an_anchor_asked_for_wins_and_the_other_is_a_plain_definition(tmp_path):
    t = load(gl_folder(tmp_path), anchor="AnchorA")
    assert t.anchor.name == "AnchorA" and t.constants == ("N", "z", "f")
    assert not t.definitions["AnchorB"].anchor


def test_an_unknown_anchor_is_a_located_error_listing_the_anchors(tmp_path):
    with pytest.raises(ImportFormatError, match="no anchor 'AnchorC' in the GL folder .its anchors: AnchorA, AnchorB"):
        load(gl_folder(tmp_path), anchor="AnchorC")


def test_several_anchors_and_no_config_naming_one_asks_to_choose(tmp_path):
    with pytest.raises(ImportFormatError, match="several anchors .AnchorA, AnchorB.*--anchor NAME"):
        load(gl_folder(tmp_path, config="Config.json"))


def test_an_mpl_include_picks_the_anchor_with_using(tmp_path):
    gl_folder(tmp_path)
    main = tmp_path / "main.mpl"
    main.write_text('include "two_anchors" using AnchorA\ntarget t := (in2[z,z,f])\n')
    t = load(main)
    assert t.anchor.name == "AnchorA" and [s.name for s in t.statements] == ["t"]


def test_using_on_an_mpl_file_is_an_error_at_the_include(tmp_path):
    (tmp_path / "a.mpl").write_text("anchor T[N,z] := (in[z,N])\n")
    (tmp_path / "b.mpl").write_text('\ninclude "a.mpl" using T\n')
    with pytest.raises(IncludeError) as info:
        load(tmp_path / "b.mpl")
    assert str(info.value).startswith(f"{tmp_path / 'b.mpl'}:2:1: 'using T' picks a GL folder's anchor")


def test_an_anchor_asked_of_an_mpl_file_must_be_its_own(tmp_path):
    (tmp_path / "a.mpl").write_text("anchor T[N,z] := (in[z,N])\n")
    assert load(tmp_path / "a.mpl", anchor="T").anchor.name == "T"
    with pytest.raises(IncludeError, match="has no anchor 'U'"):
        load(tmp_path / "a.mpl", anchor="U")


def test_the_proof_document_records_the_anchor_and_check_rereads_with_it(tmp_path, capsys):
    folder = gl_folder(tmp_path)
    main = tmp_path / "main.mpl"
    main.write_text('include "two_anchors" using AnchorA\ntarget t := (in2[z,z,f])\n')
    code, _, err = run_gl(capsys, "prove", str(main), "--targets-only", "--out", str(tmp_path / "out"), "-q")
    assert code == 0, err
    doc = json.loads((tmp_path / "out" / "proofs.json").read_text())
    assert doc["anchor"] == "AnchorA"
    code, out, _ = run_gl(capsys, "check", str(tmp_path / "out" / "proofs.json"))
    assert code == 0 and "theorem              1       0" in out
    # the folder itself, proved with --anchor, is re-read with that anchor, not the config's
    code, _, err = run_gl(capsys, "prove", str(folder), "--anchor", "AnchorA", "--targets-only",
                          "--out", str(tmp_path / "o2"), "-q")
    assert code == 0, err
    assert json.loads((tmp_path / "o2" / "proofs.json").read_text())["anchor"] == "AnchorA"
    code, out, _ = run_gl(capsys, "check", str(tmp_path / "o2" / "proofs.json"))
    assert code == 0 and theory_fingerprint(load(folder, anchor="AnchorA")) in out
    assert "(anchor AnchorA; " in out.splitlines()[0]  # the report says which anchor was checked
    assert theory_fingerprint(load(folder)) not in out


def test_a_proof_document_naming_a_missing_anchor_is_rejected(tmp_path, capsys):
    (tmp_path / "a.mpl").write_text("anchor T[N,z] := (in[z,N])\n")
    doc = {"schema": "gl.proofs/1", "source": "a.mpl", "anchor": "U", "theorems": []}
    (tmp_path / "proofs.json").write_text(json.dumps(doc))
    code, _, err = run_gl(capsys, "check", str(tmp_path / "proofs.json"))
    assert code != 0 and "has no anchor 'U'" in err and len(err.splitlines()) == 1
    doc["anchor"] = ["T"]
    (tmp_path / "proofs.json").write_text(json.dumps(doc))
    code, _, err = run_gl(capsys, "check", str(tmp_path / "proofs.json"))
    assert code != 0 and "'anchor' must name the theory's anchor" in err


def test_cli_unknown_anchor_is_one_line(tmp_path, capsys):
    err = one_line_error(capsys, "parse", str(gl_folder(tmp_path)), "--anchor", "Nope")
    assert "no anchor 'Nope'" in err


def test_gl_gauss_reads_unchanged_with_the_gauss_anchor(capsys):
    gauss = need_shared().parent / "gl-gauss"
    t = load(gauss)
    assert t.anchor.name == "AnchorGauss"
    assert t.constants == ("N", "i0", "s", "+", "*", "i1", "i2", "id")
    assert {"fold", "interval", "sequence", "preorder", "identity"} <= set(t.definitions)
    assert load(gauss, anchor="AnchorPeano").constants == ("N", "i0", "s", "+", "*", "i1")
    code, out, _ = run_gl(capsys, "parse", str(gauss))
    assert code == 0
    assert "#   preorder[N, +, n, m] ⇔ ∃p: p ∈ N ∧ n + p = m" in out
