"""Conversion between term tuples and sympy expressions.

Real terms use the operators ``+ - * / ^ neg fma`` and the functions ``exp log sin cos sqrt``
(any other call becomes a sympy function of that name); the leaves ``pi`` and ``E`` are the
constants. ``to_sympy(from_sympy(e)) == e`` for every expression built from those parts.

>>> import sympy
>>> x, y = sympy.symbols("x y")
>>> from_sympy(x - 2*y/3)
('-', 'x', ('/', ('*', '2', 'y'), '3'))
>>> to_sympy(("fma", "x", "y", "1"))
x*y + 1
"""

from __future__ import annotations

from fractions import Fraction

import sympy

from mpl_lang.terms import Term

from .terms import PEANO, PeanoSignature, TermError, check_term, is_number, number_leaf

_FUNCTIONS: dict[str, type] = {
    "exp": sympy.exp,
    "log": sympy.log,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "asin": sympy.asin,
    "acos": sympy.acos,
    "atan": sympy.atan,
    "abs": sympy.Abs,
}
_FUNCTION_NAMES = {cls: name for name, cls in _FUNCTIONS.items()}
_CONSTANTS = {"pi": sympy.pi, "E": sympy.E}


def to_sympy(term: Term) -> sympy.Expr:
    """The sympy expression of a real term.

    >>> to_sympy(("/", ("sin", "x"), ("^", "x", "2")))
    sin(x)/x**2
    """
    if isinstance(term, str):
        check_term(term)
        if is_number(term):
            return sympy.Float(term) if "." in term else sympy.Rational(term)
        return _CONSTANTS.get(term) or sympy.Symbol(term)
    if term[0] in ("*", "/") and len(term) == 3:
        num: list[sympy.Expr] = []
        den: list[sympy.Expr] = []
        _factors(term, num, den)
        return sympy.Mul(*num, *(sympy.Pow(d, -1) for d in den))
    op, args = term[0], [to_sympy(a) for a in term[1:]]
    n = len(args)
    if op == "+" and n == 2:
        return args[0] + args[1]
    if op == "-" and n == 2:
        return args[0] - args[1]
    if op == "^" and n == 2:
        return args[0] ** args[1]
    if op == "neg" and n == 1:
        return -args[0]
    if op == "fma" and n == 3:
        return args[0] * args[1] + args[2]
    if op == "sqrt" and n == 1:
        return sympy.sqrt(args[0])
    if op in _FUNCTIONS and n == 1:
        return _FUNCTIONS[op](args[0])
    check_term(op)
    return sympy.Function(op)(*args)


def _factors(term: Term, num: list[sympy.Expr], den: list[sympy.Expr]) -> None:
    """Flatten a product/quotient chain into one sympy ``Mul`` (as sympy builds it: nested
    binary products would distribute a number over a sum)."""
    if isinstance(term, tuple) and term[0] == "*" and len(term) == 3:
        _factors(term[1], num, den)
        _factors(term[2], num, den)
    elif isinstance(term, tuple) and term[0] == "/" and len(term) == 3:
        _factors(term[1], num, den)
        _factors(term[2], den, num)
    else:
        num.append(to_sympy(term))


def from_sympy(expr: sympy.Basic) -> Term:
    """The real term of a sympy expression (sums and products become binary, left to right;
    negative terms become ``-``, negative powers ``/``).

    >>> import sympy
    >>> from_sympy(sympy.sympify("x**2/(y*sqrt(z)) - exp(-x)"))
    ('-', ('/', ('^', 'x', '2'), ('*', 'y', ('sqrt', 'z'))), ('exp', ('neg', 'x')))
    """
    expr = sympy.sympify(expr)
    if expr.is_Symbol:
        return check_term(expr.name)
    if expr.is_Rational:
        return number_leaf(Fraction(int(expr.p), int(expr.q)))
    if expr.is_Float:
        text = repr(float(expr))
        return text if is_number(text) else number_leaf(Fraction(float(expr)))
    for name, const in _CONSTANTS.items():
        if expr == const:
            return name
    if expr.is_Add:
        return _from_add(expr.args)
    if expr.is_Mul:
        return _from_mul(expr.args)
    if expr.is_Pow:
        return _from_mul((expr,))
    if isinstance(expr, sympy.exp):
        return ("exp", from_sympy(expr.args[0]))
    if type(expr) in _FUNCTION_NAMES:
        return (_FUNCTION_NAMES[type(expr)], *(from_sympy(a) for a in expr.args))
    if isinstance(expr, sympy.Function) and isinstance(expr.func, sympy.core.function.UndefinedFunction):
        return check_term((expr.func.__name__, *(from_sympy(a) for a in expr.args)))
    raise TermError(f"cannot convert sympy expression {expr} ({type(expr).__name__})")


