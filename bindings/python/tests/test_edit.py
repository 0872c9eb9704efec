"""Edits: refusals that change nothing, replacing and removing, copies, records as values (EditTest.kt); and, in
Python only, values of the wrong type refused with a TypeError naming the field."""

import dataclasses
from datetime import date

import pytest

import kehoach as k
from fixtures import FAR_FUTURE, Hanoi, replaced


def refused_and_unchanged(registry: k.Registry, error: type[BaseException], edit) -> BaseException:
    """Runs `edit`, which must raise `error`, and checks that the registry is exactly as before."""
    json = registry.to_json()
    report = registry.validate()
    with pytest.raises(error) as caught:
        edit()
    assert registry.to_json() == json
    assert registry.validate() == report
    return caught.value


def test_an_edit_that_fails_leaves_the_registry_unchanged():
    registry = Hanoi.registry()
    dup = refused_and_unchanged(registry, k.EditError.DuplicatePlan, lambda: registry.add_plan(Hanoi.SCHOOL_PLAN))
    assert dup.id == "tx-thcs-nc-2020"

    refused_and_unchanged(registry, k.EditError.DuplicateUnit, lambda: registry.add_unit(Hanoi.UNITS[0]))

    too_many = refused_and_unchanged(registry, k.EditError.Invalid, lambda: registry.replace_plan(
        replaced(Hanoi.SCHOOL_PLAN, approvals=[
            k.Approval.STAFF_CONFERENCE(date(2020, 9, 25), 48, 40, 37),
            k.Approval.STAFF_CONFERENCE(date(2020, 9, 26), 2_000_000, 40, 37),
        ])))
    assert too_many.subject == 'plan "tx-thcs-nc-2020"'
    assert too_many.field == "approvals[1].staff_total"
    assert "2000000" in too_many.detail, too_many.detail

    bad_year = refused_and_unchanged(registry, k.EditError.Invalid, lambda: registry.add_plan(
        replaced(Hanoi.SCHOOL_PLAN, id="new", school_year="2020-2022")))
    assert bad_year.field == "school_year"

    twice = refused_and_unchanged(registry, k.EditError.Invalid, lambda: registry.add_plan(
        replaced(Hanoi.SCHOOL_PLAN, id="new",
                 content_areas=[k.ContentArea(code="1", title="A"), k.ContentArea(code="1", title="B")])))
    assert twice.field == "content_areas[1].code"

    empty = refused_and_unchanged(registry, k.EditError.Invalid,
                                  lambda: registry.replace_unit(replaced(Hanoi.UNITS[4], name="")))
    assert empty.field == "name"

    # A day past 9999 (no Python date holds one: see fixtures.DateBeyond9999) is refused, not a crash.
    far_future = refused_and_unchanged(registry, k.EditError.Invalid, lambda: registry.add_plan(
        replaced(Hanoi.SCHOOL_PLAN, id="new", issued_on=FAR_FUTURE)))
    assert far_future.field == "date"

    refused_and_unchanged(registry, k.EditError.UnknownPlan, lambda: registry.remove_plan("no-such-plan"))
    refused_and_unchanged(registry, k.EditError.UnknownUnit,
                          lambda: registry.replace_unit(replaced(Hanoi.UNITS[0], id="no-such-unit")))


def test_replacing_and_removing_return_the_old_record_and_the_rules_follow():
    registry = Hanoi.registry()
    quorumless = replaced(Hanoi.SCHOOL_PLAN, approvals=[k.Approval.STAFF_CONFERENCE(date(2020, 9, 25), 48, 20, 19)])
    assert registry.replace_plan(quorumless) == Hanoi.SCHOOL_PLAN
    [quorum] = registry.validate().findings
    assert quorum.rule == k.Rule.STAFF_CONFERENCE_QUORUM
    assert quorum.subject == k.Subject(kind=k.SubjectKind.PLAN, id="tx-thcs-nc-2020")

    assert registry.remove_plan("tx-thcs-nc-2020") == quorumless
    assert registry.plan_count() == 2

    removed = registry.remove_unit("tx-ldld")
    assert removed.role == k.UnitRole.UNION(kind=k.UnionKind.LABOUR_FEDERATION)
    dangling = registry.validate()
    assert not dangling.conforms
    assert any(f.rule == k.Rule.UNIT_UNKNOWN_REFERENCE and f.subject.id == "tx-pgd" for f in dangling.findings)

    registry.add_unit(removed)
    registry.add_plan(Hanoi.SCHOOL_PLAN)
    assert registry.validate().conforms


