"""Alchemy-style theorem synthesis: mutate proved theorems with the theorems and axioms that
can rewrite them (rw) or be applied to their hypotheses (apply); every mutant comes with a
proof in the proof-graph format that the independent checker re-checks.

>>> from mutation.alchemy import Library, Synthesizer
>>> syn = Synthesizer(Library.load("out/proofs.json"), rounds=2, kinds="rw,apply")  # doctest: +SKIP
>>> mutants = syn.run()                                                           # doctest: +SKIP
>>> syn.check().ok, syn.stats.total                                               # doctest: +SKIP
(True, 1234)

See README.md in this folder for the design and the dataset schema.
"""

from .builder import ProofBuilder, ProofError
from .canon import equation_key, literal_key, statement_key
from .checking import check_mutant, check_mutants
from .dataset import document, write_document, write_jsonl
from .index import DiscTree, LawIndex
from .library import Library
from .model import Law, Mutant, Plan, Realized, Seed
from .mutate import KINDS, Mutator
from .synth import Config, Stats, Synthesizer

__all__ = [
    "KINDS", "Config", "DiscTree", "Law", "LawIndex", "Library", "Mutant", "Mutator", "Plan",
    "ProofBuilder", "ProofError", "Realized", "Seed", "Stats", "Synthesizer", "check_mutant",
    "check_mutants", "document", "equation_key", "literal_key", "statement_key", "write_document",
    "write_jsonl",
]
