"""Fixtures every test folder shares: the demo data, generated once per test session."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory) -> Path:
    """A folder holding the demo data: kbreport.demo.generator.generate() with its default seed and the
    shipped region master, as `kbreport demo` writes it. Generated once (it takes seconds) and shared,
    so tests only read it; one that needs to change a file copies the folder first. At the end of the
    session the folder must be as generated (a test that wrote into it would skew the others)."""
    from kbreport.demo.generator import generate

    out = tmp_path_factory.mktemp("demo")
    generate(out)
    before = _digests(out)
    yield out
    after = _digests(out)
    changed = sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n))
    assert not changed, f"a test changed the shared demo data: {changed}"
