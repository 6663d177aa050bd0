"""One egglog e-graph with a ruleset, run under limits.

Every run is bounded: it goes one iteration at a time and stops when the e-graph is
saturated (an iteration changed nothing and postponed nothing), or before an iteration that
would pass the iteration, node or time limit (predicted from the growth of the previous
iteration), or when a goal holds. Within an iteration egglog's back-off scheduler postpones
the matches of any rule that has more than an eighth of the remaining node budget, so one
explosive rule (associativity on a long sum) cannot blow an iteration up; when only such
postponed matches are left (two iterations without growth), the run stops at the node limit.
Before every iteration the ``facts`` rules (side conditions such as ``Defined`` and
``NonZero``, which add no terms) run to saturation. egglog errors and Rust panics become
:class:`RewriteError`.

The session talks to egglog in command objects: it creates the two rulesets, puts each
parsed rule into its ruleset, and builds its schedules, scopes and queries; only terms and
rule texts are parsed.

>>> from rewriting.rules import named_rules
>>> s = EGraphSession("real", named_rules("semiring"))
>>> a = s.add(("*", ("+", "a", "b"), "c")); b = s.add(("+", ("*", "a", "c"), ("*", "b", "c")))
>>> info = s.run(Limits(), goal=lambda: s.same(a, b))
>>> s.same(a, b), info.stop_reason
(True, 'goal')
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from egglog import bindings

from mpl_lang.terms import Term

from .cost import OPS, CostModel
from .evaluate import generic_denominators
from .language import SPAN, Command, Language
from .rules import FACTS_RULESET, GENERIC_DENOMINATORS, MAIN_RULESET, AnyRule
from .terms import MAX_DEPTH, TermError, nesting


class RewriteError(Exception):
    """The e-graph engine failed (an egglog error or panic); ``str()`` is one line."""


@dataclass(frozen=True)
class Limits:
    """Bounds of one saturation run: iterations, e-graph size (nodes, all tables together)
    and wall-clock seconds; ``patience``: with a cost to watch, stop after that many
    iterations in a row that did not lower it (None: never).

    >>> Limits(time=0.5).iterations
    30
    """

    iterations: int = 30
    nodes: int = 20_000
    time: float = 2.0
    patience: int | None = None

    @classmethod
    def scaled(cls, nodes: int) -> Limits:
        """Default limits for an input of ``nodes`` nodes: an e-graph budget proportional
        to the input (1,000 rows plus 60 per node, at most 20,000), stopping once two
        iterations in a row did not lower the cost.

        >>> Limits.scaled(10).nodes, Limits.scaled(10).patience
        (1600, 2)
        """
        return cls(nodes=min(20_000, 1_000 + 60 * nodes), patience=2)


@dataclass(frozen=True)
class RunInfo:
    """How a run ended: ``stop_reason`` is ``saturated``, ``goal``, ``no improvement`` (the
    watched cost stopped falling), ``iteration limit``, ``node limit`` or ``time limit``."""

    saturated: bool
    iterations: int
    stop_reason: str
    nodes: int
    seconds: float


def _call(fn: Callable[..., Any], *args: Any) -> Any:
    """Call into egglog, turning its errors and panics into :class:`RewriteError`."""
    try:
        return fn(*args)
    except bindings.EggSmolError as exc:
        raise RewriteError(f"egglog: {' '.join(str(exc).split())}") from None
    except BaseException as exc:
        if type(exc).__name__ == "PanicException":
            raise RewriteError(f"egglog panicked: {' '.join(str(exc).split())}") from None
        raise


def _var(name: str) -> bindings.Var:
    return bindings.Var(SPAN, name)


def _call_expr(name: str, *args: bindings.Var | bindings.Call | bindings.Lit) -> bindings.Call:
    return bindings.Call(SPAN, name, list(args))


#: run the facts rules until nothing changes
_SATURATE_FACTS = bindings.UserDefined(SPAN, "run-schedule", [
    _call_expr("saturate", _call_expr("run", _var(FACTS_RULESET)))])


#: one iteration of the main rules, every match applied
_PLAIN_ITERATION = bindings.RunSchedule(bindings.Run(SPAN, bindings.RunConfig(MAIN_RULESET, None)))
#: below this many rows an iteration runs every match (cannot explode past the budgets in
#: use); above it egglog's back-off scheduler bounds each rule's matches (it costs a few
#: times more per iteration)
SMALL_EGRAPH = 400


def _main_iteration(match_limit: int) -> Command:
    """One iteration of the main rules under egglog's back-off scheduler."""
    back_off = _call_expr("back-off", _var(":match-limit"),
                          bindings.Lit(SPAN, bindings.Int(match_limit)))
    return bindings.UserDefined(SPAN, "run-schedule", [
        _call_expr("let-scheduler", _var("bo"), back_off),
        _call_expr("run-with", _var("bo"), _var(MAIN_RULESET))])


