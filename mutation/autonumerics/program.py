"""Straight-line programs over one input ``x``: a DAG of constants and + − × ÷ fma.

A :class:`Program` is a tuple of :class:`Node` in topological order; the last node is the
output. Constants are parameters (the search fits them). The *cost* of a program is the
number of operations that depend on ``x`` (operations on constants alone are folded into
one constant by :func:`simplify`, so they are free); a fused multiply-add costs
``fma_cost`` (2 by default: it is a multiplication and an addition).

>>> p = parse_program("t1 = x * x; t2 = t1 + 3.0; t3 = t2 / x")
>>> cost(p), evaluate(p, np.array([1.0, 2.0])).tolist()
(3, [4.0, 3.5])
>>> to_sympy(p)
(x**2 + 3.0)/x
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy

#: operation name -> arity
ARITY = {"add": 2, "sub": 2, "mul": 2, "div": 2, "fma": 3}
BINARY = ("add", "sub", "mul", "div")
SYMBOL = {"add": "+", "sub": "-", "mul": "*", "div": "/"}
COMMUTATIVE = {"add", "mul"}


@dataclass(frozen=True)
class Node:
    """One instruction: ``("x")``, ``("const", value=c)`` or an operation on earlier nodes."""

    op: str
    args: tuple[int, ...] = ()
    value: float = 0.0

    def __post_init__(self) -> None:
        if self.op not in ("x", "const") and self.op not in ARITY:
            raise ValueError(f"unknown operation {self.op!r}")


X = Node("x")


@dataclass(frozen=True)
class Program:
    """A straight-line program; ``nodes[-1]`` is the output.

    >>> Program((X, Node("const", value=2.0), Node("mul", (0, 1)))).constants()
    [2.0]
    """

    nodes: tuple[Node, ...]

    def __post_init__(self) -> None:
        if not self.nodes:
            raise ValueError("a program needs at least one node")
        for i, n in enumerate(self.nodes):
            if len(n.args) != ARITY.get(n.op, 0) or any(not 0 <= a < i for a in n.args):
                raise ValueError(f"node {i} ({n.op}) has bad arguments {n.args}")

    def constants(self) -> list[float]:
        """The values of the constant nodes, in node order (the fitted parameters)."""
        return [n.value for n in self.nodes if n.op == "const"]

    def with_constants(self, values: Sequence[float]) -> Program:
        """The same structure with new constant values (in :meth:`constants` order)."""
        it = iter(values)
        nodes = tuple(Node("const", value=float(next(it))) if n.op == "const" else n
                      for n in self.nodes)
        return Program(nodes)

    def to_json(self) -> list[list]:
        """JSON form: ``[["x"], ["const", 2.0], ["mul", 0, 1]]`` (floats round-trip exactly)."""
        return [["x"] if n.op == "x" else ["const", n.value] if n.op == "const"
                else [n.op, *n.args] for n in self.nodes]

    @staticmethod
    def from_json(data: list[list]) -> Program:
        """Inverse of :meth:`to_json`."""
        nodes = []
        for item in data:
            op = item[0]
            if op == "const":
                nodes.append(Node("const", value=float(item[1])))
            else:
                nodes.append(Node(op, tuple(int(a) for a in item[1:])))
        return Program(tuple(nodes))

    def __str__(self) -> str:
        return program_text(self)


def depends_on_x(p: Program) -> list[bool]:
    """For each node: does its value depend on the input?"""
    dep: list[bool] = []
    for n in p.nodes:
        dep.append(n.op == "x" or any(dep[a] for a in n.args))
    return dep


def live_nodes(p: Program) -> list[bool]:
    """For each node: is it reachable from the output?"""
    live = [False] * len(p.nodes)
    live[-1] = True
    for i in range(len(p.nodes) - 1, -1, -1):
        if live[i]:
            for a in p.nodes[i].args:
                live[a] = True
    return live


def cost(p: Program, fma_cost: int = 2) -> int:
    """Number of live operations that depend on ``x`` (fma counts ``fma_cost``).

    >>> cost(parse_program("t1 = 2.0 * 3.0; t2 = x * t1"))
    1
    """
    dep, live = depends_on_x(p), live_nodes(p)
    return sum((fma_cost if n.op == "fma" else 1) for n, d, lv in zip(p.nodes, dep, live)
               if d and lv and n.op in ARITY)


def _apply(op: str, a: float, b: float, c: float = 0.0) -> float:
    with np.errstate(all="ignore"):
        if op == "add":
            return float(np.float64(a) + b)
        if op == "sub":
            return float(np.float64(a) - b)
        if op == "mul":
            return float(np.float64(a) * b)
        if op == "div":
            return float(np.float64(a) / b)
        return float(np.float64(a) * b + c)


def simplify(p: Program) -> Program:
    """Canonical form of ``p``; see :func:`build`.

    >>> str(simplify(parse_program("t1 = 1.0 + 2.0; t2 = x * t1; t3 = t1 * x; t4 = t2 + t3")))
    't1 = x * 3.0; t2 = t1 + t1'
    """
    return build(list(p.nodes), len(p.nodes) - 1)


def append_horner(nodes: list[Node], coeffs: Sequence[float], var: int, *, monic: bool = False,
                  fma: bool = False) -> int:
    """Append to `nodes` the evaluation of ``sum(coeffs[k] * v**k)`` by Horner's rule in
    node `var` (with `monic`, the leading coefficient is taken as 1); returns the index
    of its result.

    >>> nodes = [X]
    >>> float(evaluate(build(nodes, append_horner(nodes, [1.0, 2.0, 3.0], 0)), np.array([2.0]))[0])
    17.0
    """

    def const(v: float) -> int:
        nodes.append(Node("const", value=float(v)))
        return len(nodes) - 1

    def op(name: str, *args: int) -> int:
        nodes.append(Node(name, args))
        return len(nodes) - 1

    d = len(coeffs) - 1
    if d == 0:
        return const(1.0 if monic else coeffs[0])
    if monic:
        acc = op("add", var, const(coeffs[d - 1]))
        start = d - 2
    else:
        acc = const(coeffs[d])
        start = d - 1
    for k in range(start, -1, -1):
        acc = op("fma", acc, var, const(coeffs[k])) if fma else \
            op("add", op("mul", acc, var), const(coeffs[k]))
    return acc


def build(nodes: list[Node], output: int) -> Program:
    """The canonical program computing node ``output`` of ``nodes``: fold operations on
    constants, replace ``a - a`` and ``a / a`` by constants, merge equal operations
    (commutative arguments ordered), drop dead nodes, number nodes depth-first from the
    output (``x`` first).

    >>> str(build([X, Node("const", value=2.0), Node("mul", (0, 1)), Node("add", (0, 0))], 2))
    't1 = x * 2.0'
    """
    if not (nodes and nodes[0].op == "x"):
        raise ValueError("node 0 must be x")
    # fold constant-only operations
    dep: list[bool] = []
    for i, n in enumerate(nodes):
        dep.append(n.op == "x" or any(dep[a] for a in n.args))
        if n.op in ARITY and not dep[i]:
            nodes[i] = Node("const", value=_apply(n.op, *(nodes[a].value for a in n.args)))
    # merge equal operations; `ident` keys identify (distinct constants stay distinct
    # parameters), `okey` keys order commutative arguments by content
    ident: list[str] = []
    okey: list[str] = []
    canon: list[int] = []   # node -> representative node
    seen: dict[str, int] = {}
    trivial = False
    for i, n in enumerate(nodes):
        if n.op == "x":
            ik, ok = "x", ""      # x sorts first
        elif n.op == "const":
            ik, ok = f"c#{i}", "~" + n.value.hex()    # constants sort last
        else:
            args = [canon[a] for a in n.args]
            if n.op in COMMUTATIVE or n.op == "fma":
                args[:2] = sorted(args[:2], key=lambda a: (okey[a], ident[a]))
            if n.op in ("sub", "div") and args[0] == args[1]:     # a - a, a / a
                nodes[i] = Node("const", value=0.0 if n.op == "sub" else 1.0)
                ident.append(ik := f"c#{i}")
                okey.append("~" + nodes[i].value.hex())
                seen[ik] = i
                canon.append(i)
                trivial = True
                continue
            nodes[i] = n = Node(n.op, tuple(args))
            ik = _digest(n.op, [ident[a] for a in args])
            ok = _digest(n.op, [okey[a] for a in args])
        if ik in seen:
            canon.append(seen[ik])
        else:
            seen[ik] = i
            canon.append(i)
        ident.append(ik)
        okey.append(ok)
    # renumber live nodes depth-first from the output; x first
    order: list[int] = []
    placed: set[int] = set()

    def visit(i: int) -> None:
        stack = [(i, False)]
        while stack:
            j, done = stack.pop()
            if j in placed:
                continue
            if done:
                placed.add(j)
                order.append(j)
                continue
            stack.append((j, True))
            for a in reversed(nodes[j].args):
                if a not in placed:
                    stack.append((a, False))

    visit(0)
    visit(canon[output])
    new_index = {old: k for k, old in enumerate(order)}
    p = Program(tuple(Node(nodes[old].op, tuple(new_index[a] for a in nodes[old].args),
                           nodes[old].value) for old in order))
    return build(list(p.nodes), len(p.nodes) - 1) if trivial else p


def _digest(op: str, parts: list[str]) -> str:
    return hashlib.blake2b("|".join([op, *parts]).encode(), digest_size=8).hexdigest()


def structure_key(p: Program, shape: bool = False) -> str:
    """A digest of the program's structure and exact constant values (for exact dedupe),
    or with ``shape`` of its structure alone (the values of the constants left out).

    >>> a, b = parse_program("t1 = x + 1.0"), parse_program("t1 = x + 2.0")
    >>> structure_key(a) == structure_key(b), structure_key(a, True) == structure_key(b, True)
    (False, True)
    """
    text = ";".join(",".join([n.op, *map(str, n.args),
                              n.value.hex() if n.op == "const" and not shape else ""])
                    for n in p.nodes)
    return ("shape:" if shape else "") + hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


# --- evaluation ---------------------------------------------------------------------------

def evaluate(p: Program, x: np.ndarray, dtype: type = np.float64,
             constants: Sequence[float] | None = None) -> np.ndarray:
    """Evaluate on an array of inputs in ``dtype`` arithmetic (float64 or float32), with
    the program's constants or the given ones (in :meth:`Program.constants` order).

    fma rounds once in float32 (the product and sum are exact in float64 first) and twice
    in float64 (numpy has no fused multiply-add).
    """
    xs = np.asarray(x, dtype=dtype)
    return np.broadcast_to(np.asarray(_run(p, xs, dtype, constants)[-1], dtype=dtype),
                           xs.shape)


def node_values(p: Program, x: np.ndarray, dtype: type = np.float64) -> list[np.ndarray]:
    """The value of every node on the inputs, each broadcast to ``x``'s shape."""
    xs = np.asarray(x, dtype=dtype)
    return [np.broadcast_to(np.asarray(v, dtype=dtype), xs.shape) for v in _run(p, xs, dtype)]


