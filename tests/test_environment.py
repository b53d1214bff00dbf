"""environment.yml (conda) and pyproject.toml must pin the same dependencies."""
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _pyproject_pins() -> dict[str, str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = {}
    for d in deps:
        m = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([\w.]+)", d.strip())
        assert m, f"pyproject dependency not pinned exactly: {d}"
        pins[m.group(1).lower()] = m.group(2)
    return pins


def _conda_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for d in env["dependencies"]:
        if isinstance(d, str) and "=" in d:
            name, ver = d.split("=", 1)
            pins[name.strip().lower()] = ver.strip()
    return pins


def test_same_dependencies_and_versions():
    conda = _conda_pins()
    assert conda.pop("python") == "3.11"
    assert _pyproject_pins() == conda


def test_environment_installs_kbreport_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_block = next(d for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_block["pip"]
    assert env["channels"] == ["conda-forge"]


def test_ci_calls_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
