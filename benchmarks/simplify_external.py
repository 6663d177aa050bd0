"""Benchmark on expressions nobody here wrote: gl's simplifier against sympy.simplify on the
inputs of sympy's own test suite and egg's math tests.

    python benchmarks/simplify_external.py [--rules RULES] [--seeds] [--list] [--limit N]

The set is built from the installed sympy's test files: ``sympy/simplify/tests/*.py`` (calls
of simplify, ratsimp, radsimp, cancel, factor, together) and ``sympy/polys/tests/*.py``
(cancel, factor, together). Each file is parsed with ``ast``; the first argument of every such
call is evaluated in a namespace where sympy's constructors and functions keep their meaning
and every other name is a plain symbol; it is kept when it has free symbols and lies in a
supported fragment:

* ``arithmetic``: ``+ - * /``, integer powers (exponents up to 64 in size), rational numbers and symbols;
* ``functions``: the same plus ``exp log sin cos sqrt`` and the constants ``pi``, ``E``.

Each case records its file and test function; duplicates are dropped. egg's math tests
(``tests/math.rs`` of egraphs-good/egg, the ``math_*`` simplification tests whose input lies
in a fragment) are written out below as data.

For each fragment it prints, for the input, for gl (``rewriting.simplify`` with the given
rules, default: the default division-safe rules) and for ``sympy.simplify``: total operations
(``op_count`` of the output term: the measure gl's extractor minimizes, checked against the
cost it reports on every output), the same with negative coefficients counted as sympy
counts them (:func:`signed_ops`), total wall time and process CPU time, median time per
expression, wins/losses/ties of gl against sympy, numerical mismatches and definedness
gains. The two simplifiers alternate expression by expression, each from a cleared sympy
cache.

Soundness is judged at two kinds of points: seeded random floats, and exact rational points
on the zero sets of the input's denominators (each irreducible factor of the numerator of
every divisor, ``log`` and ``sqrt`` argument, solved for one variable at random rational
values of the others), where values are computed exactly (sympy numbers). A *mismatch* is a
point where input and output are both defined and differ; a *definedness gain* is a point
where the output is defined and the input is not. A gain is *reported* when one of gl's
side conditions (``Result.conditions``: the output equals the input where each is defined
and nonzero) is zero or undefined there.
"""

from __future__ import annotations

import argparse
import ast
import math
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sympy

from rewriting import (
    Result,
    TermError,
    Undefined,
    eval_real,
    from_sympy,
    op_count,
    simplify,
    to_sympy,
)
from rewriting.terms import Term, is_number, number_value, parse_term, term_to_str, variables

CALLS = {
    "simplify": ("simplify", "ratsimp", "radsimp", "cancel", "factor", "together"),
    "polys": ("cancel", "factor", "together"),
}
ARITHMETIC_OPS = frozenset({"+", "-", "*", "/", "neg", "^"})
FUNCTION_OPS = ARITHMETIC_OPS | {"exp", "log", "sin", "cos", "sqrt"}
CONSTANTS = frozenset({"pi", "E"})
#: inputs with more operations, or with exponents past ``MAX_EXPONENT``, are left out
#: (sympy.simplify runs out of memory on ``(x^2 + 2*x + 1)^1234567``)
MAX_OPS = 200
MAX_EXPONENT = 64

#: egg's math tests (egraphs-good/egg, tests/math.rs): test name and input, as infix text
EGG_MATH = [
    ("math_associate_adds", "1 + (2 + (3 + (4 + (5 + (6 + 7)))))"),
    ("math_simplify_add", "x + (x + (x + x))"),
    ("math_simplify_const", "1 + (a - (2 - 1) * a)"),
    ("math_simplify_root", "1 / ((1 + sqrt(five)) / 2 - (1 - sqrt(five)) / 2)"),
    ("math_simplify_factor", "(x + 3) * (x + 1)"),
    ("assoc_mul_saturates", "x * 1"),
]


@dataclass
class Case:
    """One benchmark input and where it comes from."""

    expr: sympy.Expr
    term: Term
    fragment: str
    source: str


# ---------------------------------------------------------------- the set


class _Names(dict):
    """Evaluation namespace: sympy's names where they exist, a symbol for any other name."""

    def __missing__(self, key: str) -> object:
        return sympy.Symbol(key)


