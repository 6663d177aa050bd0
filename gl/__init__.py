"""gl: deterministic, auditable reasoning from MPL axioms.

>>> import gl
>>> gl.__version__
'0.1.0'
"""

__version__ = "0.1.0"