def _run(p: Program, xs: np.ndarray, dtype: type, constants: Sequence[float] | None = None
         ) -> list:
    vals: list = []
    it = iter(constants if constants is not None else p.constants())
    with np.errstate(all="ignore"):
        for n in p.nodes:
            if n.op == "x":
                v = xs
            elif n.op == "const":
                v = dtype(next(it))
            else:
                a = [vals[i] for i in n.args]
                if n.op == "add":
                    v = a[0] + a[1]
                elif n.op == "sub":
                    v = a[0] - a[1]
                elif n.op == "mul":
                    v = a[0] * a[1]
                elif n.op == "div":
                    v = a[0] / a[1]
                elif dtype == np.float32:
                    v = (np.float64(a[0]) * np.float64(a[1]) + np.float64(a[2])).astype(dtype)
                else:
                    v = a[0] * a[1] + a[2]
            vals.append(v)
    return vals


def evaluate_with_jacobian(p: Program, x: np.ndarray, constants: Sequence[float] | None = None
                           ) -> tuple[np.ndarray, np.ndarray]:
    """Values (m,) and the Jacobian (m, k) with respect to the k constants (forward mode),
    with the program's constants or the given ones."""
    m = len(x)
    const_index = [i for i, n in enumerate(p.nodes) if n.op == "const"]
    k = len(const_index)
    row = {node: j for j, node in enumerate(const_index)}
    cvals = constants if constants is not None else p.constants()
    vals: list = []
    ders: list = []       # (k, m) or (k, 1) arrays, or None for zero
    with np.errstate(all="ignore"):
        for i, n in enumerate(p.nodes):
            if n.op == "x":
                v, d = x, None
            elif n.op == "const":
                v = np.float64(cvals[row[i]])
                d = np.zeros((k, 1))
                d[row[i], 0] = 1.0
            else:
                a, da = [vals[j] for j in n.args], [ders[j] for j in n.args]
                if n.op == "add":
                    v, d = a[0] + a[1], _lin(da[0], 1.0, da[1], 1.0)
                elif n.op == "sub":
                    v, d = a[0] - a[1], _lin(da[0], 1.0, da[1], -1.0)
                elif n.op == "mul":
                    v, d = a[0] * a[1], _lin(da[0], a[1], da[1], a[0])
                elif n.op == "div":
                    v = a[0] / a[1]
                    inv = 1.0 / a[1]
                    d = _lin(da[0], inv, da[1], -v * inv)
                else:
                    v = a[0] * a[1] + a[2]
                    d = _lin(_lin(da[0], a[1], da[1], a[0]), 1.0, da[2], 1.0)
            vals.append(v)
            ders.append(d)
    value = np.broadcast_to(np.asarray(vals[-1], dtype=float), (m,))
    jac = np.zeros((m, k)) if ders[-1] is None else np.broadcast_to(ders[-1], (k, m)).T
    return value, jac


