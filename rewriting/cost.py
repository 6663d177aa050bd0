"""Cost models for extraction: what "cheapest form" means.

A cost model gives every operation a weight (by name) and every leaf a weight; the cost of
a term is the sum over its nodes. Extraction in the e-graph minimizes exactly this sum.

>>> OPS.cost(("+", ("*", "x", "y"), "z"))
2
>>> NODES.cost(("+", ("*", "x", "y"), "z"))
5
>>> model = CostModel("mine", {"/": 50}, default=1)   # user-defined: division is dear
>>> model.cost(("/", "x", ("+", "y", "1")))
51
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mpl_lang.terms import Term, fold

from .terms import TermError


@dataclass(frozen=True)
class CostModel:
    """Per-operation weights (``weights[op]``, else ``default``) plus ``leaf`` per leaf.

    Weights are non-negative integers.
    """

    name: str
    weights: Mapping[str, int] = field(default_factory=dict)
    default: int = 1
    leaf: int = 0

    def __post_init__(self) -> None:
        values = [*self.weights.values(), self.default, self.leaf]
        if any(not isinstance(v, int) or v < 0 for v in values):
            raise ValueError(f"cost model {self.name!r}: weights must be non-negative integers")

    def __hash__(self) -> int:
        return hash((self.name, tuple(sorted(self.weights.items())), self.default, self.leaf))

    def op_cost(self, op: str) -> int:
        """The weight of one node of operation ``op``."""
        return self.weights.get(op, self.default)

    def cost(self, term: Term) -> int:
        """The total cost of a term."""
        return fold(term, lambda _: self.leaf, lambda t, args: self.op_cost(t[0]) + sum(args))


#: every node (leaves included) costs 1
NODES = CostModel("nodes", default=1, leaf=1)
#: every operation costs 1 (``fma`` is a multiply and an add: 2); leaves are free
OPS = CostModel("ops", {"fma": 2}, default=1, leaf=0)
#: rough floating-point latencies in cycles: division, roots and transcendental functions
#: are dear; fma is cheaper than a multiply followed by an add
LATENCY = CostModel(
    "latency",
    {
        "+": 4, "-": 4, "neg": 1, "*": 4, "fma": 5, "/": 14, "^": 30, "sqrt": 16,
        "exp": 40, "log": 40, "sin": 50, "cos": 50,
    },
    default=10,
    leaf=0,
)

COST_MODELS: dict[str, CostModel] = {m.name: m for m in (NODES, OPS, LATENCY)}


def cost_model(spec: str | CostModel) -> CostModel:
    """A cost model by name (``nodes``, ``ops``, ``latency``) or the model itself.

    >>> cost_model("ops") is OPS
    True
    """
    if isinstance(spec, CostModel):
        return spec
    try:
        return COST_MODELS[spec]
    except KeyError:
        known = ", ".join(sorted(COST_MODELS))
        raise TermError(f"unknown cost model {spec!r} (known: {known})") from None
