"""The docstring examples of every mpl_lang module are true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import mpl_lang

MODULES = ["mpl_lang"] + [f"mpl_lang.{m.name}" for m in pkgutil.iter_modules(mpl_lang.__path__)]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_every_module_has_examples():
    finder = doctest.DocTestFinder()
    missing = [n for n in MODULES
               if not any(t.examples for t in finder.find(importlib.import_module(n)))]
    assert missing == []
