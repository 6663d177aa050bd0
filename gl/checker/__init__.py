"""The independent proof checker (the de Bruijn criterion): re-reads the source MPL named
in a `gl.proofs/1` file and re-checks every step of every theorem (see export/SCHEMA.md).

It imports only `mpl_lang` and the standard library, never the prover.

>>> from gl.checker import check_file
>>> print("\\n".join(check_file("out/proofs.json").lines()))    # doctest: +SKIP
"""

from .check import CHECKS, Checker, Failure, Report, check_file
from .load import ProofFileError, load_proofs, read_proofs, theory_fingerprint
from .steps import KINDS

__all__ = ["CHECKS", "KINDS", "Checker", "Failure", "ProofFileError", "Report", "check_file",
           "load_proofs", "read_proofs", "theory_fingerprint"]
