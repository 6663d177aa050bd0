"""Benchmark: gl's e-graph simplifier against sympy.simplify, and one shared e-graph against
one e-graph per equivalence query.

    python benchmarks/simplify.py [--repeats N] [--count N]

A fixed, seeded set of expressions (expanded polynomials, rational expressions, expressions
with common subterms) goes through ``rewriting.simplify`` (rulesets semiring,
generic-field, functions — sympy's generic-denominator convention — with algebraic seeds,
cost ``ops``) and through ``sympy.simplify``. For both it prints the total time (median of
the repeats) and the total operation count of the outputs, counted by one function for both:
``rewriting.op_count`` of the output as a sympy expression read back into a term (and, as a
cross-check, ``sympy.count_ops``). Every gl output is checked numerically against its input.
The two simplifiers alternate expression by expression, each from a cleared sympy cache.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import sympy

from rewriting import (
    EquivalenceIndex,
    Limits,
    Undefined,
    equivalent,
    eval_real,
    from_sympy,
    op_count,
    rules_from_equations,
    simplify,
    to_sympy,
)

X, Y, Z = sympy.symbols("x y z")
GL_RULES = "semiring,generic-field,functions"
#: iteration and node bounds only (no time bound), so that outputs do not depend on load
GL_LIMITS = Limits(iterations=3, nodes=3000, time=60.0)


def _poly(rng: random.Random, variables: list[sympy.Symbol], terms: int) -> sympy.Expr:
    out = sympy.Integer(rng.randint(-3, 3))
    for _ in range(terms):
        mono = sympy.Integer(rng.choice([-3, -2, -1, 1, 2, 3, 5]))
        for v in variables:
            mono *= v ** rng.randint(0, 2)
        out += mono
    return out


def expressions(count: int = 120, seed: int = 2024) -> list[sympy.Expr]:
    """The benchmark set: a third each of polynomials, rational expressions and expressions
    with common subterms (deterministic for a seed)."""
    rng = random.Random(seed)
    out: list[sympy.Expr] = []
    kinds = ["poly", "rational", "common"]
    while len(out) < count:
        kind = kinds[len(out) % 3]
        vs = rng.sample([X, Y, Z], rng.randint(1, 3))
        if kind == "poly":
            a, b = _poly(rng, vs, 2), _poly(rng, vs, rng.randint(1, 2))
            expr = sympy.expand(a * b) if rng.random() < 0.6 else sympy.expand(a * b * b)
        elif kind == "rational":
            num, den = _poly(rng, vs, 2), _poly(rng, vs, 1) + 1
            shared = _poly(rng, vs[:1], 1) + 2
            choice = rng.randint(0, 2)
            if choice == 0:
                expr = sympy.expand(num * shared) / sympy.expand(den * shared)
            elif choice == 1:
                expr = num / den + _poly(rng, vs, 1) / (vs[0] + rng.randint(1, 3))
            else:
                expr = sympy.expand(num * den) / den + sympy.expand(num * num) / num
        else:
            u = _poly(rng, vs, 2)
            f = rng.choice([sympy.sin, sympy.exp, sympy.cos])
            c = rng.randint(2, 4)
            expr = sympy.expand(u**2) + c * f(u) * u + sympy.expand(c * u) + f(u) * u**2
        if expr.free_symbols and not expr.has(sympy.zoo, sympy.nan):
            out.append(expr)
    return out


def gl_simplify(expr: sympy.Expr, seeds: bool = True) -> sympy.Expr:
    """gl's simplifier as the benchmark runs it."""
    return to_sympy(simplify(expr, rules=GL_RULES, cost="ops", limits=GL_LIMITS,
                             seeds=seeds).term)


def gl_rules_only(exprs: list[sympy.Expr]) -> tuple[float, list[sympy.Expr]]:
    """gl's simplifier without algebraic seeds: rewrite rules alone."""
    start = time.perf_counter()
    outs = [gl_simplify(e, seeds=False) for e in exprs]
    return time.perf_counter() - start, outs


def run_both(exprs: list[sympy.Expr]) -> tuple[float, float, list[sympy.Expr], list[sympy.Expr]]:
    """Both simplifiers, alternating expression by expression (so that a busy machine slows
    both alike), each starting from a cleared sympy cache; total seconds and outputs."""
    t_gl = t_sympy = 0.0
    gl_out, sympy_out = [], []
    for expr in exprs:
        for simplifier, outs in ((gl_simplify, gl_out), (sympy.simplify, sympy_out)):
            sympy.core.cache.clear_cache()
            start = time.perf_counter()
            outs.append(simplifier(expr))
            elapsed = time.perf_counter() - start
            if simplifier is gl_simplify:
                t_gl += elapsed
            else:
                t_sympy += elapsed
    return t_gl, t_sympy, gl_out, sympy_out


def ops(exprs: list[sympy.Expr]) -> int:
    """Total operation count: one counting function for every output."""
    return sum(op_count(from_sympy(e)) for e in exprs)


