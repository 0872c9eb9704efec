"""Makes the generated module importable: bindings/python/generated/kehoach.py with libkehoach_ffi.so beside it
(written by bindings/generate.sh), or the folder named by KEHOACH_PYTHON_DIR. The files the tests read and the Hanoi
branch built in Python are in fixtures.py (as Fixtures.kt holds them for the Kotlin tests)."""

import os
import sys
from pathlib import Path

BINDINGS = Path(__file__).resolve().parents[2]
GENERATED = Path(os.environ.get("KEHOACH_PYTHON_DIR", BINDINGS / "python" / "generated"))
sys.path.insert(0, str(GENERATED))
