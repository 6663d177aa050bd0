"""Rewrite rules and the built-in rulesets.

A :class:`Rule` rewrites instances of ``lhs`` to ``rhs``; leaves in ``variables`` are
pattern variables, every other leaf is a constant. ``nonzero`` lists patterns that must be
known nonzero (a nonzero constant, a user-stated fact, or a product/quotient/power of such)
before the rule may fire: this is how division stays sound (``x/x = 1`` only when ``x != 0``).

Rulesets by name (:func:`named_rules`):

* peano domain: ``peano`` (definitional rules of + and *), ``semiring`` (commutative
  semiring laws of + and * with zero and one);
* real domain: ``semiring`` (ring laws, constant folding, integer powers), ``field``
  (division with side conditions), ``generic-field`` (``field`` assuming, as sympy does,
  that symbols take generic values: every denominator of the input that is not zero
  everywhere is nonzero), ``functions`` (exp, log, sin, cos, sqrt), ``trigonometry``
  (multiples of pi, double angles), ``fma``
  (``a*b + c = fma(a, b, c)``).

Rules that drop a subterm (``a * 0 = 0``) need it ``defined``, so that an undefined input
never becomes defined.

>>> [str(r) for r in rules_from_equations([(("+", "a", "b"), ("+", "b", "a"))])]
['a + b => b + a']
>>> [str(r) for r in rule("x/x", "1", nonzero=["x"])]
['x / x => 1 if x != 0']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from mpl_lang.terms import Term, substitute

from .language import Language, bigrat, mangle
from .terms import (
    PEANO,
    PeanoSignature,
    TermError,
    check_term,
    is_number,
    number_value,
    parse_term,
    term_to_str,
    variables,
)

REAL_CONSTANTS = frozenset({"pi", "E"})
#: the egglog ruleset of rewrites, run one iteration at a time under the limits
MAIN_RULESET = "main"
#: the egglog ruleset of rules that only derive facts (``Defined``, ``NonZero``,
#: ``Positive``) about existing e-classes, run to saturation before every iteration
FACTS_RULESET = "facts"


@dataclass(frozen=True)
class Rule:
    """``lhs => rhs`` in one domain, if every ``nonzero`` pattern is known nonzero, every
    ``defined`` pattern known defined and every ``positive`` pattern known positive."""

    lhs: Term
    rhs: Term
    variables: frozenset[str]
    nonzero: tuple[Term, ...] = ()
    domain: str = "real"
    defined: tuple[Term, ...] = ()
    positive: tuple[Term, ...] = ()
    ruleset: ClassVar[str] = MAIN_RULESET

    def __str__(self) -> str:
        cond = " and ".join([*(f"{term_to_str(c)} != 0" for c in self.nonzero),
                             *(f"{term_to_str(c)} defined" for c in self.defined),
                             *(f"{term_to_str(c)} > 0" for c in self.positive)])
        return f"{term_to_str(self.lhs)} => {term_to_str(self.rhs)}" + (f" if {cond}" if cond else "")

    def conditions(self) -> list[tuple[str, Term]]:
        """The side conditions as (egglog relation, pattern) pairs."""
        return [*(("NonZero", c) for c in self.nonzero), *(("Defined", c) for c in self.defined),
                *(("Positive", c) for c in self.positive)]

    def to_egg(self, lang: Language) -> str:
        """The egglog ``rule`` command, in no ruleset (the e-graph session puts it in
        :attr:`ruleset`).

        >>> rule("f(x)", "x", domain="peano")[0].to_egg(Language("peano"))
        '(rule ((= root__ (F1_f v_x))) ((union root__ v_x)))'
        """
        constraints: list[str] = []

        def lhs_var(leaf: str) -> str | None:
            if leaf in self.variables:
                return f"v_{mangle(leaf)}"
            if lang.domain == "real" and is_number(leaf):
                name = f"c_{len(constraints)}"
                constraints.append(f"(= {name} {bigrat(number_value(leaf))})")
                return f"(Num {name})"
            return None

        def rhs_var(leaf: str) -> str | None:
            return f"v_{mangle(leaf)}" if leaf in self.variables else None

        lhs = lang.to_egg(self.lhs, lhs_var)
        conds = [f"({rel} {lang.to_egg(c, rhs_var)})" for rel, c in self.conditions()]
        rhs = lang.to_egg(self.rhs, rhs_var)
        query = " ".join([f"(= root__ {lhs})", *constraints, *conds])
        return f"(rule ({query}) ((union root__ {rhs})))"


@dataclass(frozen=True)
class RawRule:
    """A rule written directly in egglog over the real domain's constructors (constant
    folding, integer-exponent conditions), in no ruleset: the e-graph session puts it in
    ``ruleset``, :data:`MAIN_RULESET` or :data:`FACTS_RULESET` (for a rule that only derives
    facts)."""

    text: str
    domain: str = "real"
    ruleset: str = MAIN_RULESET

    def __str__(self) -> str:
        return self.text

    def to_egg(self, lang: Language) -> str:
        """The egglog ``rule`` command, as written."""
        return self.text


AnyRule = Rule | RawRule


def rule(
    lhs: str | Term,
    rhs: str | Term,
    *,
    variables_: Iterable[str] | None = None,
    nonzero: Iterable[str | Term] = (),
    domain: str = "real",
    signature: PeanoSignature = PEANO,
    both: bool = False,
    defined: Iterable[str | Term] = (),
    positive: Iterable[str | Term] = (),
) -> list[Rule]:
    """User rule(s) from text or terms; ``both`` adds the reverse direction. ``nonzero``,
    ``defined`` and ``positive`` list patterns the e-graph must know to be nonzero, defined
    (everywhere) or positive before the rule fires.

    By default every name is a pattern variable except the Peano zero (peano domain) or
    ``pi``/``E`` (real domain); numbers are constants.

    >>> [str(r) for r in rule("f(x, i0)", "x", domain="peano")]
    ['f(x, i0) => x']
    """
    left = parse_term(lhs) if isinstance(lhs, str) else check_term(lhs)
    right = parse_term(rhs) if isinstance(rhs, str) else check_term(rhs)
    conds = _Conditions(*(tuple(parse_term(c) if isinstance(c, str) else check_term(c)
                                for c in group) for group in (nonzero, defined, positive)))
    consts = _constants(domain, signature)
    names = frozenset(variables_) if variables_ is not None else frozenset(
        variables(left, consts) + variables(right, consts))
    out = [_oriented(left, right, names, conds, domain)]
    if both:
        out.append(_oriented(right, left, names, conds, domain))
    return out


@dataclass(frozen=True)
class _Conditions:
    nonzero: tuple[Term, ...] = ()
    defined: tuple[Term, ...] = ()
    positive: tuple[Term, ...] = ()

    def patterns(self) -> list[Term]:
        return [*self.nonzero, *self.defined, *self.positive]


def _constants(domain: str, signature: PeanoSignature) -> frozenset[str]:
    return frozenset({signature.zero}) if domain == "peano" else REAL_CONSTANTS


def _oriented(lhs: Term, rhs: Term, names: frozenset[str], conds: _Conditions,
              domain: str) -> Rule:
    if isinstance(lhs, str) and lhs in names:
        raise TermError(f"rule {term_to_str(lhs)} => {term_to_str(rhs)}: the left side is a bare "
                        "variable, which matches everything")
    bound = set(variables(lhs, frozenset()))
    free = [v for v in variables(rhs, frozenset())
            + [v for c in conds.patterns() for v in variables(c)] if v in names and v not in bound]
    if free:
        raise TermError(f"rule {term_to_str(lhs)} => {term_to_str(rhs)}: {', '.join(free)} not "
                        "bound by the left side")
    used = frozenset(v for v in names if v in bound)
    return Rule(lhs, rhs, used, conds.nonzero, domain, conds.defined, conds.positive)


def rules_from_equations(
    equations: Iterable[tuple[Term | str, Term | str]],
    *,
    domain: str = "peano",
    signature: PeanoSignature = PEANO,
    constants: Iterable[str] = (),
) -> list[Rule]:
    """Rewrite rules in both directions from proved equations ``lhs = rhs``.

    Leaves become pattern variables except numbers, the Peano zero (peano domain) and
    ``constants``. A direction is left out when its left side is a bare variable; in the
    peano domain, variables of its right side that its left side lacks are set to zero
    (the equation holds for every value of them), elsewhere the direction is left out.

    >>> [str(r) for r in rules_from_equations([("a + i0", "a"), ("a*b", "b*a")])]
    ['a + i0 => a', 'a * b => b * a']
    >>> [str(r) for r in rules_from_equations([("a * i0", "b * i0")])]
    ['a * i0 => i0 * i0']
    """
    consts = _constants(domain, signature) | frozenset(constants)
    out: list[Rule] = []
    seen: set[tuple[Term, Term]] = set()
    for lhs, rhs in equations:
        left = parse_term(lhs) if isinstance(lhs, str) else check_term(lhs)
        right = parse_term(rhs) if isinstance(rhs, str) else check_term(rhs)
        names = frozenset(variables(left, consts) + variables(right, consts))
        for a, b in ((left, right), (right, left)):
            a_vars = set(variables(a, consts))
            if isinstance(a, str) and a in names:
                continue
            if free := [v for v in variables(b, consts) if v not in a_vars]:
                if domain != "peano":
                    continue
                b = substitute(b, dict.fromkeys(free, signature.zero))
            key = _rename(a, b, names)
            if key in seen:
                continue
            seen.add(key)
            out.append(_oriented(a, b, names, _Conditions(), domain))
    return out


def _rename(a: Term, b: Term, names: frozenset[str]) -> tuple[Term, Term]:
    """Canonical variable names, so that alpha-equivalent rules are added once."""
    order = variables(a, frozenset()) + variables(b, frozenset())
    mapping: dict[str, Term] = {}
    for v in order:
        if v in names and v not in mapping:
            mapping[v] = f"_v{len(mapping)}"
    return substitute(a, mapping), substitute(b, mapping)


# ---------------------------------------------------------------- built-in rulesets


def peano_rules(signature: PeanoSignature = PEANO) -> list[Rule]:
    """The definitional rules a+0=a, a+s(b)=s(a+b), a*0=0, a*s(b)=a*b+a (in the theory's names).

    >>> [str(r) for r in peano_rules()][:2]
    ['a + i0 => a', 'a + s(b) => s(a + b)']
    """
    z, s, add, mul = signature.zero, signature.succ, signature.add, signature.mul
    pairs = [
        ((add, "a", z), "a"),
        ((add, "a", (s, "b")), (s, (add, "a", "b"))),
        ((mul, "a", z), z),
        ((mul, "a", (s, "b")), (add, (mul, "a", "b"), "a")),
    ]
    return [r for lhs, rhs in pairs for r in rule(lhs, rhs, domain="peano", signature=signature)]


def peano_semiring_rules(signature: PeanoSignature = PEANO) -> list[Rule]:
    """Commutative-semiring laws for the Peano + and * with zero and one = s(zero)."""
    z, s, add, mul = signature.zero, signature.succ, signature.add, signature.mul
    one = signature.one
    one_way = [
        ((add, "a", "b"), (add, "b", "a")),
        ((mul, "a", "b"), (mul, "b", "a")),
        ((add, "a", z), "a"),
        ((mul, "a", z), z),
        ((mul, "a", one), "a"),
    ]
    two_way = [
        ((add, (add, "a", "b"), "c"), (add, "a", (add, "b", "c"))),
        ((mul, (mul, "a", "b"), "c"), (mul, "a", (mul, "b", "c"))),
        ((mul, "a", (add, "b", "c")), (add, (mul, "a", "b"), (mul, "a", "c"))),
        ((add, "a", (s, "b")), (s, (add, "a", "b"))),
    ]
    out = [r for lhs, rhs in one_way for r in rule(lhs, rhs, domain="peano", signature=signature)]
    for lhs, rhs in two_way:
        out += rule(lhs, rhs, domain="peano", signature=signature, both=True)
    return out


def _int_cond(var: str, low: int) -> str:
    """egglog facts: BigRat ``var`` is an integer >= ``low``, at most 64."""
    return (f"(= (denom {var}) (bigint 1)) (>= {var} {bigrat(low)}) "
            f"(<= {var} {bigrat(64)})")


def _small(var: str, digits: int) -> str:
    """egglog facts: BigRat ``var`` has a numerator and a denominator of at most ``digits``
    digits (so that folded constants stay within the size limits)."""
    bound = f'(from-string "{10 ** digits}")'
    return (f'(< (numer {var}) {bound}) (> (numer {var}) (from-string "-{10 ** digits}")) '
            f"(< (denom {var}) {bound})")


def real_semiring_rules() -> list[AnyRule]:
    """Ring laws over the reals: commutativity, associativity, distributivity, identities,
    subtraction and negation, constant folding and integer powers. A law that drops a
    subterm (``a * 0 = 0``, ``a - a = 0``, ``a^0 = 1``) needs that subterm known to be
    defined everywhere, so that an undefined input never becomes defined."""
    d = "real"
    one_way = [
        ("a + b", "b + a"), ("a * b", "b * a"),
        ("a + 0", "a"), ("a * 1", "a"), ("a - 0", "a"), ("0 - a", "-a"),
        ("--a", "a"), ("a + a", "2 * a"), ("a * a", "a^2"),
        ("a^1", "a"), ("-(a - b)", "b - a"),
    ]
    erasing = [("a * 0", "0"), ("a - a", "0"), ("a + -a", "0"), ("a^0", "1")]
    two_way = [
        ("(a + b) + c", "a + (b + c)"), ("(a * b) * c", "a * (b * c)"),
        ("a * (b + c)", "a * b + a * c"), ("a * (b - c)", "a * b - a * c"),
        ("a - b", "a + -b"), ("-a", "(-1) * a"), ("(a + b) - c", "a + (b - c)"),
    ]
    out: list[AnyRule] = []
    for lhs, rhs in one_way:
        out += rule(lhs, rhs, domain=d)
    for lhs, rhs in erasing:
        out += rule(lhs, rhs, domain=d, defined=["a"])
    for lhs, rhs in two_way:
        out += rule(lhs, rhs, domain=d, both=True)
    zero, big, tiny = bigrat(0), _small("a", 500) + " " + _small("b", 500), _small("a", 15)
    out += [RawRule(t) for t in (
        f"(rule ((= e (Add (Num a) (Num b))) {big}) ((union e (Num (+ a b)))))",
        f"(rule ((= e (Sub (Num a) (Num b))) {big}) ((union e (Num (- a b)))))",
        f"(rule ((= e (Mul (Num a) (Num b))) {big}) ((union e (Num (* a b)))))",
        "(rule ((= e (Neg (Num a)))) ((union e (Num (neg a)))))",
        f"(rule ((= e (Div (Num a) (Num b))) (!= b {zero}) {big}) ((union e (Num (/ a b)))))",
        f"(rule ((= e (Pow (Num a) (Num b))) {_int_cond('b', 0)} (!= a {zero}) {tiny})"
        " ((union e (Num (pow a b)))))",
        f"(rule ((= e (Add (Mul (Num c) a) a)) (<= (abs c) {bigrat(64)}))"
        f" ((union e (Mul (Num (+ c {bigrat(1)})) a))))",
        f"(rule ((= e (Mul (Pow a (Num m)) a)) {_int_cond('m', 1)})"
        f" ((union e (Pow a (Num (+ m {bigrat(1)}))))))",
        f"(rule ((= e (Mul (Pow a (Num m)) (Pow a (Num n)))) {_int_cond('m', 1)} "
        f"{_int_cond('n', 1)}) ((union e (Pow a (Num (+ m n))))))",
        f"(rule ((= e (Pow a (Num n))) {_int_cond('n', 2)})"
        f" ((union e (Mul a (Pow a (Num (- n {bigrat(1)})))))))",
        f"(rule ((= e (Pow (Mul a b) (Num n))) {_int_cond('n', 1)})"
        " ((union e (Mul (Pow a (Num n)) (Pow b (Num n))))))",
        f"(rule ((= e (Pow (Pow a (Num m)) (Num n))) {_int_cond('m', 1)} {_int_cond('n', 1)})"
        " ((union e (Pow a (Num (* m n))))))",
    )]
    return out + _fact_rules()


def _facts(*texts: str) -> list[RawRule]:
    return [RawRule(t, ruleset=FACTS_RULESET) for t in texts]


def _fact_rules() -> list[RawRule]:
    """What the e-graph knows about e-classes, for side conditions. ``Defined e``: every
    term of the class has a value at every point (numbers, variables, total operations of
    defined arguments, division by a nonzero class, integer powers); ``NonZero e``: defined
    and never zero (nonzero constants, stated facts, products and quotients of such, and
    the factors of a nonzero product or quotient)."""
    zero, whole = bigrat(0), "(= (denom n) (bigint 1))"
    defined = [f"(rule ((= e ({op} a b)) (Defined a) (Defined b)) ((Defined e)))"
               for op in ("Add", "Sub", "Mul")]
    defined += [f"(rule ((= e ({op} a)) (Defined a)) ((Defined e)))"
                for op in ("Neg", "Exp", "Sin", "Cos")]
    return _facts(
        "(rule ((= e (Num c))) ((Defined e)))",
        "(rule ((= e (Var v))) ((Defined e)))",
        *defined,
        "(rule ((= e (Fma a b c)) (Defined a) (Defined b) (Defined c)) ((Defined e)))",
        "(rule ((= e (Div a b)) (Defined a) (NonZero b)) ((Defined e)))",
        f"(rule ((= e (Pow a (Num n))) (Defined a) {whole} (>= n {zero})) ((Defined e)))",
        f"(rule ((= e (Pow a (Num n))) (NonZero a) {whole}) ((NonZero e)))",
        "(rule ((NonZero e)) ((Defined e)))",
        f"(rule ((= e (Num c)) (!= c {zero})) ((NonZero e)))",
        "(rule ((= e (Mul a b)) (NonZero a) (NonZero b)) ((NonZero e)))",
        "(rule ((= e (Div a b)) (NonZero a) (NonZero b)) ((NonZero e)))",
        "(rule ((= e (Neg a)) (NonZero a)) ((NonZero e)))",
        "(rule ((= e (Exp a)) (Defined a)) ((NonZero e)))",
        "(rule ((NonZero e) (= e (Mul a b))) ((NonZero a) (NonZero b)))",
        "(rule ((NonZero e) (= e (Div a b))) ((NonZero a) (NonZero b)))",
        "(rule ((NonZero e) (= e (Neg a))) ((NonZero a)))",
        f"(rule ((NonZero e) (= e (Pow a (Num n))) {whole} (> n {zero})) ((NonZero a)))",
    )


def real_field_rules(generic: bool = False) -> list[AnyRule]:
    """Division laws. Laws whose two sides have the same domain of definition hold
    unconditionally; cancellations need their ``nonzero`` facts. ``generic`` assumes that
    symbols take generic values: every denominator of an input that is not zero
    everywhere is nonzero (sympy's convention; see :data:`GENERIC_DENOMINATORS`)."""
    d = "real"
    two_way = [
        ("(a / b) * c", "(a * c) / b"), ("a / b + c / b", "(a + c) / b"),
        ("a / b - c / b", "(a - c) / b"), ("(a / b) / c", "a / (b * c)"),
        ("a / b + c", "(a + c * b) / b"), ("-a / b", "-(a / b)"),
    ]
    out: list[AnyRule] = []
    for lhs, rhs in two_way:
        out += rule(lhs, rhs, domain=d, both=True)
    out += rule("a / b + c / e", "(a * e + c * b) / (b * e)", domain=d)
    # a common factor of a divisor and an addend of the dividend divides out of both
    out += rule("(a + c * b) / (e * b)", "(a / b + c) / e", domain=d)
    out += rule("a / -b", "-(a / b)", domain=d)
    out += rule("a / 1", "a", domain=d)
    out += rule("a / a", "1", nonzero=["a"], domain=d)
    out += rule("a * (1 / a)", "1", nonzero=["a"], domain=d)
    out += rule("(a * b) / (a * c)", "b / c", nonzero=["a"], domain=d)
    out += rule("(a * b) / a", "b", nonzero=["a"], domain=d)
    out += rule("a / (a * c)", "1 / c", nonzero=["a"], domain=d)
    out += rule("0 / a", "0", nonzero=["a"], domain=d)
    out += rule("a / (b / c)", "(a * c) / b", nonzero=["c"], domain=d)
    out += rule("1 / (1 / a)", "a", nonzero=["a"], domain=d)
    out += _fact_rules()
    if generic:
        out.append(GENERIC_DENOMINATORS)
    return out


#: the generic-values assumption: a denominator of an input that is not zero everywhere
#: is nonzero. :class:`~rewriting.engine.EGraphSession` marks such denominators
#: ``GenericNonZero`` when this rule is among its rules.
GENERIC_DENOMINATORS = RawRule("(rule ((GenericNonZero b)) ((NonZero b)))",
                               ruleset=FACTS_RULESET)


#: trigonometric identities, each one way (towards fewer operations or, for the double
#: angle, towards a form that cancels against a factor 2): multiples of pi, the double
#: angle. sin and cos are total, so both sides are defined wherever ``a`` is.
TRIGONOMETRY = [
    ("sin(pi)", "0"), ("cos(pi)", "-1"), ("sin(pi / 2)", "1"), ("cos(pi / 2)", "0"),
    ("sin(a + pi)", "-sin(a)"), ("cos(a + pi)", "-cos(a)"),
    ("sin(a - pi)", "-sin(a)"), ("cos(a - pi)", "-cos(a)"),
    ("sin(pi - a)", "sin(a)"), ("cos(pi - a)", "-cos(a)"),
    ("sin(a + 2 * pi)", "sin(a)"), ("cos(a + 2 * pi)", "cos(a)"),
    ("sin(a + pi / 2)", "cos(a)"), ("cos(a + pi / 2)", "-sin(a)"),
    ("sin(a) * cos(a)", "sin(2 * a) / 2"), ("cos(a)^2 - sin(a)^2", "cos(2 * a)"),
    ("2 * cos(a)^2 - 1", "cos(2 * a)"), ("1 - 2 * sin(a)^2", "cos(2 * a)"),
    ("sin(a)^2 - cos(a)^2", "-cos(2 * a)"), ("2 * sin(a)^2 - 1", "-cos(2 * a)"),
    ("1 - 2 * cos(a)^2", "-cos(2 * a)"),
]


def real_function_rules() -> list[AnyRule]:
    """exp, log, sin, cos and sqrt identities, each with both sides defined at the same
    points (``exp(log(a)) = a`` only for ``a`` known positive, ``log(a*b) = log(a) +
    log(b)`` and ``sqrt(a)*sqrt(b) = sqrt(a*b)`` only for one factor known positive,
    ``sqrt(a^2) = abs(a)``, ``exp(-a) = 1/exp(a)``, denominators ``p + sqrt(q)`` of
    rationals rationalized when ``q - p^2`` is not zero); ``exp(a) + exp(-a) = 2*cosh(a)``,
    ``exp(a) - exp(-a) = 2*sinh(a)``, ``sinh(a)/cosh(a) = tanh(a)``, ``cosh(a)/sinh(a) =
    1/tanh(a)``."""
    d = "real"
    pairs = [
        ("exp(0)", "1"), ("log(1)", "0"), ("log(exp(a))", "a"),
        ("sin(0)", "0"), ("cos(0)", "1"), ("sin(-a)", "-sin(a)"), ("cos(-a)", "cos(a)"),
        ("exp(a)^b", "exp(a * b)"), ("sqrt(a^2)", "abs(a)"), ("sqrt(a * a)", "abs(a)"),
    ]
    out: list[AnyRule] = []
    for lhs, rhs in pairs:
        out += rule(lhs, rhs, domain=d)
    out += rule("sin(a)^2 + cos(a)^2", "1", defined=["a"], domain=d)
    for lhs in ("exp(log(a))", "sqrt(a) * sqrt(a)", "sqrt(a)^2"):
        out += rule(lhs, "a", positive=["a"], domain=d)
    out += rule("exp(a) * exp(b)", "exp(a + b)", domain=d, both=True)
    out += rule("exp(-a)", "1 / exp(a)", domain=d, both=True)
    # hyperbolic functions: every side total (cosh(a) >= 1), or both undefined at a = 0
    for lhs, rhs in (("exp(a) + exp(-a)", "2 * cosh(a)"), ("exp(a) - exp(-a)", "2 * sinh(a)"),
                     ("sinh(a) / cosh(a)", "tanh(a)"), ("cosh(a) / sinh(a)", "1 / tanh(a)")):
        out += rule(lhs, rhs, domain=d, both=True)
    # with a > 0, both sides are defined exactly where b > 0 (b >= 0 for the roots)
    out += rule("log(a * b)", "log(a) + log(b)", positive=["a"], domain=d, both=True)
    out += rule("log(b / a)", "log(b) - log(a)", positive=["a"], domain=d, both=True)
    out += rule("sqrt(b) * sqrt(a)", "sqrt(b * a)", positive=["a"], domain=d, both=True)
    zero, small = bigrat(0), _small("p", 50) + " " + _small("q", 50)
    # 1/(p + sqrt(q)) = (sqrt(q) - p)/(q - p^2), 1/(p - sqrt(q)) = (sqrt(q) + p)/(p^2 - q):
    # both sides defined wherever a is (q != p^2)
    out += [RawRule(
        f"(rule ((= e (Div a ({op} (Num p) (Sqrt (Num q))))) (> q {zero}) {small}"
        f" (!= (- q (* p p)) {zero})) ((union e (Div (Mul a ({other} (Sqrt (Num q)) (Num p)))"
        f" (Num {den})))))")
        for op, other, den in (("Add", "Sub", "(- q (* p p))"), ("Sub", "Add", "(- (* p p) q)"))]
    return out + _fact_rules() + _facts(
        f"(rule ((= e (Num c)) (> c {zero})) ((Positive e)))",
        "(rule ((= e (Exp a)) (Defined a)) ((Positive e)))",
        *(f"(rule ((= e ({op} a b)) (Positive a) (Positive b)) ((Positive e)))"
          for op in ("Add", "Mul", "Div")),
        "(rule ((Positive e)) ((NonZero e) (NonNegative e)))",
        # NonNegative: defined everywhere and never negative
        "(rule ((= e (Add a b)) (Positive a) (NonNegative b)) ((Positive e)))",
        *(f"(rule ((= e ({op} a b)) (NonNegative a) (NonNegative b)) ((NonNegative e)))"
          for op in ("Add", "Mul")),
        "(rule ((= e (Mul a a)) (Defined a)) ((NonNegative e)))",
        f"(rule ((= e (Pow a (Num n))) (Defined a) (>= n {zero})"
        f" (= (denom (/ n {bigrat(2)})) (bigint 1))) ((NonNegative e)))",
        "(rule ((= e (F1_abs a)) (Defined a)) ((NonNegative e)))",
        "(rule ((= e (F1_cosh a)) (Defined a)) ((Positive e)))",
        *(f"(rule ((= e ({f} a)) (Defined a)) ((Defined e)))" for f in ("F1_sinh", "F1_tanh")),
    )


def trigonometry_rules() -> list[AnyRule]:
    """:data:`TRIGONOMETRY`, and ``c*sin(a)*cos(a) = (c/2)*sin(2a)`` for numbers ``c``.

    >>> [str(r) for r in trigonometry_rules()][4]
    'sin(a + pi) => -sin(a)'
    """
    out: list[AnyRule] = [r for lhs, rhs in TRIGONOMETRY for r in rule(lhs, rhs, domain="real")]
    # in one step: through sin(a)*cos(a) = sin(2a)/2 it takes four, past the default patience
    out.append(RawRule(f"(rule ((= e (Mul (Mul (Num c) (Sin a)) (Cos a))) {_small('c', 50)})"
                       f" ((union e (Mul (Num (/ c {bigrat(2)})) (Sin (Mul (Num {bigrat(2)}) a))))))"))
    return out + _fact_rules()


def fma_rules() -> list[Rule]:
    """``a*b + c = fma(a, b, c)``, for cost models where fused multiply-add is cheaper."""
    return rule("a * b + c", "fma(a, b, c)", domain="real", both=True)


#: the real default assumes generic values (cancels divisors) and reports what it cancelled
#: as side conditions (:mod:`rewriting.conditions`); ``field`` never cancels
DEFAULT_RULES = {"real": "semiring,generic-field,functions,trigonometry",
                 "peano": "peano,semiring"}
RULESET_NAMES = {
    "real": ("semiring", "field", "generic-field", "functions", "trigonometry", "fma", "all"),
    "peano": ("peano", "semiring", "all"),
}


def named_rules(spec: str, domain: str = "real", signature: PeanoSignature = PEANO
                ) -> list[AnyRule]:
    """Rules by ruleset names joined with ``,`` or ``+`` (``all``: every ruleset of the
    domain except ``generic-field`` and ``fma``).

    >>> len(named_rules("peano", "peano"))
    4
    """
    return list(_named_rules(spec, domain, signature))


@functools.lru_cache(maxsize=64)
def _named_rules(spec: str, domain: str, signature: PeanoSignature) -> tuple[AnyRule, ...]:
    """:func:`named_rules`, built once per process for each argument."""
    if domain not in RULESET_NAMES:
        raise TermError(f"unknown domain {domain!r} (known: real, peano)")
    names = [n.strip() for n in spec.replace("+", ",").split(",") if n.strip()]
    if "all" in names:
        names = [n for n in names if n != "all"] + DEFAULT_RULES[domain].split(",")
    if "generic-field" in names and "field" in names:
        names.remove("field")
    out: list[AnyRule] = []
    for name in dict.fromkeys(names):
        if name not in RULESET_NAMES[domain]:
            known = ", ".join(RULESET_NAMES[domain])
            raise TermError(f"unknown ruleset {name!r} for the {domain} domain (known: {known})")
        out += _RULESETS[domain][name](signature)
    return tuple(out)


_RULESETS = {
    "real": {
        "semiring": lambda sig: real_semiring_rules(),
        "field": lambda sig: real_field_rules(),
        "generic-field": lambda sig: real_field_rules(generic=True),
        "functions": lambda sig: real_function_rules(),
        "trigonometry": lambda sig: trigonometry_rules(),
        "fma": lambda sig: fma_rules(),
    },
    "peano": {"peano": peano_rules, "semiring": peano_semiring_rules},
}
