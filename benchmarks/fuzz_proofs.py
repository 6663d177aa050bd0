"""Fuzz the proof-document front door: hostile proofs.json files through the same reader
and checker as `gl check` (and the TPTP export) must end in a located error or a report,
never another exception, never a hang, and never an accepted false statement.

    python benchmarks/fuzz_proofs.py [PROOFS.json] [--examples 10000] [--seed 0] [--hang 10]

Without PROOFS.json it proves the Peano targets first (as benchmarks/checker.py does) and
fuzzes its first four theorems (`--theorems`). The
inputs: random edits of that document (characters of formula texts, names with MPL syntax,
comments or invisible characters, integers, list elements, keys, junk values), the
comment-hiding forgery that once passed, and hostile files (deep nesting, huge numbers,
NaN, non-UTF-8, random bytes, truncation), and a theorem renamed after a target of the
theory it does not state. An accepted statement the original did not make counts as false
unless the prover re-derives it on its own; a theorem accepted under the name of a target
or assumption of the theory must state it. Prints the outcome counts
per kind of input; exits 1 when any crash, hang or accepted false statement occurred.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from checker import peano_proofs

from export.tptp import TptpError, problems
from gl.checker import Checker, ProofFileError, load_proofs, read_proofs
from gl.core.prover import Prover
from mpl_lang import MPLError, parse_expr, to_mpl
from mpl_lang.logic import induction_claims

Doc = dict[str, Any]
NAME_KEYS = ("name", "id", "induction_vars", "fresh", "subst", "witnesses", "variable")
NASTY = ["x](in[i0,N])(=[i0,i1]))#", "a\u202eb", "a\x00", "k;", "é", "", "a b", "(", "k" * 200,
         "i0", "a", "<script>", "w\n", 10**30, None, [], {}, True, -1, 1.5, "⊥"]
FALSE_LAWS = ["(=[i0,i1])", "(>[x,y](in3[x,y,x,+])(in3[x,y,x,+]))", "(>[a](in[a,N])(in3[a,i0,i1,+]))"]
MPL_CHARS = "()[],&>!=+*ai0Nsk#; \n"


def leaves(x: Any, path: tuple = ()) -> list[tuple]:
    """Every path into `x` (the root's is the empty tuple)."""
    items = x.items() if isinstance(x, dict) else enumerate(x) if isinstance(x, list) else None
    if items is None:
        return [path]
    return [path] + [p for k, v in list(items) for p in leaves(v, (*path, k))]


def edit(doc: Doc, rng: random.Random) -> Doc:
    """`doc` with one to four random edits."""
    bad = json.loads(json.dumps(doc))
    for _ in range(rng.randint(1, 4)):
        paths = [p for p in leaves(bad) if p]
        path = rng.choice(paths)
        parent = bad
        for key in path[:-1]:
            parent = parent[key]
        key, value = path[-1], parent[path[-1]]
        named = any(k in NAME_KEYS for k in path if isinstance(k, str))
        if named and rng.random() < 0.5:
            parent[key] = rng.choice(NASTY)
        elif isinstance(value, str) and rng.random() < 0.8:
            i, c = rng.randrange(len(value) + 1), rng.choice(MPL_CHARS)
            parent[key] = rng.choice((value[:i] + c + value[i:], value[:i] + value[i + 1:],
                                      value[:i] + c + value[i + 1:]))
        elif isinstance(value, int) and not isinstance(value, bool):
            parent[key] = value + rng.choice((1, -1, 2, -value))
        elif isinstance(parent, list) and len(parent) > 1 and rng.random() < 0.5:
            j = rng.randrange(len(parent))
            parent.insert(j, parent.pop(key) if rng.random() < 0.5 else copy.deepcopy(value))
        elif rng.random() < 0.3 and isinstance(parent, dict | list):
            del parent[key]
        else:
            parent[key] = copy.deepcopy(rng.choice(NASTY))
    return bad


def forge(doc: Doc, rng: random.Random) -> Doc:
    """The comment-hiding forgery: an induction variable that prints a false statement."""
    bad = json.loads(json.dumps(doc))
    inductions = [t for t in bad["theorems"] if t.get("method") == "induction"]
    t = rng.choice(inductions)
    step = next(b for b in t["proof"]["blocks"] if b["role"] == "step")
    # the step claim prints as "(>[" + hiding + ...: make that "(>[x](in[i0,N])FALSE)#..."
    hiding = f"x](in[i0,N]){rng.choice(FALSE_LAWS)})#"
    k, k2 = step["induction_vars"]
    claim = induction_claims(parse_expr(t["statement"]), t["proof"]["variable"], "N", "i0", "s",
                             hiding, k2)["step"]
    text = to_mpl(claim)
    step.update(induction_vars=[hiding, k2], claim=text, fresh={**step["fresh"], hiding: k})
    step["fresh"].pop(k, None)
    main = dict(copy.deepcopy(step), id="forged/main", role="main")
    main.pop("induction_vars")
    bad["theorems"].append({"name": "forged", "statement": text, "status": "proved",
                            "method": "direct", "cites": list(t["cites"]),
                            "proof": {"method": "direct", "blocks": [main]}})
    return bad


def misname(doc: Doc, rng: random.Random, targets: list[str]) -> Doc:
    """One theorem renamed after a target of the theory that the document does not hold
    (its block ids and the citations of it follow): `accepted TARGET` must not appear."""
    bad = json.loads(json.dumps(doc))
    t = rng.choice(bad["theorems"])
    old, new = t["name"], rng.choice([n for n in targets if all(n != u["name"] for u in bad["theorems"])])
    t["name"] = new
    for b in t["proof"]["blocks"]:
        b["id"] = f"{new}/{b['role']}"
    for u in bad["theorems"]:
        u["cites"] = [new if c == old else c for c in u["cites"]]
        for b in u["proof"]["blocks"]:
            for s in b["steps"]:
                if s.get("rule", {}).get("theorem") == old:
                    s["rule"]["theorem"] = new
    return bad


def hostile_bytes(text: str, rng: random.Random) -> bytes:
    """A file that is not a well-formed proof document, in one of several ways."""
    way = rng.randrange(7)
    depth = rng.choice((65, 1000, 100_000))
    if way == 0:
        return b"[" * depth + b"]" * depth
    if way == 1:
        return b'{"schema": "gl.proofs/1", "x": ' + b"9" * rng.choice((4301, 100_000)) + b"}"
    if way == 2:
        return text.replace('"cycle": 1', rng.choice(('"cycle": NaN', '"cycle": Infinity')), 1).encode()
    if way == 3:
        data = text.encode()
        i = rng.randrange(len(data))
        return data[:i] + bytes([rng.randrange(128, 256)]) + data[i:]
    if way == 4:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 500)))
    if way == 5:
        return text.encode()[: rng.randrange(len(text))]
    return ('{"schema": "gl.proofs/1", "source": "x.mpl", "theorems": '
            + "[" * depth + "]" * depth + "}").encode()


