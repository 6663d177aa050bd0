"""Parser speed: the checker's hand-written `parse_canonical` against lark's LALR parser.

    python benchmarks/parser.py [PROOFS.json] [--repeats 7]

Both read every formula text of a proof document (statements, block claims, step facts):
`mpl_lang.parser.parse_canonical`, which the checker reads every formula through, and the
MPL grammar run by lark's LALR parser in tree-less mode, its transformer building the same
AST while parsing (`Lark(..., parser="lalr", transformer=...)`, no positions: the
cheapest way lark can produce the AST). Without PROOFS.json the Peano targets are proved
in-process first. Prints the median CPU seconds (`time.process_time`) of the repeats for
each parser and their ratio; the two must agree on every text.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from lark import Lark, Transformer

import gl
from mpl_lang import And, Atom, Expr, Forall, Not
from mpl_lang.parser import _GRAMMAR, parse_canonical

ROOT = Path(__file__).resolve().parents[1]


class Build(Transformer):
    """The AST without locations, like parse_canonical's, built rule by rule as lark's
    LALR parser reduces (lark's tree-less mode passes no positions to such callbacks)."""

    def idents(self, items: list) -> tuple[str, ...]:
        return tuple(map(str, items))

    def atom(self, items: list) -> Atom:
        return Atom(str(items[0]), items[1] if len(items) > 1 else ())

    def conj(self, items: list) -> And:
        return And(tuple(items))

    def forall(self, items: list) -> Forall:
        return Forall(*items) if len(items) == 3 else Forall((), *items)

    def neg(self, items: list) -> Not:
        return Not(items[0])


def formula_texts(doc: dict[str, Any]) -> Iterator[str]:
    """Every statement, block claim and step fact of a `gl.proofs/1` document."""
    for theorem in doc["theorems"]:
        yield theorem["statement"]
        for block in (theorem.get("proof") or {}).get("blocks", []):
            yield block["claim"]
            yield from (step["fact"] for step in block["steps"])


def peano_document() -> dict[str, Any]:
    """The proof document of the Peano targets, proved in-process."""
    return gl.load(ROOT / "examples/peano/peano_targets.mpl").prove().to_json()


def median_seconds(parse: Callable[[str], Expr | None], texts: list[str], repeats: int) -> float:
    """Median CPU seconds to parse all `texts` once."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        for text in texts:
            parse(text)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("proofs", nargs="?", type=Path, help="a gl.proofs/1 file (default: prove Peano)")
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    doc = json.loads(args.proofs.read_text(encoding="utf-8")) if args.proofs else peano_document()
    texts = [t for t in formula_texts(doc) if parse_canonical(t) is not None]
    lalr = Lark(_GRAMMAR, start="expr", parser="lalr", maybe_placeholders=False,
                transformer=Build()).parse
    assert all(lalr(t) == parse_canonical(t) for t in texts), "the parsers disagree"
    hand = median_seconds(parse_canonical, texts, args.repeats)
    lark = median_seconds(lalr, texts, args.repeats)
    size = sum(map(len, texts))
    print(f"{len(texts)} formula texts, {size:,} characters; median of {args.repeats} runs")
    print(f"parse_canonical (hand-written): {hand * 1e3:8.1f} ms  {len(texts) / hand:>10,.0f} texts/s")
    print(f"lark LALR, tree-less transformer: {lark * 1e3:6.1f} ms  {len(texts) / lark:>10,.0f} texts/s")
    print(f"lark / parse_canonical: {lark / hand:.1f}x")


if __name__ == "__main__":
    main()
