"""One registry shared between threads (ConcurrencyTest.kt). Every call into the library releases the GIL (the
generated module calls it through ctypes.CDLL), so the threads run in the library at the same time."""

import gc
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

import kehoach as k
from fixtures import FAR_FUTURE, Hanoi, hanoi_data, replaced


def test_several_threads_validate_and_edit_one_registry_at_once():
    threads, rounds = 8, 25
    registry = Hanoi.registry()
    start = threading.Event()

    def work(t: int) -> int:
        start.wait()
        seen = 0
        for i in range(rounds):
            school = f"school-{t}-{i}"
            registry.add_unit(k.OrgUnit(id=school, name=f"Trường {t}-{i}", parent="tx-pgd",
                                        role=k.UnitRole.ADMINISTRATION(
                                            kind=k.AdministrationKind.SCHOOL(level=k.SchoolLevel.PRIMARY,
                                                                             staff_count=30))))
            registry.add_plan(replaced(Hanoi.SCHOOL_PLAN, id=f"plan-{t}-{i}", number=f"{10 + i}/KHPH-T{t}-CĐ",
                                       issuers=[school],
                                       approvals=[k.Approval.STAFF_CONFERENCE(date(2020, 9, 25), 30, 25, 20)]))
            report = registry.validate()
            # Every report is of a consistent registry: counts match the findings it lists.
            assert report.counts.error == sum(f.severity == k.Severity.ERROR for f in report.findings)
            seen += len(report.findings)
            if i % 2 == 1:
                registry.remove_plan(f"plan-{t}-{i}")
        return seen

    with ThreadPoolExecutor(threads) as pool:
        futures = [pool.submit(work, t) for t in range(threads)]
        start.set()
        # result() raises what a thread raised: every assertion inside the threads counts.
        assert all(f.result(timeout=60) >= 0 for f in futures)

    assert registry.unit_count() == 6 + threads * rounds
    assert registry.plan_count() == 3 + threads * ((rounds + 1) // 2)
    report = registry.validate()
    # Each remaining school plan lacks a union co-issuer: one plan-issuers finding each, nothing else broken.
    remaining = {p.id for p in registry.plans() if p.id.startswith("plan-")}
    assert {f.subject.id for f in report.findings if f.rule == k.Rule.PLAN_ISSUERS} == remaining
    assert k.Registry.from_json(registry.to_json()).validate() == report


def test_readers_and_writers_stress_one_registry_at_once():
    """6 writers add, replace and remove their own plans (and try ids that all of them want, and edits that must be
    refused) while 10 readers validate, query, export, save and copy, all on one registry. At the end the registry
    holds exactly what the writers left, saves to JSON that loads and judges the same, and once every other thread
    is done its last reference goes: it is freed, and its copies live on."""
    writers, readers, rounds, contested = 6, 10, 40, 12
    registry = hanoi_data()
    hanoi_plans = {p.id for p in registry.plans()}
    base = registry.plan("tx-th-kg-2020")
    start = threading.Event()

    def writer(w: int) -> tuple[set[str], list[int]]:
        start.wait()
        registry.add_unit(k.OrgUnit(id=f"school-w{w}", name=f"Trường Tiểu học số {w}", parent="tx-pgd",
                                    role=k.UnitRole.ADMINISTRATION(
                                        kind=k.AdministrationKind.SCHOOL(level=k.SchoolLevel.PRIMARY, staff_count=40),
                                        counterpart=f"school-w{w}-cd")))
        registry.add_unit(k.OrgUnit(id=f"school-w{w}-cd", name=f"Công đoàn Trường Tiểu học số {w}",
                                    parent="tx-ldld", role=k.UnitRole.UNION(kind=k.UnionKind.GRASSROOTS_UNION)))
        kept, won = set(), []
        for i in range(rounds):
            plan = replaced(base, id=f"w{w}-{i}", number=f"{10 + i}/KHPH-W{w}-CĐ",
                            issuers=[f"school-w{w}", f"school-w{w}-cd"],
                            approvals=[k.Approval.STAFF_CONFERENCE(date(2020, 9, 20), 40, 35, 30, 0)])
            registry.add_plan(plan)
            # Held again with too few attending: the replaced plan comes back.
            again = replaced(plan, approvals=[k.Approval.STAFF_CONFERENCE(date(2020, 9, 21), 40, 12, 10)])
            assert registry.replace_plan(again) == plan
            if i % 3 == 0:
                registry.remove_plan(plan.id)
            else:
                kept.add(plan.id)
            # Edits that must be refused, in the middle of everyone else's.
            with pytest.raises(k.EditError.DuplicatePlan) as dup:
                registry.add_plan(base)
            assert dup.value.id == base.id
            with pytest.raises(k.EditError.UnknownPlan):
                registry.remove_plan(f"w{w}-gone-{i}")
            with pytest.raises(k.EditError.Invalid) as bad:
                registry.add_plan(replaced(plan, id=f"w{w}-bad-{i}", school_year="2020-2022"))
            assert bad.value.field == "school_year"
            with pytest.raises(k.EditError.Invalid):
                registry.add_plan(replaced(plan, id=f"w{w}-late-{i}", issued_on=FAR_FUTURE))
            if i < contested:
                try:
                    registry.add_plan(replaced(plan, id=f"shared-{i}"))
                    won.append(i)
                except k.EditError.DuplicatePlan as e:
                    assert e.id == f"shared-{i}"
        return kept, won

    def reader(n: int) -> int:
        start.wait()
        checks = 0
        for i in range(rounds):
            report = registry.validate()
            errors = sum(f.severity == k.Severity.ERROR for f in report.findings)
            assert report.counts.error == errors
            assert report.conforms == (errors == 0)
            assert any(f.rule == k.Rule.STAFF_CONFERENCE_QUORUM and f.subject.id == "tx-th-kg-2020" for f in report.findings)
            assert [p.id for p in registry.ancestors("tx-th-kg-2020")] == ["tx-17-2020", "hn-2731-2020"]
            ids = [p.id for p in registry.plans()]
            assert len(ids) == len(set(ids))
            match (n + i) % 4:
                case 0:
                    json = registry.to_json()
                    assert k.Registry.from_json(json).to_json() == json
                case 1:
                    assert "tx-th-kg-2020" in registry.dot(k.TreeScope.UNDER(plan="tx-17-2020"))
                    assert "hn-2731-2020" in registry.mermaid(k.TreeScope.SCHOOL_YEAR(school_year="2020-2021"))
                case 2:
                    assert registry.compliance_table(k.TableFormat.CSV, k.Language.EN).startswith("managing_unit,")
                    assert any(c.managing_unit == "tx-pgd" for c in registry.compliance())
                case _:
                    assert "tx-th-kg-2020" in registry.text_report(k.Language.VI)
                    copy = registry.copy()
                    copy.remove_plan("tx-th-kg-2020")
                    assert copy.plan("tx-th-kg-2020") is None
                    assert registry.plan("tx-th-kg-2020") is not None
            checks += 1
        return checks

    with ThreadPoolExecutor(writers + readers) as pool:
        writer_jobs = [pool.submit(writer, w) for w in range(writers)]
        reader_jobs = [pool.submit(reader, n) for n in range(readers)]
        start.set()
        # result() raises what a thread raised: every assertion inside the threads counts.
        results = [job.result(timeout=120) for job in writer_jobs]
        assert sum(job.result(timeout=120) for job in reader_jobs) == readers * rounds

    # Every other thread is done: check the registry, then let it go.
    kept = set().union(*(kept for kept, _ in results))
    wins = sorted(i for _, won in results for i in won)
    assert wins == list(range(contested))  # each contested id was won exactly once
    assert {p.id for p in registry.plans()} == hanoi_plans | kept | {f"shared-{i}" for i in range(contested)}
    assert registry.unit_count() == 14 + 2 * writers
    json = registry.to_json()
    report = registry.validate()
    for plan_id in kept:
        assert any(f.rule == k.Rule.STAFF_CONFERENCE_QUORUM and f.subject.id == plan_id for f in report.findings), plan_id
    copy = registry.copy()
    fresh = k.Registry.from_json(json)
    assert fresh.to_json() == json
    assert fresh.validate() == report
    assert fresh.text_report(k.Language.EN) == registry.text_report(k.Language.EN)

    freed = weakref.ref(registry)
    del registry  # the last reference (the threads' functions share it and are done): __del__ frees it
    gc.collect()
    assert freed() is None
    assert copy.to_json() == json
    assert copy.validate() == report
