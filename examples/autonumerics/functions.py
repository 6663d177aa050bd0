"""User functions for `gl evolve --function ... --reference ...`: each has a float64 (numpy)
version and an mpmath reference used to confirm errors in high precision.

    gl evolve --function examples/autonumerics/functions.py:softplus \
              --reference examples/autonumerics/functions.py:softplus_mp \
              --interval 0 1 --max-ops 8 --minutes 2 --out out/softplus
"""

import mpmath
import numpy as np


def softplus(x):
    """log(1 + e^x), the smooth ReLU."""
    return np.log1p(np.exp(x))


def softplus_mp(x):
    """softplus in mpmath at the working precision."""
    return mpmath.log1p(mpmath.exp(x))


def sigmoid(x):
    """1 / (1 + e^-x)."""
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_mp(x):
    """sigmoid in mpmath at the working precision."""
    return 1 / (1 + mpmath.exp(-x))