class EGraphSession:
    """An e-graph of one domain holding terms (named ``$t0``, ``$t1``...) and the rules, in
    the rulesets :data:`~rewriting.rules.MAIN_RULESET` and
    :data:`~rewriting.rules.FACTS_RULESET`."""

    def __init__(self, domain: str, rules: Iterable[AnyRule], cost: CostModel = OPS) -> None:
        self.lang = Language(domain, cost)
        self._egraph = bindings.EGraph()
        rules = list(rules)
        placed: dict[tuple[str, str], None] = {}  # (rule text, ruleset), each once
        for r in rules:
            if r.domain != domain:
                raise TermError(f"rule {r} is for the {r.domain} domain, not {domain}")
            placed.setdefault((r.to_egg(self.lang), r.ruleset))
        rulesets = [bindings.AddRuleset(SPAN, name) for name in (MAIN_RULESET, FACTS_RULESET)]
        self._execute(*self.lang.declarations(), *rulesets, *self.lang.take_pending())
        self._execute(*(self._rule_command(text, ruleset) for text, ruleset in placed))
        self.rule_count = len(placed)
        self.generic = GENERIC_DENOMINATORS in rules
        self._has_facts = any(r.ruleset == FACTS_RULESET for r in rules)
        self._count = 0

    @contextmanager
    def scope(self) -> Iterator[None]:
        """Terms, facts and merges made inside are undone on exit (egglog push/pop), so one
        session with its parsed rules serves many queries.

        >>> from rewriting.rules import named_rules
        >>> s = EGraphSession("real", named_rules("semiring"))
        >>> with s.scope():
        ...     _ = s.add("x")
        >>> s.size()
        0
        """
        declared, count = dict(self.lang.declared), self._count
        self._execute(bindings.Push(1))
        try:
            yield
        finally:
            self._execute(bindings.Pop(SPAN, 1))
            self.lang.declared, self._count = declared, count

    def _parse(self, text: str) -> list[Command]:
        return _call(self._egraph.parse_program, text)

    def _rule_command(self, text: str, ruleset: str) -> bindings.RuleCommand:
        """The egglog ``rule`` command ``text`` (in no ruleset), put in ``ruleset``."""
        parsed = self._parse(text)
        if len(parsed) != 1 or not isinstance(parsed[0], bindings.RuleCommand):
            raise TermError(f"not one egglog rule: {' '.join(text.split())}")
        r = parsed[0].rule
        return bindings.RuleCommand(bindings.Rule(r.span, r.head, r.body, r.name, ruleset))

    def _execute(self, *commands: Command) -> list[Any]:
        return _call(self._egraph.run_program, *commands)

    def _run_text(self, text: str) -> None:
        """Declare the constructors the text's terms use first, then run the text."""
        self._execute(*self.lang.take_pending(), *self._parse(text))

    def add(self, term: Term) -> str:
        """Add a term; returns its global name. Under the generic-values assumption its
        denominators that are not zero everywhere are marked ``GenericNonZero``. A term
        nested deeper than :data:`~rewriting.terms.MAX_DEPTH` is refused (egglog's time
        grows with nesting)."""
        if nesting(term) > MAX_DEPTH:
            raise TermError(f"nested more than {MAX_DEPTH} deep (the limit)")
        name = f"$t{self._count}"
        self._run_text(f"(let {name} {self.lang.to_egg(term)})")
        self._count += 1
        if self.generic and (dens := dict.fromkeys(generic_denominators(term))):
            self._run_text("\n".join(f"(GenericNonZero {self.lang.to_egg(d)})" for d in dens))
        return name

    def equate(self, pairs: list[tuple[Term, Term]]) -> None:
        """Assert ``a = b`` for each pair of terms, in one egglog program (under the
        generic-values assumption the new denominators are marked as in :meth:`add`)."""
        lines = [f"(union {self.lang.to_egg(a)} {self.lang.to_egg(b)})" for a, b in pairs]
        if self.generic:
            dens = dict.fromkeys(d for _, b in pairs for d in generic_denominators(b))
            lines += [f"(GenericNonZero {self.lang.to_egg(d)})" for d in dens]
        if lines:
            self._run_text("\n".join(lines))

    def assume_nonzero(self, term: Term) -> None:
        """State the fact ``term != 0`` (real domain)."""
        if self.lang.domain != "real":
            raise TermError("nonzero facts are for the real domain")
        self._run_text(f"(NonZero {self.lang.to_egg(term)})")

    def union(self, a: str, b: str) -> None:
        """Assert that two added terms are equal."""
        self._execute(bindings.ActionCommand(bindings.Union(SPAN, _var(a), _var(b))))

    def size(self) -> int:
        """Number of rows over all tables (e-nodes, facts, globals)."""
        (out,) = self._execute(bindings.PrintSize(SPAN, None))
        return sum(n for _, n in out.sizes)

    def value(self, name: str) -> bindings.Value:
        """The e-class of an added term (compare with ``==``)."""
        return _call(self._egraph.eval_expr, _var(name))[1]

    def same(self, a: str, b: str) -> bool:
        """Whether two added terms are in one e-class."""
        return self.value(a) == self.value(b)

    def extract(self, name: str) -> Term:
        """The cheapest term in the e-class of an added term."""
        (out,) = self._execute(bindings.UserDefined(SPAN, "extract", [_var(name)]))
        return self.lang.from_termdag(out.termdag, out.term)

    def best_cost(self, name: str) -> int:
        """The extraction cost of the cheapest term in the e-class of an added term (in
        egglog's scaled units: only comparisons between calls are meaningful)."""
        (out,) = self._execute(bindings.UserDefined(SPAN, "extract", [_var(name)]))
        return out.cost

    def run(self, limits: Limits, goal: Callable[[], bool] | None = None,
            cost: Callable[[], int] | None = None) -> RunInfo:
        """Apply the ruleset until saturation, the goal, or a limit; with ``cost`` (say, the
        cost of extracting the root) and ``limits.patience``, also until that many
        iterations in a row did not lower it."""
        start = time.perf_counter()
        size = self.size()
        growth, last = 1.0, 0.0
        iterations = stalled = idle = 0
        watch = cost is not None and limits.patience is not None
        best = cost() if watch else 0

        def stop(reason: str) -> RunInfo:
            return RunInfo(reason == "saturated", iterations, reason, size,
                           time.perf_counter() - start)

        if goal is not None and goal():
            return stop("goal")
        while iterations < limits.iterations:
            elapsed = time.perf_counter() - start
            if elapsed + 2 * last * max(growth, 1.0) > limits.time:  # conservative
                return stop("time limit")
            if size * max(growth, 1.0) > limits.nodes:
                return stop("node limit")
            began = time.perf_counter()
            match_limit = max(64, (limits.nodes - size) // 8)
            # facts first, so the main rules see every side condition that holds; the
            # iteration changed nothing when the main rules did not
            if self._has_facts:
                self._execute(_SATURATE_FACTS)
            step = _PLAIN_ITERATION if size < SMALL_EGRAPH else _main_iteration(match_limit)
            (out,) = self._execute(step)
            last = time.perf_counter() - began
            iterations += 1
            new = self.size()
            stalled = stalled + 1 if new == size else 0
            growth, size = new / max(size, 1), new
            if not out.report.updated:
                return stop("saturated")
            if stalled >= 2:  # only matches beyond the node budget are left
                return stop("node limit")
            if goal is not None and goal():
                return stop("goal")
            if watch:
                now = cost()  # type: ignore[misc]
                idle = 0 if now < best else idle + 1
                best = min(best, now)
                if idle >= limits.patience:  # type: ignore[operator]
                    return stop("no improvement")
        return stop("iteration limit")