def _namespace() -> _Names:
    ns = _Names()
    for name in ("Rational", "Integer", "Float", "S", "Symbol", "symbols", "Add", "Mul", "Pow",
                 "exp", "log", "sin", "cos", "tan", "sqrt", "pi", "E", "I", "oo", "nan", "zoo",
                 "sinh", "cosh", "tanh", "asin", "acos", "atan", "Abs", "factorial", "gamma",
                 "Function", "Sum", "Integral", "Eq", "Matrix", "root", "cbrt", "ln", "sign",
                 "Piecewise", "Derivative", "erf", "besselj", "binomial", "polar_lift"):
        ns[name] = getattr(sympy, name)
    ns["__builtins__"] = {}
    return ns


def fragment_of(term: Term) -> str | None:
    """``arithmetic``, ``functions`` or None (outside both): powers need integer exponents.

    >>> fragment_of(("/", "x", ("^", "y", "2"))), fragment_of(("exp", "x")), fragment_of(("^", "x", "y"))
    ('arithmetic', 'functions', None)
    """
    ops: set[str] = set()
    stack = [term]
    while stack:
        t = stack.pop()
        if isinstance(t, str):
            if t in CONSTANTS:
                ops.add("exp")  # the constants belong with the functions
            continue
        if t[0] == "^" and not (isinstance(t[2], str) and is_number(t[2])
                                and number_value(t[2]).denominator == 1
                                and abs(number_value(t[2])) <= MAX_EXPONENT):
            return None
        ops.add(t[0])
        stack.extend(t[1:])
    if ops <= ARITHMETIC_OPS:
        return "arithmetic"
    return "functions" if ops <= FUNCTION_OPS else None


def _calls(path: Path, names: tuple[str, ...], ns: _Names) -> Iterator[tuple[str, sympy.Expr]]:
    """(test function, value of the first argument) of every call of ``names``: the
    function's simple assignments (``e = ...``) run in order, so that ``simplify(e)`` sees
    the ``e`` of its test."""
    text = path.read_text()
    for test in ast.walk(ast.parse(text)):
        if not isinstance(test, ast.FunctionDef):
            continue
        events = [n for n in ast.walk(test) if isinstance(n, ast.Assign | ast.Call)]
        scope = _Names(ns)
        for node in sorted(events, key=lambda n: (n.lineno, n.col_offset)):
            if isinstance(node, ast.Assign):
                _run_assignment(node, scope)
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else None)
            if name in names and node.args:
                source = ast.get_source_segment(text, node.args[0])
                value = _evaluate(source, scope) if source else None
                if value is not None:
                    yield test.name, value


def _run_assignment(node: ast.Assign, scope: _Names) -> None:
    try:
        exec(compile(ast.Module([node], []), "<sympy test>", "exec"), scope)  # noqa: S102
    except Exception:  # noqa: BLE001 - a statement of sympy's tests we cannot replay
        for target in node.targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name):
                    scope.pop(sub.id, None)


def _evaluate(source: str, ns: _Names) -> sympy.Expr | None:
    try:
        value = eval(compile(source, "<sympy test>", "eval"), ns)  # noqa: S307 - sympy's own tests
    except Exception:  # noqa: BLE001 - any failure means: not an expression of the fragment
        return None
    return value if isinstance(value, sympy.Expr) else None


def sympy_cases() -> list[Case]:
    """The cases from the installed sympy's test files, in file and line order."""
    root = Path(sympy.__file__).parent
    ns = _namespace()
    cases: list[Case] = []
    for folder, names in CALLS.items():
        for path in sorted((root / folder / "tests").glob("test_*.py")):
            for test, expr in _calls(path, names, ns):
                if not expr.free_symbols or expr.has(sympy.zoo, sympy.nan):
                    continue
                case = _case(expr, f"sympy/{folder}/tests/{path.name}::{test}")
                if case is not None:
                    cases.append(case)
    return cases


def _case(expr: sympy.Expr, source: str) -> Case | None:
    try:
        term = from_sympy(expr)
    except (TermError, TypeError, ValueError):
        return None
    fragment = fragment_of(term)
    if fragment is None or op_count(term) > MAX_OPS:
        return None
    # sympy gets the expression over plain symbols, as gl does (no assumptions)
    return Case(to_sympy(term), term, fragment, source)


def egg_cases() -> list[Case]:
    """egg's math tests in a supported fragment (their input exactly as egg writes it)."""
    out = []
    for name, text in EGG_MATH:
        term = parse_term(text)
        fragment = fragment_of(term)
        if fragment is not None:
            out.append(Case(to_sympy(term), term, fragment, f"egg tests/math.rs::{name}"))
    return out


