"""Version-7 ids: unique, in creation order, well-formed, and not shared with a forked child."""

import os
import uuid

from desktop.core.ids import uuid7


def test_ids_are_unique_version_7_and_sort_in_creation_order():
    made = [uuid7() for _ in range(20_000)]
    assert len(set(made)) == len(made)
    assert made == sorted(made)
    assert all(i.version == 7 and i.variant == uuid.RFC_4122 for i in made[:100])
    assert uuid.UUID(bytes=made[0].bytes) == made[0]
    assert hash(made[0]) == hash(uuid.UUID(int=made[0].int))


def test_a_forked_child_draws_other_random_bits_than_its_parent():
    uuid7()  # the parent holds a block of random bytes
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next ids' random part, to the parent
        os.write(write, b"".join(uuid7().bytes[8:] for _ in range(8)))
        os._exit(0)
    os.waitpid(pid, 0)
    child = os.read(read, 1024)
    parent = b"".join(uuid7().bytes[8:] for _ in range(8))
    assert child and child != parent
