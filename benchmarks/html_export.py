"""HTML site export: time to write the site for 1,000 theorems (target < 10 s) and the
average theorem page size (target ≤ 12 KB on the Peano proofs, shared assets apart).

    python benchmarks/html_export.py [--theorems 1000] [--repeats 3] [--proofs PROOFS.json]

Without --proofs it synthesizes a deterministic (seeded) gl.proofs/1 document over the
Peano theory: induction, direct and contradiction proofs of 5 to 90 steps, citations of
earlier theorems, equality steps, compressed-out and unproved theorems (its source is no
real file, so it is written unchecked: `write_site`). With --proofs it also measures that
file as `gl export html` writes it, every proof re-checked first (`write_checked_site`; e.g.
the output of `gl prove examples/peano/peano_targets.mpl --targets-only`). Prints the median
of the repeats (wall clock and CPU time).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from export.html import SiteReport, write_checked_site, write_site
from mpl_lang import load, parse_expr, readable, to_mpl

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("a", "b", "c", "d", "e", "k", "k2", "w1", "w2", "w3")
STATEMENTS = (
    "(>[a,b,c](in3[a,b,c,{o}])(in3[b,a,c,{o}]))",
    "(>[a](in[a,N])(in3[i0,a,a,{o}]))",
    "(>[a,b,c,d,e](&(in2[a,c,s])(in3[a,b,d,{o}])(in2[d,e,s]))(in3[c,b,e,{o}]))",
    "(>[a,b,c,d,e,f](&(in3[a,b,d,{o}])(in3[d,c,e,{o}])(in3[b,c,f,{o}]))(in3[a,f,e,{o}]))",
    "(>[a,b](&(in[a,N])(in3[a,i0,b,{o}]))(=[b,a]))",
)


def theory() -> dict[str, Any]:
    """The `theory` section for examples/peano/peano.mpl."""
    th = load(ROOT / "examples" / "peano" / "peano.mpl")
    return {
        "constants": list(th.constants),
        "inductions": [{"set": i.set, "base": i.base, "succ": i.succ} for i in th.inductions],
        "definitions": [{"name": d.name, "params": list(d.params), "mpl": to_mpl(d.body),
                         "readable": readable(d.body)} for d in th.definitions.values()],
        "axioms": [{"index": i, "clause": str(c)} for i, c in enumerate(th.axioms())],
    }


def _atom(rng: random.Random) -> str:
    x, y, z = (rng.choice(NAMES) for _ in range(3))
    return rng.choice((f"(in3[{x},{y},{z},+])", f"(in3[{x},{y},{z},*])", f"(in2[{x},{y},s])",
                       f"(in[{x},N])", f"(=[{x},{y}])"))


def _block(rng: random.Random, bid: str, role: str, claim: str, earlier: list[str],
           cites: list[str]) -> dict[str, Any]:
    n_hyps, n = rng.randint(1, 4), rng.randint(5, 30)
    steps: list[dict[str, Any]] = []
    for i in range(1, n + 1):
        prem = sorted(rng.sample(range(1, i), min(i - 1, rng.randint(1, 4)))) if i > n_hyps else []
        step: dict[str, Any] = {"id": i, "kind": "hyp", "fact": _atom(rng), "premises": prem,
                                "cycle": 0 if i <= n_hyps else rng.randint(1, 8)}
        if i <= n_hyps:
            step["index"] = i - 1
        elif i > 2 and rng.random() < 0.12:
            u, v = rng.sample(NAMES, 2)
            w, z = rng.choice(NAMES), rng.choice(NAMES)
            steps[-2]["fact"], steps[-1]["fact"] = f"(=[{u},{v}])", f"(in3[{u},{w},{z},+])"
            step.update(kind="eq_subst", fact=f"(in3[{v},{w},{z},+])", premises=[i - 2, i - 1])
        else:
            if earlier and rng.random() < 0.3:
                name = rng.choice(earlier)
                rule: dict[str, Any] = {"theorem": name, "clause": 0}
                if name not in cites:
                    cites.append(name)
            else:
                rule = {"axiom": rng.randint(0, 24)}
            keys = sorted(rng.sample(("a", "b", "c", "d", "e", "x", "y", "z"), rng.randint(2, 5)))
            step.update(kind="rule", rule=rule, subst={k: rng.choice(NAMES) for k in keys})
        steps.append(step)
    return {"id": bid, "role": role, "claim": claim, "fresh": {v: v for v in NAMES[:3]},
            "negated_goal": False, "steps": steps, "goal_step": n}


def synthesize(count: int, seed: int = 0) -> dict[str, Any]:
    """A deterministic `gl.proofs/1` document with `count` theorems."""
    rng = random.Random(seed)
    theorems: list[dict[str, Any]] = []
    proved: list[str] = []
    for i in range(count):
        name = f"lemma_{i:04d}"
        statement = rng.choice(STATEMENTS).format(o=rng.choice("+*"))
        t: dict[str, Any] = {"name": name, "statement": statement,
                             "readable": readable(parse_expr(statement)),
                             "origin": rng.choice(("explored", "explored", "target", "incubator")),
                             "law": "commutativity of +" if i % 97 == 0 else None}
        if rng.random() < 0.03:
            t.update(status="unproved", method=None, cites=[], essential=None, follows_from=[],
                     proof=None, reason="not proved within 12 cycles")
            theorems.append(t)
            continue
        method = rng.choices(("induction", "direct", "contradiction"), (6, 3.5, 0.5))[0]
        earlier = proved[-60:]
        cites: list[str] = []
        roles = ("type", "base", "step") if method == "induction" else ("main",)
        blocks = [_block(rng, f"{name}/{r}", r, statement, earlier, cites) for r in roles]
        proof: dict[str, Any] = {"method": method}
        if method == "induction":
            proof.update(variable="b", induction={"set": "N", "base": "i0", "succ": "s"})
        proof["blocks"] = blocks
        essential = rng.random() > 0.1
        t.update(status="proved", method=method, cites=cites, essential=essential,
                 follows_from=[] if essential or not earlier else [rng.choice(earlier)], proof=proof)
        theorems.append(t)
        proved.append(name)
    return {"schema": "gl.proofs/1", "gl_version": "0.1.0", "source": "synthetic.mpl",
            "theory": theory(), "settings": {"seed": seed}, "stages": {}, "theorems": theorems}


def measure(doc: dict[str, Any], label: str, repeats: int,
            write: Callable[[Path], SiteReport] | None = None) -> None:
    """Write the site `repeats` times (by `write`, else unchecked from `doc`); print the
    median time and the page sizes."""
    times, cpu = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            out = Path(tmp) / f"site{k}"
            report = write(out) if write else write_site(doc, out)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        site = Path(tmp) / "site0"
        steps = sum(len(b["steps"]) for t in doc["theorems"] if t.get("proof")
                    for b in t["proof"]["blocks"])
        print(f"{label}: {len(doc['theorems'])} theorems, {steps} steps")
        print(f"  {'write_checked_site' if write else 'write_site'}: median {statistics.median(times):.2f} s wall, "
              f"{statistics.median(cpu):.2f} s CPU, of {repeats} runs "
              f"(wall min {min(times):.2f} s, max {max(times):.2f} s)")
        print(f"  theorem pages: average {report.average_page_bytes / 1024:.1f} KB, "
              f"largest {max(report.theorem_page_bytes, default=0) / 1024:.1f} KB; "
              f"shared assets {report.asset_bytes / 1024:.1f} KB")
        for page in ("index.html", "graph.html", "rules.html"):
            print(f"  {page}: {(site / page).stat().st_size / 1024:.1f} KB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--theorems", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--proofs", type=Path, help="also measure this proofs.json")
    args = ap.parse_args()
    measure(synthesize(args.theorems, args.seed), "synthetic", args.repeats)
    if args.proofs:
        doc = json.loads(args.proofs.read_text(encoding="utf-8"))
        measure(doc, str(args.proofs), args.repeats, lambda out: write_checked_site(args.proofs, out))


if __name__ == "__main__":
    main()
