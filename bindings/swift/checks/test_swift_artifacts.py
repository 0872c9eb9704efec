"""What can be checked of the Swift bindings without a Swift toolchain.

- The generated C header compiles with the C compiler (nullability qualifiers defined away), and a C program
  built against it links to the library and calls it.
- Every FFI symbol the generated Swift calls is declared in the header and exported by the library.
- The contract version and every API checksum the generated Swift checks at start-up match what the library
  returns (the same checks the Swift code makes before its first call, made here through ctypes).
- The hand-written Swift files (Package.swift, the XCTest suite) parse (tree-sitter; syntax only), on a machine
  without a Swift toolchain; where `swift` is on PATH, bindings/test.sh compiles them instead, which says more.

Paths come from the environment (bindings/test.sh sets them): KEHOACH_SWIFT_DIR holds the generated
KeHoach.swift and KeHoachFFI.h, KEHOACH_FFI_LIB is the built libkehoach_ffi.so.
"""

import ctypes
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent
BINDINGS = PACKAGE.parent
GENERATED = Path(os.environ.get("KEHOACH_SWIFT_DIR", BINDINGS / "build" / "swift"))
LIBRARY = Path(os.environ.get("KEHOACH_FFI_LIB", BINDINGS / "build" / "native" / "libkehoach_ffi.so"))
SWIFT = GENERATED / "KeHoach.swift"
HEADER = GENERATED / "KeHoachFFI.h"

# The prefixes UniFFI gives the C symbols of the crate `kehoach_ffi`.
SYMBOL = re.compile(r"\b((?:uniffi|ffi)_kehoach_ffi_[A-Za-z0-9_]+)\b")
NULLABILITY = ["-D_Nonnull=", "-D_Nullable=", "-D_Null_unspecified="]


def swift_calls() -> set[str]:
    return set(SYMBOL.findall(SWIFT.read_text(encoding="utf-8")))


def header_declarations() -> set[str]:
    """Names of the functions the header declares (a name followed by an opening parenthesis)."""
    text = HEADER.read_text(encoding="utf-8")
    return set(re.findall(r"\b((?:uniffi|ffi)_kehoach_ffi_[A-Za-z0-9_]+)\s*\(", text))


def exported() -> set[str]:
    out = subprocess.run(
        ["nm", "-D", "--defined-only", str(LIBRARY)], check=True, capture_output=True, text=True
    ).stdout
    return {line.split()[-1] for line in out.splitlines() if line.split()[1:2] in (["T"], ["t"])}


def test_generated_files_exist():
    for path in (SWIFT, HEADER, LIBRARY):
        assert path.is_file(), f"{path} is missing: run bindings/test.sh"


def test_header_compiles_with_gcc(tmp_path):
    stub = tmp_path / "stub.c"
    stub.write_text('#include "KeHoachFFI.h"\n', encoding="utf-8")
    subprocess.run(
        ["gcc", "-fsyntax-only", "-std=c11", "-Wall", "-Wextra", "-Werror", *NULLABILITY, "-I", str(GENERATED),
         str(stub)],
        check=True,
    )


def test_a_c_program_built_against_the_header_calls_the_library(tmp_path):
    version = contract_version_in_swift()
    program = tmp_path / "call.c"
    program.write_text(
        '#include <stdio.h>\n#include "KeHoachFFI.h"\n'
        "int main(void) {\n"
        "    uint32_t v = ffi_kehoach_ffi_uniffi_contract_version();\n"
        '    printf("%u\\n", v);\n'
        f"    return v == {version} ? 0 : 1;\n"
        "}\n",
        encoding="utf-8",
    )
    exe = tmp_path / "call"
    lib_dir = str(LIBRARY.parent)
    subprocess.run(
        ["gcc", "-std=c11", "-Wall", "-Werror", *NULLABILITY, "-I", str(GENERATED), str(program), "-o", str(exe),
         "-L", lib_dir, "-lkehoach_ffi", f"-Wl,-rpath,{lib_dir}"],
        check=True,
    )
    run = subprocess.run([str(exe)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip() == str(version)


def test_every_symbol_the_swift_calls_is_declared_in_the_header():
    calls = swift_calls()
    # Not vacuous: the contract version, the buffers, and for every API checksum the function it guards.
    assert {"ffi_kehoach_ffi_uniffi_contract_version", "ffi_kehoach_ffi_rustbuffer_free"} <= calls
    checksums = {c for c in calls if "_checksum_" in c}
    assert len(checksums) >= 30, sorted(checksums)  # 43 today: 6 functions, 3 constructors, 34 methods
    for checksum in checksums:
        assert checksum.replace("_checksum_", "_fn_") in calls, checksum
    missing = sorted(calls - header_declarations())
    assert not missing, f"called by KeHoach.swift but not declared in KeHoachFFI.h: {missing}"


def test_every_symbol_the_swift_calls_is_exported_by_the_library():
    missing = sorted(swift_calls() - exported())
    assert not missing, f"called by KeHoach.swift but not exported by {LIBRARY.name}: {missing}"


def test_every_function_the_header_declares_is_exported():
    missing = sorted(header_declarations() - exported())
    assert not missing, f"declared in KeHoachFFI.h but not exported by {LIBRARY.name}: {missing}"


def contract_version_in_swift() -> int:
    found = re.findall(r"let bindings_contract_version = (\d+)", SWIFT.read_text(encoding="utf-8"))
    assert len(found) == 1, found
    return int(found[0])


def test_contract_version_matches():
    lib = ctypes.CDLL(str(LIBRARY))
    fn = lib.ffi_kehoach_ffi_uniffi_contract_version
    fn.restype = ctypes.c_uint32
    fn.argtypes = []
    assert fn() == contract_version_in_swift()


def test_every_api_checksum_matches():
    checks = re.findall(r"if \((uniffi_kehoach_ffi_checksum_[A-Za-z0-9_]+)\(\) != (\d+)\)",
                        SWIFT.read_text(encoding="utf-8"))
    assert len(checks) > 30, checks
    lib = ctypes.CDLL(str(LIBRARY))
    wrong = []
    for name, expected in checks:
        fn = getattr(lib, name)
        fn.restype = ctypes.c_uint16
        fn.argtypes = []
        if fn() != int(expected):
            wrong.append((name, fn(), int(expected)))
    assert not wrong, wrong


def test_the_module_map_names_the_header_and_the_library():
    modulemap = (PACKAGE / "Sources" / "KeHoachFFI" / "module.modulemap").read_text(encoding="utf-8")
    assert 'header "KeHoachFFI.h"' in modulemap
    assert 'link "kehoach_ffi"' in modulemap
    assert "import KeHoachFFI" in SWIFT.read_text(encoding="utf-8")


HAND_WRITTEN = sorted([PACKAGE / "Package.swift", *(PACKAGE / "Tests").rglob("*.swift")])


@pytest.mark.skipif(shutil.which("swift") is not None, reason="swift is on PATH: the compiler checks these files")
@pytest.mark.parametrize("path", HAND_WRITTEN, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_hand_written_swift_parses(path):
    import tree_sitter
    import tree_sitter_swift

    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))
    tree = parser.parse(path.read_bytes())
    bad = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            bad.append(f"{'missing' if node.is_missing else 'error'} at {node.start_point[0] + 1}:"
                       f"{node.start_point[1] + 1}: {node.text[:60]!r}")
        stack.extend(node.children)
    assert not bad, bad

