"""Where a Logic Block, an attempt or a theorem stands.

A block starts `RUNNING`; it ends `PROVED`, or fails: `SATURATED` (nothing new to derive;
a rule arriving later sets it running again), `LIMIT` (facts, matching work, time or
cycles ran out), `UNSUPPORTED` (the claim has no form a block can prove) or `ABANDONED`
(another block of its attempt failed). A theorem is `PROVED` or `UNPROVED`, or `ASSUMED`
(an `assume` declaration of the theory: used like an axiom, never proved). The values are
the strings of the `gl.proofs/1` JSON, so a `Status` is written and compared as its value:

>>> Status.PROVED == "proved", f"{Status.SATURATED}", Status.LIMIT.failed
(True, 'saturated', True)
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """The state of a block, an attempt or a theorem; `failed` says whether it is a failure."""

    RUNNING = "running"
    PROVED = "proved"
    SATURATED = "saturated"
    LIMIT = "limit"
    UNSUPPORTED = "unsupported"
    ABANDONED = "abandoned"
    UNPROVED = "unproved"
    ASSUMED = "assumed"

    @property
    def failed(self) -> bool:
        """Whether a block in this state sinks its attempt."""
        return self in _FAILED


_FAILED = frozenset({Status.SATURATED, Status.LIMIT, Status.UNSUPPORTED, Status.ABANDONED})