def _from_add(args: tuple[sympy.Expr, ...]) -> Term:
    minus = [arg.could_extract_minus_sign() for arg in args]
    ordered = [a for a, m in zip(args, minus) if not m] + [a for a, m in zip(args, minus) if m]
    acc = from_sympy(ordered[0])
    for arg in ordered[1:]:
        if arg.could_extract_minus_sign():
            acc = ("-", acc, from_sympy(-arg))
        else:
            acc = ("+", acc, from_sympy(arg))
    return acc


def _product(factors: list[Term]) -> Term:
    acc = factors[0]
    for factor in factors[1:]:
        acc = ("*", acc, factor)
    return acc


def _from_mul(args: tuple[sympy.Expr, ...]) -> Term:
    num: list[Term] = []
    den: list[Term] = []
    sign = 1
    for arg in args:
        if arg.is_Rational:
            p, q = int(arg.p), int(arg.q)
            sign *= -1 if p < 0 else 1
            if abs(p) != 1:
                num.append(str(abs(p)))
            if q != 1:
                den.append(str(q))
        elif arg.is_Pow and arg.exp.is_Rational and arg.exp.is_negative:
            den.append(_power(arg.base, -arg.exp))
        elif arg.is_Pow:
            num.append(_power(arg.base, arg.exp))
        else:
            num.append(from_sympy(arg))
    top = _product(num) if num else "1"
    term = ("/", top, _product(den)) if den else top
    if sign < 0:
        if isinstance(term, str) and is_number(term):
            return "-" + term
        return ("neg", term)
    return term


def _power(base: sympy.Expr, exponent: sympy.Expr) -> Term:
    if exponent == 1:
        return from_sympy(base)
    if exponent == sympy.Rational(1, 2):
        return ("sqrt", from_sympy(base))
    if base == sympy.E:
        return ("exp", from_sympy(exponent))
    return ("^", from_sympy(base), from_sympy(exponent))


# ---------------------------------------------------------------- Peano terms


def peano_to_sympy(term: Term, signature: PeanoSignature = PEANO) -> sympy.Expr:
    """The natural-number value of a Peano term as a sympy expression.

    >>> peano_to_sympy(("*", "a", ("s", ("s", "i0"))))
    2*a
    """
    return signature.evaluate(term, lambda leaf: sympy.Integer(0) if leaf == signature.zero
                              else sympy.Symbol(check_term(leaf)))


def peano_from_sympy(expr: sympy.Basic, signature: PeanoSignature = PEANO) -> Term:
    """The Peano term of a polynomial with natural coefficients (numerals become
    ``succ^n(zero)``; ``x + n`` becomes ``succ^n(x)``).

    >>> peano_from_sympy(sympy.sympify("a*b + 2"))
    ('s', ('s', ('*', 'a', 'b')))
    """
    expr = sympy.sympify(expr)
    if expr.is_Integer and expr >= 0:
        return signature.numeral(int(expr))
    if expr.is_Symbol:
        return check_term(expr.name)
    if expr.is_Add:
        const, rest = expr.as_coeff_Add()
        if not (const.is_Integer and const >= 0):
            raise TermError(f"not a natural-number polynomial: {expr}")
        terms = [peano_from_sympy(a, signature) for a in sympy.Add.make_args(rest)]
        acc = terms[0]
        for t in terms[1:]:
            acc = (signature.add, acc, t)
        for _ in range(int(const)):
            acc = (signature.succ, acc)
        return acc
    if expr.is_Mul:
        factors = [peano_from_sympy(a, signature) for a in expr.args]
        acc = factors[0]
        for f in factors[1:]:
            acc = (signature.mul, acc, f)
        return acc
    if expr.is_Pow and expr.exp.is_Integer and expr.exp > 0:
        base = peano_from_sympy(expr.base, signature)
        acc = base
        for _ in range(int(expr.exp) - 1):
            acc = (signature.mul, acc, base)
        return acc
    raise TermError(f"not a natural-number polynomial: {expr}")
