"""The conformance examples of the repository, read through the bindings: the same findings as the core's tests
(ConformanceTest.kt)."""

import json
from pathlib import Path

import pytest

import kehoach as k
from fixtures import CONFORMANCE, HANOI_DATA, conformance, conformance_inputs

INPUTS = conformance_inputs()


def _expectation(path: Path) -> dict:
    return json.loads(path.with_name(path.name.removesuffix(".json") + ".expect.json").read_text(encoding="utf-8"))


def _got(finding: k.Finding) -> dict:
    return {"rule": finding.rule.code, "severity": finding.severity.name.lower(), "kind": finding.subject.kind.name.lower(),
            "id": finding.subject.id, "field": finding.field}


def _expected(finding: dict) -> dict:
    return {"rule": finding["rule"], "severity": finding["severity"], "kind": finding["subject"]["kind"],
            "id": finding["subject"]["id"], "field": finding.get("field") or None}


def _shown(error: k.LoadError) -> str:
    if isinstance(error, k.LoadError.Syntax):
        return f"{error.line}:{error.column} {error.detail}"
    if isinstance(error, k.LoadError.Format):
        return f"format {error.found} {error.detail}"
    assert isinstance(error, k.LoadError.Invalid), repr(error)
    return f"{error.path} {error.detail}"


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_every_example_gives_exactly_its_expected_findings_or_load_error(path: Path):
    assert len(INPUTS) >= 15, f"conformance examples in {CONFORMANCE}: {len(INPUTS)}"
    expect = _expectation(path)
    data = path.read_bytes()
    if expect["exit"] == 2:
        with pytest.raises(k.LoadError) as caught:
            k.Registry.from_bytes(data)
        shown = _shown(caught.value)
        for needle in expect["stderr_names"]:
            assert needle in shown, f"{shown} does not name {needle}"
    else:
        report = k.Registry.from_bytes(data).validate()
        assert [_got(f) for f in report.findings] == [_expected(f) for f in expect.get("findings", [])]
        assert report.conforms == (expect["exit"] == 0)
        assert report.counts.error == sum(f.severity == k.Severity.ERROR for f in report.findings)
        assert report.counts.warning == sum(f.severity == k.Severity.WARNING for f in report.findings)
        assert report.counts.info == sum(f.severity == k.Severity.INFO for f in report.findings)


def test_from_buffer_loads_every_example_as_from_bytes_does():
    loaded = 0
    for path in INPUTS:
        data = path.read_bytes()
        try:
            via_bytes = k.Registry.from_bytes(data)
        except k.LoadError as error:
            with pytest.raises(type(error)) as caught:
                k.Registry.from_buffer(data)
            assert str(caught.value) == str(error), path.name
            continue
        via_buffer = k.Registry.from_buffer(data)
        assert via_buffer.to_json() == via_bytes.to_json(), path.name
        assert via_buffer.validate() == via_bytes.validate(), path.name
        loaded += 1
    assert loaded >= 10, loaded
    with pytest.raises(k.LoadError.Syntax):
        k.Registry.from_buffer(b"")


def test_a_buffer_is_read_from_its_start_to_its_end():
    document = HANOI_DATA.read_bytes()
    expected = k.Registry.from_bytes(document).to_json()
    around = b"garbage [" + document + b"} more"
    # A view of part of other bytes: exactly that part loads (copied once), and the same bytes lent whole.
    assert k.Registry.from_bytes(memoryview(around)[9:9 + len(document)]).to_json() == expected
    assert k.Registry.from_buffer(around[9:9 + len(document)]).to_json() == expected
    with pytest.raises(k.LoadError.Syntax):
        k.Registry.from_buffer(around)
    # Only immutable bytes are lent: a bytearray could change while the library reads it.
    with pytest.raises(TypeError, match="bytes object is required, not 'bytearray'"):
        k.Registry.from_buffer(bytearray(document))


def test_each_finding_has_its_code_severity_subject_and_both_messages():
    registry = k.Registry.from_json(conformance("02-school-plan-rules.json"))
    report = registry.validate()
    assert report.conforms is False
    first = report.findings[0]
    assert first.rule == k.Rule.PARENT_PLAN_MISSING
    assert first.severity == k.Severity.ERROR
    assert first.subject == k.Subject(kind=k.SubjectKind.PLAN, id="cg-th-yh-2020")
    assert first.field == "implements"
    assert first.message.en.startswith('Plan "cg-th-yh-2020"'), first.message.en
    assert first.message.vi.startswith('Kế hoạch "cg-th-yh-2020"'), first.message.vi
    assert "Luật Công đoàn 2012" in first.basis, first.basis
    for finding in report.findings:
        assert finding.subject.id in finding.message.en, finding.message.en
        assert finding.subject.id in finding.message.vi, finding.message.vi
        assert finding.message.en != finding.message.vi
        assert finding.basis.strip()
        assert k.rule_info(finding.rule, registry.profile()).code == finding.rule.code
    # The JSON report the core writes says the same.
    written = json.loads(registry.validate_to_json())
    assert written["format"] == k.report_format()
    assert len(written["findings"]) == len(report.findings)
    assert written["findings"][0]["message"]["vi"] == first.message.vi


def test_the_hanoi_data_file_has_one_quorum_error():
    registry = k.Registry.from_json(HANOI_DATA.read_text(encoding="utf-8"))
    errors = [f for f in registry.validate().findings if f.severity == k.Severity.ERROR]
    assert [f.rule for f in errors] == [k.Rule.STAFF_CONFERENCE_QUORUM]
    assert errors[0].subject.kind == k.SubjectKind.PLAN


def test_the_two_tier_profile_of_2025_is_read_and_kept():
    registry = k.Registry.from_json(conformance("09-two-tier-2025.json"))
    assert registry.profile() == k.Profile.TWO_TIER2025
    assert '"profile": "two-tier-2025"' in registry.to_json()
