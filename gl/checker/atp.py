"""Run the E prover on TPTP problems in parallel processes, one SZS status per problem.

>>> binary = find_eprover()
>>> run_eprover(["fof(a, axiom, p). fof(g, conjecture, p)."], binary, 5, 1) if binary else ["Theorem"]
['Theorem']
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

#: SZS statuses that confirm a step: the conjecture follows from the premises
#: (`ContradictoryAxioms`: because the premises are contradictory, as inside a proof by
#: contradiction; entailment holds all the same, and `gl check --atp` counts these apart)
CONFIRMED = frozenset({"Theorem", "Unsatisfiable", "ContradictoryAxioms"})
_STATUS = re.compile(r"^# SZS status (\w+)", re.M)


def find_eprover() -> str | None:
    """Path of the `eprover` executable, or None when it is not installed."""
    return shutil.which("eprover")


def _run(text: str, binary: str, timeout: int) -> str:
    try:
        done = subprocess.run(
            [binary, "--auto", "--tptp3-format", "--silent", f"--cpu-limit={timeout}"],
            input=text, capture_output=True, text=True, timeout=timeout * 2 + 5, check=False)
    except subprocess.TimeoutExpired:
        return "Timeout"
    m = _STATUS.search(done.stdout)
    return m.group(1) if m else f"Error (exit {done.returncode}: {done.stderr.strip()[:200]})"


def run_eprover(problems: Sequence[str], binary: str, timeout: int, jobs: int) -> list[str]:
    """The SZS status E reports for each problem (same order). Ctrl-C stops the pending
    problems, which report `Interrupted`; finished results are kept."""
    statuses = ["Interrupted"] * len(problems)
    pool = ThreadPoolExecutor(max_workers=jobs)
    futures = [pool.submit(_run, text, binary, timeout) for text in problems]
    try:
        for i, fut in enumerate(futures):
            statuses[i] = fut.result()
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        return statuses
    pool.shutdown()
    return statuses