def _lin(d1, s1, d2, s2):
    """d1*s1 + d2*s2 for derivative arrays where None means zero."""
    if d1 is None and d2 is None:
        return None
    if d1 is None:
        return d2 * s2
    if d2 is None:
        return d1 * s1
    return d1 * s1 + d2 * s2


def evaluate_mp(p: Program, x: mpmath.mpf, constants: Sequence | None = None) -> mpmath.mpf:
    """Evaluate in mpmath arithmetic at the current precision, with the program's constants
    taken exactly (or the given ones, e.g. mpf values)."""
    vals: list = []
    it = iter(constants if constants is not None else p.constants())
    for n in p.nodes:
        if n.op == "x":
            v = mpmath.mpf(x)
        elif n.op == "const":
            v = mpmath.mpf(next(it))
        else:
            a = [vals[i] for i in n.args]
            v = mpmath.inf if n.op == "div" and a[1] == 0 else _ALGEBRA[n.op](*a)
        vals.append(v)
    return vals[-1]


#: each operation on numbers of any kind (mpmath, sympy, Python)
_ALGEBRA: dict[str, Callable] = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "fma": lambda a, b, c: a * b + c,
}


# --- text and sympy -----------------------------------------------------------------------

def _uses(p: Program) -> list[int]:
    uses = [0] * len(p.nodes)
    for n in p.nodes:
        for a in n.args:
            uses[a] += 1
    return uses


