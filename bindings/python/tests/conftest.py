"""Finds the generated module (bindings/python/generated/kehoach.py with libkehoach_ffi.so beside it, made by
bindings/test.sh, or the folder in KEHOACH_PYTHON_DIR) and the repository's example files."""

import os
import sys
from pathlib import Path

import pytest

BINDINGS = Path(__file__).resolve().parents[2]
REPO = BINDINGS.parent
GENERATED = Path(os.environ.get("KEHOACH_PYTHON_DIR", BINDINGS / "python" / "generated"))
sys.path.insert(0, str(GENERATED))


@pytest.fixture
def conformance():
    """The text of a conformance example, by file name."""
    return lambda name: (REPO / "tests" / "conformance" / name).read_text(encoding="utf-8")
