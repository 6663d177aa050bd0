"""The independent proof checker (the de Bruijn criterion): re-reads the source MPL named
in a `gl.proofs/1` file and re-checks every step of every theorem (see export/SCHEMA.md).

It imports only `mpl_lang` and the standard library, never the prover.

>>> import json, pathlib, tempfile
>>> proofs = pathlib.Path(tempfile.mkdtemp(), "proofs.json")
>>> source = str(pathlib.Path("examples/peano/peano.mpl").resolve())
>>> _ = proofs.write_text(json.dumps({"schema": "gl.proofs/1", "source": source, "theorems": []}))
>>> report = check_file(proofs)
>>> report.ok, report.accepted, report.steps
(True, [], 0)
"""

from .check import CHECKS, Checker, Failure, Report, check_file
from .load import ProofFileError, load_proofs, read_proofs, theory_fingerprint
from .steps import KINDS

#: The trusted base: every module the checker's verdict depends on (what `check` imports,
#: transitively). `atp.py` only runs E beside it. tests/test_layers.py keeps this exact.
TRUSTED = ("gl.checker.check", "gl.checker.claims", "gl.checker.load", "gl.checker.steps",
           "mpl_lang", "mpl_lang.ast", "mpl_lang.compiler", "mpl_lang.errors", "mpl_lang.gl_import",
           "mpl_lang.inputs", "mpl_lang.logic", "mpl_lang.names", "mpl_lang.parser",
           "mpl_lang.printer", "mpl_lang.terms", "mpl_lang.tip")

__all__ = ["CHECKS", "KINDS", "TRUSTED", "Checker", "Failure", "ProofFileError", "Report",
           "check_file", "load_proofs", "read_proofs", "theory_fingerprint"]
