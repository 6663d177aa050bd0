"""gl: deterministic, auditable reasoning from MPL axioms.

The public API is re-exported lazily, so `import gl.checker` (or `gl.errors`) loads
nothing of the prover:

>>> import gl
>>> gl.__version__
'0.1.0'
>>> gl.load("examples/peano/peano.mpl").theory.constants
('N', 'i0', 's', '+', '*', 'i1')
"""

from __future__ import annotations

import importlib

from .version import __version__

#: public name -> the module that defines it
_API = {
    "ProofRun": "gl.core.session",
    "Session": "gl.core.session",
    "load": "gl.core.session",
    "Settings": "gl.core.prover",
    "TheoremResult": "gl.core.result",
}

__all__ = [*sorted(_API), "__version__"]


def __getattr__(name: str) -> object:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'gl' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
