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
    kind = "syntax error"


class UnknownPredicateError(MPLError):
    kind = "unknown predicate"


class ArityError(MPLError):
    kind = "arity mismatch"


class UnboundVariableError(MPLError):
    kind = "unbound variable"


class ShadowedVariableError(MPLError):
    kind = "shadowed variable"


class DuplicateNameError(MPLError):
    kind = "duplicate name"


class CyclicDefinitionError(MPLError):
    kind = "cyclic definition"


class InductionError(MPLError):
    """An `induction` declaration naming something other than three distinct constants."""

    kind = "bad induction"


class IncludeError(MPLError):
    kind = "include error"


class IncludeCycleError(IncludeError):
    kind = "include loop"


class ImportFormatError(MPLError):
    """A GL definition folder or config JSON that cannot be read."""

    kind = "import error"


class ClauseError(MPLError):
    """A formula that has no rule form (e.g. a disjunction in a conclusion)."""

    kind = "unsupported formula"
