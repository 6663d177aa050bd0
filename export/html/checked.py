"""The site as `gl export html` writes it: every proof re-checked first.

A site must not claim proofs it cannot check, so the theory is loaded from the MPL source
the document names (as the independent checker does) and the checker runs on every proof
before any page is written; its verdicts decide which theorems show as proved. The rules
page shows the axioms and definitions of that source, not the document's copy of them.
"""

from __future__ import annotations

from pathlib import Path

from gl.checker import Checker, ProofFileError, load_proofs
from gl.document import theory_json
from gl.errors import InputError
from mpl_lang import MPLError

from .site import SiteReport, write_site


def write_checked_site(proofs: str | Path, out_dir: str | Path) -> SiteReport:
    """Check the proofs of the `gl.proofs/1` file `proofs` against its MPL source and write
    the site into `out_dir`; theorems whose proofs the checker rejects show as such.

    Raises InputError (one line, naming the file) when the file or its source cannot be
    read: nothing is written then.

    >>> write_checked_site("missing/proofs.json", "site")
    Traceback (most recent call last):
    gl.errors.InputError: missing/proofs.json:1:1: cannot read: No such file or directory
    """
    try:
        doc, theory = load_proofs(proofs)
    except ProofFileError as exc:
        raise InputError(exc.message, exc.where) from None
    except MPLError as exc:
        raise InputError(f"cannot load the source theory to check the proofs: {exc}", str(proofs)) from None
    report = Checker(theory).check(doc)
    accepted = {*report.accepted, *report.assumed}  # an assumption: exactly the theory's declaration
    return write_site({**doc, "theory": theory_json(theory)}, out_dir, where=str(proofs),
                      accepted=accepted)
