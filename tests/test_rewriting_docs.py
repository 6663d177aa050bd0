"""The examples in the rewriting package's docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["terms", "sympy_conv", "cost", "language", "rules", "engine", "evaluate", "seeds",
           "isolate", "api", "chains", "conditions"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"rewriting.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
