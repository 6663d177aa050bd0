"""Lemmas a goal needs: generalization of accumulators and goal-directed ranking.

Ireland and Bundy's "productive use of failure", read off the definitions (`gl.recursion`)
rather than off a failed proof, and nothing here knows a function's name:

- **Generalization.** A goal that applies a function with a fixed term in an
  *accumulator* position (an argument its recursive call changes: `mult(x, y, Z)` when
  `mult(s(x), y, z) = mult(x, y, y + z)`) cannot use its induction hypothesis, which
  speaks of that fixed term only. Its generalization replaces the term by a fresh
  variable (`mult(x, y, z)`); the enumerated conjectures that equate this generalized
  term, up to renaming, with a term free of the function (`mult(a, b, c) = a * b + c`,
  found equal on every evaluation point) are the lemmas it needs.
- **Instances modulo a residue.** The goal is an instance of such a lemma up to an
  equation between what is left (`x * y + Z = x * y`: the *residue*); the conjectures of
  which the residue is an instance (`a + Z = a`) are needed too, and when the pool has
  none, the residue with its common parts abstracted (`fac(x) * one = fac(x)` gives
  `a * one = a`) joins the pool, once no evaluation refutes it.
- **Base cases.** The goal with a variable it recurses on set to the base (or to a
  successor, and another such variable to the base), its sides rewritten with the
  defining equations (`Definitions.rules`), leaves a residue (`max(a, b) == a = b <= a`
  at a = Z: `b == Z = b <= Z`): the conjectures of which it is an instance are needed.
- **Stuck induction steps.** An induction on a goal unfolds the inner function of a
  term like `(x * y) * z` (a function applied, at a position it recurses on, to another
  function's value) into what its recursive case gives (`(y + x * y) * z`), where the
  outer function is stuck: the conjectures that say what the outer function does there,
  in general (`(a + b) * c = a * c + b * c`), make the step go through. The same holds
  for the lemmas found so far, a few levels deep: of the conjectures that say what
  the stuck term is, the one that carries it outwards best (`unsticking`). The
  associativity and commutativity laws (`gl.laws`) of the functions these lemmas apply
  are their prerequisites.
- **Lemma calculation.** When an attempt fails, the step of an induction on it, unfolded by
  the definitions and with the induction hypothesis applied, is what is left to prove;
  stripped of its common context and with the terms common to both sides made variables
  (`calculated`), it is the lemma the step needs (`(a * b) * (c * d) = (a * c) * (b * d)`
  for `(a * c) ^ b = a ^ b * c ^ b`), whether or not the enumeration has it.

`goal_lemmas` collects these for the pool's stated conjectures; the schedule attempts
them before the other conjectures of their family (`Schedule.focus`).

>>> from mpl_lang.terms import infix
>>> from gl.recursion import Definitions
>>> defs = Definitions({("mult", 0): 1}, accumulators={"mult": frozenset({2})})
>>> consts = frozenset({"Z", "one"})
>>> [(infix(t), side, sigma) for t, side, sigma in generalizations((("*", "x", "y"),
...                                                                   ("mult", "x", "y", "Z")), defs, consts)]
[('mult(x, y, a)', 1, {'a': 'Z'})]
>>> residue(("+", ("*", "x", "y"), "Z"), ("*", "x", "y"))
(('+', ('*', 'x', 'y'), 'Z'), ('*', 'x', 'y'))
>>> abstracted((("*", ("fac", "x"), "one"), ("fac", "x")), consts)
(('*', 'a', 'one'), 'a')
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterator

from mpl_lang.terms import (
    Term,
    fresh_names,
    leaves,
    match,
    node_count,
    positions,
    replace,
    substitute,
    subterms,
)

from ..equations import equation_to_statement, is_instance
from ..laws import named_law
from ..recursion import Definitions
from ..signature import Signature
from .conjecture import Conjecture
from .enumeration import TermEvaluator, canonical_names
from .pool import crossings, well_typed

Equation = tuple[Term, Term]
#: a stuck pattern: function, the argument it recurses on, the root of the term there
Stuck = tuple[str, int, str]

#: rank of the lemmas a goal is an instance of (generalizations) and of those its base
#: cases are instances of
DIRECT = 0
#: rank of the lemmas the generalizations' residues and stuck induction steps need
NEEDED = 1
#: rank of the associativity and commutativity laws of the functions those lemmas apply
PREREQUISITE = 2
#: rank of every other conjecture
OTHER = 3
#: the sizes of an associativity law (10) and of a commutativity law (6)
LAW_SIZES = (6, 10)
#: how many generalizations of one goal are kept (the pool restates each several times)
MAX_GENERALIZATIONS = 3
#: how many rounds of stuck steps: the goal's, its lemmas', their lemmas'
STUCK_DEPTH = 3
#: rewrite steps of one `normal_form` at most
MAX_REWRITES = 200


def _is_var(constants: frozenset[str]) -> Callable[[str], bool]:
    """Whether a leaf is a variable: not one of `constants`."""
    return lambda name: name not in constants


def generalizations(eq: Equation, defs: Definitions, constants: frozenset[str]) -> list[tuple[Term, int, dict]]:
    """The generalized terms of `eq`: for each application of a function with an
    accumulator argument (`Definitions.accumulators`) that is not a variable of its own,
    nor contains a variable at a position the function recurses on, the application with
    that argument replaced by a fresh variable. Each comes with the side it stems from
    and the substitution that gives the original back.

    >>> from gl.recursion import Definitions
    >>> defs = Definitions({("q", 0): 1}, accumulators={"q": frozenset({1})})
    >>> [(t, s) for t, _, s in generalizations((("f", "x"), ("q", "x", ("s", "i0"))), defs, frozenset({"i0"}))]
    [(('q', 'x', 'a'), {'a': ('s', 'i0')})]
    >>> generalizations((("f", "x"), ("q", "x", "y")), defs, frozenset({"i0"}))
    []
    """
    is_var = _is_var(constants)
    occurrences = [x for side in eq for x in leaves(side) if is_var(x)]
    fresh = fresh_names(set(occurrences) | constants, "abcdefghjklmnopqrtuvwxyz")
    out = []
    for side_index, side in enumerate(eq):
        for u in subterms(side):
            if isinstance(u, str) or u[0] not in defs.accumulators:
                continue
            recursing = {x for i, a in enumerate(u[1:]) if (u[0], i) in defs.depth for x in leaves(a)}
            for j in sorted(defs.accumulators[u[0]]):
                arg = u[1 + j]
                if isinstance(arg, str) and is_var(arg) and occurrences.count(arg) == 1:
                    continue  # already general
                if recursing.intersection(leaves(arg)):
                    continue  # the argument moves with the induction variable
                v = next(fresh)
                out.append(((*u[:1 + j], v, *u[2 + j:]), side_index, {v: arg}))
    return out


def renaming(pattern: Term, term: Term, constants: frozenset[str]) -> dict[str, str] | None:
    """The one-to-one renaming of the variables of `pattern` that makes it `term`, or None.

    >>> renaming(("f", "x", "y"), ("f", "a", "b"), frozenset()), renaming(("f", "x", "y"), ("f", "a", "a"), frozenset())
    ({'x': 'a', 'y': 'b'}, None)
    """
    sigma = match(pattern, term, _is_var(constants))
    if sigma is None or any(not isinstance(t, str) or t in constants for t in sigma.values()) \
            or len(set(sigma.values())) != len(sigma):
        return None
    return sigma


def residue(left: Term, right: Term) -> Equation | None:
    """What `left = right` still says once their common context is stripped (the one
    pair of arguments where they differ, as long as there is one), or None when they are
    the same term.

    >>> residue(("s", ("+", "a", "b")), ("s", ("+", "a", "c"))), residue("a", "a")
    (('b', 'c'), None)
    """
    while left != right:
        if isinstance(left, str) or isinstance(right, str) or left[0] != right[0] or len(left) != len(right):
            return left, right
        differ = [(a, b) for a, b in zip(left[1:], right[1:]) if a != b]
        if len(differ) > 1:
            return left, right
        left, right = differ[0]
    return None


def abstracted(eq: Equation, constants: frozenset[str]) -> Equation:
    """`eq` with each largest compound term that holds a variable and occurs on both sides
    replaced by a fresh variable, and its variables named a, b, c, ... (the larger side
    left).

    >>> abstracted((("+", ("*", "x", "y"), "i0"), ("*", "x", "y")), frozenset({"i0"}))
    (('+', 'a', 'i0'), 'a')
    """
    is_var = _is_var(constants)
    left, right = eq
    shared = {t for t in subterms(left) if not isinstance(t, str) and any(map(is_var, leaves(t)))}
    shared &= {t for t in subterms(right) if not isinstance(t, str)}
    fresh = fresh_names({x for side in eq for x in leaves(side)} | constants, "abcdefghjklmnopqrtuvwxyz")
    for t in sorted(shared, key=lambda t: (-node_count(t), repr(t))):
        if t in subterms(left) and t in subterms(right):
            v = next(fresh)
            left, right = _replace_all(left, t, v), _replace_all(right, t, v)
    if (node_count(right), repr(right)) > (node_count(left), repr(left)):
        left, right = right, left
    return canonical_names(left, right, constants)


def _replace_all(term: Term, old: Term, new: Term) -> Term:
    """`term` with every occurrence of `old` replaced by `new` (outermost first)."""
    if term == old:
        return new
    if isinstance(term, str):
        return term
    return (term[0], *(_replace_all(a, old, new) for a in term[1:]))


def stuck(eq: Equation, defs: Definitions, succ: str) -> set[Stuck]:
    """Where an induction on `eq` gets stuck: a function applied, at a position it recurses
    on, to another function's value unfolds that value into what its recursive case
    gives, and the outer function is then applied to the root of that (`(x * y) * z`
    with `s(a) * b = b + a * b`: `*` at its first argument on a `+`).

    >>> from gl.recursion import Definitions
    >>> defs = Definitions({("*", 0): 1, ("+", 0): 1}, unfolds={"*": frozenset({"+"}), "+": frozenset({"s"})})
    >>> sorted(stuck((("*", ("*", "x", "y"), "z"), ("*", "x", ("*", "y", "z"))), defs, "s"))
    [('*', 0, '+')]
    """
    out = set()
    for side in eq:
        for u in subterms(side):
            if isinstance(u, str):
                continue
            for i, a in enumerate(u[1:]):
                if (u[0], i) in defs.depth and not isinstance(a, str):
                    out |= {(u[0], i, h) for h in defs.unfolds.get(a[0], ()) if h != succ}
    return out


def normal_form(t: Term, rules: tuple[Equation, ...], constants: frozenset[str]) -> Term:
    """`t` rewritten with the defining equations `rules` (`Definitions.rules`, left to
    right, arguments first) until none applies, or `MAX_REWRITES` steps were taken.

    >>> rules = ((("+", "i0", "y"), "y"), (("+", ("s", "x"), "y"), ("s", ("+", "x", "y"))))
    >>> normal_form(("+", ("s", ("s", "i0")), "a"), rules, frozenset({"i0"}))
    ('s', ('s', 'a'))
    """
    is_var = _is_var(constants)
    budget = [MAX_REWRITES]

    def norm(t: Term) -> Term:
        if isinstance(t, str):
            return t
        t = (t[0], *(norm(a) for a in t[1:]))
        for lhs, rhs in rules:
            if budget[0] and (sigma := match(lhs, t, is_var)) is not None:
                budget[0] -= 1
                return norm(substitute(rhs, sigma))
        return t
    return norm(t)


def base_cases(eq: Equation, defs: Definitions, base: str, succ: str, constants: frozenset[str]) -> list[Equation]:
    """What the base cases of an induction on `eq` leave to prove: for each variable at a
    position a function recurses on, `eq` with that variable the base, and with it a
    successor and another such variable the base, its sides in normal form
    (`normal_form`), stripped of their common context (`residue`); the cases that
    close are left out.

    >>> from gl.recursion import Definitions
    >>> rules = ((("<=", "i0", "y"), "t"), (("<=", ("s", "x"), "i0"), "f"), (("==", "i0", "i0"), "t"))
    >>> defs = Definitions({("<=", 0): 1, ("<=", 1): 1, ("==", 0): 1, ("==", 1): 1}, rules=rules)
    >>> base_cases((("==", "a", "b"), ("<=", "a", "b")), defs, "i0", "s", frozenset({"i0", "t", "f"}))
    [(('==', 'i0', 'b'), 't'), (('==', 'a', 'i0'), ('<=', 'a', 'i0')), (('==', ('s', 'a'), 'i0'), 'f'), \
(('==', 'i0', ('s', 'b')), 't')]
    """
    is_var = _is_var(constants)
    recursing = list(dict.fromkeys(a for side in eq for u in subterms(side) if not isinstance(u, str)
                                   for i, a in enumerate(u[1:]) if (u[0], i) in defs.depth
                                   and isinstance(a, str) and is_var(a)))
    cases = [{v: base} for v in recursing] + [{v: (succ, v), w: base} for v in recursing for w in recursing if w != v]
    out: list[Equation] = []
    for sigma in cases:
        rest = residue(*(normal_form(substitute(side, sigma), defs.rules, constants) for side in eq))
        if rest is not None and rest not in out:
            out.append(rest)
    return out


def calculated(eq: Equation, defs: Definitions, succ: str, constants: frozenset[str]) -> list[Equation]:
    """Lemma calculation from the step of an induction on `eq` (Bundy's, for a step
    that does not close): for each variable at a position a function recurses on, `eq`
    with that variable a successor, its sides in normal form (`normal_form`), the
    induction hypothesis applied (each instance of a compound side of `eq` replaced by
    the other side; a step it does not apply to gives nothing), in normal form again,
    stripped of their common context (`residue`) and with the terms common to both
    sides made variables (`abstracted`): what the step still needs, in general. With
    `a ^ s(b) = a ^ b * a`, the step of `(a * c) ^ b = a ^ b * c ^ b` on b needs `(a ^ b
    * c ^ b) * (a * c) = (a ^ b * a) * (c ^ b * c)`, that is `(a * b) * (c * d) = (a * c)
    * (b * d)`.

    >>> from mpl_lang.terms import infix
    >>> defs = Definitions({("^", 1): 1}, rules=((("^", "a", ("s", "b")), ("*", ("^", "a", "b"), "a")),))
    >>> [f"{infix(l)} = {infix(r)}" for l, r in calculated(
    ...     (("^", ("*", "a", "c"), "b"), ("*", ("^", "a", "b"), ("^", "c", "b"))), defs, "s", frozenset())]
    ['(a * b) * (c * d) = (a * c) * (b * d)']
    """
    is_var = _is_var(constants)
    recursing = dict.fromkeys(a for side in eq for u in subterms(side) if not isinstance(u, str)
                              for i, a in enumerate(u[1:]) if (u[0], i) in defs.depth
                              and isinstance(a, str) and is_var(a))
    out: list[Equation] = []
    for v in recursing:
        step = [normal_form(substitute(side, {v: (succ, v)}), defs.rules, constants) for side in eq]
        hypothesis = next(((old, new) for old, new in (eq, eq[::-1])
                           if not isinstance(old, str) and any(old in subterms(side) for side in step)), None)
        if hypothesis is None:
            continue
        rest = residue(*(normal_form(_replace_all(side, *hypothesis), defs.rules, constants) for side in step))
        if rest is None:
            continue
        lemma = abstracted(rest, constants)
        if any(map(is_var, leaves(lemma[0]) + leaves(lemma[1]))) and lemma not in out:
            out.append(lemma)
    return out


def unsticking(eq: Equation, pattern: Stuck, constants: frozenset[str]) -> int | None:
    """None unless `eq` says in general what the stuck `pattern` is: one side applies its
    function to distinct variables, with an application of the pattern's root to
    distinct variables at its position, and the other side does not, and has no other
    leaves than those variables (`c * (a + b)`, not `i0 + c * (a + b)`). Else how many
    applications of the function on the other side move one of its other arguments
    from its place: 0 for a rule that carries the stuck term outwards as rippling
    does (`(a + b) * c = a * c + b * c`).

    >>> unsticking((("*", ("+", "a", "b"), "c"), ("+", ("*", "a", "c"), ("*", "b", "c"))), ("*", 0, "+"), frozenset())
    0
    >>> unsticking((("*", ("+", "a", "b"), "c"), ("+", ("*", "c", "a"), ("*", "b", "c"))), ("*", 0, "+"), frozenset())
    1
    >>> unsticking((("*", ("+", "a", "a"), "b"), ("*", "a", ("+", "b", "b"))), ("*", 0, "+"), frozenset()) is None
    True
    """
    f, i, h = pattern

    def general(t: Term) -> bool:
        if isinstance(t, str) or t[0] != f or len(t) <= 1 + i or isinstance(t[1 + i], str) or t[1 + i][0] != h:
            return False
        xs = [*t[1:1 + i], *t[1 + i][1:], *t[2 + i:]]
        return all(isinstance(x, str) and x not in constants for x in xs) and len(set(xs)) == len(xs)

    for side, other in (eq, eq[::-1]):
        if general(side) and not general(other) and set(leaves(other)) <= set(leaves(side)):
            fixed = {k: a for k, a in enumerate(side[1:]) if k != i}
            return sum(any(u[1 + k] != a for k, a in fixed.items())
                       for u in subterms(other) if not isinstance(u, str) and u[0] == f)
    return None


def goal_lemmas(pool: list[Conjecture], defs: Definitions, sig: Signature, ev: TermEvaluator,
                constants: frozenset[str], chain: list[str],
                reserved: Collection[str] = ()) -> tuple[list[Conjecture], dict[str, int]]:
    """The lemmas the stated conjectures of `pool` need: new conjectures (abstracted
    residues the pool lacks, not refuted by `ev`, the named numerals of `chain` evaluated
    as the base's successors, named apart from the pool and `reserved`), and per conjecture name its rank (`DIRECT`,
    `NEEDED`, `PREREQUISITE`; the others are `OTHER`). See the module docstring."""
    numerals = numeral_terms(chain, sig.succ)
    explored = [c for c in pool if c.origin != "conjecture" and c.equation is not None]
    goals = [c.equation for c in pool if c.origin == "conjecture" and c.equation is not None]
    is_var = _is_var(constants)
    ranks: dict[str, int] = {}
    new: list[Conjecture] = []
    needed: list[Equation] = []
    taken = {c.name for c in pool} | constants | set(reserved)

    def add(eq: Equation, name: str, rank: int) -> None:
        lemma = conjecture_of(eq, sig, constants, name, taken)
        if lemma is not None:
            new.append(lemma)
            taken.add(lemma.name)
            ranks[lemma.name] = rank

    def residue_lemma(rest: Equation, rank: int) -> None:
        """The conjectures `rest` is an instance of, or else `rest` abstracted, get `rank`
        (a ground `rest` is a fact about numerals: the incubator's)."""
        if not any(is_var(x) for side in rest for x in leaves(side)):
            return
        size = node_count(rest[0]) + node_count(rest[1])
        known = [d for d in explored if d.size <= size and is_instance(rest, d.equation, constants)]
        ranks.update((d.name, rank) for d in known if d.name not in ranks)
        lemma = abstracted(rest, constants)
        if not known and not refuted(lemma, ev, constants, numerals):
            add(lemma, "goal_lemma", rank)

    for goal in goals:
        for rest in base_cases(goal, defs, sig.base, sig.succ, constants):
            residue_lemma(rest, DIRECT)
        for general, side, sigma in generalizations(goal, defs, constants):
            for eq, rest in _generalized(general, sigma, goal, side, explored, constants)[:MAX_GENERALIZATIONS]:
                # the generalized term on the left: its value named in the hypotheses, where
                # its definition and the induction hypothesis apply forwards
                add(eq, "generalization", DIRECT)
                needed.append(eq)
                if rest is not None:
                    residue_lemma(rest, NEEDED)
    for c in step_lemmas(goals + needed, explored, defs, sig.succ, constants):
        ranks.setdefault(c.name, NEEDED)
    functions = set().union(*(c.functions() for c in [*pool, *new] if c.name in ranks))
    for c in _laws(explored, tuple(f for f in sig.binary if f in functions)):
        ranks.setdefault(c.name, PREREQUISITE)
    return new, ranks


def step_lemmas(eqs: list[Equation], explored: list[Conjecture], defs: Definitions, succ: str,
                 constants: frozenset[str]) -> list[Conjecture]:
    """For each pattern where an induction on `eqs` gets stuck (`stuck`), the explored
    conjecture that carries it outwards best (`unsticking`, then fewest crossings, then
    pool order), and so on for those, `STUCK_DEPTH` rounds deep."""
    out: list[Conjecture] = []
    seen: set[Stuck] = set()
    for _ in range(STUCK_DEPTH):
        patterns = set().union(*(stuck(eq, defs, succ) for eq in eqs)) - seen
        seen |= patterns
        eqs = []
        for p in sorted(patterns):
            ripples = [(score, crossings(c, constants), n, c) for n, c in enumerate(explored)
                       if (score := unsticking(c.equation, p, constants)) is not None]
            if ripples:
                best = min(ripples, key=lambda r: r[:3])[3]
                out.append(best)
                eqs.append(best.equation)
    return out


def _laws(explored: list[Conjecture], operators: tuple[str, ...]) -> list[Conjecture]:
    """The explored conjectures that state the associativity or commutativity of one of
    the binary `operators` (`gl.laws`)."""
    out = []
    for c in explored:
        if c.size in LAW_SIZES and c.roots() <= set(operators):
            law = named_law(c.statement, operators)
            if law and law.split(" of ")[0] in ("associativity", "commutativity"):
                out.append(c)
    return out


def _generalized(general: Term, sigma: dict[str, Term], goal: Equation, side: int,
                 explored: list[Conjecture], constants: frozenset[str]) -> list[tuple[Equation, Equation | None]]:
    """The equations of explored conjectures that equate `general` (up to renaming) with
    a term free of its function, that side first, each with the residue of `goal` once
    the equation's instance (by `sigma`) replaces the generalized term in it (None: the
    goal is that instance), those with the smallest residues first."""
    f = general[0]
    found = []
    for c in explored:
        for this, other in (c.equation, c.equation[::-1]):
            rho = renaming(general, this, constants)
            if rho is None or any(not isinstance(t, str) and t[0] == f for t in subterms(other)):
                continue
            back = {v: sigma.get(x, x) for x, v in rho.items()}
            if not set(leaves(other)) - constants <= set(back):
                continue
            instance = substitute(other, back)
            original = substitute(general, sigma)
            rewritten = next(replace(goal[side], path, instance) for path, t in positions(goal[side]) if t == original)
            rest = residue(rewritten, goal[1 - side])
            found.append((0 if rest is None else node_count(rest[0]) + node_count(rest[1]), c.size, c.name,
                          (this, other), rest))
            break
    return [(eq, rest) for *_, eq, rest in sorted(found, key=lambda x: x[:3])]


def numeral_terms(chain: list[str], succ: str) -> dict[str, Term]:
    """The named numerals of `chain` (`gl.incubator.numeral_chain`) after the base, each
    as successors of the base.

    >>> numeral_terms(["i0", "i1", "i2"], "s")
    {'i1': ('s', 'i0'), 'i2': ('s', ('s', 'i0'))}
    """
    numerals: dict[str, Term] = {}
    for k, name in enumerate(chain[1:], 1):
        numerals[name] = (succ, numerals.get(chain[k - 1], chain[k - 1]))
    return numerals


def refuted(eq: Equation, ev: TermEvaluator, constants: frozenset[str], numerals: dict[str, Term]) -> bool:
    """Whether `eq` is unknown on every evaluation point of `ev` or false on one, the
    named numerals evaluated as the `numerals` terms."""
    sides = [substitute(side, numerals) for side in eq]
    known = [v for v in zip(*(ev.values(side) for side in _renamed(sides, ev, constants))) if None not in v]
    return not known or any(a != b for a, b in known)


def conjecture_of(eq: Equation, sig: Signature, constants: frozenset[str], name: str,
                taken: set[str]) -> Conjecture | None:
    """`eq` (its variables named a, b, c, ...) as a new explored conjecture named
    `name_1`, `name_2`, ... (the first not `taken`), or None when it is ill typed."""
    eq = canonical_names(*eq, constants)
    statement = equation_to_statement(*eq, sig.domain, constants)
    if not well_typed(statement, sig):
        return None
    return Conjecture(next(f"{name}_{k}" for k in itertools.count(1) if f"{name}_{k}" not in taken), statement,
                      "explored", node_count(eq[0]) + node_count(eq[1]), eq)


def _renamed(sides: list[Term], ev: TermEvaluator, constants: frozenset[str]) -> Iterator[Term]:
    """`sides` with their variables renamed onto the evaluator's."""
    variables = [x for x in dict.fromkeys(x for side in sides for x in leaves(side)) if x not in constants]
    ren = dict(zip(variables, ev.variables))
    return (substitute(side, ren) for side in sides)


