"""When a registry is freed (LifecycleTest.kt): `close()` or the end of a `with` block frees it at once, and a closed
registry refuses every call with a ValueError (as a closed file does); otherwise the Rust side is freed in
`__del__`, when the last Python reference goes."""

import gc
import threading
import weakref

import pytest

import kehoach as k
from fixtures import Hanoi


def test_use_closes_the_registry_and_a_closed_registry_refuses_calls():
    registry = k.Registry(k.Profile.TWO_TIER2025)
    with registry as r:
        assert r is registry
        r.add_unit(Hanoi.UNITS[1])
        assert not r.closed
        count = r.unit_count()
    assert count == 1
    assert registry.closed
    with pytest.raises(ValueError, match="closed") as e:
        registry.unit_count()
    assert "Registry" in str(e.value)
    with pytest.raises(ValueError, match="closed"):
        registry.add_unit(Hanoi.UNITS[0])
    with pytest.raises(ValueError, match="closed"):
        registry.copy()
    with pytest.raises(ValueError, match="closed"):
        with registry:
            pass
    registry.close()  # closing twice is harmless
    assert "closed" in repr(registry)


def test_a_with_block_that_raises_still_closes_the_registry_and_the_error_goes_on():
    registry = Hanoi.registry()
    with pytest.raises(k.EditError.DuplicatePlan):
        with registry:
            registry.add_plan(Hanoi.SCHOOL_PLAN)
    assert registry.closed


def test_closing_while_other_threads_call_frees_once_and_each_call_either_runs_or_is_refused():
    registry = Hanoi.registry()
    results: list[str] = []
    start = threading.Barrier(5)

    def call() -> None:
        start.wait()
        for _ in range(200):
            try:
                results.append("ran" if registry.validate().conforms else "wrong")
            except ValueError:
                results.append("refused")

    threads = [threading.Thread(target=call) for _ in range(4)]
    for t in threads:
        t.start()
    start.wait()
    registry.close()
    for t in threads:
        t.join()
    assert set(results) <= {"ran", "refused"}
    assert len(results) == 800
    assert registry.closed
    with pytest.raises(ValueError, match="closed"):
        registry.validate()


def test_freeing_a_registry_leaves_its_copies_alive():
    registry = Hanoi.registry()
    copy = registry.copy()
    freed = weakref.ref(registry)
    del registry  # the last reference: __del__ frees the Rust side now (CPython counts references)
    gc.collect()
    assert freed() is None
    assert copy.plan_count() == 3
    assert copy.validate().conforms
    copy.remove_plan("tx-thcs-nc-2020")
    assert copy.plan_count() == 2
