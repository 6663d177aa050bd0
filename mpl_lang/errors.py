"""Errors of the MPL front end. Each carries a location and prints on one line.

>>> from mpl_lang.ast import Loc
>>> str(MPLError("unknown predicate 'foo'", Loc("a.mpl", 3, 7)))
"a.mpl:3:7: unknown predicate 'foo'"
"""

from __future__ import annotations

from .ast import Loc


class MPLError(Exception):
    """Base of every front-end error: a message, a location and an optional caret excerpt."""

    kind = "error"

    def __init__(self, message: str, loc: Loc | None = None, excerpt: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc or Loc("<unknown>", 0, 0)
        self.excerpt = excerpt

    @property
    def file(self) -> str:
        return self.loc.file

    @property
    def line(self) -> int:
        return self.loc.line

    @property
    def col(self) -> int:
        return self.loc.col

    def __str__(self) -> str:
        return f"{self.loc}: {self.message}"

    def with_excerpt(self, text: str) -> MPLError:
        """Attach a two-line caret excerpt taken from the source `text`."""
        lines = text.split("\n")  # the parser counts lines by "\n" only
        if 1 <= self.loc.line <= len(lines):
            src = lines[self.loc.line - 1].replace("\t", " ").replace("\r", " ")
            self.excerpt = f"{src}\n{' ' * max(self.loc.col - 1, 0)}^"
        return self


class MPLSyntaxError(MPLError):
    """Text that is not MPL, or expressions nested deeper than the parser's limit."""

    kind = "syntax error"


class NestingError(MPLSyntaxError):
    """An expression nested deeper than the parser's limit, or a definition or statement
    that would, with its definitions unfolded, nest deeper than the compiler's limit."""

    kind = "nested too deeply"


class UnfoldSizeError(MPLError):
    """A definition, the anchor or a statement with more nodes, once its definitions are
    unfolded, than the compiler's limit (definitions that double at each step)."""

    kind = "too large once unfolded"


class UnknownPredicateError(MPLError):
    """An atom whose predicate is neither built in nor defined."""

    kind = "unknown predicate"


class ArityError(MPLError):
    """An atom with the wrong number of arguments for its predicate."""

    kind = "arity mismatch"


class UnboundVariableError(MPLError):
    """An identifier that no quantifier, parameter or anchor constant binds."""

    kind = "unbound variable"


class ShadowedVariableError(MPLError):
    """A quantifier that rebinds a name already in scope."""

    kind = "shadowed variable"


class DuplicateNameError(MPLError):
    """A definition, statement or parameter name used twice (or a second anchor)."""

    kind = "duplicate name"


class CyclicDefinitionError(MPLError):
    """Definitions that use each other in a circle (A uses B uses A)."""

    kind = "cyclic definition"


class InductionError(MPLError):
    """An `induction` declaration that does not name three distinct anchor constants, or
    a second one over the same set."""

    kind = "bad induction"


class IncludeError(MPLError):
    """An include (or the loaded path) that is missing, unreadable or not MPL."""

    kind = "include error"


class IncludeCycleError(IncludeError):
    """Files that include each other in a circle."""

    kind = "include loop"


class ImportFormatError(MPLError):
    """A GL definition folder or config JSON that cannot be read."""

    kind = "import error"


class ClauseError(MPLError):
    """A formula that has no rule form (e.g. a disjunction in a conclusion)."""

    kind = "unsupported formula"
