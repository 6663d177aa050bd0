"""E-graph rewriting on egglog: simplification, equivalence and cost-based extraction.

Terms are plain tuples (``("+", ("s", "a"), "i0")``), infix text or sympy expressions.

>>> from rewriting import simplify, equivalent, rules_from_equations
>>> simplify("x*(y+0) + x*z", rules="semiring").expr
'x * (y + z)'
>>> comm = rules_from_equations([("a + b", "b + a")])
>>> bool(equivalent(("+", "x", ("s", "i0")), ("+", ("s", "i0"), "x"), rules=comm))
True
"""

from mpl_lang.terms import Term, node_count, op_count

from .api import (
    Equivalence,
    EquivalenceIndex,
    Result,
    canonicalize,
    distinct_equations,
    equivalent,
    normal_form,
    resolve_rules,
    simplify,
    simplify_many,
)
from .cost import COST_MODELS, LATENCY, NODES, OPS, CostModel, cost_model
from .engine import EGraphSession, Limits, RewriteError, RunInfo
from .evaluate import Undefined, eval_peano, eval_real, find_counterexample
from .rules import (
    RawRule,
    Rule,
    named_rules,
    peano_rules,
    peano_semiring_rules,
    rule,
    rules_from_equations,
)
from .sympy_conv import from_sympy, peano_from_sympy, peano_to_sympy, to_sympy
from .terms import PEANO, PeanoSignature, TermError, parse_term, term_to_str

__all__ = [
    "COST_MODELS", "LATENCY", "NODES", "OPS", "PEANO", "CostModel", "EGraphSession",
    "Equivalence", "EquivalenceIndex", "Limits", "PeanoSignature", "RawRule", "Result",
    "RewriteError", "Rule", "RunInfo", "Term", "TermError", "Undefined", "canonicalize",
    "cost_model", "distinct_equations", "equivalent", "eval_peano", "eval_real",
    "find_counterexample", "from_sympy", "named_rules", "node_count", "normal_form",
    "op_count", "parse_term", "peano_from_sympy", "peano_rules", "peano_semiring_rules",
    "peano_to_sympy", "resolve_rules", "rule", "rules_from_equations", "simplify", "simplify_many",
    "term_to_str", "to_sympy",
]
