"""Hand-made `gl.proofs/1` documents for the HTML site tests.

`peano_proofs()` is over the Peano theory: every method (direct, induction, contradiction,
incubator), a named law, citations, an unfolded definition, equality steps, a
compressed-out theorem and an unproved one; its theory section is the one `gl prove`
writes for examples/peano/peano.mpl. `hostile_proofs()` tries to inject markup through
every free-text field.

>>> [t["name"] for t in peano_proofs()["theorems"]][:2]
['i1_in_N', 'add_zero_right']
>>> hostile_proofs()["theorems"][0]["name"] == SCRIPT
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import PEANO

from export.html import SiteReport, write_checked_site
from gl.document import theory_json, theory_mpl
from mpl_lang import load, parse_expr, readable, to_mpl
from mpl_lang.logic import substitute

SCRIPT = '<script>alert("pwned")</script>'
QUOTES = "\"quoted\" & 'single' <i>it</i>"
IMG = "<img src=x onerror=alert(1)>"
MISSING = "<a href='javascript:alert(5)'>gone</a>"


def step(n: int, kind: str, fact: str, premises: tuple[int, ...] = (), cycle: int = 0,
         **extra: Any) -> dict[str, Any]:
    """One STEP of the schema."""
    return {"id": n, "kind": kind, "fact": fact, "premises": list(premises), "cycle": cycle,
            **extra}


def hyps(*facts: str) -> list[dict[str, Any]]:
    """Hypothesis steps 1..n for the given facts."""
    return [step(i + 1, "hyp", f, index=i) for i, f in enumerate(facts)]


def ax(i: int, **subst: str) -> dict[str, Any]:
    """The `rule` and `subst` keys of a step that applies axiom clause `i`."""
    return {"rule": {"axiom": i}, "subst": dict(sorted(subst.items()))}


def block(bid: str, role: str, claim: str, fresh: dict[str, str], steps: list[dict[str, Any]],
          negated_goal: bool = False, **extra: Any) -> dict[str, Any]:
    """One BLOCK of the schema; its last step is the goal."""
    return {"id": bid, "role": role, "claim": claim, **extra, "fresh": fresh,
            "negated_goal": negated_goal, "steps": steps, "goal_step": steps[-1]["id"]}


def theorem(name: str, statement: str, method: str | None, blocks: list[dict[str, Any]] | None,
            cites: tuple[str, ...] = (), origin: str = "target", law: str | None = None,
            essential: bool | None = True, follows_from: tuple[str, ...] = (),
            variable: str | None = None, reason: str = "") -> dict[str, Any]:
    """One THEOREM of the schema: proved by `blocks`, or unproved for `reason` without them."""
    t: dict[str, Any] = {
        "name": name, "statement": statement, "readable": readable(parse_expr(statement)),
        "origin": origin, "law": law, "status": "proved" if blocks else "unproved",
        "method": method, "cites": list(cites), "essential": essential,
        "follows_from": list(follows_from),
    }
    if not blocks:
        t.update(proof=None, reason=reason)
        return t
    proof: dict[str, Any] = {"method": method}
    if variable:
        proof.update(variable=variable, induction={"set": "N", "base": "i0", "succ": "s"})
    proof["blocks"] = blocks
    t["proof"] = proof
    return t


SUCC_LEFT = "(>[a,b,c,d,e](&(in2[a,c,s])(in3[a,b,d,+])(in2[d,e,s]))(in3[c,b,e,+]))"


def succ_left(t: str) -> str:
    """P(t) for the induction on b in add_succ_left."""
    return f"(>[a,c,d,e](&(in2[a,c,s])(in3[a,{t},d,+])(in2[d,e,s]))(in3[c,{t},e,+]))"


def _fxy_body() -> str:
    th = load(PEANO / "peano.mpl")
    d = th.definitions["fXY"]
    return to_mpl(substitute(d.body, dict(zip(d.params, ("f", "N", "N")))))


def peano_proofs() -> dict[str, Any]:
    """The fixture document (deterministic)."""
    fxy = _fxy_body()
    fxy_parts = parse_expr(fxy).parts[1]
    uniq = to_mpl(fxy_parts.parts[1])
    ih = "(>[a,c](in3[a,k,c,+])(in3[k,a,c,+]))"
    theorems = [
        theorem("i1_in_N", "(in[i1,N])", "direct", [block("i1_in_N/main", "main", "(in[i1,N])", {}, [
            step(1, "rule", "(in2[i0,i1,s])", (), 1, **ax(24)),
            step(2, "rule", "(in[i1,N])", (1,), 2, **ax(2, x="i0", y="i1")),
        ])], origin="incubator"),
        theorem("add_zero_right", "(>[a](in[a,N])(in3[a,i0,a,+]))", "direct", [
            block("add_zero_right/main", "main", "(>[a](in[a,N])(in3[a,i0,a,+]))", {"a": "a"}, [
                *hyps("(in[a,N])"),
                step(2, "eq_refl", "(=[a,a])", (), 1),
                step(3, "rule", "(in3[a,i0,a,+])", (2, 1, 1), 1, **ax(13, a="a", b="a")),
            ])]),
        theorem("add_zero_left", "(>[a](in[a,N])(in3[i0,a,a,+]))", "induction", [
            block("add_zero_left/type", "type", "(>[a](in[a,N])(in[a,N]))", {"a": "a"},
                  hyps("(in[a,N])")),
            block("add_zero_left/base", "base", "(>[](in[i0,N])(in3[i0,i0,i0,+]))", {}, [
                *hyps("(in[i0,N])"),
                step(2, "rule", "(in3[i0,i0,i0,+])", (1,), 1,
                     rule={"theorem": "add_zero_right", "clause": 0}, subst={"a": "i0"}),
            ]),
            block("add_zero_left/step", "step",
                  "(>[k,k2](&(in[k,N])(in2[k,k2,s])(>[](in[k,N])(in3[i0,k,k,+])))"
                  "(>[](in[k2,N])(in3[i0,k2,k2,+])))",
                  {"k": "k", "k2": "k2"}, [
                      *hyps("(in[k,N])", "(in2[k,k2,s])", "(>[](in[k,N])(in3[i0,k,k,+]))",
                            "(in[k2,N])"),
                      step(5, "rule", "(in3[i0,k,k,+])", (1,), 1,
                           rule={"fact": 3, "clause": 0}, subst={}),
                      step(6, "rule", "(in3[i0,k2,k2,+])", (1, 2, 5, 2), 2,
                           **ax(15, a="i0", b="k", c="k2", d="k", e="k2")),
                  ], induction_vars=["k", "k2"]),
        ], cites=("add_zero_right",), variable="a"),
        theorem("add_succ_left", SUCC_LEFT, "induction", [
            block("add_succ_left/type", "type",
                  "(>[a,b,c,d,e](&(in2[a,c,s])(in3[a,b,d,+])(in2[d,e,s]))(in[b,N]))",
                  {"a": "a", "b": "b", "c": "c", "d": "d", "e": "e"}, [
                      *hyps("(in2[a,c,s])", "(in3[a,b,d,+])", "(in2[d,e,s])"),
                      step(4, "rule", "(in[b,N])", (2,), 1, **ax(8, x="a", y="b", z="d")),
                  ]),
            block("add_succ_left/base", "base", succ_left("i0"),
                  {"a": "a", "c": "c", "d": "d", "e": "e"}, [
                      *hyps("(in2[a,c,s])", "(in3[a,i0,d,+])", "(in2[d,e,s])"),
                      step(4, "rule", "(in[a,N])", (1,), 1, **ax(1, x="a", y="c")),
                      step(5, "rule", "(=[a,d])", (4, 2), 2, **ax(12, a="a", b="d")),
                      step(6, "eq_symm", "(=[d,a])", (5,), 3),
                      step(7, "eq_subst", "(in2[a,e,s])", (6, 3), 3),
                      step(8, "rule", "(=[c,e])", (4, 1, 7), 4, **ax(4, x="a", y1="c", y2="e")),
                      step(9, "rule", "(in[c,N])", (1,), 1, **ax(2, x="a", y="c")),
                      step(10, "rule", "(in[e,N])", (3,), 1, **ax(2, x="d", y="e")),
                      step(11, "rule", "(in3[c,i0,e,+])", (8, 9, 10), 5, **ax(13, a="c", b="e")),
                  ]),
            block("add_succ_left/step", "step",
                  f"(>[k,k2](&(in[k,N])(in2[k,k2,s]){succ_left('k')}){succ_left('k2')})",
                  {"k": "k", "k2": "k2", "a": "a", "c": "c", "d": "d", "e": "e"}, [
                      *hyps("(in[k,N])", "(in2[k,k2,s])", succ_left("k"), "(in2[a,c,s])",
                            "(in3[a,k2,d,+])", "(in2[d,e,s])"),
                      step(7, "rule", "(in[a,N])", (4,), 1, **ax(1, x="a", y="c")),
                      step(8, "witness", "(&(in[p,N])(in3[a,k,p,+]))", (7, 1), 2,
                           **ax(10, x="a", y="k", z="p")),
                      step(9, "and_elim", "(in3[a,k,p,+])", (8,), 2),
                      step(10, "rule", "(in2[p,d,s])", (1, 2, 9, 5), 3,
                           **ax(14, a="a", b="k", c="k2", d="p", e="d")),
                      step(11, "rule", "(in3[c,k,d,+])", (4, 9, 10), 4,
                           rule={"fact": 3, "clause": 0}, subst={"a": "a", "c": "c", "d": "p", "e": "d"}),
                      step(12, "rule", "(in3[c,k2,e,+])", (1, 2, 11, 6), 5,
                           **ax(15, a="c", b="k", c="k2", d="d", e="e")),
                  ], induction_vars=["k", "k2"]),
        ], variable="b"),
        theorem("zero_not_succ", "(>[a](in2[a,i0,s])!(in[a,N]))", "contradiction", [
            block("zero_not_succ/main", "main", "(>[a](in2[a,i0,s])!(in[a,N]))", {"a": "a"}, [
                *hyps("(in2[a,i0,s])", "(in[a,N])"),
                step(3, "rule", "!(in2[a,i0,s])", (2,), 2, **ax(5, n="a")),
                step(4, "contradiction", "⊥", (1, 3), 2),
            ], negated_goal=True),
        ]),
        theorem("add_zero_unique", "(>[a,b](&(in[a,N])(in3[a,i0,b,+]))(in[b,N]))", "direct", [
            block("add_zero_unique/main", "main", "(>[a,b](&(in[a,N])(in3[a,i0,b,+]))(in[b,N]))",
                  {"a": "a", "b": "b"}, [
                      *hyps("(in[a,N])", "(in3[a,i0,b,+])"),
                      step(3, "rule", "(=[a,b])", (1, 2), 1, **ax(12, a="a", b="b")),
                      step(4, "eq_subst", "(in[b,N])", (3, 1), 2),
                  ])]),
        theorem("eq_zero_sum", "(>[a,b](&(in[a,N])(in3[a,i0,b,+]))(=[b,a]))", "direct", [
            block("eq_zero_sum/main", "main", "(>[a,b](&(in[a,N])(in3[a,i0,b,+]))(=[b,a]))",
                  {"a": "a", "b": "b"}, [
                      *hyps("(in[a,N])", "(in3[a,i0,b,+])"),
                      step(3, "rule", "(=[a,b])", (1, 2), 1, **ax(12, a="a", b="b")),
                      step(4, "eq_symm", "(=[b,a])", (3,), 2),
                  ])], origin="explored", essential=False, follows_from=("add_zero_unique",)),
        theorem("fun_unique",
                f"(>[f](fXY[f,N,N]){uniq})", "direct", [
                    block("fun_unique/main", "main", f"(>[f](fXY[f,N,N]){uniq})",
                          {"f": "f", "x": "x", "y1": "y1", "y2": "y2"}, [
                              *hyps("(fXY[f,N,N])", "(in[x,N])", "(in2[x,y1,f])", "(in2[x,y2,f])"),
                              step(5, "unfold", fxy, (1,), 1, definition="fXY"),
                              step(6, "and_elim", to_mpl(fxy_parts), (5,), 1),
                              step(7, "and_elim", uniq, (6,), 1),
                              step(8, "rule", "(=[y1,y2])", (2, 3, 4), 2,
                                   rule={"fact": 7, "clause": 0},
                                   subst={"x": "x", "y1": "y1", "y2": "y2"}),
                          ])], origin="explored"),
        theorem("add_comm", "(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))", "induction", [
            block("add_comm/type", "type", "(>[a,b,c](in3[a,b,c,+])(in[b,N]))",
                  {"a": "a", "b": "b", "c": "c"}, [
                      *hyps("(in3[a,b,c,+])"),
                      step(2, "rule", "(in[b,N])", (1,), 1, **ax(8, x="a", y="b", z="c")),
                  ]),
            block("add_comm/base", "base", "(>[a,c](in3[a,i0,c,+])(in3[i0,a,c,+]))",
                  {"a": "a", "c": "c"}, [
                      *hyps("(in3[a,i0,c,+])"),
                      step(2, "rule", "(in[a,N])", (1,), 1, **ax(7, x="a", y="i0", z="c")),
                      step(3, "rule", "(=[a,c])", (2, 1), 2, **ax(12, a="a", b="c")),
                      step(4, "rule", "(in3[i0,a,a,+])", (2,), 2,
                           rule={"theorem": "add_zero_left", "clause": 0}, subst={"a": "a"}),
                      step(5, "eq_subst", "(in3[i0,a,c,+])", (3, 4), 3),
                  ]),
            block("add_comm/step", "step",
                  f"(>[k,k2](&(in[k,N])(in2[k,k2,s]){ih})(>[a,c](in3[a,k2,c,+])(in3[k2,a,c,+])))",
                  {"k": "k", "k2": "k2", "a": "a", "c": "c"}, [
                      *hyps("(in[k,N])", "(in2[k,k2,s])", ih, "(in3[a,k2,c,+])"),
                      step(5, "rule", "(in[a,N])", (4,), 1, **ax(7, x="a", y="k2", z="c")),
                      step(6, "witness", "(&(in[d1,N])(in3[a,k,d1,+]))", (5, 1), 1,
                           **ax(10, x="a", y="k", z="d1")),
                      step(7, "and_elim", "(in3[a,k,d1,+])", (6,), 1),
                      step(8, "rule", "(in3[k,a,d1,+])", (7,), 2,
                           rule={"fact": 3, "clause": 0}, subst={"a": "a", "c": "d1"}),
                      step(9, "rule", "(in2[d1,c,s])", (1, 2, 7, 4), 2,
                           **ax(14, a="a", b="k", c="k2", d="d1", e="c")),
                      step(10, "rule", "(in3[k2,a,c,+])", (2, 8, 9), 3,
                           rule={"theorem": "add_succ_left", "clause": 0},
                           subst={"a": "k", "b": "a", "c": "k2", "d": "d1", "e": "c"}),
                  ], induction_vars=["k", "k2"]),
        ], cites=("add_zero_left", "add_succ_left"), variable="b", law="commutativity of +"),
        theorem("mul_comm", "(>[a,b,c](in3[a,b,c,*])(in3[b,a,c,*]))", None, None,
                law="commutativity of *", essential=None,
                reason="not proved within 12 cycles (20000 facts)"),
    ]
    return {
        "schema": "gl.proofs/1",
        "gl_version": "0.1.0",
        "source": "../examples/peano/peano_targets.mpl",
        "theory": theory_json(load(PEANO / "peano.mpl")),
        "settings": {"max_cycles": 12, "max_facts": 20000, "seed": 0},
        "stages": {},
        "theorems": theorems,
    }


def write_proofs(doc: dict[str, Any], folder: Path) -> Path:
    """`doc` as `folder/proofs.json`, with the theory embedded as `gl prove` writes it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "proofs.json"
    doc = {**doc, "source": "peano/peano_targets.mpl", "mpl": theory_mpl(load(PEANO / "peano_targets.mpl"))}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def write_checked(doc: dict[str, Any], out: Path) -> SiteReport:
    """The site for `doc` as `gl export html` writes it (proofs checked), in `out`; the
    proofs.json goes next to it."""
    return write_checked_site(write_proofs(doc, out.parent / f"{out.name}-proofs"), out)


