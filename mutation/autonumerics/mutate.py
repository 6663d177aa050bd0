"""Random programs, seed programs and mutations.

Mutations (each a function ``(nodes, rng, ops) -> (nodes, output)`` on a node list whose
last node is the output):

* ``insert``: replace one operand reference ``r`` by a new expression built on it —
  ``r ∘ s`` for a random operation and partner ``s`` (a new constant, ``x``, an earlier
  node, or ``r`` itself: ``r * r`` squares), or ``r + c·E`` / ``r + c/E`` with
  ``E`` one of ``s``, ``s + d``, ``s·s``, ``s·s + d`` (``c = 0``: the child starts as the
  parent's function; ``r + c/(s·s + d)`` is a continued-fraction step in an even term);
* ``wrap``: the same, but after a node, for all of its uses at once (keeps shared
  subexpressions shared);
* ``remove``: bypass an operation (its uses take one of its operands);
* ``rewire``: point one operand at another earlier node, ``x`` or a new constant;
* ``change``: change an operation (``mul`` ↔ ``fma(a, b, 0)`` included);
* ``perturb``: jitter, flip or reset a constant;
* ``transform``: apply a transform to the output (or to a random node, for all of its
  uses): a squaring ``r·r``, a product ``s·r`` or a Cayley transform ``(r + s)/(r − s)``
  with ``s`` = ``x`` or an earlier node (the transforms :mod:`.refit` peels, fitting the
  inner program to the transformed target);
* ``variable``: the core's variable ``v`` (:func:`.refit.core`) squared: its uses in the
  core take ``v·v`` (a rational in x becomes one in x², the transforms keep x).

New constants that can make the new expression an identity start there (0 for + −, 1 for
× ÷), so a child begins where its parent's fit ended and the refit can only improve it.
Other new constants have random signs and magnitudes log-uniform over [0.01, 10^4].

>>> rng = np.random.default_rng(1)
>>> child = mutate(parse_program("t1 = x * 0.5; t2 = t1 + 1.0"), rng, max_ops=6)
>>> 1 <= cost(child) <= 6
True
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .program import ARITY, BINARY, Node, Program, X, build, cost, parse_program, simplify
from .refit import core

Nodes = list[Node]

#: the generic seeds (``--seeds generic``): the smallest polynomials and rationals in x,
#: no symmetry, no composition, constants arbitrary (the search fits them)
GENERIC_SHAPES = (
    ("line", "t1 = x * 0.7; t2 = t1 + 1.0"),
    ("quadratic", "t1 = x * 0.25; t2 = t1 + 0.5; t3 = t2 * x; t4 = t3 + 1.0"),
    ("rational (1, 1)", "t1 = x + 3.0; t2 = -8.0 / t1; t3 = t2 - 1.0"),
    ("rational (2, 2)", "t1 = x + 1.0; t2 = 1.0 / t1; t3 = x + t2; t4 = t3 + 1.0; "
                        "t5 = 1.0 / t4; t6 = t5 + 1.0"),
)

#: textbook shapes added with ``--seeds classical``: the even/odd forms x·R(x²) and
#: (G + x)/(G - x) with G even (the shape of Padé approximants of exp), a squared line
CLASSICAL_SHAPES = (
    ("(c + x)/(c - x)", "c = 3.0; t1 = x + c; t2 = c - x; t3 = t1 / t2"),
    ("x R(x²)", "w = x * x; t1 = w + 10.0; t2 = 1.0 / t1; t3 = t2 + 1.0; t4 = x * t3"),
    ("(G + x)/(G - x)", "w = x * x; t1 = w + 10.0; t2 = -100.0 / t1; g = t2 + 10.0; "
                        "t3 = g + x; t4 = g - x; t5 = t3 / t4"),
    ("squared line", "t1 = x * 0.35; t2 = t1 + 1.0; t3 = t2 * t2"),
)


def seed_programs(classical: bool = True) -> list[tuple[str, Program]]:
    """The named seed shapes (generic ones, and with ``classical`` the textbook ones),
    parsed and simplified.

    >>> [name for name, _ in seed_programs(classical=False)]
    ['line', 'quadratic', 'rational (1, 1)', 'rational (2, 2)']
    """
    shapes = GENERIC_SHAPES + (CLASSICAL_SHAPES if classical else ())
    return [(name, simplify(parse_program(text))) for name, text in shapes]


def _new_const(rng: np.random.Generator) -> float:
    """A random constant, magnitude log-uniform over [0.01, 10^4] (poles of good rational
    approximations can lie far away)."""
    return float(rng.choice([-1.0, 1.0]) * 10 ** rng.uniform(-2, 4))


def random_program(rng: np.random.Generator, max_ops: int, ops: tuple[str, ...] = BINARY,
                   fma_cost: int = 2) -> Program:
    """A random program of 1 to ``min(max_ops, 6)`` operations that depends on ``x``."""
    while True:
        nodes: Nodes = [X]
        for _ in range(int(rng.integers(1, min(max_ops, 6) + 1))):
            op = str(rng.choice(ops))
            args = []
            for _ in range(ARITY[op]):
                if rng.random() < 0.3:
                    nodes.append(Node("const", value=_new_const(rng)))
                    args.append(len(nodes) - 1)
                else:
                    ops_so_far = [i for i, n in enumerate(nodes) if n.op != "const"]
                    # prefer recent nodes so programs are deep rather than wide
                    weights = np.arange(1, len(ops_so_far) + 1, dtype=float) ** 2
                    args.append(int(rng.choice(ops_so_far, p=weights / weights.sum())))
            nodes.append(Node(op, tuple(args)))
        p = build(nodes, len(nodes) - 1)
        if 1 <= cost(p, fma_cost) <= max_ops:
            return p


def mutate(p: Program, rng: np.random.Generator, max_ops: int,
           ops: tuple[str, ...] = BINARY, fma_cost: int = 2, tries: int = 20) -> Program:
    """A simplified child of ``p``: 1 to 3 random mutations, with cost between 1 and
    ``max_ops`` and a structure different from ``p`` (``p`` itself after ``tries`` fails)."""
    for _ in range(tries):
        nodes, output = list(p.nodes), len(p.nodes) - 1
        for _ in range(int(rng.choice([1, 2, 3], p=[0.5, 0.3, 0.2]))):
            kind = _KINDS[int(rng.choice(len(_KINDS), p=_WEIGHTS))]
            nodes, output = kind(nodes[: output + 1], rng, ops)
        child = build(nodes, output)
        if 1 <= cost(child, fma_cost) <= max_ops and child != p:
            return child
    return p


# --- helpers ------------------------------------------------------------------------------

def _ops(nodes: Nodes) -> list[int]:
    return [i for i, n in enumerate(nodes) if n.op in ARITY]


def _insert(nodes: Nodes, pos: int, new: Nodes) -> Nodes:
    """Insert ``new`` (whose arguments already use final indices) before ``pos``."""
    k = len(new)
    shifted = [Node(n.op, tuple(a + k if a >= pos else a for a in n.args), n.value)
               for n in nodes[pos:]]
    return nodes[:pos] + new + shifted


def _partner(nodes: Nodes, limit: int, r: int, rng: np.random.Generator) -> int | None:
    """An operand for a new expression: None (a new constant), x, ``r`` or a node < limit."""
    u = rng.random()
    if u < 0.35:
        return None
    if u < 0.5:
        return 0
    if u < 0.65:
        return r
    return int(rng.integers(0, limit))


def _expression(r: int, s: int | None, pos: int, rng: np.random.Generator,
                ops: tuple[str, ...]) -> tuple[Nodes, int]:
    """New nodes (to be placed at ``pos``) computing an expression of ``r``; returns them
    and the index of the one replacing ``r``."""
    new: Nodes = []

    def const(value: float) -> int:
        new.append(Node("const", value=value))
        return pos + len(new) - 1

    def op(name: str, *args: int) -> int:
        new.append(Node(name, args))
        return pos + len(new) - 1

    if rng.random() < 0.5 or s == r:
        name = "mul" if s == r and rng.random() < 0.8 else str(rng.choice(
            [o for o in ops if ARITY[o] == 2]))
        if s is None:
            identity = 0.0 if name in ("add", "sub") else 1.0
            first = rng.random() < 0.75
            s = const(identity if first else _new_const(rng))
            top = op(name, r, s) if first else op(name, s, r)
        else:
            top = op(name, r, s) if rng.random() < 0.5 else op(name, s, r)
        return new, top
    # r + c * E or r + c / E with c = 0, E built on the partner s (x when none):
    # s, s + d, s * s or s * s + d (even terms, continued-fraction steps)
    e = 0 if s is None else s
    u = rng.random()
    if u < 0.4:
        e = op("mul", e, e)
    if rng.random() < 0.6:
        e = op("add", e, const(_new_const(rng)))
    c = const(0.0)
    inner = op("mul", c, e) if rng.random() < 0.35 else op("div", c, e)
    return new, op("add", r, inner)


# --- mutations ----------------------------------------------------------------------------

def _m_insert(nodes: Nodes, rng: np.random.Generator, ops: tuple[str, ...]
              ) -> tuple[Nodes, int]:
    output = len(nodes) - 1
    slots = [(k, j) for k in _ops(nodes) for j in range(ARITY[nodes[k].op])]
    if not slots or rng.random() < 0.15:          # wrap the output itself
        r = output
        new, top = _expression(r, _partner(nodes, len(nodes), r, rng), len(nodes), rng, ops)
        return nodes + new, top
    k, j = slots[int(rng.integers(len(slots)))]
    r = nodes[k].args[j]
    new, top = _expression(r, _partner(nodes, k, r, rng), k, rng, ops)
    out = _insert(nodes, k, new)
    consumer = out[k + len(new)]
    args = list(consumer.args)
    args[j] = top
    out[k + len(new)] = Node(consumer.op, tuple(args))
    return out, len(out) - 1


def _m_wrap(nodes: Nodes, rng: np.random.Generator, ops: tuple[str, ...]
            ) -> tuple[Nodes, int]:
    v = int(rng.integers(len(nodes)))
    pos = v + 1
    new, top = _expression(v, _partner(nodes, pos, v, rng), pos, rng, ops)
    out = _insert(nodes, pos, new)
    after = pos + len(new)
    out[after:] = [Node(n.op, tuple(top if a == v else a for a in n.args), n.value)
                   for n in out[after:]]
    output = len(out) - 1 if v != len(nodes) - 1 else top
    return out, output


def _m_remove(nodes: Nodes, rng: np.random.Generator, ops: tuple[str, ...]
              ) -> tuple[Nodes, int]:
    candidates = _ops(nodes)
    if not candidates:
        return nodes, len(nodes) - 1
    v = int(rng.choice(candidates))
    a = int(rng.choice(nodes[v].args))
    out = [Node(n.op, tuple(a if b == v else b for b in n.args), n.value) for n in nodes]
    return out, (a if v == len(nodes) - 1 else len(nodes) - 1)


def _m_rewire(nodes: Nodes, rng: np.random.Generator, ops: tuple[str, ...]
              ) -> tuple[Nodes, int]:
    candidates = _ops(nodes)
    if not candidates:
        return nodes, len(nodes) - 1
    k = int(rng.choice(candidates))
    j = int(rng.integers(ARITY[nodes[k].op]))
    args = list(nodes[k].args)
    if rng.random() < 0.25:
        out = _insert(nodes, k, [Node("const", value=_new_const(rng))])
        args[j], k = k, k + 1
    else:
        out = list(nodes)
        args[j] = int(rng.integers(0, k))
    out[k] = Node(out[k].op, tuple(args))
    return out, len(out) - 1


def _m_change(nodes: Nodes, rng: np.random.Generator, ops: tuple[str, ...]
              ) -> tuple[Nodes, int]:
    candidates = _ops(nodes)
    if not candidates:
        return nodes, len(nodes) - 1
    k = int(rng.choice(candidates))
    n = nodes[k]
    if n.op == "fma":
        return _set(nodes, k, Node(str(rng.choice(BINARY)), n.args[:2])), len(nodes) - 1
    if "fma" in ops and n.op == "mul" and rng.random() < 0.3:
        out = _insert(nodes, k, [Node("const", value=0.0)])
        out[k + 1] = Node("fma", (*n.args, k))
        return out, len(out) - 1
    name = str(rng.choice([o for o in BINARY if o != n.op]))
    return _set(nodes, k, Node(name, n.args)), len(nodes) - 1


def _m_perturb(nodes: Nodes, rng: np.random.Generator, ops: tuple[str, ...]
               ) -> tuple[Nodes, int]:
    consts = [i for i, n in enumerate(nodes) if n.op == "const"]
    if not consts:
        return _m_insert(nodes, rng, ops)
    k = int(rng.choice(consts))
    v = nodes[k].value
    u = rng.random()
    if u < 0.6:
        v = v * (1 + rng.normal() * float(rng.choice([1e-4, 1e-2, 0.3]))) + rng.normal() * 1e-3
    elif u < 0.75:
        v = -v
    else:
        v = _new_const(rng)
    return _set(nodes, k, Node("const", value=float(v))), len(nodes) - 1


def _set(nodes: Nodes, k: int, node: Node) -> Nodes:
    out = list(nodes)
    out[k] = node
    return out


def _m_transform(nodes: Nodes, rng: np.random.Generator, ops: tuple[str, ...]
                 ) -> tuple[Nodes, int]:
    output = len(nodes) - 1
    v = output if rng.random() < 0.7 else int(rng.integers(len(nodes)))
    s = 0 if rng.random() < 0.7 or v == 0 else int(rng.integers(0, v))
    pos = v + 1
    u = rng.random()
    if u < 0.45:
        new = [Node("mul", (v, v))]
    elif u < 0.6:
        new = [Node("mul", (s, v))]
    else:
        new = [Node("add", (v, s)), Node("sub", (v, s)), Node("div", (pos, pos + 1))]
    top = pos + len(new) - 1
    out = _insert(nodes, pos, new)
    after = pos + len(new)
    out[after:] = [Node(n.op, tuple(top if a == v else a for a in n.args), n.value)
                   for n in out[after:]]
    return out, (len(out) - 1 if v != output else top)


def _m_variable(nodes: Nodes, rng: np.random.Generator, ops: tuple[str, ...]
                ) -> tuple[Nodes, int]:
    found = core(Program(tuple(nodes)))
    if found is None:
        return _m_transform(nodes, rng, ops)
    v, users = found
    out = _insert(nodes, v + 1, [Node("mul", (v, v))])
    for u in users:
        out[u + 1] = Node(out[u + 1].op, tuple(v + 1 if a == v else a for a in out[u + 1].args))
    return out, len(out) - 1


_KINDS: tuple[Callable, ...] = (_m_insert, _m_wrap, _m_remove, _m_rewire, _m_change, _m_perturb,
                                _m_transform, _m_variable)
_WEIGHTS = np.array([0.22, 0.1, 0.13, 0.1, 0.08, 0.1, 0.17, 0.1])
