"""Where a notebook run by hand (Run All in JupyterLab) writes annex.xlsx and figures.json.

`kbreport run` always passes its own `out_dir`; a notebook run without one writes into
`outputs/lab/<notebook stem>/` of the project (the first folder up from the kernel's working folder
that holds `pyproject.toml`, `params/` or `notebooks/`; git-ignored), else into `kbreport-output/<stem>/` beside
the notebook — never into notebooks/ itself.
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["project_root", "notebook_stem", "lab_output_dir"]

_MARKERS = ("pyproject.toml", "params", "notebooks")


def project_root(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest folder at or above `start` (default: the working folder) holding pyproject.toml, params/ or notebooks/."""
    here = Path(start if start is not None else os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if any((folder / m).exists() for m in _MARKERS):
            return folder
    return None


def notebook_stem(default: str) -> str:
    """The running notebook's file name without .ipynb: JupyterLab tells the kernel in $JPY_SESSION_NAME
    (VS Code in __vsc_ipynb_file__); else `default`."""
    path = os.environ.get("JPY_SESSION_NAME") or ""
    if not path.endswith(".ipynb"):
        try:
            from IPython import get_ipython

            ip = get_ipython()
            path = str((ip.user_ns if ip is not None else {}).get("__vsc_ipynb_file__") or "")
        except ImportError:
            path = ""
    return Path(path).stem if path.endswith(".ipynb") else default


def lab_output_dir(default_stem: str, cwd: str | os.PathLike | None = None) -> Path:
    """outputs/lab/<stem>/ under the project root, else kbreport-output/<stem>/ in `cwd` (the notebook's folder)."""
    here = Path(cwd if cwd is not None else os.getcwd()).resolve()
    stem = notebook_stem(default_stem)
    root = project_root(here)
    return root / "outputs" / "lab" / stem if root is not None else here / "kbreport-output" / stem
