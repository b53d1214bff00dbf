"""kbreport.heap: freed memory goes back to the system, so a process does not keep its parse peak."""
from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
def rss(): return int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20
junk = [bytearray(64 * 1024) for _ in range(2000)]  # 128 MB of buffers, as a parse leaves,
kept = junk[::50]  # and a few survivors among them: the heap's top cannot shrink by itself
del junk
before = rss()
from kbreport.heap import release_free_memory
release_free_memory()
print(before, rss())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_freed_small_objects_are_given_back():
    before, after = map(float, subprocess.run([sys.executable, "-c", PROBE], check=True, capture_output=True,
                                              text=True).stdout.split())
    assert before - after > 40, (before, after)  # ~125 MB of freed buffers; without the trim glibc keeps them
