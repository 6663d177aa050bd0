"""The egglog encoding of terms: sorts, constructors, and translation both ways.

Two domains:

* ``"real"`` — sort ``R``: ``(Num BigRat)`` exact rational constants, ``(Var String)``
  variables and named constants, fixed constructors for ``+ - * / neg ^ fma exp log sin cos
  sqrt``, and one constructor per other function symbol met (``tan``, ``f``...).
* ``"peano"`` — sort ``T`` for Peano terms and any first-order signature: ``(Sym String)``
  leaves and one constructor per function symbol and arity (``s``, ``+``, ``*``, a theory's
  own functions), so a cost model can weigh each symbol.

Costs are part of a constructor's declaration, so a :class:`Language` is made for one cost
model. Weights are scaled by :data:`SCALE`; egglog adds 1 for each literal (a name or a
number), which breaks ties towards fewer leaves without changing the order of real costs.

Declarations (sorts, constructors, relations) are egglog command objects; terms and rule
patterns are egglog text, which egglog parses.

>>> lang = Language("real")
>>> lang.to_egg(("+", "x", "1/2"))
'(Add (Var "x") (Num (bigrat (from-string "1") (from-string "2"))))'
>>> [c.name for c in lang.declarations()][:3]
['R', 'Num', 'Var']
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TypeAlias

from egglog import bindings

from mpl_lang.terms import Term, fold

from .cost import OPS, CostModel
from .terms import TermError, check_op, check_term, is_number, number_leaf, number_value

SCALE = 1000
#: the source location egglog reports for the commands built here
SPAN = bindings.RustSpan(__name__, 0, 0)
DOMAINS = ("real", "peano")
#: relations about real e-classes that rules may require (see :mod:`rewriting.rules`)
FACTS = ("NonZero", "Defined", "Positive", "NonNegative", "GenericNonZero")

#: term operator -> (egglog constructor, arity) of the real domain's fixed operations
REAL_OPS: dict[str, tuple[str, int]] = {
    "+": ("Add", 2),
    "-": ("Sub", 2),
    "*": ("Mul", 2),
    "/": ("Div", 2),
    "neg": ("Neg", 1),
    "^": ("Pow", 2),
    "fma": ("Fma", 3),
    "exp": ("Exp", 1),
    "log": ("Log", 1),
    "sin": ("Sin", 1),
    "cos": ("Cos", 1),
    "sqrt": ("Sqrt", 1),
}
_REAL_CONSTRUCTORS = {name: op for op, (name, _) in REAL_OPS.items()}

#: an egglog command object (a declaration, a rule, an action, a schedule...), as egglog's
#: type stubs name the union
Command: TypeAlias = "bindings._Command"


def mangle(name: str) -> str:
    """An egglog identifier for a symbol (ASCII, as names and operators are); injective.

    >>> mangle("+"), mangle("s"), mangle("x_1")
    ('_2b', 's', 'x_5f1')
    """
    return "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):02x}" for c in name)


def _unmangle(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "_":
            out.append(chr(int(text[i + 1 : i + 3], 16)))
            i += 3
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def bigrat(value: Fraction) -> str:
    """egglog text of a rational constant."""
    return f'(bigrat (from-string "{value.numerator}") (from-string "{value.denominator}"))'


class Language:
    """Sort, constructors and translations of one domain under one cost model."""

    def __init__(self, domain: str, cost: CostModel = OPS) -> None:
        if domain not in DOMAINS:
            raise TermError(f"unknown domain {domain!r} (known: {', '.join(DOMAINS)})")
        self.domain = domain
        self.cost = cost
        self.sort = "R" if domain == "real" else "T"
        self.declared: dict[tuple[str, int], str] = {}
        self.pending: list[Command] = []
        if domain == "real":
            self.declared.update({(op, arity): name for op, (name, arity) in REAL_OPS.items()})

    # ------------------------------------------------------------ declarations

    def declarations(self) -> list[Command]:
        """Sort, leaf constructors, the real domain's fixed operations and :data:`FACTS`."""
        leaf = self.cost.leaf * SCALE
        if self.domain == "peano":
            return [bindings.Sort(SPAN, "T", None), self._declare("Sym", ["String"], leaf)]
        commands = [bindings.Sort(SPAN, "R", None), self._declare("Num", ["BigRat"], leaf),
                    self._declare("Var", ["String"], leaf)]
        commands += [self._declare(name, [self.sort] * arity, self.cost.op_cost(op) * SCALE)
                     for op, (name, arity) in REAL_OPS.items()]
        return commands + [bindings.Relation(SPAN, name, [self.sort]) for name in FACTS]

    def _declare(self, name: str, inputs: list[str], cost: int) -> bindings.Constructor:
        return bindings.Constructor(SPAN, name, bindings.Schema(inputs, self.sort), cost, False)

    def constructor(self, op: str, arity: int) -> str:
        """The constructor name of ``op`` with ``arity`` arguments (declared on first use)."""
        return self.declared.get((op, arity)) or self._new_constructor(op, arity)

    def _new_constructor(self, op: str, arity: int) -> str:
        check_op(op)
        name = f"F{arity}_{mangle(op)}"
        self.declared[(op, arity)] = name
        self.pending.append(self._declare(name, [self.sort] * arity,
                                          self.cost.op_cost(op) * SCALE))
        return name

    def take_pending(self) -> list[Command]:
        """Declarations of constructors first used since the last call."""
        pending, self.pending = self.pending, []
        return pending

    # ------------------------------------------------------------ terms -> egglog

    def leaf_to_egg(self, leaf: str) -> str:
        """egglog text of a ground leaf."""
        check_term(leaf)
        if self.domain == "peano":
            return f'(Sym "{leaf}")'
        if is_number(leaf):
            return f"(Num {bigrat(number_value(leaf))})"
        return f'(Var "{leaf}")'

    def to_egg(self, term: Term, var: Callable[[str], str | None] = lambda _: None) -> str:
        """egglog text of a term; ``var(leaf)`` names the pattern variable of a leaf, or
        returns None for a ground leaf."""
        return fold(term, lambda leaf: var(leaf) or self.leaf_to_egg(leaf),
                    lambda t, args: f"({self.constructor(t[0], len(t) - 1)} {' '.join(args)})")

    # ------------------------------------------------------------ egglog -> terms

    def from_termdag(self, dag: bindings.TermDag, node: int) -> Term:
        """The term of an extracted egglog term (built bottom-up, without recursion)."""
        done: dict[int, Term] = {}
        stack = [node]
        while stack:
            current = stack[-1]
            term = dag.get(current)
            if not isinstance(term, bindings.TermApp):
                raise TermError(f"unexpected egglog term {dag.to_string(current)}")
            if term.name in ("Sym", "Var", "Num"):
                done[current] = self._leaf(dag, term)
            elif pending := [a for a in term.args if a not in done]:
                stack.extend(pending)
                continue
            else:
                done[current] = (self._op(term.name), *(done[a] for a in term.args))
            stack.pop()
        return done[node]

    @staticmethod
    def _leaf(dag: bindings.TermDag, term: bindings.TermApp) -> str:
        if term.name == "Num":
            return number_leaf(_bigrat_value(dag, term.args[0]))
        return _literal(dag, term.args[0])

    @staticmethod
    def _op(name: str) -> str:
        if name in _REAL_CONSTRUCTORS:
            return _REAL_CONSTRUCTORS[name]
        if name.startswith("F") and "_" in name:
            return _unmangle(name.split("_", 1)[1])
        raise TermError(f"unexpected egglog constructor {name}")


def _literal(dag: bindings.TermDag, node: int) -> str:
    lit = dag.get(node)
    if isinstance(lit, bindings.TermLit) and isinstance(lit.value, bindings.String):
        return lit.value.value
    raise TermError(f"expected a string literal, got {dag.to_string(node)}")


def _bigrat_value(dag: bindings.TermDag, node: int) -> Fraction:
    app = dag.get(node)
    if not (isinstance(app, bindings.TermApp) and app.name == "bigrat"):
        raise TermError(f"expected a rational constant, got {dag.to_string(node)}")
    num, den = (_literal(dag, dag.get(a).args[0]) for a in app.args)
    return Fraction(int(num), int(den))