def cases() -> list[Case]:
    """The whole set, duplicates (equal sympy expressions) dropped."""
    out: list[Case] = []
    seen: set[sympy.Expr] = set()
    for case in sympy_cases() + egg_cases():
        if case.expr not in seen:
            seen.add(case.expr)
            out.append(case)
    return out


# ---------------------------------------------------------------- soundness


def exact_value(term: Term, env: dict[str, sympy.Rational]) -> sympy.Expr | None:
    """The exact value of a term at a rational point (sympy numbers), or None where it is
    undefined (a zero divisor, the log of a non-positive number, the root of a negative
    one) or where sympy cannot decide."""
    stack: list[tuple[Term, bool]] = [(term, False)]
    out: list[sympy.Expr] = []
    while stack:
        t, ready = stack.pop()
        if isinstance(t, str):
            out.append(env[t] if t in env else _leaf(t))
            continue
        if not ready:
            stack.append((t, True))
            stack.extend((a, False) for a in reversed(t[1:]))
            continue
        args = out[len(out) - (len(t) - 1):]
        del out[len(out) - (len(t) - 1):]
        value = _node(t[0], args)
        if value is None:
            return None
        out.append(value)
    return out[0]


def _leaf(leaf: str) -> sympy.Expr:
    if is_number(leaf):
        v = number_value(leaf)
        return sympy.Rational(v.numerator, v.denominator)
    return {"pi": sympy.pi, "E": sympy.E}[leaf]


def _node(op: str, args: list[sympy.Expr]) -> sympy.Expr | None:
    if op in ("/", "log", "sqrt") or (op == "^" and args[1].is_negative):
        arg = args[1] if op in ("/", "^") else args[0]
        zero = arg.is_zero
        if zero is None or (op == "log" and arg.is_positive is not True) or (
                op == "sqrt" and arg.is_nonnegative is not True):
            return None if zero is not False or op != "/" else _apply(op, args)
        if zero and op != "sqrt":  # sqrt(0) = 0
            return None
    return _apply(op, args)


def _apply(op: str, args: list[sympy.Expr]) -> sympy.Expr:
    unary: dict[str, Callable[[sympy.Expr], sympy.Expr]] = {
        "neg": lambda a: -a, "exp": sympy.exp, "log": sympy.log, "sin": sympy.sin,
        "cos": sympy.cos, "sqrt": sympy.sqrt, "sinh": sympy.sinh, "cosh": sympy.cosh,
        "tanh": sympy.tanh, "abs": sympy.Abs}
    if op in unary:
        return unary[op](args[0])
    a, b = args
    return {"+": a + b, "-": a - b, "*": a * b}.get(op) if op != "/" and op != "^" else (
        a / b if op == "/" else a ** b)


def _divisors(term: Term) -> list[Term]:
    """Divisors and arguments of log and sqrt: where they vanish the term may be undefined."""
    out = []
    stack = [term]
    while stack:
        t = stack.pop()
        if isinstance(t, str):
            continue
        if t[0] == "/":
            out.append(t[2])
        elif t[0] in ("log", "sqrt"):
            out.append(t[1])
        stack.extend(t[1:])
    return out


def pole_points(term: Term, rng: random.Random, per_factor: int = 2) -> list[dict]:
    """Exact rational points on the zero sets of the irreducible polynomial factors of the
    numerators of ``term``'s divisors (and log/sqrt arguments)."""
    names = [v for v in variables(term) if v not in CONSTANTS]
    symbols = [sympy.Symbol(v) for v in names]
    points: list[dict] = []
    factors: dict[sympy.Expr, None] = {}
    for divisor in _divisors(term):
        numerator = sympy.fraction(sympy.together(to_sympy(divisor)))[0]
        if not numerator.free_symbols or not numerator.is_polynomial(*symbols):
            continue
        for factor, _ in sympy.factor_list(numerator)[1]:
            if factor.free_symbols:
                factors.setdefault(factor)
    for factor in factors:
        for _ in range(per_factor):
            point = _point_on(factor, symbols, rng)
            if point is not None:
                points.append(point)
    return points