def operand_names(p: Program, literal: Callable[[float], str] = repr
                  ) -> tuple[list[str], list[tuple[str, float]]]:
    """How each node is written as an operand — ``x``, an inline constant (``literal``),
    ``c1``... for constants used more than once, ``t1``... for operations — and the named
    constants as (name, value).

    >>> operand_names(parse_program("c = 2.0; t1 = x * c; t2 = t1 + c; t3 = t2 - 1.0"))
    (['x', 'c1', 't1', 't2', '1.0', 't3'], [('c1', 2.0)])
    """
    names: list[str] = []
    shared: list[tuple[str, float]] = []
    k = 0
    uses = _uses(p)
    for i, n in enumerate(p.nodes):
        if n.op == "x":
            names.append("x")
        elif n.op == "const":
            if uses[i] > 1:
                names.append(f"c{len(shared) + 1}")
                shared.append((names[-1], n.value))
            else:
                names.append(literal(n.value))
        else:
            k += 1
            names.append(f"t{k}")
    return names, shared


def program_text(p: Program) -> str:
    """One statement per operation, ``t1 = x * x; t2 = t1 + 3.0``; constants inline, or
    named ``c1 = ...`` first when used more than once."""
    names, shared = operand_names(p)
    parts = [f"{name} = {value!r}" for name, value in shared]
    for n, name in zip(p.nodes, names):
        if n.op in BINARY:
            a, b = (names[i] for i in n.args)
            parts.append(f"{name} = {a} {SYMBOL[n.op]} {b}")
        elif n.op == "fma":
            a, b, c = (names[i] for i in n.args)
            parts.append(f"{name} = fma({a}, {b}, {c})")
    if len(p.nodes) == 1 or p.nodes[-1].op == "const":
        parts.append(f"t0 = {names[-1]}")
    return "; ".join(parts)


