"""Ground facts as the tables they are: each fact about numerals (`2 + 3 = 5`,
`¬(2 + 1 = 5)`, `s(i1) ≠ i0`) becomes a cell of its function's operation table.

A theorem is a ground fact when its statement says so, whatever its name or origin: its
variables are numerals defined by successor hypotheses (`in2[n2,n3,s]`) from the
induction's base or from named elements the axioms place on the successor chain
(`⊤ ⇒ (in2[i0,i1,s])`), and its conclusion is one literal `f(numerals) = value` (value a
numeral or a theory constant) or an (in)equality of two numerals. Functions of any arity
get a table: two arguments a grid, one a row, more a list; an (in)equality belongs to the
table of `=`.

>>> from export.html.model import build_model
>>> doc = {"schema": "gl.proofs/1", "theory": {"inductions": [{"set": "N", "base": "z", "succ": "s"}],
...        "axioms": [{"index": 0, "clause": "⊤ ⇒ (in2[z,one,s])"}]},
...        "theorems": [{"name": "f", "statement": "(>[n2](in2[one,n2,s])(in3[one,one,n2,+]))"}]}
>>> [(t.function, t.cells) for t in build_model(doc).tables]
[('+', {('1', '1'): Cell(value='2', proof='f', negated=[])})]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mpl_lang import Atom, MPLError
from mpl_lang.logic import goal_parts
from mpl_lang.terms import decode_graph

from .slugs import slug
from .text import literal_atom, literal_of, parse_fact


@dataclass
class Cell:
    """What the facts say about one argument tuple: its value (`proof` the theorem proving
    it; `=` in the table of `=`) and what it is proved not to be (`≠5`, `≠`), each with
    its theorem."""

    value: str | None = None
    proof: str | None = None
    negated: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class GroundTable:
    """The ground facts of one function (`=` for (in)equalities of numerals)."""

    function: str
    arity: int
    cells: dict[tuple[str, ...], Cell] = field(default_factory=dict)
    facts: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The anchor of the table on the index (`table-<slug>`)."""
        return f"table-{slug(self.function)}"

    @property
    def relation(self) -> bool:
        """Whether this is the table of `=` (cells say = or ≠, not a value)."""
        return self.function == "="

    @property
    def rows(self) -> list[str]:
        """The first arguments, in order (numerals numerically, then names)."""
        return _ordered({args[0] for args in self.cells})

    @property
    def cols(self) -> list[str]:
        """The second arguments of a two-argument table, in order."""
        return _ordered({args[1] for args in self.cells if len(args) > 1})

    @property
    def keys(self) -> list[tuple[str, ...]]:
        """Every argument tuple, in order."""
        return sorted(self.cells, key=lambda args: [_key(a) for a in args])

    @property
    def title(self) -> str:
        """How the table is headed: `a + b`, `f(a)`, `f(a, b, c)`, `a = b`."""
        names = "abcdefgh"[:self.arity] if self.arity <= 8 else [f"x{i}" for i in range(self.arity)]
        if self.arity == 2 and not self.function[0].isalnum():
            return f"{names[0]} {self.function} {names[1]}"
        return f"{self.function}({', '.join(names)})"


def _key(value: str) -> tuple[int, int, str]:
    return (0, int(value), "") if value.isdigit() else (1, 0, value)


def _ordered(values: Iterable[str]) -> list[str]:
    return sorted(values, key=_key)


def numerals(base: str, succ: str, axioms: Iterable[str]) -> dict[str, int]:
    """The theory constants on the successor chain from `base`, with their numbers, read
    from the axiom clauses that state `s(x) = y` of constants (`⊤ ⇒ (in2[i0,i1,s])`).

    >>> numerals("i0", "s", ["⊤ ⇒ (in2[i0,i1,s])", "∀x: (in[x,N]) ⇒ (in[x,N])"])
    {'i0': 0, 'i1': 1}
    """
    steps = {}
    for clause in axioms:
        head, _, body = clause.partition(" ⇒ ")
        lit = literal_of(body) if head == "⊤" else None
        graph = decode_graph(lit[1].name, lit[1].args) if lit and lit[0] else None
        if graph and graph[0] == succ:
            steps[graph[1][0]] = graph[2]
    known = {base: 0}
    while (nxt := steps.get(list(known)[-1])) is not None and nxt not in known:
        known[nxt] = len(known)
    return known


def ground_fact(statement: str, known: dict[str, int], succ: str,
                constants: frozenset[str]) -> tuple[str, tuple[str, ...], str | None, bool] | None:
    """(function, argument values, value, positive) of a ground fact; for an (in)equality
    ("=", (a, b), None, positive). None when the statement is no ground fact."""
    try:
        expr = parse_fact(statement)
    except MPLError:
        return None
    if expr is None:
        return None
    variables, hyps, concl = goal_parts(expr)
    values = {name: str(k) for name, k in known.items()}
    for h in hyps:
        graph = decode_graph(h.name, h.args) if isinstance(h, Atom) else None
        if graph and graph[0] == succ and graph[1][0] in values and graph[2] in variables:
            values[graph[2]] = str(int(values[graph[1][0]]) + 1)
        elif not (isinstance(h, Atom) and h.name == "in" and all(a in values for a in h.args[:1])):
            return None
    lit = literal_atom(concl)
    if lit is None or any(v not in values for v in variables):
        return None
    positive, atom = lit

    def value(arg: str) -> str | None:
        return values.get(arg) or (arg if arg in constants else None)

    if atom.name == "=" and len(atom.args) == 2:
        args = tuple(values.get(a) for a in atom.args)
        return None if None in args else ("=", args, None, positive)
    graph = decode_graph(atom.name, atom.args)
    if graph is None or graph[0] == succ:
        return None
    f, ins, out = graph
    args = tuple(value(a) for a in ins)
    result = value(out)
    return None if result is None or None in args else (f, args, result, positive)


def ground_tables(theorems: Iterable[tuple[str, str]], known: dict[str, int], succ: str,
                  constants: frozenset[str]) -> tuple[list[GroundTable], dict[str, str]]:
    """The tables of the ground facts among `theorems` ((name, statement) pairs), in the
    order their functions first occur, and each ground fact's table slug by its name."""
    tables: dict[str, GroundTable] = {}
    where: dict[str, str] = {}
    for name, statement in theorems:
        fact = ground_fact(statement, known, succ, constants)
        if fact is None:
            continue
        f, args, result, positive = fact
        table = tables.setdefault(f, GroundTable(f, len(args)))
        cell = table.cells.setdefault(args, Cell())
        if not positive:
            cell.negated.append((f"≠{result}" if result is not None else "≠", name))
        elif cell.proof is None:  # a second proof of the same value is listed, not shown
            cell.value, cell.proof = result if result is not None else "=", name
        table.facts.append(name)
        where[name] = table.slug
    return list(tables.values()), where
