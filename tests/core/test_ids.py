"""Record ids: version-7 UUIDs that sort by creation and never repeat, even across a fork."""

from __future__ import annotations

import os
import time
import uuid
from types import SimpleNamespace

import pytest

from desktop.core import ids
from desktop.core.ids import uuid7


def test_ids_are_standard_version_7_uuids_equal_to_their_text() -> None:
    made = uuid7()
    assert made.version == 7 and made.variant == uuid.RFC_4122
    again = uuid.UUID(str(made))
    assert again == made and hash(again) == hash(made) and again.bytes == made.bytes


def test_ids_sort_in_creation_order_and_never_repeat() -> None:
    made = [uuid7() for _ in range(20_000)]  # many share a millisecond
    assert made == sorted(made)
    assert len(set(made)) == len(made)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_process_does_not_repeat_its_parents_ids(monkeypatch) -> None:
    # A stopped clock puts parent and child in the same millisecond with the same counter:
    # only the random part can keep their ids apart.
    stopped = time.time_ns()
    monkeypatch.setattr(ids, "time", SimpleNamespace(time_ns=lambda: stopped))
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # the child writes its ids and leaves at once
        os.write(writer, b"".join(uuid7().bytes for _ in range(200)))
        os._exit(0)
    os.close(writer)
    ours = {uuid7().bytes for _ in range(200)}
    data = b""
    while chunk := os.read(reader, 65536):
        data += chunk
    os.close(reader)
    os.waitpid(child, 0)
    theirs = {data[i:i + 16] for i in range(0, len(data), 16)}
    assert len(theirs) == 200 and not ours & theirs
