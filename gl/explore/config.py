"""The sizes and limits of an exploration, in one frozen object.

>>> ExploreConfig(max_term_size=3).max_term_size, ExploreConfig().elements
(3, 'base')
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Probes:
    """The assignments on which terms of equal values on the evaluation points are
    compared before they are conjectured equal (`enumeration.TermEvaluator`): every one
    from `points`, then `random` ones drawn with a fixed seed from 0 to twice the largest
    point. A value above `cap` counts as unknown there: computing large values from the
    axioms is slow, and small ones refute as well (`s(s(a)) < b` is false on 0..3,
    not at a = 0, b = 3). No points: no probes.

    >>> Probes().points, Probes((0, 1), 2).random
    ((), 2)
    """

    points: tuple[int, ...] = ()
    random: int = 0
    cap: int | None = None


#: none at all; every assignment of 0..4 and 16 random ones of 0..8, values up to 16
NO_PROBES, DEFAULT_PROBES = Probes(), Probes((0, 1, 2, 3, 4), 16, 16)


@dataclass(frozen=True)
class ExploreConfig:
    """Sizes and limits of an exploration.

    Enumeration: terms of at most `max_term_size` symbols over at most `max_vars`
    variables; `elements` says which named elements appear in terms — "base" (the
    induction base only) or "all" (every element the axioms name); `ground_terms` also
    enumerates compound terms without variables (numerals); without it, those of at most
    `ground_size` symbols (`s(i0)`) still stand for a class no smaller term has. A new
    term is conjectured equal to up to `class_members` earlier terms of its class;
    equations larger than `max_equation_size` symbols (both sides) are left out.

    Counterexamples: the incubator proves ground facts up to `up_to` and computes (unproved)
    values up to `compute_to` from the axioms; terms are evaluated on the variable
    assignments from `points` (and must be known on at least `min_known` of them), then
    on those from `extra_points`; terms of equal values there are compared on `probes`.

    Selection: e-graph runs of `prune_iterations` iterations.

    Proving: every attempt runs at most `cycles` cycles and `work` matching steps per
    block (a deterministic bound, unlike time) and tries induction on at most
    `induction_candidates` variables. Candidates are attempted family by family (the
    definition level of their functions, `schedule`), smallest first, recursion lemmas
    counted `recursion_bonus` symbols smaller and each failure `failure_penalty` symbols
    larger; a failed conjecture is retried up to `retries` times, each time after a
    theorem that may help it. `max_attempts` (None: no limit) stops the proving after
    that many attempts, keeping what was proved; `until_targets` stops it as soon as
    every target (stated conjecture) of the theory is proved; it first tries the targets
    alone (no exploration, the given settings with the `work` bound), and its incubator
    proves no negative facts (`2 + 1 ≠ 5`: two thirds of the facts, which nothing in
    such a run uses). Every limit but the run's time limit counts work (cycles, matching
    steps, attempts), never seconds: what a run proves does not depend on the machine's
    speed or load, short of the time limit.

    Compression to the essential core runs when `compress` is set.
    """

    max_term_size: int = 7
    max_equation_size: int = 12
    max_vars: int = 3
    elements: str = "base"
    up_to: int = 6
    compute_to: int = 256
    points: tuple[int, ...] = (0, 1, 2)
    extra_points: tuple[int, ...] = (2, 3)
    probes: Probes = DEFAULT_PROBES
    min_known: int = 3
    prune_iterations: int = 2
    cycles: int = 12
    work: int = 50_000
    induction_candidates: int = 2
    recursion_bonus: int = 4
    retries: int = 4
    failure_penalty: int = 3
    max_attempts: int | None = None
    until_targets: bool = False
    class_members: int = 3
    ground_terms: bool = False
    ground_size: int = 2
    compress: bool = True