_LINE = re.compile(r"^\s*([A-Za-z_]\w*)\s*=\s*(.+?)\s*$")


def parse_program(text: str) -> Program:
    """Inverse of :func:`program_text` (statements separated by ``;`` or newlines).

    >>> str(parse_program("t1 = fma(x, 2.5, 1)"))
    't1 = fma(x, 2.5, 1.0)'
    >>> str(parse_program("c = 3.0; t1 = x + c; t2 = c - x; t3 = t1 / t2"))
    'c1 = 3.0; t1 = x + c1; t2 = c1 - x; t3 = t1 / t2'
    """
    nodes: list[Node] = [X]
    env = {"x": 0}

    def operand(tok: str) -> int:
        tok = tok.strip()
        if tok in env:
            return env[tok]
        try:
            value = float(tok)
        except ValueError:
            raise ValueError(f"unknown operand {tok!r}") from None
        nodes.append(Node("const", value=value))
        return len(nodes) - 1

    for stmt in filter(None, (s.strip() for s in re.split(r"[;\n]", text))):
        m = _LINE.match(stmt)
        if not m:
            raise ValueError(f"cannot read statement {stmt!r}")
        name, rhs = m.groups()
        if rhs.startswith("fma(") and rhs.endswith(")"):
            args = [operand(t) for t in rhs[4:-1].split(",")]
            nodes.append(Node("fma", tuple(args)))
        else:
            mm = re.match(r"^(\S+)\s*([-+*/])\s*(\S+)$", rhs)
            if not mm:
                if rhs in env or _is_float(rhs):
                    env[name] = operand(rhs)
                    continue
                raise ValueError(f"cannot read expression {rhs!r}")
            a, sym, b = mm.groups()
            op = {v: k for k, v in SYMBOL.items()}[sym]
            ia, ib = operand(a), operand(b)
            nodes.append(Node(op, (ia, ib)))
        env[name] = len(nodes) - 1
    return Program(tuple(nodes))


def _is_float(tok: str) -> bool:
    try:
        float(tok)
    except ValueError:
        return False
    return True


def to_sympy(p: Program, digits: int | None = None, x: sympy.Symbol | None = None) -> sympy.Expr:
    """The program as a sympy expression; constants exact (as binary fractions written to 17
    digits) or rounded to ``digits`` significant digits for display.

    >>> to_sympy(parse_program("t1 = x * 0.333333333333; t2 = t1 + t1"), digits=3)
    0.666*x
    """
    sx = x if x is not None else sympy.Symbol("x")
    vals: list[sympy.Expr] = []
    for n in p.nodes:
        if n.op == "x":
            v = sx
        elif n.op == "const":
            v = sympy.Float(_round(n.value, digits), digits or 17)
        else:
            a = [vals[i] for i in n.args]
            # a / b as a * b**-1: a divisor that is identically 0 gives zoo, not an error
            v = a[0] * sympy.Pow(a[1], -1) if n.op == "div" else _ALGEBRA[n.op](*a)
        vals.append(v)
    return vals[-1]


def _round(value: float, digits: int | None) -> float:
    if digits is None or value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.{digits - 1}e}")
