"""Every mpl_lang module shows how it is used: each has docstring examples (pytest's
`--doctest-modules`, on in pyproject.toml, runs them)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import mpl_lang

MODULES = ["mpl_lang"] + [f"mpl_lang.{m.name}" for m in pkgutil.iter_modules(mpl_lang.__path__)]


def test_every_module_has_examples():
    finder = doctest.DocTestFinder()
    missing = [n for n in MODULES
               if not any(t.examples for t in finder.find(importlib.import_module(n)))]
    assert missing == []
