"""The rule catalogue, severity overrides and document numbers (CatalogueTest.kt)."""

import pytest

import kehoach as k
from fixtures import Hanoi, replaced


def test_the_rule_catalogue_lists_every_rule_once_in_code_order():
    rules = k.rule_catalogue(k.Profile.THREE_TIER2020)
    assert len(rules) == 27
    codes = [r.code for r in rules]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert all(r.title_vi.strip() and r.title_en.strip() and r.basis.strip() for r in rules)
    [quorum] = [r for r in rules if r.code == "staff-conference-quorum"]
    assert quorum.family == k.RuleFamily.STAFF_CONFERENCE
    assert quorum.default_severity == k.Severity.ERROR
    assert k.rule_info(k.Rule.STAFF_CONFERENCE_QUORUM, k.Profile.TWO_TIER2025).code == quorum.code
    assert quorum.rule == k.Rule.STAFF_CONFERENCE_QUORUM
    # Each rule is an enum member with its code, and the code names it back.
    assert [r.rule for r in rules] == list(k.Rule)
    for info in rules:
        assert info.rule.code == info.code
        assert k.rule_from_code(info.code) == info.rule
    with pytest.raises(k.InvalidValueError.UnknownRule):
        k.rule_from_code("no-such-rule")


def _number_finding(registry: k.Registry) -> k.Finding:
    [finding] = [f for f in registry.validate().findings if f.rule == k.Rule.DOCUMENT_NUMBER_FORMAT]
    return finding


def test_severity_overrides_change_what_validation_reports():
    registry = Hanoi.registry()
    registry.replace_plan(replaced(Hanoi.SCHOOL_PLAN, number="15/khph-THCSNC-CĐ"))
    before = _number_finding(registry)
    assert before.severity == k.Severity.ERROR

    registry.set_override(k.Rule.DOCUMENT_NUMBER_FORMAT, k.Level.INFO)
    assert registry.severity(k.Rule.DOCUMENT_NUMBER_FORMAT) == k.Severity.INFO
    assert _number_finding(registry).severity == k.Severity.INFO
    assert registry.validate().conforms

    registry.set_override(k.Rule.DOCUMENT_NUMBER_FORMAT, k.Level.OFF)
    assert registry.severity(k.Rule.DOCUMENT_NUMBER_FORMAT) is None
    assert not any(f.rule == k.Rule.DOCUMENT_NUMBER_FORMAT for f in registry.validate().findings)
    assert registry.overrides() == [k.RuleOverride(rule=k.Rule.DOCUMENT_NUMBER_FORMAT, level=k.Level.OFF)]
    assert '"document-number-format": "off"' in registry.to_json()

    registry.set_override(k.Rule.DOCUMENT_NUMBER_FORMAT, None)
    assert registry.overrides() == []
    assert _number_finding(registry) == before

    with pytest.raises(k.InvalidValueError.UnknownRule) as unknown:
        registry.set_override(k.rule_from_code("no-such-rule"), k.Level.OFF)
    assert unknown.value.code == "no-such-rule"


def test_document_numbers_are_parsed_as_the_rules_parse_them():
    spaced = k.document_number("41 /KHLT-SGDĐT-CĐGDT")
    assert spaced.well_formed
    assert spaced.has_spacing
    assert spaced.canonical == "41/KHLT-SGDĐT-CĐGDT"
    assert spaced.document_type == "KHLT"
    unpadded = k.document_number("5/HD-SGDĐT")
    assert not unpadded.well_formed
    defect = unpadded.defect
    assert defect is not None
    assert "05" in defect.en, defect.en
    assert "05" in defect.vi, defect.vi
    with pytest.raises(k.InvalidValueError.Empty):
        k.document_number("")
