"""The Hanoi branch built in Python, the implementation tree, saving and loading, dates and NFC text
(HierarchyTest.kt)."""

from datetime import date

import kehoach as k
from fixtures import Hanoi


def test_the_hanoi_hierarchy_built_in_python_conforms_and_reads_back_as_built():
    registry = Hanoi.registry()
    assert registry.unit_count() == 6
    assert registry.plan_count() == 3
    assert registry.units() == Hanoi.UNITS
    assert registry.plans() == Hanoi.PLANS
    assert registry.plan("tx-thcs-nc-2020") == Hanoi.SCHOOL_PLAN
    assert registry.plan("no-such-plan") is None

    report = registry.validate()
    assert report.conforms, report.findings
    assert report.counts == k.Counts(error=0, warning=0, info=0)
    assert report.findings == []


def test_the_implementation_tree_and_the_managing_units_are_the_cores():
    registry = Hanoi.registry()
    assert [p.id for p in registry.ancestors("tx-thcs-nc-2020")] == ["tx-17-2020", "hn-2731-2020"]
    assert [p.id for p in registry.descendants("hn-2731-2020")] == ["tx-17-2020", "tx-thcs-nc-2020"]
    assert [p.id for p in registry.parents("tx-thcs-nc-2020")] == ["tx-17-2020"]
    assert [p.id for p in registry.children("tx-17-2020")] == ["tx-thcs-nc-2020"]
    assert [u.id for u in registry.schools_of("tx-pgd")] == ["tx-thcs-nc"]
    assert registry.administration_issuer_of("tx-thcs-nc-2020").id == "tx-thcs-nc"
    assert registry.managing_unit_of("tx-thcs-nc-2020").id == "tx-pgd"
    assert registry.schools_without_active_plan("tx-pgd", "2020-2021") == []
    assert [u.id for u in registry.schools_without_active_plan("tx-pgd", "2021-2022")] == ["tx-thcs-nc"]

    [compliance] = [c for c in registry.compliance() if c.managing_unit == "tx-pgd"]
    assert compliance.school_year == "2020-2021"
    assert compliance.schools == 1
    assert compliance.conforming == 1
    assert compliance.percent_conforming == 100.0


def test_saving_and_loading_again_gives_the_same_registry():
    registry = Hanoi.registry()
    json = registry.to_json()
    assert f'"format": "{k.registry_format()}"' in json, json
    again = k.Registry.from_json(json)
    assert again.units() == registry.units()
    assert again.plans() == registry.plans()
    assert again.to_json() == json
    from_bytes = k.Registry.from_bytes(json.encode("utf-8"))
    assert from_bytes.plans() == registry.plans()


def test_dates_cross_as_calendar_days():
    registry = Hanoi.registry()
    plan = registry.plan("tx-thcs-nc-2020")
    assert type(plan.issued_on) is date
    assert plan.issued_on == date(2020, 9, 28)
    [conference] = plan.approvals
    assert isinstance(conference, k.Approval.STAFF_CONFERENCE)
    assert conference.held_on == date(2020, 9, 25)
    assert conference.staff_total == 48

    window = k.school_year_window("2020-2021")
    assert window.first_day == date(2020, 8, 1)
    assert window.last_day == date(2021, 7, 31)


def test_text_typed_in_decomposed_form_is_stored_and_found_in_nfc():
    registry = k.Registry(k.Profile.THREE_TIER2020)
    name = "Trường THCS Nhân Chi\u0301nh"  # "í" written as i + combining acute (as a macOS file name hands it over)
    registry.add_unit(k.OrgUnit(id="ca\u0300", name=name, role=k.UnitRole.UNION(kind=k.UnionKind.GRASSROOTS_UNION)))
    stored = registry.unit("c\u00e0")
    assert stored is not None
    assert stored.id == "c\u00e0"
    assert stored.name == "Trường THCS Nhân Chính"
    assert stored.name != name
    assert registry.unit("ca\u0300") == stored