def check(inputs: list[sympy.Expr], outputs: list[sympy.Expr], seed: int = 5) -> int:
    """Number of outputs that differ numerically from their input at random points."""
    rng = random.Random(seed)
    bad = 0
    for before, after in zip(inputs, outputs):
        tb, ta = from_sympy(before), from_sympy(after)
        for _ in range(4):
            env = {"x": rng.uniform(-2, 2), "y": rng.uniform(-2, 2), "z": rng.uniform(-2, 2)}
            try:
                vb, va = eval_real(tb, env), eval_real(ta, env)
            except Undefined:
                continue
            if abs(vb - va) > 1e-6 * max(1.0, abs(vb)):
                bad += 1
                break
    return bad


def peano_terms(count: int, seed: int = 11) -> list[tuple]:
    """Small Peano terms over a, b, i0, s, +, * (deterministic)."""
    rng = random.Random(seed)

    def term(depth: int) -> str | tuple:
        if depth == 0 or rng.random() < 0.3:
            return rng.choice(["a", "b", "i0", ("s", "i0")])
        return (rng.choice(["+", "*"]), term(depth - 1), term(depth - 1))

    return [term(3) for _ in range(count)]


def shared_egraph(count: int = 30) -> tuple[float, float, int, int]:
    """Which of ``count`` Peano terms are equal modulo commutativity and associativity (as
    proved equations) plus the definitional rules: one ``equivalent`` call per pair versus
    one EquivalenceIndex for all; seconds and number of equal pairs found."""
    proved = rules_from_equations([("a + b", "b + a"), ("a * b", "b * a"),
                                   ("(a + b) + c", "a + (b + c)"), ("(a * b) * c", "a * (b * c)")])
    rules = ["peano", *proved]
    terms = peano_terms(count)
    limits = Limits(iterations=6, nodes=20_000, time=1.0)
    pairs = [(i, j) for i in range(count) for j in range(i + 1, count)]
    start = time.perf_counter()
    single = sum(bool(equivalent(terms[i], terms[j], rules=rules, domain="peano",
                                 limits=limits)) for i, j in pairs)
    t_single = time.perf_counter() - start
    start = time.perf_counter()
    index = EquivalenceIndex(rules, domain="peano", limits=Limits(iterations=6,
                             nodes=20_000 * count, time=1.0 * count))
    ids = [index.add(t) for t in terms]
    index.saturate()
    shared = sum(index.same(ids[i], ids[j]) for i, j in pairs)
    return t_single, time.perf_counter() - start, single, shared


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--count", type=int, default=120)
    args = parser.parse_args()
    exprs = expressions(args.count)
    gl_times, sympy_times = [], []
    for _ in range(args.repeats):
        t_gl, t_sympy, gl_out, sympy_out = run_both(exprs)
        gl_times.append(t_gl)
        sympy_times.append(t_sympy)
    t_gl, t_sympy = statistics.median(gl_times), statistics.median(sympy_times)
    ops_in, ops_gl, ops_sympy = ops(exprs), ops(gl_out), ops(sympy_out)
    cops_gl = sum(sympy.count_ops(e) for e in gl_out)
    cops_sympy = sum(sympy.count_ops(e) for e in sympy_out)
    print(f"expressions: {len(exprs)} (seeded), input operations: {ops_in}, "
          f"repeats: {args.repeats} (median time)")
    print(f"sympy.simplify : {t_sympy:8.2f} s  {ops_sympy:6d} ops  "
          f"(sympy.count_ops {cops_sympy})")
    print(f"gl simplify    : {t_gl:8.2f} s  {ops_gl:6d} ops  (sympy.count_ops {cops_gl})")
    print(f"gl / sympy     : time {t_gl / t_sympy:.2f}x, ops {ops_gl / ops_sympy:.3f} "
          f"({100 * (1 - ops_gl / ops_sympy):.1f}% fewer operations)")
    wins = sum(op_count(from_sympy(g)) < op_count(from_sympy(s)) for g, s in zip(gl_out,
                                                                                  sympy_out))
    losses = sum(op_count(from_sympy(g)) > op_count(from_sympy(s)) for g, s in zip(gl_out,
                                                                                    sympy_out))
    t_rules, rules_out = gl_rules_only(exprs)
    print(f"gl, rules only : {t_rules:8.2f} s  {ops(rules_out):6d} ops  (no algebraic seeds, "
          f"one pass)")
    kinds = ["polynomial", "rational", "common subterms"]
    for k, kind in enumerate(kinds):
        part = slice(k, None, 3)
        print(f"  {kind:16s}: input {ops(exprs[part]):5d}, sympy {ops(sympy_out[part]):5d}, "
              f"gl {ops(gl_out[part]):5d}, gl rules only {ops(rules_out[part]):5d} ops")
    print(f"per expression : gl shorter {wins}, sympy shorter {losses}, "
          f"numerical mismatches gl {check(exprs, gl_out)}")
    t_single, t_shared, n_single, n_shared = shared_egraph()
    print(f"equal pairs    : 30 Peano terms, 435 pairs: one e-graph per pair {t_single:.2f} s "
          f"({n_single} equal), one shared EquivalenceIndex {t_shared:.2f} s ({n_shared} "
          f"equal), speed-up {t_single / t_shared:.0f}x")


if __name__ == "__main__":
    main()
