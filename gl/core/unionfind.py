"""The proof-producing union-find of a Logic Block: which constants are equal, and why.

Each class of equal constants has a *representative*, its earliest constant (lowest rank
in `Constants`). Merging records proof steps in the block's `ProofRecord`: the merged
constant `c` gets a step proving `c = parent(c)` (the equality itself, or its `eq_symm`),
and `eq_to_rep(c)` chains such steps with `eq_subst` into `c = rep(c)`. Equalities stated
over constants merged meanwhile are first restated over representatives (`eq_subst`), and
`restore` derives a fact about the original constants from its form over representatives.
The block keeps its facts over representatives and rewrites the rest (`canon`).

>>> from mpl_lang.logic import Literal, literal_text
>>> from gl.core.record import ProofRecord
>>> record = ProofRecord()
>>> uf = ProofUnionFind(record, {"a": 0, "b": 1, "c": 2})
>>> uf.merge(record.derive("hyp", Literal(True, "=", ("a", "b")), ()))
('b', 'a', 1)
>>> uf.find("b"), uf.canon(Literal(True, "in", ("b", "N"))).args
('a', ('a', 'N'))
>>> [(s.kind, literal_text(s.fact), s.premises) for s in record.steps]
[('hyp', '(=[a,b])', ()), ('eq_symm', '(=[b,a])', (0,))]
"""

from __future__ import annotations

from collections.abc import Mapping

from mpl_lang.logic import Literal, subst_literal

from .record import ProofRecord


def equality(u: str, v: str) -> Literal:
    """The literal `u = v`."""
    return Literal(True, "=", (u, v))


class ProofUnionFind:
    """Classes of equal constants, each merge justified by steps of `record`."""

    def __init__(self, record: ProofRecord, rank: Mapping[str, int]) -> None:
        self.record = record
        self.rank = rank
        self.rep: dict[str, str] = {}  # merged constant -> its representative
        self.parent: dict[str, str] = {}  # merged constant -> the constant it was merged into
        self.merge_step: dict[str, int] = {}  # merged constant c -> step proving c = parent(c)
        self.members: dict[str, list[str]] = {}  # representative -> the constants merged into it
        self.queue: list[int] = []  # steps of equalities still to merge
        self._eq_to_rep: dict[tuple[str, str], int] = {}

    def find(self, c: str) -> str:
        """The representative of `c`."""
        return self.rep.get(c, c)

    def canon(self, lit: Literal) -> Literal:
        """`lit` over representatives."""
        return subst_literal(lit, self.rep) if self.rep else lit

    def eq_to_rep(self, c: str) -> int:
        """Step id of the fact `c = rep(c)` (for a merged `c`), derived along the merge chain."""
        r = self.find(c)
        memo = self._eq_to_rep.get((c, r))
        if memo is not None:
            return memo
        sid = self.merge_step[c]
        cur = self.parent[c]
        while cur != r:
            nxt = self.parent[cur]
            sid = self.record.derive("eq_subst", equality(c, nxt), (self.merge_step[cur], sid))
            cur = nxt
        self._eq_to_rep[(c, r)] = sid
        return sid

    def merge(self, sid: int) -> tuple[str, str, int] | None:
        """Merge the classes of the two sides of the equality proved by step `sid`: the
        later representative (the loser) joins the earlier one (the winner). Returns
        (loser, winner, step proving `loser = winner`), or None when already equal."""
        u, v = self.record.steps[sid].fact.args  # type: ignore[union-attr]
        ru, rv = self.find(u), self.find(v)
        if ru == rv:
            return None
        known = self.record.known
        target = equality(ru, rv)
        sid = known.get(target, sid)
        if self.record.steps[sid].fact != target:
            sid = self.restate(sid, target)
        winner, loser = (ru, rv) if self.rank[ru] < self.rank[rv] else (rv, ru)
        if loser == ru:
            eq = sid
        else:
            eq_lit = equality(loser, winner)
            eq = known.get(eq_lit)
            if eq is None:
                eq = self.record.derive("eq_symm", eq_lit, (sid,))
                known[eq_lit] = eq
        self.parent[loser] = winner
        self.merge_step[loser] = eq
        moved = [loser, *self.members.pop(loser, [])]
        for m in moved:
            self.rep[m] = winner
        self.members.setdefault(winner, []).extend(moved)
        return loser, winner, eq

    def restate(self, sid: int, target: Literal) -> int:
        """Derive `target`, the fact of step `sid` over representatives, by `eq_subst`."""
        lit: Literal = self.record.steps[sid].fact  # type: ignore[assignment]
        for a in dict.fromkeys(lit.args):
            r = self.find(a)
            if r != a:
                lit = subst_literal(lit, {a: r})
                sid = self.record.derive("eq_subst", lit, (self.eq_to_rep(a), sid))
        assert lit == target
        return sid

    def restore(self, goal: Literal) -> int:
        """Derive `goal` from its known form over representatives, undoing merges position
        by position (`eq_symm` of `c = rep(c)`, then `eq_subst`)."""
        canon = self.canon(goal)
        sid = self.record.known[canon]
        lit = canon
        for c in dict.fromkeys(goal.args):
            r = self.find(c)
            if r == c:
                continue
            back = self.record.derive("eq_symm", equality(r, c), (self.eq_to_rep(c),))
            lit = Literal(lit.positive, lit.pred,
                          tuple([c if g == c and x == r else x for g, x in zip(goal.args, lit.args)]))
            sid = self.record.derive("eq_subst", lit, (back, sid))
        assert lit == goal
        return sid