def hostile_proofs() -> dict[str, Any]:
    """A document whose every free-text field tries to inject markup or break attributes."""
    statement = "(>[a,b,c](in3[a,b,c,<])(in3[b,a,c,<]))"
    first = theorem(SCRIPT, statement, "direct", [
        block(f"</table>{SCRIPT}", "main", statement, {"a": "a", "b": "b", "c": "c"}, [
            *hyps("(in3[a,b,c,<])"),
            step(2, "rule", "(=[a,b])", (1,), 1, **ax(0, x="a")),
            step(3, "eq_subst", "(in3[b,b,c,<])", (2, 1), 2),
            step(4, "<svg onload=alert(3)>", "(in3[b,a,c,<])", (3,), 3, definition=IMG),
        ]),
    ], law=f"<b onmouseover=alert(2)>{QUOTES}</b>", origin="<u>target</u>")
    second = theorem(QUOTES, "(>[x](in[x,a'b])(in[x,a'b]))", "direct", [
        block(QUOTES, "main", "(>[x](in[x,a'b])(in[x,a'b]))", {"x": "x"}, [
            *hyps("(in[x,a'b])"),
            step(2, "rule", "(in[x,a'b])", (1,), 1,
                 rule={"theorem": SCRIPT, "clause": 0}, subst={"a": "x"}),
        ]),
    ], cites=(SCRIPT, MISSING))
    third = theorem(IMG, "(in[<=,N])", None, None, reason=f"gave up: {SCRIPT} & {IMG}")
    return {
        "schema": "gl.proofs/1",
        "gl_version": "<b>0.1</b>",
        "source": f'"><script>alert(4)</script>{QUOTES}.mpl',
        "theory": {
            "constants": ["N", "<", "a'b", "<=", "&amp;"],
            "inductions": [{"set": "N", "base": "<", "succ": SCRIPT}],
            "definitions": [{"name": IMG, "params": ['"p"', "<q>"], "mpl": "(in[p,N])",
                             "readable": f"{QUOTES} {SCRIPT}"}],
            "axioms": [{"index": 0, "clause": "∀x: (in[x,N]) ⇒ (in3[x,x,x,<])"},
                       {"index": 1, "clause": f"unsupported: {SCRIPT} &amp; {QUOTES}"}],
        },
        "settings": {SCRIPT: QUOTES},
        "stages": {SCRIPT: 3},
        "theorems": [first, second, third],
    }
