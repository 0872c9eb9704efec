"""The Python snippets of the README, as written there: the tour (TourTest.kt does the same for the Kotlin one) and the
app example of "Python (a wheel, with pip)". The lines between the markers, dedented, are the README's
(bindings/checks/test_scenarios.py compares them). They run from the repository's root, as a user in a checkout
would run them."""

import pytest

import kehoach as k
from fixtures import REPO


def test_the_readme_tour_runs_as_written(monkeypatch, capsys):
    monkeypatch.chdir(REPO)

    # ---- README: Python tour ----
    from datetime import date
    from pathlib import Path

    from kehoach import Approval, Edit, EditError, Registry, Severity

    registry = Registry.from_bytes(Path("examples/data/hanoi-2020-2021.json").read_bytes())
    for f in registry.validate().findings:
        print(f"{f.severity.name} {f.rule.code} {f.subject.id}: {f.message.vi}")
    # staff-conference-quorum on tx-th-kg-2020: 39 of 60 staff attended. The conference is held again.
    plan = registry.plan("tx-th-kg-2020")
    again = Approval.STAFF_CONFERENCE(held_on=date(2020, 9, 23), staff_total=60, attendees=52, votes_for=50)
    plan.approvals.append(again)
    registry.replace_plan(plan)
    assert not any(f.severity == Severity.ERROR for f in registry.validate().findings)
    # What if the district withdrew its plan? Nothing changes; the impact says what would break.
    impact = registry.what_if([Edit.WITHDRAW_PLAN(id="tx-17-2020")])
    print(f"withdrawing tx-17-2020: {len(impact.findings.appeared)} new findings")
    try:
        registry.add_plan(plan)  # the id is taken: refused, and nothing changes
    except EditError.DuplicatePlan as e:
        print("refused:", e.id)
    # ---- end of the README snippet ----

    printed = capsys.readouterr().out.splitlines()
    assert any(line.startswith("ERROR staff-conference-quorum tx-th-kg-2020: ") for line in printed), printed
    assert printed[-1] == "refused: tx-th-kg-2020"
    assert "withdrawing tx-17-2020: 5 new findings" in printed, printed
    saved = k.Registry.from_json(registry.to_json())
    assert len(saved.plan("tx-th-kg-2020").approvals) == 2
    assert saved.validate().conforms


def test_the_readme_python_app_example_runs_as_written(monkeypatch, capsys):
    monkeypatch.chdir(REPO)

    # ---- README: Python app ----
    import dataclasses
    from datetime import date
    from pathlib import Path

    from kehoach import Approval, Registry

    with Registry.from_bytes(Path("examples/data/hanoi-2020-2021.json").read_bytes()) as registry:
        plan = registry.plan("tx-th-kg-2020")
        print(plan)  # Plan(id='tx-th-kg-2020', title='Kế hoạch phối hợp ...', status=PlanStatus.ISSUED, ...)
        again = Approval.STAFF_CONFERENCE(held_on=date(2020, 9, 23), staff_total=60, attendees=52, votes_for=50)
        registry.replace_plan(dataclasses.replace(plan, approvals=[*plan.approvals, again]))
        assert registry.validate().conforms
        try:
            registry.replace_plan(dataclasses.replace(plan, issued_on="2020-09-04"))
        except TypeError as e:
            print(e)  # Plan.issued_on must be a datetime.date or None, not str '2020-09-04'
    # Closed here: its Rust side is freed, and a call on it now raises ValueError.
    # ---- end of the README snippet ----

    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("Plan(id='tx-th-kg-2020', title='Kế hoạch phối hợp"), printed[0]
    assert "status=PlanStatus.ISSUED" in printed[0]
    assert printed[-1] == "Plan.issued_on must be a datetime.date or None, not str '2020-09-04'"
    assert registry.closed
    with pytest.raises(ValueError, match="closed"):
        registry.plan_count()
