"""The proof graph: proved theorems, their blocks and steps, as plain data.

`proofs_document` builds the versioned JSON document of `export/SCHEMA.md` (schema
`gl.proofs/1`), the input of the checker, the HTML site, TPTP export and mutation;
`citation_graph` gives the networkx DiGraph of theorems and their citations.

>>> from mpl_lang import load, parse_expr
>>> from gl.prover import Prover
>>> theory = load("examples/peano/peano.mpl")
>>> r = Prover(theory).prove("zero_left", parse_expr("(>[a](in[a,N])(in3[i0,a,a,+]))"))
>>> doc = proofs_document(theory, [r], source=".")
>>> doc["schema"], doc["theorems"][0]["method"]
('gl.proofs/1', 'induction')
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from mpl_lang import Theory, readable, to_mpl
from mpl_lang.logic import FALSUM, ClauseError, literal_text

from . import __version__
from .block import LogicBlock
from .laws import named_law
from .prover import TheoremResult

SCHEMA = "gl.proofs/1"


def fact_text(fact) -> str:
    """Canonical MPL text of a step's fact (a literal tuple, a formula, or ⊥)."""
    if isinstance(fact, tuple):
        return literal_text(fact)
    if fact == FALSUM:
        return FALSUM
    return to_mpl(fact)


def block_json(block: LogicBlock) -> dict:
    """One block of a proof: its claim, fresh constants and the steps its goal rests on."""
    ids = block.proof_steps()
    renum = {sid: n + 1 for n, sid in enumerate(ids)}
    steps = []
    for sid in ids:
        st = block.steps[sid]
        d: dict = {"id": renum[sid], "kind": st.kind, "fact": fact_text(st.fact),
                   "premises": [renum[p] for p in st.premises], "cycle": st.cycle}
        if st.kind == "hyp":
            d["index"] = st.extra["index"]
        if st.rule is not None:
            ref = dict(st.rule.ref)
            if "fact" in ref:
                ref["fact"] = renum[ref["fact"]]
            d["rule"] = ref
            d["subst"] = dict(sorted(st.subst.items()))
        steps.append(d)
    used = {x for s in steps for x in s.get("subst", {}).values()}
    out = {"id": block.id, "role": block.role, "claim": to_mpl(block.claim)}
    if "induction_vars" in block.extra:
        out["induction_vars"] = block.extra["induction_vars"]
    out.update({
        "fresh": dict(block.fresh),
        "negated_goal": block.negated_goal,
        "steps": steps,
        "goal_step": renum[block.goal_step],
        "witnesses": {w: t for w, t in block.witness_terms.items() if w in used},
    })
    return out


def theorem_json(r: TheoremResult, essential: bool | None = None, follows_from: Iterable[str] = ()) -> dict:
    """One theorem entry of the document."""
    d = {
        "name": r.name,
        "statement": to_mpl(r.statement),
        "readable": readable(r.statement),
        "origin": r.origin,
        "law": named_law(r.statement),
        "status": r.status,
        "method": r.method,
        "cites": list(r.cites),
        "essential": essential,
        "follows_from": list(follows_from),
    }
    if r.proved:
        a = r.attempt
        proof: dict = {"method": a.method}
        if a.method == "induction":
            proof["variable"] = a.variable
            proof["induction"] = a.induction
        proof["blocks"] = [block_json(b) for b in a.blocks]
        d["proof"] = proof
    else:
        d["proof"] = None
        d["reason"] = r.reason
    return d


def theory_json(theory: Theory) -> dict:
    """The informational theory section (the checker re-reads the source instead)."""
    axioms = []
    for i, c in enumerate(theory.axioms()):
        axioms.append({"index": i, "clause": f"unsupported: {c.message}" if isinstance(c, ClauseError) else str(c)})
    return {
        "constants": list(theory.constants),
        "inductions": [{"set": i.set, "base": i.base, "succ": i.succ} for i in theory.inductions],
        "definitions": [{"name": d.name, "params": list(d.params), "anchor": d.anchor,
                         "mpl": to_mpl(d.body), "readable": readable(d.body)}
                        for d in theory.definitions.values()],
        "axioms": axioms,
    }


def proofs_document(theory: Theory, results: Iterable[TheoremResult], source: str,
                    settings: dict | None = None, stages: dict | None = None,
                    compression: dict[str, list[str]] | None = None) -> dict:
    """The `gl.proofs/1` document. `compression` maps each compressed-out theorem to the
    theorems it follows from (theorems not in it are essential)."""
    results = list(results)
    comp = compression
    return {
        "schema": SCHEMA,
        "gl_version": __version__,
        "source": source,
        "theory": theory_json(theory),
        "settings": settings or {},
        "stages": stages or {},
        "theorems": [theorem_json(r, None if comp is None or not r.proved else r.name not in comp,
                                  (comp or {}).get(r.name, ())) for r in results],
    }


def write_document(doc: dict, out_dir: str | Path) -> Path:
    """Write `proofs.json` (deterministic bytes) into `out_dir`; return its path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "proofs.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def source_relative(source: str | Path, out_dir: str | Path) -> str:
    """`source` relative to `out_dir` (how proofs.json names its MPL source)."""
    return Path(os.path.relpath(Path(source).resolve(), Path(out_dir).resolve())).as_posix()


def citation_graph(doc: dict) -> nx.DiGraph:
    """Theorems as nodes (with their JSON entry as attributes), an edge u → v when v cites u."""
    g = nx.DiGraph()
    for t in doc["theorems"]:
        g.add_node(t["name"], **{k: v for k, v in t.items() if k != "proof"})
    for t in doc["theorems"]:
        for c in t["cites"]:
            g.add_edge(c, t["name"])
    return g
