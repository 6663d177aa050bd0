"""Rewrite rules and the built-in rulesets.

A :class:`Rule` rewrites instances of ``lhs`` to ``rhs``; leaves in ``variables`` are
pattern variables, every other leaf is a constant. ``nonzero`` lists patterns that must be
known nonzero (a nonzero constant, a user-stated fact, or a product/quotient/power of such)
before the rule may fire: this is how division stays sound (``x/x = 1`` only when ``x != 0``).

Rulesets by name (:func:`named_rules`):

* peano domain: ``peano`` (definitional rules of + and *), ``semiring`` (commutative
  semiring laws of + and * with zero and one);
* real domain: ``semiring`` (ring laws, constant folding, integer powers), ``field``
  (division with side conditions), ``generic-field`` (``field`` assuming every denominator
  nonzero, as sympy does), ``functions`` (exp, log, sin, cos, sqrt), ``fma``
  (``a*b + c = fma(a, b, c)``).

>>> [str(r) for r in rules_from_equations([(("+", "a", "b"), ("+", "b", "a"))])]
['a + b => b + a']
>>> [str(r) for r in rule("x/x", "1", nonzero=["x"])]
['x / x => 1 if x != 0']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .language import Language, bigrat, mangle
from .terms import (
    PEANO,
    PeanoSignature,
    Term,
    TermError,
    check_term,
    is_number,
    number_value,
    parse_term,
    substitute,
    term_to_str,
    variables,
)

REAL_CONSTANTS = frozenset({"pi", "E"})


@dataclass(frozen=True)
class Rule:
    """``lhs => rhs`` (if every ``nonzero`` pattern is known nonzero), in one domain."""

    lhs: Term
    rhs: Term
    variables: frozenset[str]
    nonzero: tuple[Term, ...] = ()
    domain: str = "real"

    def __str__(self) -> str:
        cond = " and ".join(f"{term_to_str(c)} != 0" for c in self.nonzero)
        return f"{term_to_str(self.lhs)} => {term_to_str(self.rhs)}" + (f" if {cond}" if cond else "")

    def to_egg(self, lang: Language) -> str:
        """The egglog ``rule`` command (without a ruleset)."""
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
        conds = [f"(NonZero {lang.to_egg(c, rhs_var)})" for c in self.nonzero]
        rhs = lang.to_egg(self.rhs, rhs_var)
        query = " ".join([f"(= root__ {lhs})", *constraints, *conds])
        return f"(rule ({query}) ((union root__ {rhs})))"


@dataclass(frozen=True)
class RawRule:
    """A rule written directly in egglog over the real domain's constructors (constant
    folding, integer-exponent conditions), without a ruleset."""

    text: str
    domain: str = "real"

    def __str__(self) -> str:
        return self.text

    def to_egg(self, lang: Language) -> str:
        """The egglog command."""
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
) -> list[Rule]:
    """User rule(s) from text or terms; ``both`` adds the reverse direction.

    By default every name is a pattern variable except the Peano zero (peano domain) or
    ``pi``/``E`` (real domain); numbers are constants.

    >>> [str(r) for r in rule("f(x, i0)", "x", domain="peano")]
    ['f(x, i0) => x']
    """
    left = parse_term(lhs) if isinstance(lhs, str) else check_term(lhs)
    right = parse_term(rhs) if isinstance(rhs, str) else check_term(rhs)
    conds = tuple(parse_term(c) if isinstance(c, str) else check_term(c) for c in nonzero)
    consts = _constants(domain, signature)
    names = frozenset(variables_) if variables_ is not None else frozenset(
        variables(left, consts) + variables(right, consts))
    out = [_oriented(left, right, names, conds, domain)]
    if both:
        out.append(_oriented(right, left, names, conds, domain))
    return out


def _constants(domain: str, signature: PeanoSignature) -> frozenset[str]:
    return frozenset({signature.zero}) if domain == "peano" else REAL_CONSTANTS


def _oriented(lhs: Term, rhs: Term, names: frozenset[str], conds: tuple[Term, ...],
              domain: str) -> Rule:
    if isinstance(lhs, str) and lhs in names:
        raise TermError(f"rule {term_to_str(lhs)} => {term_to_str(rhs)}: the left side is a bare "
                        "variable, which matches everything")
    bound = set(variables(lhs, frozenset()))
    free = [v for v in variables(rhs, frozenset()) + [v for c in conds for v in variables(c)]
            if v in names and v not in bound]
    if free:
        raise TermError(f"rule {term_to_str(lhs)} => {term_to_str(rhs)}: {', '.join(free)} not "
                        "bound by the left side")
    used = frozenset(v for v in names if v in bound)
    return Rule(lhs, rhs, used, conds, domain)


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
            out.append(_oriented(a, b, names, (), domain))
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


def real_semiring_rules() -> list[AnyRule]:
    """Ring laws over the reals: commutativity, associativity, distributivity, identities,
    subtraction and negation, constant folding and integer powers."""
    d = "real"
    one_way = [
        ("a + b", "b + a"), ("a * b", "b * a"),
        ("a + 0", "a"), ("a * 1", "a"), ("a * 0", "0"), ("a - 0", "a"), ("0 - a", "-a"),
        ("a - a", "0"), ("--a", "a"), ("a + -a", "0"), ("a + a", "2 * a"), ("a * a", "a^2"),
        ("a^1", "a"), ("a^0", "1"), ("-(a - b)", "b - a"),
    ]
    two_way = [
        ("(a + b) + c", "a + (b + c)"), ("(a * b) * c", "a * (b * c)"),
        ("a * (b + c)", "a * b + a * c"), ("a * (b - c)", "a * b - a * c"),
        ("a - b", "a + -b"), ("-a", "(-1) * a"), ("(a + b) - c", "a + (b - c)"),
    ]
    out: list[AnyRule] = []
    for lhs, rhs in one_way:
        out += rule(lhs, rhs, domain=d)
    for lhs, rhs in two_way:
        out += rule(lhs, rhs, domain=d, both=True)
    zero = bigrat(0)
    out += [RawRule(t) for t in (
        "(rule ((= e (Add (Num a) (Num b)))) ((union e (Num (+ a b)))))",
        "(rule ((= e (Sub (Num a) (Num b)))) ((union e (Num (- a b)))))",
        "(rule ((= e (Mul (Num a) (Num b)))) ((union e (Num (* a b)))))",
        "(rule ((= e (Neg (Num a)))) ((union e (Num (neg a)))))",
        f"(rule ((= e (Div (Num a) (Num b))) (!= b {zero})) ((union e (Num (/ a b)))))",
        f"(rule ((= e (Pow (Num a) (Num b))) {_int_cond('b', 0)} (!= a {zero}))"
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
    return out


def _nonzero_rules() -> list[RawRule]:
    zero = bigrat(0)
    return [RawRule(t) for t in (
        f"(rule ((= e (Num c)) (!= c {zero})) ((NonZero e)))",
        "(rule ((= e (Mul a b)) (NonZero a) (NonZero b)) ((NonZero e)))",
        "(rule ((= e (Div a b)) (NonZero a) (NonZero b)) ((NonZero e)))",
        "(rule ((= e (Neg a)) (NonZero a)) ((NonZero e)))",
        "(rule ((= e (Pow a b)) (NonZero a)) ((NonZero e)))",
        "(rule ((= e (Exp a))) ((NonZero e)))",
    )]


def real_field_rules(generic: bool = False) -> list[AnyRule]:
    """Division laws. Laws whose two sides have the same domain of definition hold
    unconditionally; cancellations need their ``nonzero`` facts. ``generic`` assumes every
    denominator nonzero (sympy's convention)."""
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
    out += _nonzero_rules()
    if generic:
        out.append(GENERIC_DENOMINATORS)
    return out


#: the generic-field assumption: every denominator is nonzero
GENERIC_DENOMINATORS = RawRule("(rule ((= e (Div a b))) ((NonZero b)))")


def real_function_rules() -> list[AnyRule]:
    """exp, log, sin, cos and sqrt identities (each valid wherever its left side is defined)."""
    d = "real"
    pairs = [
        ("exp(0)", "1"), ("log(1)", "0"), ("log(exp(a))", "a"), ("exp(log(a))", "a"),
        ("sin(0)", "0"), ("cos(0)", "1"), ("sin(-a)", "-sin(a)"), ("cos(-a)", "cos(a)"),
        ("sin(a)^2 + cos(a)^2", "1"), ("sqrt(a) * sqrt(a)", "a"), ("sqrt(a)^2", "a"),
        ("exp(a)^b", "exp(a * b)"),
    ]
    out: list[AnyRule] = []
    for lhs, rhs in pairs:
        out += rule(lhs, rhs, domain=d)
    out += rule("exp(a) * exp(b)", "exp(a + b)", domain=d, both=True)
    return out


def fma_rules() -> list[Rule]:
    """``a*b + c = fma(a, b, c)``, for cost models where fused multiply-add is cheaper."""
    return rule("a * b + c", "fma(a, b, c)", domain="real", both=True)


DEFAULT_RULES = {"real": "semiring,field,functions", "peano": "peano,semiring"}
RULESET_NAMES = {
    "real": ("semiring", "field", "generic-field", "functions", "fma", "all"),
    "peano": ("peano", "semiring", "all"),
}


def named_rules(spec: str, domain: str = "real", signature: PeanoSignature = PEANO
                ) -> list[AnyRule]:
    """Rules by ruleset names joined with ``,`` or ``+`` (``all``: every ruleset of the
    domain except ``generic-field`` and ``fma``).

    >>> len(named_rules("peano", "peano"))
    4
    """
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
    return out


_RULESETS = {
    "real": {
        "semiring": lambda sig: real_semiring_rules(),
        "field": lambda sig: real_field_rules(),
        "generic-field": lambda sig: real_field_rules(generic=True),
        "functions": lambda sig: real_function_rules(),
        "fma": lambda sig: fma_rules(),
    },
    "peano": {"peano": peano_rules, "semiring": peano_semiring_rules},
}
