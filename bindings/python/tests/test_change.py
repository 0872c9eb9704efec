"""Change, before and after: what-if and diff (ChangeTest.kt, ChangeTests.swift)."""

from datetime import date

import pytest

import kehoach as k
from fixtures import Hanoi, replaced


def test_what_if_the_district_withdraws_its_plan_shows_what_breaks_and_changes_nothing():
    with Hanoi.registry() as registry:
        json = registry.to_json()
        report = registry.validate()
        impact = registry.what_if([k.Edit.WITHDRAW_PLAN(id="tx-17-2020")])

        [appeared] = impact.findings.appeared
        assert appeared.rule == k.Rule.PARENT_PLAN_WITHDRAWN
        assert appeared.subject == k.Subject(kind=k.SubjectKind.PLAN, id="tx-thcs-nc-2020")
        assert appeared.severity == k.Severity.ERROR
        assert impact.findings.resolved == [] and impact.findings.changed == []

        [row] = impact.compliance
        assert (row.managing_unit, row.school_year) == ("tx-pgd", "2020-2021")
        assert (row.before.conforming, row.before.with_errors) == (1, 0)
        assert (row.after.conforming, row.after.with_errors) == (0, 1)

        assert registry.to_json() == json
        assert registry.validate() == report


def test_a_refused_what_if_edit_is_named_by_its_place_and_changes_nothing():
    with Hanoi.registry() as registry:
        json = registry.to_json()
        with pytest.raises(k.WhatIfError.Refused) as twice:
            registry.what_if([k.Edit.REMOVE_PLAN(id="tx-thcs-nc-2020"), k.Edit.REMOVE_PLAN(id="tx-thcs-nc-2020")])
        assert twice.value.index == 1
        assert twice.value.edit == 'remove plan "tx-thcs-nc-2020"'
        assert isinstance(twice.value.reason, k.EditError.UnknownPlan)
        assert twice.value.reason.id == "tx-thcs-nc-2020"
        assert str(twice.value) == ('edit 1 (remove plan "tx-thcs-nc-2020") was refused: '
                                    'there is no plan "tx-thcs-nc-2020"')

        with pytest.raises(k.WhatIfError.Refused) as bad_year:
            registry.what_if([k.Edit.REPLACE_PLAN(plan=replaced(Hanoi.SCHOOL_PLAN, school_year="2020-2022"))])
        assert bad_year.value.index == 0
        assert isinstance(bad_year.value.reason, k.EditError.Invalid)
        assert bad_year.value.reason.field == "school_year"
        assert registry.to_json() == json


def test_what_if_takes_every_kind_of_edit():
    with Hanoi.registry() as registry:
        new_school = k.OrgUnit(
            id="tx-th-kg", name="Trường Tiểu học Kim Giang", parent="tx-pgd",
            role=k.UnitRole.ADMINISTRATION(
                kind=k.AdministrationKind.SCHOOL(level=k.SchoolLevel.PRIMARY, staff_count=30), counterpart=None))
        impact = registry.what_if([
            k.Edit.ADD_UNIT(unit=new_school),
            k.Edit.REPLACE_UNIT(unit=replaced(new_school, name="Trường Tiểu học Kim Giang (mới)")),
            k.Edit.ADD_PLAN(plan=replaced(Hanoi.SCHOOL_PLAN, id="tx-th-kg-2020", issuers=["tx-th-kg"])),
            k.Edit.REMOVE_PLAN(id="tx-th-kg-2020"),
            k.Edit.REMOVE_UNIT(id="tx-th-kg"),
            k.Edit.SET_OVERRIDE(rule=k.Rule.PLAN_ISSUERS, level=k.Level.OFF),
            k.Edit.SET_PROFILE(profile=k.Profile.THREE_TIER2020),
        ])
        # Everything added is removed again, and no plan breaks the rule turned off: nothing would change.
        assert impact.findings.appeared == [] and impact.compliance == [], impact
        json = registry.what_if_to_json([k.Edit.SET_OVERRIDE(rule=k.Rule.STAFF_CONFERENCE_QUORUM, level=k.Level.OFF)])
        assert '"format": "kehoach/what-if@1"' in json and '"changes": false' in json, json
        vi = registry.what_if_text([k.Edit.WITHDRAW_PLAN(id="tx-17-2020")], k.Language.VI)
        assert 'rút kế hoạch "tx-17-2020"' in vi and "parent-plan-withdrawn" in vi, vi


def test_diff_names_what_changed_field_by_field_and_what_it_fixed_or_broke():
    with Hanoi.registry() as old, old.copy() as new:
        empty = k.Diff(profile=None, overrides=[], units=[], plans=[],
                       findings=k.FindingsDelta(appeared=[], resolved=[], changed=[]), compliance=[], edits=[])
        assert old.diff(new) == empty
        assert old.diff(old).plans == []

        new.replace_plan(replaced(Hanoi.SCHOOL_PLAN, number="16/KHPH-THCSNC-CĐ",
                                  approvals=[k.Approval.STAFF_CONFERENCE(date(2020, 9, 25), 48, 20, 19)]))
        new.set_override(k.Rule.SCHOOL_WITHOUT_PLAN, k.Level.OFF)
        diff = old.diff(new)
        [plan] = diff.plans
        assert (plan.id, plan.kind) == ("tx-thcs-nc-2020", k.EntryChangeKind.CHANGED)
        assert [f.field for f in plan.fields] == ["number", "approvals"]
        assert (plan.fields[0].old, plan.fields[0].new) == ('"15/KHPH-THCSNC-CĐ"', '"16/KHPH-THCSNC-CĐ"')
        assert plan.old == Hanoi.SCHOOL_PLAN
        assert diff.overrides == [k.OverrideChange(rule=k.Rule.SCHOOL_WITHOUT_PLAN, old=None, new=k.Level.OFF)]
        [appeared] = diff.findings.appeared
        assert appeared.rule == k.Rule.STAFF_CONFERENCE_QUORUM
        [row] = diff.compliance
        assert row.after.with_errors == 1

        new.remove_plan("tx-thcs-nc-2020")
        [removed] = old.diff(new).plans
        assert removed.kind == k.EntryChangeKind.REMOVED
        assert removed.new is None
        assert '"change": "removed"' in old.diff_to_json(new)
        assert '- plan "tx-thcs-nc-2020" removed' in old.diff_text(new, k.Language.EN)


def test_applying_a_diffs_edits_makes_the_old_registry_save_as_the_new_one_and_is_all_or_nothing():
    with Hanoi.registry() as old, old.copy() as new:
        new.remove_plan("tx-thcs-nc-2020")
        new.replace_unit(replaced(Hanoi.UNITS[4], name="Trường THCS Nhân Chính (mới)"))
        new.set_override(k.Rule.SCHOOL_WITHOUT_PLAN, k.Level.OFF)
        diff = old.diff(new)
        assert len(diff.edits) == 3, diff.edits
        with old.copy() as target:
            target.apply_edits(diff.edits)
            assert target.to_json() == new.to_json()
            assert target.validate() == new.validate()
        json = old.to_json()
        with pytest.raises(k.WhatIfError.Refused) as refused:
            old.apply_edits(diff.edits + [k.Edit.REMOVE_PLAN(id="no-such-plan")])
        assert refused.value.index == 3
        assert isinstance(refused.value.reason, k.EditError.UnknownPlan)
        assert old.to_json() == json
