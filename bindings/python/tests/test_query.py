"""Queries that name nothing (QueryTest.kt)."""

import pytest

import kehoach as k
from fixtures import Hanoi


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