def _point_on(factor: sympy.Expr, symbols: list[sympy.Symbol], rng: random.Random
              ) -> dict | None:
    free = [s for s in symbols if s in factor.free_symbols]
    solve_for = rng.choice(free)
    env = {s.name: sympy.Rational(rng.randint(-7, 7), rng.randint(1, 4)) for s in symbols}
    others = {s: env[s.name] for s in symbols if s != solve_for}
    poly = sympy.Poly(factor.subs(others), solve_for)
    if poly.degree() < 1:
        return None
    roots = [r for r in sympy.roots(poly, filter="Q") if r.is_Rational]
    if not roots:
        return None
    env[solve_for.name] = rng.choice(roots)
    return env


def float_points(term: Term, rng: random.Random, count: int = 6) -> list[dict]:
    """Seeded random points (floats in [-3, 3])."""
    names = [v for v in variables(term) if v not in CONSTANTS]
    return [{v: rng.uniform(-3.0, 3.0) for v in names} for _ in range(count)]


@dataclass
class Verdict:
    """Soundness of one output: mismatching points, gains, gains with a reported condition."""

    mismatch: bool = False
    gains: int = 0
    reported: int = 0


def judge(term: Term, out: Term, conditions: tuple[Term, ...], seed: int) -> Verdict:
    """Compare input and output at float points and at exact points on the input's poles."""
    rng = random.Random(seed)
    verdict = Verdict()
    for env in float_points(term, rng):
        before, after = _float(term, env), _float(out, env)
        if before is not None and after is not None:
            if abs(before) < 1e6 and not math.isclose(before, after, rel_tol=1e-6, abs_tol=1e-6):
                verdict.mismatch = True
        elif before is None and after is not None:
            _gain(verdict, conditions, lambda c, env=env: _float(c, env) in (None, 0.0))
    for point in pole_points(term, rng):
        before, after = exact_value(term, point), exact_value(out, point)
        if before is not None and after is not None:
            difference = sympy.N(before - after, 30)
            if not difference.is_number or abs(difference) > 1e-12 * max(1, abs(sympy.N(before))):
                verdict.mismatch = True
        elif before is None and after is not None:
            _gain(verdict, conditions, lambda c, point=point: exact_value(c, point) in (None, 0))
    return verdict


def _gain(verdict: Verdict, conditions: tuple[Term, ...], vanishes: Callable[[Term], bool]
          ) -> None:
    verdict.gains += 1
    if any(vanishes(c) for c in conditions):
        verdict.reported += 1


def _float(term: Term, env: dict[str, float]) -> float | None:
    try:
        return eval_real(term, env)
    except Undefined:
        return None


# ---------------------------------------------------------------- the measure


def signed_ops(term: Term) -> int:
    """``op_count`` plus one for each negative number that is not an addend's coefficient.

    A number leaf costs nothing, so ``-2 * y`` (one product) is cheaper than ``-(2 * y)``,
    which is how :func:`rewriting.from_sympy` writes sympy's ``-2*y``: this measure counts
    the sign as a negation in both, as ``sympy.count_ops`` does; in a sum it is a
    subtraction (``x + -2 * y`` is ``x - 2 * y``) and costs nothing more.

    >>> signed_ops(("*", "-2", "y")), signed_ops(("neg", ("*", "2", "y")))
    (2, 2)
    >>> signed_ops(("+", "x", ("*", "-2", "y"))), signed_ops(("exp", ("*", "-3", "x")))
    (2, 3)
    """
    count = op_count(term)
    stack: list[tuple[Term, bool]] = [(term, False)]
    while stack:
        t, addend = stack.pop()
        if isinstance(t, str):
            count += is_number(t) and number_value(t) < 0 and not addend
            continue
        for arg in t[1:]:
            # a factor of an addend is still an addend's coefficient
            stack.append((arg, t[0] in ("+", "-") or (addend and t[0] in ("*", "/"))))
    return count


# ---------------------------------------------------------------- the run


@dataclass
class Tally:
    """Totals of one simplifier on one fragment (``wins``: outputs shorter than the other's)."""

    ops: int = 0
    signed: int = 0
    wall: list[float] = field(default_factory=list)
    cpu: float = 0.0
    mismatches: int = 0
    gains: int = 0
    unreported: int = 0
    wins: int = 0
    #: outputs whose op_count differs from the cost the extractor reported
    disagreements: int = 0


