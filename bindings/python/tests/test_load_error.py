"""Documents that cannot be loaded: typed errors naming the JSON path, the value, the line (LoadErrorTest.kt); and, in
Python only, what `from_bytes` takes."""

import array

import pytest

import kehoach as k
from fixtures import HANOI_DATA, conformance


def test_an_impossible_date_is_a_typed_exception_naming_the_json_path_and_the_value():
    with pytest.raises(k.LoadError.Invalid) as caught:
        k.Registry.from_json(conformance("11-load-impossible-date.json"))
    e = caught.value
    assert e.path == "plans[1].issued_on"
    assert "2020-09-31" in e.detail, e.detail
    assert (e.line or 0) > 0, e.line


def test_a_misplaced_field_and_a_negative_count_name_their_paths():
    with pytest.raises(k.LoadError.Invalid) as misplaced:
        k.Registry.from_json(conformance("12-load-misplaced-field.json"))
    assert misplaced.value.path == "units[2].staff_count"
    with pytest.raises(k.LoadError.Invalid) as negative:
        k.Registry.from_json(conformance("14-load-negative-count.json"))
    assert negative.value.path == "plans[0].approvals[0].attendees"
    assert "-1" in negative.value.detail, negative.value.detail


def test_a_newer_format_a_syntax_error_and_bad_utf_8_are_told_apart():
    with pytest.raises(k.LoadError.Format) as newer:
        k.Registry.from_json(conformance("13-load-newer-format.json"))
    assert newer.value.found == "kehoach/registry@3"

    with pytest.raises(k.LoadError.Syntax) as syntax:
        k.Registry.from_json('{\n  "format": "kehoach/registry@1",\n  "units": [,]\n}')
    assert syntax.value.line == 3
    assert syntax.value.column > 0

    with pytest.raises(k.LoadError.Syntax) as not_utf8:
        k.Registry.from_bytes(bytes([0xFF, 0x7B]))
    assert not_utf8.value.line == 1

    with pytest.raises(k.LoadError.Invalid) as unknown:
        k.Registry.from_json('{"format": "kehoach/registry@1", "units": [], "plans": [], "colour": 1}')
    assert unknown.value.path == "colour"
    with pytest.raises(k.LoadError.Format) as not_an_object:
        k.Registry.from_json("[]")
    assert not_an_object.value.found is None


def test_a_load_error_says_the_librarys_sentence_with_its_fields():
    with pytest.raises(k.LoadError.Invalid) as caught:
        k.Registry.from_bytes(conformance("11-load-impossible-date.json").encode("utf-8"))
    e = caught.value
    assert str(e) == f"{e.path}: {e.detail}"
    assert str(e).startswith("plans[1].issued_on: ") and "2020-09-31" in str(e), str(e)

    with pytest.raises(k.LoadError.Syntax) as syntax:
        k.Registry.from_json('{\n  "format": ,\n}')
    s = syntax.value
    assert str(s) == f"line 2, column {s.column}: invalid JSON: {s.detail}"


def test_a_document_with_a_lone_surrogate_is_refused_before_it_is_loaded():
    text = conformance("01-clean-three-levels.json")
    cut = text.replace('"title": "', '"title": "\ud83d', 1)
    assert cut != text
    with pytest.raises(ValueError) as caught:
        k.Registry.from_json(cut)
    assert not isinstance(caught.value, UnicodeError)
    assert f"lone surrogate (\\uD83D at index {cut.index(chr(0xD83D))})" in str(caught.value), str(caught.value)
    assert str(caught.value).startswith('the text "…'), str(caught.value)
    # An escaped lone surrogate in the JSON text itself is the parser's to refuse, with a typed error.
    escaped = text.replace('"title": "', '"title": "\\ud83d', 1)
    with pytest.raises(k.LoadError.Syntax):
        k.Registry.from_json(escaped)
    assert k.Registry.from_json(text).validate().conforms


def test_any_bytes_like_object_loads_and_anything_else_is_a_type_error():
    data = HANOI_DATA.read_bytes()
    expected = k.Registry.from_bytes(data).plans()
    for form in (bytearray(data), memoryview(data), memoryview(bytearray(data)), array.array("B", data)):
        assert k.Registry.from_bytes(form).plans() == expected, type(form)
    with pytest.raises(k.LoadError.Syntax):
        k.Registry.from_bytes(bytearray([0xFF, 0x7B]))
    with pytest.raises(TypeError, match="not str; text goes to Registry.from_json"):
        k.Registry.from_bytes(data.decode("utf-8"))
    with pytest.raises(TypeError, match="bytes-like object .* not int"):
        k.Registry.from_bytes(5)


def test_a_document_too_long_to_cross_is_a_load_error(monkeypatch):
    # The length crosses as a signed 32-bit count; a longer document is refused before it crosses, as Swift's
    # Registry(data:) refuses it. The bound is lowered here so that the test needs no 2 GiB document.
    import kehoach._registry

    monkeypatch.setattr(kehoach._registry, "_MOST_BYTES", 10)
    for load in (k.Registry.from_buffer, k.Registry.from_bytes):
        with pytest.raises(k.LoadError.Syntax, match="11 bytes long; at most 10 can cross"):
            load(b'{"format":}')
    # At the bound, the document crosses and is judged by the library.
    with pytest.raises(k.LoadError.Format):
        k.Registry.from_buffer(b'{"a": 100}')
