"""pytest suite of the Python bindings, mirroring the Kotlin tests (bindings/kotlin/src/test/kotlin)."""

import json
import threading
from datetime import date
from pathlib import Path

import pytest

import kehoach as k
from conftest import REPO
import hanoi


def test_hanoi_hierarchy_built_in_python_conforms_and_reads_back():
    r = hanoi.registry()
    assert (r.unit_count(), r.plan_count()) == (6, 3)
    assert r.units() == hanoi.UNITS
    assert r.plans() == hanoi.PLANS
    assert r.plan("no-such-plan") is None
    report = r.validate()
    assert report.conforms, report.findings
    assert report.counts == k.Counts(error=0, warning=0, info=0)
    assert [p.id for p in r.ancestors("tx-thcs-nc-2020")] == ["tx-17-2020", "hn-2731-2020"]
    assert [p.id for p in r.descendants("hn-2731-2020")] == ["tx-17-2020", "tx-thcs-nc-2020"]
    assert r.managing_unit_of("tx-thcs-nc-2020").id == "tx-pgd"
    [compliance] = [c for c in r.compliance() if c.managing_unit == "tx-pgd"]
    assert (compliance.schools, compliance.conforming, compliance.percent_conforming) == (1, 1, 100.0)
    again = k.Registry.from_json(r.to_json())
    assert again.plans() == r.plans() and again.to_json() == r.to_json()


def _expected(finding: dict) -> tuple:
    return (finding["rule"], finding["severity"], finding["subject"]["kind"], finding["subject"]["id"],
            finding.get("field"))


def _got(finding: k.Finding) -> tuple:
    return (finding.rule, finding.severity.name.lower(), finding.subject.kind.name.lower(), finding.subject.id,
            finding.field)


CONFORMANCE = sorted(p for p in (REPO / "tests" / "conformance").glob("*.json") if not p.name.endswith(".expect.json"))


@pytest.mark.parametrize("path", CONFORMANCE, ids=lambda p: p.name)
def test_every_example_gives_exactly_its_expected_findings_or_load_error(path: Path):
    expect = json.loads(path.with_name(path.name.removesuffix(".json") + ".expect.json").read_text(encoding="utf-8"))
    if expect["exit"] == 2:
        with pytest.raises(k.LoadError) as caught:
            k.Registry.from_bytes(path.read_bytes())
        shown = " ".join(str(v) for v in vars(caught.value).values())
        for needle in expect["stderr_names"]:
            assert needle in shown
    else:
        report = k.Registry.from_bytes(path.read_bytes()).validate()
        assert [_got(f) for f in report.findings] == [_expected(f) for f in expect.get("findings", [])]
        assert report.conforms == (expect["exit"] == 0)
        assert report.counts.error == sum(f.severity == k.Severity.ERROR for f in report.findings)


def test_each_finding_has_code_severity_subject_and_both_messages(conformance):
    r = k.Registry.from_json(conformance("02-school-plan-rules.json"))
    first = r.validate().findings[0]
    assert first.rule == "parent-plan-missing"
    assert first.severity == k.Severity.ERROR
    assert first.subject == k.Subject(kind=k.SubjectKind.PLAN, id="cg-th-yh-2020")
    assert first.field == "implements"
    assert first.message.en.startswith('Plan "cg-th-yh-2020"')
    assert first.message.vi.startswith('Kế hoạch "cg-th-yh-2020"')
    for f in r.validate().findings:
        assert f.subject.id in f.message.en and f.subject.id in f.message.vi
        assert f.message.en != f.message.vi and f.basis


def test_load_errors_are_typed_and_name_the_json_path(conformance):
    with pytest.raises(k.LoadError.Invalid) as invalid:
        k.Registry.from_json(conformance("11-load-impossible-date.json"))
    assert invalid.value.path == "plans[1].issued_on"
    assert "2020-09-31" in invalid.value.detail
    with pytest.raises(k.LoadError.Format) as newer:
        k.Registry.from_json(conformance("13-load-newer-format.json"))
    assert newer.value.found == "kehoach/registry@3"
    with pytest.raises(k.LoadError.Syntax) as syntax:
        k.Registry.from_json('{\n  "format": "kehoach/registry@1",\n  "units": [,]\n}')
    assert syntax.value.line == 3