def run(selected: list[Case], gl: Callable[[Term], Result], show: bool = False
        ) -> dict[str, Tally]:
    """Both simplifiers on every case, alternating, each from a cleared sympy cache
    (``show``: print the cases where their operation counts differ)."""
    tallies = {"input": Tally(), "gl": Tally(), "sympy": Tally()}
    for k, case in enumerate(selected):
        sympy.core.cache.clear_cache()
        wall, cpu = time.perf_counter(), time.process_time()
        result = gl(case.term)
        t_gl = (time.perf_counter() - wall, time.process_time() - cpu)
        sympy.core.cache.clear_cache()
        wall, cpu = time.perf_counter(), time.process_time()
        s_out = from_sympy(sympy.simplify(case.expr))
        t_sympy = (time.perf_counter() - wall, time.process_time() - cpu)
        tallies["input"].ops += op_count(case.term)
        tallies["input"].signed += signed_ops(case.term)
        tallies["gl"].disagreements += result.cost != op_count(result.term)
        for name, out, conds, spent in (("gl", result.term, result.conditions, t_gl),
                                        ("sympy", s_out, (), t_sympy)):
            tally = tallies[name]
            tally.ops += op_count(out)
            tally.signed += signed_ops(out)
            tally.wall.append(spent[0])
            tally.cpu += spent[1]
            verdict = judge(case.term, out, conds, seed=k)
            tally.mismatches += verdict.mismatch
            tally.gains += verdict.gains > 0
            tally.unreported += verdict.gains > verdict.reported
        if show and op_count(result.term) != op_count(s_out):
            print(f"  {case.source}: {term_to_str(case.term)}\n    gl {op_count(result.term)} "
                  f"{1000 * t_gl[1]:.0f} ms: {term_to_str(result.term)}\n    sympy "
                  f"{op_count(s_out)} {1000 * t_sympy[1]:.0f} ms: {term_to_str(s_out)}")
        tallies["gl"].wins += op_count(result.term) < op_count(s_out)
        tallies["sympy"].wins += op_count(result.term) > op_count(s_out)
    return tallies


def report(fragment: str, selected: list[Case], tallies: dict[str, Tally]) -> None:
    gl, sp = tallies["gl"], tallies["sympy"]
    ties = len(selected) - gl.wins - sp.wins
    print(f"\n[{fragment}] {len(selected)} expressions, input {tallies['input'].ops} operations"
          f" ({tallies['input'].signed} signed)")
    print(f"  {'':6s} {'ops':>6s} {'signed':>7s} {'wall s':>8s} {'cpu s':>8s} {'median ms':>10s} "
          f"{'mismatch':>9s} {'gains':>6s} {'unreported':>11s}")
    for name, t in (("sympy", sp), ("gl", gl)):
        print(f"  {name:6s} {t.ops:6d} {t.signed:7d} {sum(t.wall):8.2f} {t.cpu:8.2f} "
              f"{1000 * statistics.median(t.wall):10.1f} {t.mismatches:9d} {t.gains:6d} "
              f"{t.unreported:11d}")
    print(f"  gl/sympy: ops {gl.ops / max(sp.ops, 1):.3f}x, signed ops "
          f"{gl.signed / max(sp.signed, 1):.3f}x, wall {sum(gl.wall) / max(sum(sp.wall), 1e-9):.2f}x, "
          f"cpu {gl.cpu / max(sp.cpu, 1e-9):.2f}x; gl shorter {gl.wins}, sympy shorter {sp.wins}, "
          f"ties {ties}; extractor cost != op_count on {gl.disagreements} outputs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=None, help="gl rulesets (default: the default rules)")
    parser.add_argument("--seeds", action="store_true", help="gl with algebraic seeds")
    parser.add_argument("--list", action="store_true", help="print the set and stop")
    parser.add_argument("--limit", type=int, default=0, help="only the first N of each fragment")
    parser.add_argument("--show", action="store_true", help="print where gl and sympy differ")
    parser.add_argument("--fragment", choices=["arithmetic", "functions"], default=None)
    args = parser.parse_args()
    everything = cases()
    print(f"load average {os.getloadavg()[0]:.2f}; sympy {sympy.__version__}; "
          f"{len(everything)} expressions")

    def gl(term: Term) -> Result:
        kwargs = {"seeds": True} if args.seeds else {}
        return simplify(term, rules=args.rules, cost="ops", **kwargs)

    for fragment in ("arithmetic", "functions"):
        if args.fragment not in (None, fragment):
            continue
        selected = [c for c in everything if c.fragment == fragment]
        if args.limit:
            selected = selected[:args.limit]
        if args.list:
            for c in selected:
                print(f"{fragment:10s} {c.source:70s} {c.expr}")
            continue
        report(fragment, selected, run(selected, gl, args.show))


if __name__ == "__main__":
    main()
