"""What an exploration tells its caller while it runs: one event per step, passed to the
`progress` callback of `explore` (the CLI prints them; `gl.explore` prints nothing).

>>> Stopped("time limit reached")
Stopped(reason='time limit reached')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.result import TheoremResult


@dataclass(frozen=True)
class IncubatorStarted:
    """The incubator starts proving ground facts about the numerals up to `up_to`."""

    up_to: int


@dataclass(frozen=True)
class IncubatorDone:
    """The incubator proved `proved` of its `total` ground facts in `seconds`."""

    proved: int
    total: int
    seconds: float


@dataclass(frozen=True)
class PoolReady:
    """`enumerated` terms gave `conjectures` conjectures; `refuted` pairs had counterexamples."""

    enumerated: int
    refuted: int
    conjectures: int


@dataclass(frozen=True)
class Attempted:
    """One proof attempt ended (proved or not yet)."""

    result: TheoremResult


@dataclass(frozen=True)
class Stopped:
    """The proving stopped early (time limit, attempt budget, Ctrl-C), keeping what was proved."""

    reason: str


Event = IncubatorStarted | IncubatorDone | PoolReady | Attempted | Stopped

#: the callback `explore` reports its events to
Progress = Callable[[Event], None]
