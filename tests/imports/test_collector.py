"""The cycle collector is paused while an import runs, and is back on when the last one ends."""

import gc
import threading

import pytest

from imports.collector import paused_collector


@paused_collector
def collector_state(inner=None) -> list[bool]:
    states = [gc.isenabled()]
    if inner:
        states += inner()
    states.append(gc.isenabled())
    return states


@pytest.fixture
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_during_an_import_and_on_after_it(collector_on):
    assert collector_state() == [False, False]
    assert gc.isenabled()


def test_an_import_inside_another_leaves_it_off_until_the_outer_one_ends(collector_on):
    assert collector_state(inner=collector_state) == [False, False, False, False]
    assert gc.isenabled()


def test_a_failing_import_switches_it_on_again(collector_on):
    @paused_collector
    def failing():
        raise ValueError("bad row")

    with pytest.raises(ValueError):
        failing()
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    try:
        collector_state()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_two_imports_in_two_threads_switch_it_on_when_the_second_ends(collector_on):
    first_inside, second_done, states = threading.Event(), threading.Event(), []

    @paused_collector
    def first():
        first_inside.set()
        second_done.wait(10)
        states.append(("first, after the second ended", gc.isenabled()))

    thread = threading.Thread(target=first)
    thread.start()
    first_inside.wait(10)
    collector_state()
    states.append(("second ended", gc.isenabled()))
    second_done.set()
    thread.join(10)
    assert states == [("second ended", False), ("first, after the second ended", False)]
    assert gc.isenabled()


@pytest.mark.django_db
def test_reading_and_writing_a_table_of_a_thousand_rows_runs_at_most_one_collection_each(collector_on):
    from imports.services import apply_import, preview_import

    rows = "".join(f"{n}\t第{n}个小区改造\t区住建局、区财政局\t张三\n" for n in range(1, 1001))
    data = ("序号\t项目名称\t承办单位\t分管领导\n" + rows).encode()
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    def counted(step, **arguments):
        gc.callbacks.append(count)
        try:
            return step(**arguments)
        finally:
            gc.callbacks.remove(count)

    preview = counted(preview_import, file_name="t.txt", data=data, jurisdiction="测试区", year=2025)
    counted(apply_import, preview=preview)
    assert not preview.errors
    assert preview.summary()["created"] == 1000
    # Without the pause, dozens; with it, at most the one pass each call ends with, when the collector is back on.
    assert len(collections) <= 2
