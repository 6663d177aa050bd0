"""The constants a Logic Block knows: the theory's, the claim's fresh ones, invented witnesses.

Each constant gets a `rank` (its order of introduction: the union-find makes the earliest
constant of a class its representative) and a `depth` (0 for given constants, 1 + the
deepest input for an invented function value: the invention bound). `fresh` names a new
constant that clashes with none known.

>>> names = Constants()
>>> names.add("a"); names.add("a_1"); names.add("b", depth=1)
>>> names.fresh("a"), names.fresh("c"), names.rank["b"], names.depth["b"]
('a_2', 'c', 2, 1)
"""

from __future__ import annotations


class Constants:
    """Known constant names, each with its rank and depth."""

    def __init__(self) -> None:
        self.rank: dict[str, int] = {}
        self.depth: dict[str, int] = {}

    def __contains__(self, name: str) -> bool:
        return name in self.rank

    def add(self, name: str, depth: int = 0) -> None:
        """Know `name` (at `depth`); a known name keeps its rank and depth."""
        if name not in self.rank:
            self.rank[name] = len(self.rank)
            self.depth[name] = depth

    def fresh(self, base: str) -> str:
        """`base`, or `base_1`, `base_2`, ...: the first that is not known yet (not added)."""
        name, i = base, 1
        while name in self.rank:
            name, i = f"{base}_{i}", i + 1
        return name
