r"""Click parameter types shared by the `gl` subcommands, so every numeric option rejects
NaN, infinities and out-of-range values with one `gl: error:` line (click's `FloatRange`
alone accepts `nan`, which compares false with both bounds).

>>> POSITIVE_FLOAT.convert("2.5", None, None)
2.5
>>> POSITIVE_FLOAT.convert("nan", None, None)
Traceback (most recent call last):
click.exceptions.BadParameter: 'nan' is not a finite number.
>>> POSITIVE_INT.convert("0", None, None)
Traceback (most recent call last):
click.exceptions.BadParameter: 0 is not in the range x>=1.
>>> TextPath().convert("bad\udcff.mpl", None, None)
Traceback (most recent call last):
click.exceptions.BadParameter: 'bad\udcff.mpl' is not a valid UTF-8 name.
"""

from __future__ import annotations

import math
from typing import Any

import click


class FiniteFloatRange(click.FloatRange):
    """A `click.FloatRange` that also rejects NaN and ±infinity."""

    name = "finite float range"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        rv = super().convert(value, param, ctx)
        if not math.isfinite(rv):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return rv


class TextPath(click.Path):
    """A `click.Path` whose name is valid UTF-8 (proofs.json and reports record paths as
    text; a name from undecodable argv bytes could not be written there)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            str(value).encode("utf-8")
        except UnicodeEncodeError:
            self.fail(f"{str(value)!r} is not a valid UTF-8 name.", param, ctx)
        return super().convert(value, param, ctx)


#: `--anchor NAME`, for the commands that load a theory.
ANCHOR = click.option("--anchor", default=None, metavar="NAME",
                      help="The anchor of a GL definition folder whose config lists several "
                           "(default: the one its config file names, ConfigX.json → AnchorX).")

#: Any finite number (interval endpoints).
FINITE_FLOAT = FiniteFloatRange()
#: A finite number > 0 (timeouts, minutes).
POSITIVE_FLOAT = FiniteFloatRange(min=0, min_open=True)
#: A duration in seconds: finite, > 0, at most a week (the OS's timers overflow past ~10^9 s).
SECONDS = FiniteFloatRange(min=0, min_open=True, max=7 * 86_400)
#: An integer >= 0 (counts where 0 is meaningful: depth, "0: no limit").
COUNT = click.IntRange(min=0)
#: An integer >= 1 (cycles, facts, sizes, generations).
POSITIVE_INT = click.IntRange(min=1)
#: A random seed: any integer >= 0.
SEED = click.IntRange(min=0)
#: Worker processes: 1 to 256.
WORKERS = click.IntRange(1, 256)
