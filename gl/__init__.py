"""gl: deterministic, auditable reasoning from MPL axioms.

>>> import gl
>>> gl.__version__
'0.1.0'
"""

__version__ = "0.1.0"

from .api import ProofRun, Session, load  # noqa: E402
from .prover import Settings, TheoremResult  # noqa: E402

__all__ = ["ProofRun", "Session", "Settings", "TheoremResult", "load", "__version__"]
