"""Source code for a program: Python (scalars), numpy (arrays) and C (double or float).

Constants are written exactly: ``repr`` in Python (which round-trips), hexadecimal float
literals in C. One statement per operation, in program order.

>>> from mutation.autonumerics.program import parse_program
>>> p = parse_program("t1 = x * x; t2 = fma(t1, 0.5, x)")
>>> print(python_code(p, "f"))
def f(x: float) -> float:
    t1 = x * x
    t2 = t1 * 0.5 + x
    return t2
>>> print(c_code(p, "f").splitlines()[3])
    const double t1 = x * x;
"""

from __future__ import annotations

import numpy as np

from .program import BINARY, SYMBOL, Program, operand_names


def _statements(p: Program, literal, fma) -> tuple[list[tuple[str, str]], str]:
    names, shared = operand_names(p, literal)
    stmts = [(name, literal(value)) for name, value in shared]
    for n, name in zip(p.nodes, names):
        if n.op in BINARY:
            a, b = (names[i] for i in n.args)
            stmts.append((name, f"{a} {SYMBOL[n.op]} {b}"))
        elif n.op == "fma":
            stmts.append((name, fma(*(names[i] for i in n.args))))
    return stmts, names[-1]


def _docstring(doc: str, indent: str = "    ") -> list[str]:
    return [f'{indent}"""{doc}"""'] if doc else []


def python_code(p: Program, name: str = "f", doc: str = "") -> str:
    """A Python function of a float (fma is written ``a * b + c``: two roundings)."""
    stmts, out = _statements(p, repr, lambda a, b, c: f"{a} * {b} + {c}")
    lines = [f"def {name}(x: float) -> float:", *_docstring(doc)]
    lines += [f"    {lhs} = {rhs}" for lhs, rhs in stmts]
    lines.append(f"    return {out}")
    return "\n".join(lines)


def numpy_code(p: Program, name: str = "f", doc: str = "") -> str:
    """A numpy function of an array (elementwise; fma is written ``a * b + c``)."""
    stmts, out = _statements(p, repr, lambda a, b, c: f"{a} * {b} + {c}")
    lines = ["import numpy as np", "", "",
             f"def {name}(x: np.ndarray) -> np.ndarray:", *_docstring(doc),
             "    x = np.asarray(x, dtype=np.float64)"]
    lines += [f"    {lhs} = {rhs}" for lhs, rhs in stmts]
    lines.append(f"    return {out} + np.zeros_like(x)")
    return "\n".join(lines)


def c_code(p: Program, name: str = "f", float32: bool = False, doc: str = "") -> str:
    """A C function (``double`` or ``float``); fma is the C99 ``fma``/``fmaf``."""
    ty = "float" if float32 else "double"

    def literal(v: float) -> str:
        if float32:
            return f"{float(np.float32(v)).hex()}f"
        return v.hex()

    fma = "fmaf" if float32 else "fma"
    stmts, out = _statements(p, literal, lambda a, b, c: f"{fma}({a}, {b}, {c})")
    lines = ["#include <math.h>", "", *([f"/* {doc} */"] if doc else []),
             f"{ty} {name}({ty} x) {{"]
    lines += [f"    const {ty} {lhs} = {rhs};" for lhs, rhs in stmts]
    lines += [f"    return {out};", "}"]
    return "\n".join(lines)
