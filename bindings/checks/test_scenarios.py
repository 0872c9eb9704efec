"""The three binding suites test the same scenarios, and the README's Swift, Kotlin and Python tours are the ones
the suites run.

The Kotlin suite (bindings/kotlin/src/test/kotlin, JUnit) is the reference: every `@Test` or `@TestFactory`
function with a backtick name in `XTest.kt` must have

- a Swift test in bindings/swift/Tests/KeHoachTests/XTests.swift (class `XTests`, `func testCamelCaseName`), and
- a Python test in bindings/python/tests/test_x.py (`X` CamelCase -> snake case, `def test_snake_case_name`),

whose names are the same words. Names are compared as their words run together, lowercased: camelCase, snake_case,
spaces and punctuation only separate words, apostrophes vanish (`core's` = `cores`), and the words kotlin, swift
and python count as one word. So `the text report names the quorum finding of tx-th-kg-2020 in both languages`,
`testTheTextReportNamesTheQuorumFindingOfTxThKg2020InBothLanguages` and
`test_the_text_report_names_the_quorum_finding_of_tx_th_kg_2020_in_both_languages` are one scenario.

A counterpart may be missing only where EXEMPT below says so, with the reason. Extra tests inside a topic are
fine; a Swift test file whose topic has no Kotlin file is not (the suites are organised alike).

Run: bindings/python/.venv/bin/python -m pytest -p no:cacheprovider bindings/checks (bindings/test.sh does).
Needs only the standard library and pytest; no toolchain, no generated code.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

BINDINGS = Path(__file__).resolve().parents[1]
REPO = BINDINGS.parent
KOTLIN_TESTS = BINDINGS / "kotlin" / "src" / "test" / "kotlin"
SWIFT_TESTS = BINDINGS / "swift" / "Tests" / "KeHoachTests"
PYTHON_TESTS = BINDINGS / "python" / "tests"
README = REPO / "README.md"
SWIFT_TOUR = SWIFT_TESTS / "TourTests.swift"
KOTLIN_TOUR = KOTLIN_TESTS / "vn" / "kehoach" / "TourTest.kt"

LANGUAGE_WORDS = {"kotlin", "swift", "python"}

# The counterparts that may be missing: (language, Kotlin topic, Kotlin test name, or None for the whole topic)
# and why. Keep it small: a scenario that one binding cannot have is rare.
EXEMPT: dict[tuple[str, str, str | None], str] = {
    ("swift", "Jar", None): (
        "JarIT runs against the packaged jar: it checks that the JVM bindings and the native library load from "
        "the jar. The Swift package has no jar (bindings/swift/checks/validate-command.sh runs the built program)."
    ),
    ("python", "Jar", None): (
        "JarIT runs against the packaged jar: it checks that the JVM bindings and the native library load from "
        "the jar. Python has no jar; its counterpart is test_package.py, which checks that the bindings and the "
        "native library load from the installed wheel (bindings/test.sh runs every Python test against it)."
    ),
    ("swift", "Edit", "a text with a lone surrogate is refused and changes nothing"): (
        "A Swift String cannot hold a lone surrogate: Swift repairs one to U+FFFD when it builds the string "
        "(String(decoding:as:)), so no Swift caller can hand the library such a text."
    ),
    ("swift", "LoadError", "a document with a lone surrogate is refused before it is loaded"): (
        "A Swift String cannot hold a lone surrogate (Swift repairs one to U+FFFD); Data that is not UTF-8 is "
        "tested as a typed LoadError.Syntax in a newer format, a syntax error and bad UTF-8 are told apart."
    ),
    ("swift", "Lifecycle", "use closes the registry and a closed registry refuses calls"): (
        "A Swift Registry has no close() and no use {}: it is freed with its last reference, so there is no "
        "closed registry to call. LifecycleTests.swift checks the freeing with a weak reference instead."
    ),
}


@dataclass(frozen=True)
class Scenario:
    topic: str  # "LoadError"
    name: str  # as the test names it
    source: Path

    @property
    def key(self) -> str:
        return key(self.name)


def words(name: str) -> list[str]:
    """The words of a test name, lowercased, with kotlin/swift/python as "kotlin"."""
    name = re.sub(r"['\u2019]", "", name)
    found: list[str] = []
    for token in re.split(r"[^0-9A-Za-z]+", name):
        found += re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+", token)
    return ["kotlin" if w.lower() in LANGUAGE_WORDS else w.lower() for w in found]


def key(name: str) -> str:
    """What two names must share to be one scenario: their words run together."""
    return "".join(words(name))


def snake(topic: str) -> str:
    """`LoadError` -> `load_error`."""
    return "_".join(w.lower() for w in re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+", topic))


# ---- reading the three suites --------------------------------------------------------------------------------------

KOTLIN_ANNOTATED = re.compile(r"^[ \t]*@(?:Test|TestFactory)\b[^\n]*\n(?:[ \t]*@[^\n]*\n)*[ \t]*fun\s+(`[^`]+`|\w+)", re.M)


def kotlin_functions() -> list[Scenario]:
    """Every annotated test function, its name as written (a backtick name with its backticks)."""
    found = []
    for path in sorted(KOTLIN_TESTS.rglob("*.kt")):
        topic = re.sub(r"(Test|IT)$", "", path.stem)
        for name in KOTLIN_ANNOTATED.findall(path.read_text(encoding="utf-8")):
            found.append(Scenario(topic, name, path))
    return found


def kotlin_scenarios() -> list[Scenario]:
    return [Scenario(s.topic, s.name.strip("`"), s.source) for s in kotlin_functions()]


def strip_swift_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"^[ \t]*//[^\n]*", "", text, flags=re.M)


SWIFT_CLASS = re.compile(r"^[ \t]*(?:(?:final|public|open|internal)\s+)*class\s+(\w+)\s*:\s*XCTestCase\b", re.M)
SWIFT_TEST = re.compile(r"^[ \t]*(?:(?:override|public|internal|@\w+)\s+)*func\s+(test\w*)\s*\(", re.M)


def swift_files() -> dict[Path, tuple[list[str], list[str]]]:
    """Each Swift file of the test target: its XCTestCase classes and its test functions."""
    found = {}
    for path in sorted(SWIFT_TESTS.rglob("*.swift")):
        text = strip_swift_comments(path.read_text(encoding="utf-8"))
        found[path] = (SWIFT_CLASS.findall(text), SWIFT_TEST.findall(text))
    return found


def swift_scenarios() -> list[Scenario]:
    found = []
    for path, (classes, tests) in swift_files().items():
        if path.stem.endswith("Tests") and path.stem in classes:
            topic = path.stem.removesuffix("Tests")
            found += [Scenario(topic, name.removeprefix("test"), path) for name in tests]
    return found


def python_scenarios() -> list[Scenario]:
    found = []
    for path in sorted(PYTHON_TESTS.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        functions = [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
                functions += [n for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        topic = path.stem.removeprefix("test_")  # snake case; compared with snake(Kotlin topic)
        found += [Scenario(topic, f.name.removeprefix("test_"), path) for f in functions if f.name.startswith("test")]
    return found


# ---- the comparison ------------------------------------------------------------------------------------------------


def exemption(language: str, scenario: Scenario) -> str | None:
    return EXEMPT.get((language, scenario.topic, None)) or EXEMPT.get((language, scenario.topic, scenario.name))


def missing(language: str, counterparts: list[Scenario], topic_of) -> list[str]:
    """Every Kotlin test with no counterpart (and no exemption) in `counterparts`, as a line saying what to add."""
    have = {(c.topic, c.key) for c in counterparts}
    lines = []
    for scenario in kotlin_scenarios():
        if exemption(language, scenario) or (topic_of(scenario.topic), scenario.key) in have:
            continue
        w = words(scenario.name)
        if language == "swift":
            want = f"{scenario.topic}Tests.swift: func test{''.join(x[:1].upper() + x[1:] for x in w)}()"
        else:
            want = f"test_{snake(scenario.topic)}.py: def test_{'_'.join(w)}()"
        lines.append(f"{scenario.source.name}: `{scenario.name}` has no {language} test; expected {want}")
    return lines


def test_the_kotlin_suite_is_read() -> None:
    scenarios = kotlin_functions()
    files = sorted(p.name for p in KOTLIN_TESTS.rglob("*.kt") if re.search(r"(Test|IT)\.kt$", p.name))
    assert files, f"no Kotlin test files under {KOTLIN_TESTS}"
    # Every test file gives tests, and every test is a backtick name (the names are the scenarios).
    assert sorted({s.source.name for s in scenarios}) == files
    plain = [f"{s.source.name}: {s.name}" for s in scenarios if not s.name.startswith("`")]
    assert not plain, "Kotlin tests without a backtick name (give them one: it is the scenario's name):\n" + "\n".join(plain)


def test_every_kotlin_scenario_has_a_swift_test() -> None:
    lines = missing("swift", swift_scenarios(), lambda topic: topic)
    assert not lines, "Swift counterparts missing (or named differently):\n" + "\n".join(lines)


def test_every_kotlin_scenario_has_a_python_test() -> None:
    lines = missing("python", python_scenarios(), snake)
    assert not lines, "Python counterparts missing (or named differently):\n" + "\n".join(lines)


def test_every_swift_test_file_is_a_kotlin_topic() -> None:
    topics = {s.topic for s in kotlin_scenarios()}
    problems = []
    for path, (classes, tests) in swift_files().items():
        if not classes and not tests:
            continue  # shared code: Fixtures.swift
        topic = path.stem.removesuffix("Tests")
        if not path.stem.endswith("Tests") or classes != [path.stem]:
            problems.append(f"{path.name}: holds {classes or 'no XCTestCase class'}; a test file XTests.swift holds "
                            "the one class XTests")
        elif topic not in topics:
            problems.append(f"{path.name}: no Kotlin topic {topic} (no {topic}Test.kt); put its tests in the "
                            f"file of the Kotlin topic they belong to ({', '.join(sorted(topics))})")
        elif not tests:
            problems.append(f"{path.name}: no test functions")
    assert not problems, "\n".join(problems)


def test_every_exemption_names_a_kotlin_test_and_says_why() -> None:
    scenarios = kotlin_scenarios()
    problems = []
    for (language, topic, name), reason in EXEMPT.items():
        if language not in {"swift", "python"}:
            problems.append(f"{language}: not a language of the bindings")
        if not any(s.topic == topic and (name is None or s.name == name) for s in scenarios):
            problems.append(f"{language} {topic} {name!r}: names no Kotlin test (renamed or removed? update EXEMPT)")
        if len(reason.split()) < 8:
            problems.append(f"{language} {topic} {name!r}: give the reason")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("kotlin", "other", "same"),
    [
        ("`the text report names the quorum finding of tx-th-kg-2020 in both languages`",
         "TheTextReportNamesTheQuorumFindingOfTxThKg2020InBothLanguages", True),
        ("`the implementation tree and the managing units are the core's`",
         "the_implementation_tree_and_the_managing_units_are_the_cores", True),
        ("`DOT and Mermaid of the whole registry name every plan`", "DOTAndMermaidOfTheWholeRegistryNameEveryPlan",
         True),
        ("`a newer format, a syntax error and bad UTF-8 are told apart`", "ANewerFormatASyntaxErrorAndBadUTF8AreToldApart",
         True),
        ("`the Hanoi hierarchy built in Kotlin conforms and reads back as built`",
         "the_hanoi_hierarchy_built_in_python_conforms_and_reads_back_as_built", True),
        ("`the README tour runs as written`", "TheREADMETourRunsAsWritten", True),
        ("`copies are independent`", "CopiesAreDependent", False),
        ("`dates cross as calendar days`", "dates_cross_as_local_date", False),
    ],
)
def test_names_compare_by_their_words(kotlin: str, other: str, same: bool) -> None:
    assert (key(kotlin) == key(other)) is same, (words(kotlin), words(other))


def test_topics_are_named_alike_in_every_language() -> None:
    assert snake("LoadError") == "load_error"
    assert snake("Catalogue") == "catalogue"


# ---- the README's Swift tour ---------------------------------------------------------------------------------------

TOUR_START = "// ---- README: Swift tour ----\n"
TOUR_END = "// ---- end of the README snippet ----\n"


def readme_block(section: str, language: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^### {section}\n(.*?)(?=^#)", text, flags=re.S | re.M)
    assert match, f"README.md has no '### {section}' section"
    blocks = re.findall(rf"^```{language}\n(.*?)^```", match.group(1), flags=re.S | re.M)
    assert len(blocks) == 1, f"README.md's {section} section has {len(blocks)} {language} code blocks, not one"
    return blocks[0]


def readme_swift_block() -> str:
    return readme_block("Swift", "swift")


def test_the_readme_swift_tour_is_the_one_tour_tests_runs() -> None:
    block = readme_swift_block()
    # The block's imports go at the top of TourTests.swift; the rest is between its markers, byte for byte.
    imports = re.match(r"(?:import \w+\n)*\n*", block).group(0)
    body = block[len(imports):]
    tour = SWIFT_TOUR.read_text(encoding="utf-8")
    assert tour.count(TOUR_START) == 1 and tour.count(TOUR_END) == 1, f"{SWIFT_TOUR.name}: the markers, once each"
    between = tour.split(TOUR_START, 1)[1].split(TOUR_END, 1)[0]
    assert_same_tour("Swift", SWIFT_TOUR, tour, imports, body, between)


def assert_same_tour(language: str, test_file: Path, text: str, imports: str, body: str, between: str,
                     implied_import: str | None = None) -> None:
    """The README block's imports are in the test file (`text`) and its body is the test's snippet, byte for byte
    (`between`, already unindented); `implied_import` needs no line of its own."""
    file_lines = text.splitlines()
    for line in imports.splitlines():
        if line and line != implied_import:
            assert line in file_lines, f"{test_file.name} lacks the README's `{line}`"
    if between != body:
        import difflib

        diff = "".join(difflib.unified_diff(body.splitlines(True), between.splitlines(True), "README.md",
                                            test_file.name))
        pytest.fail(f"the README's {language} tour and {test_file.name} differ; copy the README's block between "
                    f"the markers:\n{diff}")


KOTLIN_TOUR_START = "// ---- README: Kotlin tour ----\n"
KOTLIN_TOUR_END = "// ---- end of the README snippet ----\n"


def test_the_readme_kotlin_tour_is_the_one_tour_test_runs() -> None:
    block = readme_block("Kotlin", "kotlin")
    imports = re.match(r"(?:import [\w.*]+\n)*\n*", block).group(0)
    body = block[len(imports):]
    tour = KOTLIN_TOUR.read_text(encoding="utf-8")
    assert tour.count(KOTLIN_TOUR_START) == 1 and tour.count(KOTLIN_TOUR_END) == 1, f"{KOTLIN_TOUR.name}: markers"
    between = tour.split(KOTLIN_TOUR_START, 1)[1].split(KOTLIN_TOUR_END, 1)[0]
    # TourTest.kt holds the snippet inside a test function: 8 spaces deeper, up to the end marker's indentation.
    lines = between.splitlines(True)
    indent = "        "
    assert lines and lines[-1].strip() == "", f"{KOTLIN_TOUR.name}: the end marker on a line of its own"
    between = "".join(line[len(indent):] if line.startswith(indent) else line.lstrip(" ") for line in lines[:-1])
    # TourTest.kt is in the package vn.kehoach itself, so it does not import it.
    assert_same_tour("Kotlin", KOTLIN_TOUR, tour, imports, body, between, implied_import="import vn.kehoach.*")


# ---- the README's Python snippets ---------------------------------------------------------------------------------

PYTHON_TOUR = PYTHON_TESTS / "test_tour.py"
PY_SNIPPET_END = "# ---- end of the README snippet ----\n"
# (the README heading the snippet follows, the marker that opens it in test_tour.py)
PY_SNIPPETS = [
    ("### Python", "# ---- README: Python tour ----\n"),
    ("### Python (a wheel, with pip)", "# ---- README: Python app ----\n"),
]


def readme_python_block(heading: str) -> str:
    """The first python block after `heading`, with no other heading between (the block's own comments start with
    "#", so a regular expression up to the next "#" line would stop inside it)."""
    text = README.read_text(encoding="utf-8")
    at = text.find(f"\n{heading}\n")
    assert at >= 0, f"README.md has no '{heading}' section"
    opening = text.find("\n```python\n", at)
    assert opening >= 0, f"README.md's '{heading}' section has no python code block"
    assert not re.search(r"^#{1,3} ", text[at + len(heading) + 2:opening], flags=re.M), \
        f"README.md's '{heading}': another heading comes before its python code block"
    body = opening + len("\n```python\n")
    return text[body:text.index("\n```\n", body) + 1]


def tour_snippet(marker: str) -> str:
    """The lines of test_tour.py between `marker` and the end marker that follows it, dedented."""
    tour = PYTHON_TOUR.read_text(encoding="utf-8")
    assert tour.count(marker) == 1, f"{PYTHON_TOUR.name}: the marker {marker.strip()!r}, once"
    start = tour.index(marker)
    end = tour.index(PY_SNIPPET_END, start)
    indent = tour[tour.rindex("\n", 0, start) + 1:start]
    lines = tour[start + len(marker):end].removesuffix(indent).splitlines(True)
    assert all(line.startswith(indent) or not line.strip() for line in lines), "the snippet is indented as its markers"
    return "".join(line[len(indent):] if line.strip() else line.lstrip(" ") for line in lines)


@pytest.mark.parametrize(("heading", "marker"), PY_SNIPPETS)
def test_the_readme_python_snippets_are_the_ones_tour_tests_runs(heading: str, marker: str) -> None:
    block = readme_python_block(heading)
    snippet = tour_snippet(marker)
    if snippet != block:
        import difflib

        diff = "".join(difflib.unified_diff(block.splitlines(True), snippet.splitlines(True), "README.md",
                                            PYTHON_TOUR.name))
        pytest.fail(f"the README's python block under '{heading}' and {PYTHON_TOUR.name} differ; copy the README's "
                    f"block between the markers:\n{diff}")