def test_an_edit_that_fails_leaves_the_registry_unchanged():
    r = hanoi.registry()
    before, report = r.to_json(), r.validate()
    with pytest.raises(k.EditError.DuplicatePlan) as dup:
        r.add_plan(hanoi.SCHOOL_PLAN)
    assert dup.value.id == "tx-thcs-nc-2020"
    too_many = hanoi.replaced(hanoi.SCHOOL_PLAN, approvals=[
        k.Approval.STAFF_CONFERENCE(held_on=date(2020, 9, 25), staff_total=2_000_000, attendees=40, votes_for=37,
                                    votes_against=None)])
    with pytest.raises(k.EditError.Invalid) as invalid:
        r.replace_plan(too_many)
    assert invalid.value.field == "approvals[0].staff_total"
    assert invalid.value.subject == 'plan "tx-thcs-nc-2020"'
    with pytest.raises(k.EditError.Invalid) as year:
        r.add_plan(hanoi.replaced(hanoi.SCHOOL_PLAN, id="new", school_year="2020-2022"))
    assert year.value.field == "school_year"
    with pytest.raises(k.EditError.UnknownUnit):
        r.remove_unit("no-such-unit")
    assert r.to_json() == before
    assert r.validate() == report


def test_several_threads_validate_and_edit_one_registry():
    r = hanoi.registry()
    threads, rounds = 8, 25
    errors = []
    start = threading.Barrier(threads)

    def work(t: int):
        try:
            start.wait()
            for i in range(rounds):
                school = f"school-{t}-{i}"
                r.add_unit(k.OrgUnit(id=school, name=f"Trường {t}-{i}", parent="tx-pgd",
                                     role=k.UnitRole.ADMINISTRATION(
                                         kind=k.AdministrationKind.SCHOOL(level=k.SchoolLevel.PRIMARY, staff_count=30),
                                         counterpart=None)))
                r.add_plan(hanoi.replaced(hanoi.SCHOOL_PLAN, id=f"plan-{t}-{i}", number=f"{10 + i}/KHPH-T{t}-CĐ",
                                          issuers=[school]))
                report = r.validate()
                assert report.counts.error == sum(f.severity == k.Severity.ERROR for f in report.findings)
                if i % 2:
                    r.remove_plan(f"plan-{t}-{i}")
        except Exception as e:  # noqa: BLE001 - reported below with the thread's number
            errors.append((t, e))

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert not errors
    assert r.unit_count() == 6 + threads * rounds
    assert r.plan_count() == 3 + threads * ((rounds + 1) // 2)


def test_dates_cross_as_datetime_date():
    r = hanoi.registry()
    plan = r.plan("tx-thcs-nc-2020")
    assert plan.issued_on == date(2020, 9, 28)
    assert plan.approvals[0].held_on == date(2020, 9, 25)
    window = k.school_year_window("2020-2021")
    assert (window.first_day, window.last_day) == (date(2020, 8, 1), date(2021, 7, 31))
    with pytest.raises(k.InvalidValueError.SchoolYear):
        k.school_year_window("2020-2022")


def test_rule_catalogue_and_overrides():
    rules = k.rule_catalogue(k.Profile.THREE_TIER2020)
    assert len(rules) == 27
    assert [x.code for x in rules] == sorted(x.code for x in rules)
    r = hanoi.registry()
    r.replace_plan(hanoi.replaced(hanoi.SCHOOL_PLAN, number="15/khph-THCSNC-CĐ"))
    assert [f.rule for f in r.validate().findings] == ["document-number-format"]
    r.set_override("document-number-format", k.Level.OFF)
    assert r.severity("document-number-format") is None
    assert r.validate().findings == []
    with pytest.raises(k.InvalidValueError.UnknownRule):
        r.set_override("no-such-rule", None)


def test_queries_that_name_nothing_raise_typed_errors():
    r = hanoi.registry()
    with pytest.raises(k.QueryError.UnknownPlan):
        r.ancestors("no-such-plan")
    with pytest.raises(k.QueryError.NotAdministration):
        r.schools_of("tx-ldld")
    with pytest.raises(k.QueryError.SchoolYear):
        r.schools_without_active_plan("tx-pgd", "2020")
