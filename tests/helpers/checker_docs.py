"""A hand-written `gl.proofs/1` document over examples/peano/peano.mpl that uses every
inference kind of export/SCHEMA.md (the checker tests corrupt it), and accessors into
such documents.

>>> from pathlib import Path
>>> doc = peano_doc(Path("out"))
>>> [t["name"] for t in doc["theorems"]][:3]
['add_zero_right', 'add_zero_left', 'add_zero_both']
>>> st(doc, "add_zero_left", "base", 2)["fact"]
'(=[i0,i0])'
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from conftest import PEANO

Doc = dict[str, Any]

N0 = "(in[a,N])"


def steps(*rows: tuple) -> list[dict[str, Any]]:
    """Steps from rows `(kind, fact, premises, extra keys)`, numbered 1, 2, ..."""
    out = []
    for i, (kind, fact, premises, *extra) in enumerate(rows, 1):
        out.append({"id": i, "kind": kind, "fact": fact, "premises": list(premises),
                    "cycle": 0 if kind == "hyp" else 1, **(extra[0] if extra else {})})
    return out


def block(bid: str, role: str, claim: str, fresh: dict[str, str], rows: list[dict[str, Any]],
          goal: int, negated: bool = False, **extra: Any) -> dict[str, Any]:
    """One BLOCK of the schema; `goal` is the id of its goal step."""
    return {"id": bid, "role": role, "claim": claim, **extra, "fresh": fresh,
            "negated_goal": negated, "steps": rows, "goal_step": goal}


def theorem(name: str, statement: str, method: str, blocks: list[dict[str, Any]],
            cites: tuple[str, ...] = (), **proof_keys: Any) -> dict[str, Any]:
    """A proved THEOREM of the schema; `proof_keys` go into its proof beside the blocks."""
    return {"name": name, "statement": statement, "readable": "", "origin": "target", "law": None,
            "status": "proved", "method": method, "cites": list(cites), "essential": None,
            "follows_from": [], "proof": {"method": method, **proof_keys, "blocks": blocks}}


def hyp(fact: str, index: int) -> tuple:
    """A `steps` row: hypothesis number `index`."""
    return ("hyp", fact, (), {"index": index})


def axiom(fact: str, premises: tuple[int, ...], i: int, **subst: str) -> tuple:
    """A `steps` row: axiom clause `i` applied under `subst`."""
    return ("rule", fact, premises, {"rule": {"axiom": i}, "subst": dict(sorted(subst.items()))})


ADD_ZERO_LEFT = "(>[a](in[a,N])(in3[i0,a,a,+]))"
STEP_CLAIM = ("(>[k,k2](&(in[k,N])(in2[k,k2,s])(>[](in[k,N])(in3[i0,k,k,+])))"
              "(>[](in[k2,N])(in3[i0,k2,k2,+])))")
FXY_A = "(>[x,y](in2[x,y,f])(&(in[x,N])(in[y,N])))"
FXY_B = "(>[x](in[x,N])!(>[y](in[y,N])!(in2[x,y,f])))"
FXY_C = "(>[x](in[x,N])(>[y1,y2](&(in2[x,y1,f])(in2[x,y2,f]))(=[y1,y2])))"
FXY_BODY = f"(&{FXY_A}(&{FXY_B}{FXY_C}))"
TOTAL = "(>[f,x](&(fXY[f,N,N])(in[x,N])(>[y](in2[x,y,f])(=[y,i0])))(in[i0,N]))"


def peano_theorems() -> list[dict[str, Any]]:
    """Eight proved theorems (direct, induction, contradiction) and one unproved."""
    add_zero_right = theorem(
        "add_zero_right", "(>[a](in[a,N])(in3[a,i0,a,+]))", "direct",
        [block("add_zero_right/main", "main", "(>[a](in[a,N])(in3[a,i0,a,+]))", {"a": "a"}, steps(
            hyp(N0, 0), ("eq_refl", "(=[a,a])", ()),
            axiom("(in3[a,i0,a,+])", (2, 1, 1), 13, a="a", b="a")), 3)])
    add_zero_left = theorem(
        "add_zero_left", ADD_ZERO_LEFT, "induction", [
            block("add_zero_left/type", "type", "(>[a](in[a,N])(in[a,N]))", {"a": "a"},
                  steps(hyp(N0, 0)), 1),
            block("add_zero_left/base", "base", "(>[](in[i0,N])(in3[i0,i0,i0,+]))", {}, steps(
                hyp("(in[i0,N])", 0), ("eq_refl", "(=[i0,i0])", ()),
                axiom("(in3[i0,i0,i0,+])", (2, 1, 1), 13, a="i0", b="i0")), 3),
            block("add_zero_left/step", "step", STEP_CLAIM, {"k": "k", "k2": "k2"}, steps(
                hyp("(in[k,N])", 0), hyp("(in2[k,k2,s])", 1),
                hyp("(>[](in[k,N])(in3[i0,k,k,+]))", 2),
                ("rule", "(in3[i0,k,k,+])", (1,), {"rule": {"fact": 3, "clause": 0}, "subst": {}}),
                axiom("(in3[i0,k2,k2,+])", (1, 2, 4, 2), 15, a="i0", b="k", c="k2", d="k", e="k2")),
                  5, induction_vars=["k", "k2"])],
        variable="a", induction={"set": "N", "base": "i0", "succ": "s"})
    both = "(>[a](in[a,N])(&(in3[i0,a,a,+])(in3[a,i0,a,+])))"
    add_zero_both = theorem(
        "add_zero_both", both, "direct",
        [block("add_zero_both/main", "main", both, {"a": "a"}, steps(
            hyp(N0, 0),
            ("rule", "(in3[i0,a,a,+])", (1,), {"rule": {"theorem": "add_zero_left", "clause": 0},
                                               "subst": {"a": "a"}}),
            ("rule", "(in3[a,i0,a,+])", (1,), {"rule": {"theorem": "add_zero_right", "clause": 0},
                                               "subst": {"a": "a"}}),
            ("and_intro", "(&(in3[i0,a,a,+])(in3[a,i0,a,+]))", (2, 3))), 4)],
        cites=("add_zero_left", "add_zero_right"))
    eq = "(>[a,b](&(=[a,b])(in3[i0,a,a,+]))(&(in3[i0,b,a,+])(=[b,a])))"
    eq_demo = theorem(
        "eq_demo", eq, "direct",
        [block("eq_demo/main", "main", eq, {"a": "a", "b": "b"}, steps(
            hyp("(=[a,b])", 0), hyp("(in3[i0,a,a,+])", 1),
            ("eq_subst", "(in3[i0,b,a,+])", (1, 2)), ("eq_symm", "(=[b,a])", (1,)),
            ("and_intro", "(&(in3[i0,b,a,+])(=[b,a]))", (3, 4))), 5)])
    nz = "(>[a](&(in[a,N])(in2[a,i0,s]))(in[a,a]))"
    zero_not_succ = theorem(
        "zero_not_succ", nz, "direct",
        [block("zero_not_succ/main", "main", nz, {"a": "a"}, steps(
            hyp(N0, 0), hyp("(in2[a,i0,s])", 1), axiom("!(in2[a,i0,s])", (1,), 5, n="a"),
            ("contradiction", "⊥", (2, 3)), ("ex_falso", "(in[a,a])", (4,))), 5)])
    total = theorem(
        "total_from_fXY", TOTAL, "contradiction",
        [block("total_from_fXY/main", "main", TOTAL, {"f": "f", "x": "x"}, steps(
            hyp("(fXY[f,N,N])", 0), hyp("(in[x,N])", 1), hyp("(>[y](in2[x,y,f])(=[y,i0]))", 2),
            hyp("!(in[i0,N])", 3),
            ("unfold", FXY_BODY, (1,), {"definition": "fXY"}),
            ("and_elim", f"(&{FXY_B}{FXY_C})", (5,)), ("and_elim", FXY_B, (6,)),
            ("witness", "(&(in[w,N])(in2[x,w,f]))", (2,),
             {"rule": {"fact": 7, "clause": 0}, "subst": {"x": "x", "y": "w"}}),
            ("and_elim", "(in[w,N])", (8,)), ("and_elim", "(in2[x,w,f])", (8,)),
            ("rule", "(=[w,i0])", (10,), {"rule": {"fact": 3, "clause": 0}, "subst": {"y": "w"}}),
            ("eq_subst", "(in[i0,N])", (11, 9)),
            ("contradiction", "⊥", (12, 4))), 13, negated=True)])
    folded = f"(>[f]{FXY_BODY}(fXY[f,N,N]))"
    fold_demo = theorem(
        "fold_demo", folded, "direct",
        [block("fold_demo/main", "main", folded, {"f": "f"}, steps(
            hyp(FXY_A, 0), hyp(FXY_B, 1), hyp(FXY_C, 2),
            ("and_intro", f"(&{FXY_B}{FXY_C})", (2, 3)), ("and_intro", FXY_BODY, (1, 4)),
            ("fold", "(fXY[f,N,N])", (5,), {"definition": "fXY"})), 6)])
    ex = "(>[a]!(>[y](in[y,N])!(in2[a,y,s]))!(>[z](in[z,N])!(in3[a,i0,z,+])))"
    exists_demo = theorem(
        "exists_demo", ex, "direct",
        [block("exists_demo/main", "main", ex, {"a": "a"}, steps(
            hyp("!(>[y](in[y,N])!(in2[a,y,s]))", 0),
            ("ex_elim", "(&(in[w,N])(in2[a,w,s]))", (1,), {"subst": {"y": "w"}}),
            ("and_elim", "(in2[a,w,s])", (2,)), axiom("(in[a,N])", (3,), 1, x="a", y="w"),
            ("eq_refl", "(=[a,a])", ()), axiom("(in3[a,i0,a,+])", (5, 4, 4), 13, a="a", b="a"),
            ("and_intro", "(&(in[a,N])(in3[a,i0,a,+]))", (4, 6)),
            ("ex_intro", "!(>[z](in[z,N])!(in3[a,i0,z,+]))", (7,), {"subst": {"z": "a"}})), 8)])
    unproved = {"name": "mul_comm", "statement": "(>[a,b,c](in3[a,b,c,*])(in3[b,a,c,*]))",
                "readable": "", "origin": "target", "law": "commutativity of *",
                "status": "unproved", "method": None, "cites": [], "essential": None,
                "follows_from": [], "proof": None, "reason": "not proved within the limits"}
    return [add_zero_right, add_zero_left, add_zero_both, eq_demo, zero_not_succ, total,
            fold_demo, exists_demo, unproved]


def peano_doc(folder: Path) -> Doc:
    """A gl.proofs/1 document for a proofs.json written into `folder`."""
    return {"schema": "gl.proofs/1", "gl_version": "0.1.0",
            "source": os.path.relpath(PEANO / "peano.mpl", folder),
            "theory": {}, "settings": {}, "stages": {}, "theorems": peano_theorems()}


def write_doc(folder: Path, doc: dict[str, Any]) -> Path:
    """`doc` as `folder/proofs.json`."""
    path = folder / "proofs.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def th(doc: Doc, name: str) -> dict[str, Any]:
    """The theorem called `name`."""
    return next(t for t in doc["theorems"] if t["name"] == name)


def blk(doc: Doc, name: str, role: str = "main") -> dict[str, Any]:
    """The block of theorem `name` with the given role."""
    return next(b for b in th(doc, name)["proof"]["blocks"] if b["role"] == role)


def st(doc: Doc, name: str, role: str, sid: int) -> dict[str, Any]:
    """Step number `sid` of that block."""
    return blk(doc, name, role)["steps"][sid - 1]

