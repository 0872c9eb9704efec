"""The tests run against the installed package: `import kehoach` must find the wheel that bindings/test.sh builds
(maturin, release) and installs into a fresh venv, not a folder of this checkout (test_package.py checks where it
came from). To run them by hand: build and install the wheel as README.md's Python section says, then
`python -m pytest bindings/python/tests` with that venv's Python. The files the tests read and the Hanoi branch
built in Python are in fixtures.py (as Fixtures.kt holds them for the Kotlin tests)."""

import importlib.util

if importlib.util.find_spec("kehoach") is None:
    raise ImportError("the kehoach package is not installed in this Python; bindings/test.sh builds its wheel and "
                      "installs it into a fresh venv before it runs these tests (README.md, 'Python')")
