"""What each step kind of a `gl.proofs/1` proof means, in words for people.

The rules page lists these, and the tooltips of the proof tables show them.

>>> KINDS["eq_symm"].title
'Symmetry of equality'
"""

from __future__ import annotations

from typing import NamedTuple


class Kind(NamedTuple):
    """A step kind: a short title and a sentence saying when such a step is valid."""

    title: str
    text: str


KINDS: dict[str, Kind] = {
    "hyp": Kind(
        "Hypothesis",
        "States one of the block's hypotheses (numbered from 0), with the block's fresh "
        "constants in place of the claim's variables. It uses no earlier step.",
    ),
    "rule": Kind(
        "Rule application",
        "Instantiates a clause (an axiom, a clause of an earlier theorem, or a clause of a "
        "formula proved in this block) by a substitution; the premises are exactly the "
        "clause's instantiated premises and the step is its conclusion.",
    ),
    "witness": Kind(
        "Witness",
        "Applies an existential clause: besides the clause's variables, each existential "
        "variable is bound to a new constant, and the step states the conclusion's literals "
        "about it.",
    ),
    "and_elim": Kind(
        "Conjunction elimination",
        "From a conjunction, keep one of its parts.",
    ),
    "and_intro": Kind(
        "Conjunction introduction",
        "Join two or more earlier steps, in order, into one conjunction.",
    ),
    "eq_refl": Kind(
        "Reflexivity of equality",
        "Every constant equals itself; it uses no earlier step.",
    ),
    "eq_symm": Kind(
        "Symmetry of equality",
        "From a = b conclude b = a.",
    ),
    "eq_subst": Kind(
        "Substitution of equals",
        "From u = v and a literal L, conclude L with some occurrences of u replaced by v "
        "(highlighted in the table).",
    ),
    "unfold": Kind(
        "Unfold a definition",
        "Replace a defined predicate by its definition's body, with the parameters "
        "replaced by the arguments.",
    ),
    "fold": Kind(
        "Fold a definition",
        "The converse of unfolding: a definition's instantiated body gives the defined "
        "predicate.",
    ),
    "contradiction": Kind(
        "Contradiction",
        "A literal and its negation were both derived, so the block reaches ⊥ (falsum).",
    ),
    "ex_falso": Kind(
        "Ex falso quodlibet",
        "From ⊥ anything follows.",
    ),
}