def test_an_error_says_the_librarys_sentence():
    registry = Hanoi.registry()
    with pytest.raises(k.EditError.DuplicatePlan) as caught:
        registry.add_plan(Hanoi.SCHOOL_PLAN)
    duplicate = caught.value
    assert str(duplicate) == 'plan "tx-thcs-nc-2020" already exists; replace it or remove it first'
    assert duplicate.id == "tx-thcs-nc-2020"
    assert repr(duplicate) == f"EditError.DuplicatePlan({duplicate})"

    with pytest.raises(k.EditError.Invalid) as invalid:
        registry.replace_unit(replaced(Hanoi.UNITS[4], name=""))
    e = invalid.value
    assert str(e) == f"{e.subject}, field {e.field}: {e.detail}"
    assert e.field == "name"
    with pytest.raises(k.QueryError.UnknownPlan) as query:
        registry.ancestors("no-such-plan")
    assert str(query.value) == 'there is no plan "no-such-plan"'
    with pytest.raises(k.InvalidValueError.UnknownRule) as rule:
        k.rule_from_code("no-such-rule")
    assert str(rule.value) == 'there is no rule "no-such-rule"'
    # An error made in Python says the same as one the library raised.
    assert str(k.EditError.DuplicatePlan("tx-thcs-nc-2020")) == str(duplicate)


def test_a_text_with_a_lone_surrogate_is_refused_and_changes_nothing():
    cut = "Kế hoạch \ud83d"  # a title cut in the middle of an emoji (U+1F4DA is \ud83d\udcda in UTF-16)
    registry = Hanoi.registry()
    edit = refused_and_unchanged(registry, ValueError, lambda: registry.replace_plan(
        replaced(Hanoi.SCHOOL_PLAN, title=cut)))
    assert str(edit) == (
        'the text "Kế hoạch \\uD83D" is not valid Unicode: it holds a lone surrogate (\\uD83D at index 9), '
        "half of a character such as an emoji, as when a text is cut in the middle of one; "
        "nothing was sent to the library"
    )
    refused_and_unchanged(registry, ValueError, lambda: registry.add_unit(
        replaced(Hanoi.UNITS[4], id="new", name="\udcda Trường")))
    look_up = refused_and_unchanged(registry, ValueError, lambda: registry.plan("tx-17-2020\ud83d"))
    assert "tx-17-2020\\uD83D" in str(look_up), str(look_up)
    refused_and_unchanged(registry, ValueError, lambda: registry.remove_plan("tx-17-2020\ud83d"))
    # Both halves are refused too: a Python str holds the emoji as one code point, never as a surrogate pair.
    refused_and_unchanged(registry, ValueError, lambda: registry.replace_plan(
        replaced(Hanoi.SCHOOL_PLAN, title=cut + "\udcda")))
    # The whole character is fine.
    registry.replace_plan(replaced(Hanoi.SCHOOL_PLAN, title="Kế hoạch \U0001F4DA"))
    assert registry.plan("tx-thcs-nc-2020").title == "Kế hoạch \U0001F4DA"


def test_copies_are_independent():
    registry = Hanoi.registry()
    copy = registry.copy()
    copy.remove_plan("tx-thcs-nc-2020")
    assert copy.plan_count() == 2
    assert registry.plan_count() == 3
    registry.remove_unit("tx-ldld")
    assert registry.unit_count() == 5
    assert copy.unit("tx-ldld") == Hanoi.UNITS[3]


