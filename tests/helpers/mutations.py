"""Systematic corruptions of a `gl.proofs/1` document, one step and one change at a time;
the checker must reject every one.

>>> from helpers.checker_docs import peano_doc
>>> from pathlib import Path
>>> what, doc = next(mutants(peano_doc(Path("out"))))
>>> what
'add_zero_right / add_zero_right/main / step 1: rename an argument of the fact'
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

from helpers.checker_docs import Doc

KIND_CYCLE = ["hyp", "rule", "witness", "and_elim", "and_intro", "eq_refl", "eq_symm", "eq_subst",
              "unfold", "fold", "ex_intro", "ex_elim", "contradiction", "ex_falso"]


def _drop_premise(s: dict[str, Any]) -> bool:
    return bool(s["premises"]) and s["premises"].pop() is not None


def _extra_premise(s: dict[str, Any]) -> bool:
    s["premises"].append(s["id"] - 1)
    return s["id"] > 1


def _rename_arg(s: dict[str, Any]) -> bool:
    new = re.sub(r"(?<=[\[,])[^\[\],]+(?=[\],])", "zz", s["fact"], count=1)
    s["fact"] = new
    return s["kind"] != "ex_falso" and "zz" in new


def _change_subst(s: dict[str, Any]) -> bool:
    if not s.get("subst"):
        return False
    key = sorted(s["subst"])[0]
    s["subst"][key] = "zz"
    return True


def _change_kind(s: dict[str, Any]) -> bool:
    s["kind"] = KIND_CYCLE[(KIND_CYCLE.index(s["kind"]) + 1) % len(KIND_CYCLE)]
    return True


MUTATIONS = {"drop the last premise": _drop_premise, "add a premise": _extra_premise,
             "rename an argument of the fact": _rename_arg, "change a substitution value": _change_subst,
             "change the kind": _change_kind}


def mutants(doc: Doc, stride: int = 1) -> Iterator[tuple[str, Doc]]:
    """Every `stride`-th (description, corrupted document) of the systematic mutations. The
    document is corrupted in place and restored when the next one is asked for."""
    n = 0
    for t in doc["theorems"]:
        for b in (t.get("proof") or {}).get("blocks", []):
            for si, original in enumerate(b["steps"]):
                for what, mutate in MUTATIONS.items():
                    n += 1
                    step = b["steps"][si] = copy.deepcopy(original)
                    if n % stride == 0 and mutate(step):
                        yield f"{t['name']} / {b['id']} / step {si + 1}: {what}", doc
                b["steps"][si] = original
