"""Shared fixtures: paths to the examples and the GL reference folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PEANO = EXAMPLES / "peano"
GL_REFERENCE = ROOT.parent / "shared" / "reference" / "gl-peano"


@pytest.fixture
def gl_reference() -> Path:
    """The GL Peano reference folder; tests using it skip when ../shared is absent."""
    if not GL_REFERENCE.is_dir():
        pytest.skip("../shared/reference/gl-peano is not present")
    return GL_REFERENCE