class Fuzz:
    """Runs cases and counts outcomes; `truths` are the statements the original states."""

    def __init__(self, path: Path, theorems: int, hang: float, rng: random.Random) -> None:
        self.doc, self.theory = load_proofs(path)
        self.doc["theorems"] = self.doc["theorems"][:theorems]
        self.text = json.dumps(self.doc, indent=1)
        self.rng = rng
        self.checker = Checker(self.theory)
        report = self.checker.check(self.doc)
        self.truths = {t["statement"] for t in self.doc["theorems"] if t["name"] in report.accepted}
        self.named = {s.name: to_mpl(s.formula) for s in (*self.theory.statements, *self.theory.assumptions)}
        held = {t["name"] for t in self.doc["theorems"]}
        self.targets = [name for name in self.named if name not in held]  # misname's choices
        self.hang = hang
        self.counts: dict[str, Counter[str]] = {}
        self.bad: list[str] = []

    def run(self, kind: str, data: bytes, file: Path) -> None:
        file.write_bytes(data)
        start = time.perf_counter()
        try:
            result = self.outcome(file)
        except Exception:  # a crash: what the fuzzer is for
            result = "CRASH"
            self.bad.append(f"{kind}: {traceback.format_exc(limit=3)}")
        if time.perf_counter() - start > self.hang:
            result = "HANG"
            self.bad.append(f"{kind}: took {time.perf_counter() - start:.1f} s")
        self.counts.setdefault(kind, Counter())[result] += 1

    def outcome(self, file: Path) -> str:
        try:
            doc = read_proofs(file)
        except ProofFileError:
            return "rejected: file"
        try:
            report = self.checker.check(doc)
        except ProofFileError:
            return "rejected: shape"
        if self.rng.random() < 0.1:  # the TPTP export reads the same documents
            with contextlib.suppress(TptpError, MPLError):
                problems(doc, self.theory)
        accepted = [t for t in doc["theorems"] if isinstance(t, dict) and t.get("name") in report.accepted]
        if wrong := [t["name"] for t in accepted if self.named.get(t["name"], t["statement"]) != t["statement"]]:
            self.bad.append(f"accepted under the name of a theory statement it does not state: {wrong}")
            return "ACCEPTED MISNAMED"
        new = [t["statement"] for t in accepted if t["statement"] not in self.truths]
        for statement in new:
            if not Prover(self.theory).prove("again", parse_expr(statement)).proved:
                self.bad.append(f"accepted a statement the prover cannot re-derive: {statement}")
                return "ACCEPTED FALSE"
        if new:
            return "accepted: re-derived"
        return "rejected: checks" if not report.ok else "accepted: same statements"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("proofs", nargs="?", type=Path)
    ap.add_argument("--examples", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--theorems", type=int, default=4, help="fuzz the first N theorems of the document")
    ap.add_argument("--hang", type=float, default=10.0, help="seconds after which a case counts as a hang")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        proofs = args.proofs or peano_proofs(Path(tmp) / "peano")
        fuzz = Fuzz(proofs, args.theorems, args.hang, rng)
        file = proofs.parent / "fuzzed.json"  # beside the original: `source` resolves the same
        forgeable = any(t.get("method") == "induction" for t in fuzz.doc["theorems"])
        kinds = [k for k in ("edited document", "edited document", "forgery", "hostile file", "misnamed")
                 if (forgeable or k != "forgery") and (fuzz.targets or k != "misnamed")]  # see forge, misname
        start, done = time.perf_counter(), 0
        try:
            for done in range(1, args.examples + 1):  # noqa: B007 (reported when interrupted)
                kind = rng.choice(kinds)
                if kind == "hostile file":
                    data = hostile_bytes(fuzz.text, rng)
                else:
                    doc = forge(fuzz.doc, rng) if kind == "forgery" else \
                        misname(fuzz.doc, rng, fuzz.targets) if kind == "misnamed" else edit(fuzz.doc, rng)
                    data = json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode()
                fuzz.run(kind, data, file)
        except KeyboardInterrupt:
            print(f"interrupted after {done} examples", file=sys.stderr)
        elapsed = time.perf_counter() - start
    overall: Counter[str] = Counter()
    for c in fuzz.counts.values():
        overall.update(c)
    total = sum(overall.values())
    print(f"fuzz_proofs: {total} documents, seed {args.seed}, {elapsed:.1f} s, {total / elapsed:.0f}/s")
    for kind in sorted(fuzz.counts):
        print(f"  {kind} ({sum(fuzz.counts[kind].values())}): "
              + ", ".join(f"{r} {n}" for r, n in fuzz.counts[kind].most_common()))
    print(f"crashes {overall['CRASH']}, hangs {overall['HANG']}, accepted false {overall['ACCEPTED FALSE']}, "
          f"accepted misnamed {overall['ACCEPTED MISNAMED']}")
    for line in fuzz.bad[:5]:
        print(line, file=sys.stderr)
    return 1 if fuzz.bad else 0


if __name__ == "__main__":
    sys.exit(main())
