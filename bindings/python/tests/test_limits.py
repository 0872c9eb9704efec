"""One set of limits for loading and editing: nothing saved that cannot be loaded back (LimitsTest.kt)."""

from datetime import date

import pytest

import kehoach as k
from fixtures import Hanoi, replaced


def test_what_an_edit_accepts_loads_back_and_what_load_refuses_an_edit_refuses():
    registry = Hanoi.registry()
    before = registry.to_json()
    # 3,300 Vietnamese letters, 4,179 bytes of UTF-8: over the 4,096 bytes a load accepts.
    long = "à" * 879 + "a" * 2421
    assert (len(long), len(long.encode())) == (3300, 4179)
    with pytest.raises(k.EditError.Invalid) as e:
        registry.replace_plan(replaced(Hanoi.SCHOOL_PLAN, title=long))
    assert (e.value.subject, e.value.field) == ('plan "tx-thcs-nc-2020"', "title")
    assert "4179 bytes" in e.value.detail and "Limits::max_string_bytes" in e.value.detail
    assert registry.to_json() == before
    with pytest.raises(k.EditError.Invalid) as e:
        registry.add_plan(replaced(Hanoi.SCHOOL_PLAN, id="new", issuers=[f"u{i}" for i in range(10_001)]))
    assert e.value.field == "issuers"
    assert registry.to_json() == before

    at_limit = "ệ" * 1365 + "a"
    registry.replace_plan(replaced(Hanoi.SCHOOL_PLAN, title=at_limit))
    saved = registry.to_json()
    back = k.Registry.from_bytes(saved.encode())
    assert back.plan("tx-thcs-nc-2020").title == at_limit
    assert back.to_json() == saved


def test_a_negative_count_is_refused_by_name():
    registry = Hanoi.registry()
    before = registry.to_json()
    with pytest.raises(k.EditError.Invalid) as e:
        registry.replace_plan(replaced(Hanoi.SCHOOL_PLAN, approvals=[
            k.Approval.STAFF_CONFERENCE(date(2020, 9, 25), 48, -1, 37)]))
    assert e.value.field == "approvals[0].attendees"
    assert "-1 is negative" in e.value.detail
    with pytest.raises(k.EditError.Invalid) as e:
        registry.replace_unit(replaced(Hanoi.UNITS[4], role=k.UnitRole.ADMINISTRATION(
            k.AdministrationKind.SCHOOL(k.SchoolLevel.LOWER_SECONDARY, -48), None)))
    assert e.value.field == "staff_count"
    assert registry.to_json() == before


def test_limits_chosen_at_load_are_the_registrys():
    assert k.Limits().max_string_bytes == 4096
    registry = k.Registry.from_json_with_limits(Hanoi.registry().to_json(), k.Limits(max_plans=3))
    assert registry.limits().max_plans == 3
    assert registry.limits().max_list_items == 10_000
    with pytest.raises(k.EditError.TooManyPlans) as e:
        registry.add_plan(replaced(Hanoi.SCHOOL_PLAN, id="new"))
    assert e.value.limit == 3
    registry.remove_plan("tx-thcs-nc-2020")
    registry.add_plan(replaced(Hanoi.SCHOOL_PLAN, id="new"))

    with pytest.raises(k.LoadError.Invalid) as e:
        k.Registry.from_bytes_with_limits(Hanoi.registry().to_json().encode(), k.Limits(max_plans=2))
    assert e.value.path == "plans"
    document = Hanoi.registry().to_json().encode()
    with pytest.raises(k.LoadError.Invalid) as e:
        k.Registry.from_buffer(document, k.Limits(max_plans=2))
    assert e.value.path == "plans"
    assert k.Registry.from_buffer(document, k.Limits(max_plans=3)).limits().max_plans == 3
    assert k.Registry.from_buffer(document).limits() == k.Limits()
    with pytest.raises(k.LoadError.Limit) as e:
        k.Registry.from_json_with_limits("{}", k.Limits(max_units=-1))
    assert e.value.name == "max_units"