def test_records_copy_with_a_changed_field_and_compare_and_hash_by_value():
    plan = Hanoi.SCHOOL_PLAN
    same = dataclasses.replace(plan)
    assert same == plan and same is not plan
    assert hash(same) == hash(plan)  # lists hash as tuples
    changed = dataclasses.replace(plan, title="Kế hoạch phối hợp (sửa đổi)")
    assert changed != plan
    assert changed.title == "Kế hoạch phối hợp (sửa đổi)" and plan.title != changed.title
    assert changed.approvals == plan.approvals
    assert len({plan, same, changed}) == 2
    assert {plan: "first"}[same] == "first"
    assert plan != None  # noqa: E711 - comparing with another type is False, not an error
    assert plan != "tx-thcs-nc-2020"
    assert [f.name for f in dataclasses.fields(plan)][:4] == ["id", "title", "school_year", "status"]
    assert dataclasses.asdict(plan)["approvals"][0]["staff_total"] == 48

    # Enum variants with fields are records too.
    staff = plan.approvals[0]
    fewer = dataclasses.replace(staff, attendees=20)
    assert (fewer.attendees, fewer.staff_total) == (20, 48)
    assert fewer != staff and fewer == dataclasses.replace(staff, attendees=20)
    assert isinstance(fewer, k.Approval.STAFF_CONFERENCE) and isinstance(fewer, k.Approval)
    assert fewer != k.Approval.SIGNING(held_on=staff.held_on)

    registry = Hanoi.registry()
    registry.replace_plan(dataclasses.replace(plan, approvals=[fewer]))
    assert registry.plan(plan.id).approvals == [fewer]
    assert registry.plan(plan.id) != plan


def test_a_date_given_as_text_is_refused_with_a_type_error_naming_the_field_and_nothing_changes():
    registry = Hanoi.registry()
    error = refused_and_unchanged(registry, TypeError, lambda: registry.replace_plan(
        replaced(Hanoi.SCHOOL_PLAN, issued_on="2020-09-04")))
    assert str(error) == "Plan.issued_on must be a datetime.date or None, not str '2020-09-04'"

    nested = refused_and_unchanged(registry, TypeError, lambda: registry.add_plan(replaced(
        Hanoi.SCHOOL_PLAN, id="new", approvals=[Hanoi.SCHOOL_PLAN.approvals[0], k.Approval.SIGNING(held_on="2020-09-30")])))
    assert str(nested) == "Plan.approvals[1].held_on must be a datetime.date, not str '2020-09-30'"

    review = refused_and_unchanged(registry, TypeError, lambda: registry.add_plan(replaced(
        Hanoi.SCHOOL_PLAN, id="new", reviews=[k.Review(kind=k.ReviewKind.MID_YEAR, held_on=20210120)])))
    assert str(review) == "Plan.reviews[0].held_on must be a datetime.date, not int 20210120"


def test_values_of_the_wrong_type_are_refused_with_a_type_error_naming_the_field():
    registry = Hanoi.registry()
    staff = Hanoi.SCHOOL_PLAN.approvals[0]
    cases = [
        (lambda: registry.add_plan("tx-thcs-nc-2020"), "expected Plan, not str 'tx-thcs-nc-2020'"),
        (lambda: registry.add_plan(None), "expected Plan, not NoneType None"),
        # A str is iterable, so the generated code alone would send "tx-pgd" as six one-letter ids.
        (lambda: registry.add_plan(replaced(Hanoi.SCHOOL_PLAN, id="new", issuers="tx-pgd")),
         "Plan.issuers must be a list of str, not str 'tx-pgd'"),
        (lambda: registry.replace_plan(replaced(Hanoi.SCHOOL_PLAN, approvals=[replaced(staff, staff_total="48")])),
         "Plan.approvals[0].staff_total must be int, not str '48'"),
        (lambda: registry.replace_plan(replaced(Hanoi.SCHOOL_PLAN, approvals=[replaced(staff, votes_for=True)])),
         "Plan.approvals[0].votes_for must be int, not bool True"),
        (lambda: registry.replace_plan(replaced(Hanoi.SCHOOL_PLAN, status="issued")),
         "Plan.status must be PlanStatus, not str 'issued'"),
        (lambda: registry.replace_unit(replaced(Hanoi.UNITS[4], role=k.UnitRole.ADMINISTRATION(
            kind=k.AdministrationKind.SCHOOL(level="THCS", staff_count=48), counterpart="tx-thcs-nc-cd"))),
         "OrgUnit.role.kind.level must be SchoolLevel, not str 'THCS'"),
    ]
    for edit, message in cases:
        error = refused_and_unchanged(registry, TypeError, edit)
        assert str(error) == message
