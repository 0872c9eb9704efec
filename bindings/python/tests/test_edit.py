"""Edits: refusals that change nothing, replacing and removing, copies (EditTest.kt)."""

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
    assert quorum.rule == "staff-conference-quorum"
    assert quorum.subject == k.Subject(kind=k.SubjectKind.PLAN, id="tx-thcs-nc-2020")

    assert registry.remove_plan("tx-thcs-nc-2020") == quorumless
    assert registry.plan_count() == 2

    removed = registry.remove_unit("tx-ldld")
    assert removed.role == k.UnitRole.UNION(kind=k.UnionKind.LABOUR_FEDERATION)
    dangling = registry.validate()
    assert not dangling.conforms
    assert any(f.rule == "unit-unknown-reference" and f.subject.id == "tx-pgd" for f in dangling.findings)

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
        k.rule_info("no-such-rule", k.Profile.THREE_TIER2020)
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
