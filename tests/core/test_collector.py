"""Bulk work pauses the cycle collector and always turns it back on, even when bulk works
nest, overlap on two threads, or fail."""

import gc
import threading

import pytest

from desktop.core.collector import collector_paused


def test_collection_is_off_during_bulk_work_and_back_on_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer one still runs
    assert gc.isenabled()


def test_a_failing_bulk_work_turns_collection_back_on() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("disk full")
    assert gc.isenabled()


def test_overlapping_bulk_works_on_two_threads_end_with_collection_on() -> None:
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with collector_paused():
        thread.start()
        inside.wait(5)
    assert not gc.isenabled()  # the other thread's work is still running
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_collection_left_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
