"""The package as `pip install` leaves it: the tests import the wheel that bindings/test.sh builds (maturin, release
mode, the project's uniffi-bindgen) and installs into a fresh venv, not a folder of this checkout. JarIT.kt checks
the same of the Kotlin jar (bindings/checks/test_scenarios.py: the Jar topic's Python counterpart is this file)."""

import dataclasses
import datetime
import importlib.metadata
import sys
import sysconfig
import typing
from pathlib import Path

import kehoach as k
from fixtures import REPO, conformance


def test_the_bindings_and_the_native_library_load_from_the_installed_wheel():
    assert sys.prefix != sys.base_prefix, "the tests run in a venv"
    site = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
    package = Path(k.__file__).resolve().parent
    assert package.parent in site, f"kehoach imported from {package}, not from the venv's site-packages {site}"
    assert Path(sys.prefix).resolve() in package.parents, f"kehoach imported from outside this venv: {package}"
    assert package != REPO / "bindings" / "python" / "src" / "kehoach", "kehoach imported from the source tree"

    # The generated module and the native library sit inside the package, as the wheel's RECORD lists them.
    generated = Path(k._generated.__file__).resolve()
    assert generated.parent == package / "_ffi"
    native = generated.parent / "libkehoach_ffi.so"
    assert native.is_file()
    recorded = {str(f) for f in importlib.metadata.files("kehoach") or []}
    assert {"kehoach/__init__.py", "kehoach/py.typed", "kehoach/_ffi/kehoach.py",
            "kehoach/_ffi/libkehoach_ffi.so"} <= recorded, recorded
    assert importlib.metadata.version("kehoach") == "0.1.0"

    with k.Registry.from_json(conformance("01-clean-three-levels.json")) as registry:
        assert registry.plan_count() == 3
        assert registry.validate().conforms


def test_the_native_library_is_a_release_build_without_debug_information():
    # An ELF file's section names: a debug build, or a release build with its line tables, has .debug_* sections.
    data = (Path(k._generated.__file__).parent / "libkehoach_ffi.so").read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2  # 64-bit
    shoff = int.from_bytes(data[0x28:0x30], "little")
    shentsize, shnum, shstrndx = (int.from_bytes(data[o:o + 2], "little") for o in (0x3A, 0x3C, 0x3E))
    strtab = shoff + shstrndx * shentsize
    names_at = int.from_bytes(data[strtab + 0x18:strtab + 0x20], "little")
    names = []
    for i in range(shnum):
        offset = names_at + int.from_bytes(data[shoff + i * shentsize:shoff + i * shentsize + 4], "little")
        names.append(data[offset:data.index(b"\0", offset)].decode())
    assert ".dynsym" in names and ".text" in names, names
    assert not [n for n in names if n.startswith(".debug")], names
    # A debug build of the library is ~80 MB with debug information and ~7 MB without; the release one ~2 MB.
    assert len(data) < 4_000_000, len(data)


def test_the_package_carries_type_hints():
    package = Path(k.__file__).parent
    assert (package / "py.typed").is_file()
    plan = typing.get_type_hints(k.Plan)
    assert plan["id"] is str
    assert plan["issued_on"] == typing.Optional[datetime.date]
    assert plan["approvals"] == typing.List[k.Approval]
    assert plan["status"] is k.PlanStatus
    assert [f.name for f in dataclasses.fields(k.Plan)] == list(plan)
    staff = typing.get_type_hints(k.Approval.STAFF_CONFERENCE)
    assert staff["held_on"] is datetime.date and staff["staff_total"] is int
    methods = typing.get_type_hints(k.Registry.plan, vars(k._generated))
    assert methods == {"id": str, "return": typing.Optional[k.Plan]}
    assert typing.get_type_hints(k.Registry.__enter__)["return"] is k.Registry
