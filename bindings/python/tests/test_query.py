"""Queries that name nothing, and what their records print (QueryTest.kt)."""

import datetime

import pytest

import kehoach as k
from fixtures import HANOI_DATA, Hanoi


def test_queries_that_name_nothing_throw_typed_exceptions():
    registry = Hanoi.registry()
    with pytest.raises(k.QueryError.UnknownPlan) as ancestors:
        registry.ancestors("no-such-plan")
    assert ancestors.value.id == "no-such-plan"
    with pytest.raises(k.QueryError.UnknownPlan):
        registry.descendants("")
    with pytest.raises(k.QueryError.UnknownPlan):
        registry.managing_unit_of("no-such-plan")
    with pytest.raises(k.QueryError.UnknownUnit) as unit:
        registry.schools_of("no-such-unit")
    assert unit.value.id == "no-such-unit"
    with pytest.raises(k.QueryError.NotAdministration) as union:
        registry.schools_of("tx-ldld")
    assert union.value.id == "tx-ldld"
    with pytest.raises(k.QueryError.SchoolYear) as year:
        registry.schools_without_active_plan("tx-pgd", "2020-2022")
    assert year.value.value == "2020-2022"
    with pytest.raises(k.InvalidValueError.SchoolYear):
        k.school_year_window("2020")
    # Look-ups that find nothing are not errors.
    assert registry.unit("no-such-unit") is None
    assert registry.parents("no-such-plan") == []


def test_records_and_enums_print_their_fields_and_names():
    registry = k.Registry.from_bytes(HANOI_DATA.read_bytes())
    [quorum] = [f for f in registry.validate().findings
                if f.severity == k.Severity.ERROR and f.subject.id == "tx-th-kg-2020"]
    text = repr(quorum)
    assert text.startswith("Finding("), text
    assert "severity=Severity.ERROR, subject=Subject(kind=SubjectKind.PLAN, id='tx-th-kg-2020')" in text, text
    assert str(quorum) == text
    assert repr(k.Severity.ERROR) == str(k.Severity.ERROR) == "Severity.ERROR"
    plan = registry.plan("tx-th-kg-2020")
    assert repr(plan).startswith("Plan(id='tx-th-kg-2020', title="), repr(plan)
    assert "status=PlanStatus.ISSUED" in repr(plan)
    assert "Approval.STAFF_CONFERENCE(held_on=datetime.date(2020, 9, " in repr(plan.approvals)
    assert repr(k.TreeScope.UNDER(plan="tx-17-2020")) == "TreeScope.UNDER(plan='tx-17-2020')"
    # What repr prints builds the same value again.
    assert eval(repr(plan), {"datetime": datetime, **vars(k)}) == plan
