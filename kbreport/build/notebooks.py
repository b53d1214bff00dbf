"""Report notebooks: which notebook a params file runs, and what its `parameters` cell declares.

A params file names its notebook with `notebook: NAME` (or a path relative to the params file) or,
for the two shipped briefings, `laporan: wilayah` / `laporan: event`. A bare NAME is looked up, in
this order, in $KBREPORT_NOTEBOOKS, in the `notebooks/` folder of the params file's project (the
nearest folder above the params file that has a `notebooks/` folder), in `./notebooks`, and among
the notebooks shipped with kbreport. So an analyst's edited copy in the project wins over the
shipped one, and a pip-installed kbreport still finds its own.

The parameters cell is the one declaration of a notebook's parameters: papermill's inspection gives
each one's annotation, default and help; kbreport.build.params validates params files against it.
Notebook metadata `kbreport.laporan` ("wilayah"/"event") and `kbreport.kode_tingkat` (levels its
`kode` may name: provinsi, kabkota, kecamatan) refine what kbreport infers.
"""
from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from kbreport.text.params_text import params_error

__all__ = ["BUILTIN", "NotebookInfo", "builtin_dir", "project_root", "find_notebook", "notebook_info",
           "search_dirs"]

BUILTIN = {"wilayah": "wilayah_briefing", "event": "event_briefing"}
LEVELS = {"provinsi": 1, "kabkota": 2, "kecamatan": 3, "desa": 4}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")


def builtin_dir() -> Path:
    """The shipped notebooks: the source tree's notebooks/ when kbreport runs from a checkout (an
    editable install), else the copy inside the installed package."""
    src = Path(__file__).resolve().parents[2]
    if (src / "pyproject.toml").is_file() and (src / "notebooks").is_dir():
        return src / "notebooks"
    return Path(str(resources.files("kbreport") / "notebooks"))


def project_root(start: str | os.PathLike | None) -> Path | None:
    """The nearest folder at or above `start` (a file or folder) that looks like a kbreport project: it
    holds notebooks/, params/ or pyproject.toml (see kbreport.build.lab_output, which shares this rule)."""
    from kbreport.build.lab_output import project_root as _root

    if start is None:
        return None
    p = Path(start).resolve()
    return _root(p if p.is_dir() else p.parent)


def search_dirs(params_path: str | os.PathLike | None = None) -> list[Path]:
    dirs: list[Path] = []
    if os.environ.get("KBREPORT_NOTEBOOKS"):
        dirs.append(Path(os.environ["KBREPORT_NOTEBOOKS"]))
    root = project_root(params_path)
    if root is not None:
        dirs.append(root / "notebooks")
    dirs += [Path.cwd() / "notebooks", builtin_dir()]
    out: list[Path] = []
    for d in dirs:
        if d.resolve() not in [x.resolve() for x in out]:
            out.append(d)
    return out


def find_notebook(data: dict, params_path: str | os.PathLike | None, file: str) -> Path:
    """The notebook a params mapping names (`notebook:` or `laporan:`); ParamsError naming the key."""
    nb, laporan = data.get("notebook"), data.get("laporan")
    if nb is not None and laporan is not None:
        raise params_error(file, "laporan", "params.notebook_or_laporan")
    if nb is None and laporan is None:
        raise params_error(file, "notebook", "params.notebook_required")
    if laporan is not None:
        if laporan not in BUILTIN:
            raise params_error(file, "laporan", "params.laporan_choice", got=repr(laporan))
        nb = BUILTIN[laporan]
    if not isinstance(nb, str) or not nb.strip():
        raise params_error(file, "notebook", "params.notebook_text", got=repr(nb))
    nb = nb.strip()
    if "/" in nb or "\\" in nb or nb.endswith(".ipynb"):
        return _relative_notebook(nb, params_path, file)
    stem = nb
    if not _NAME.match(stem):
        raise params_error(file, "notebook", "params.notebook_name", name=repr(nb))
    dirs = search_dirs(params_path)
    for d in dirs:
        cand = d / f"{stem}.ipynb"
        if cand.is_file():
            return cand
    where = ", ".join(str(d) for d in dirs)
    raise params_error(file, "notebook", "params.notebook_not_found", name=repr(stem), stem=stem, where=where)


def _relative_notebook(rel: str, params_path, file: str) -> Path:
    """A notebook path relative to the params file; it must stay inside the params file's project."""
    if params_path is None:
        raise params_error(file, "notebook", "params.notebook_path_no_file")
    if os.path.isabs(rel) or "\x00" in rel:
        raise params_error(file, "notebook", "params.notebook_path_absolute", path=repr(rel))
    base = Path(params_path).resolve().parent
    root = project_root(params_path) or base
    cand = base / rel
    if cand.is_symlink():
        raise params_error(file, "notebook", "params.notebook_symlink", path=repr(rel))
    real = cand.resolve()
    if not (real == root or root in real.parents):
        raise params_error(file, "notebook", "params.notebook_outside", path=repr(rel), root=str(root))
    if real.suffix != ".ipynb" or not real.is_file():
        raise params_error(file, "notebook", "params.notebook_path_missing", path=repr(rel))
    return cand


@dataclass(frozen=True)
class NotebookInfo:
    """What a notebook's parameters cell declares. `parameters`: name -> {annotation, default, help}."""

    path: Path
    parameters: dict[str, dict[str, Any]]
    laporan: str
    kode_levels: tuple[int, ...]

    @property
    def fields(self) -> dict[str, tuple[str | None, Any]]:
        """name -> (annotation, default), what kbreport.build.params.validate_values takes (runtime ones left out)."""
        from kbreport.build.params_rules import RUNTIME

        return {n: (p["annotation"], p["default"]) for n, p in self.parameters.items() if n not in RUNTIME}


_CACHE: dict[tuple, NotebookInfo] = {}


def notebook_info(path: str | os.PathLike) -> NotebookInfo:
    """The declared parameters and kind of a notebook (cached while the file is unchanged)."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        raise params_error(str(path), None, "params.notebook_missing") from None
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _CACHE:
        _CACHE[key] = _read_info(path)
    return _CACHE[key]


def _read_info(path: Path) -> NotebookInfo:
    import nbformat
    import papermill

    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as e:  # noqa: BLE001 - a broken notebook file is a user error, said plainly
        raise params_error(str(path), None, "params.notebook_unreadable", kind=type(e).__name__) from None
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise params_error(str(path), None, "params.no_parameters_cell")
    if len(cells) > 1:
        raise params_error(str(path), None, "params.parameters_cells")
    params: dict[str, dict[str, Any]] = {}
    for name, p in papermill.inspect_notebook(str(path)).items():
        try:
            default = ast.literal_eval(p["default"])
        except (ValueError, SyntaxError):
            raise params_error(str(path), name, "params.default_not_literal", default=repr(p["default"])) from None
        ann = None if p.get("inferred_type_name") in (None, "None") else p["inferred_type_name"]
        params[name] = {"annotation": ann, "default": default, "help": p.get("help") or ""}
    meta = nb.metadata.get("kbreport", {}) if isinstance(nb.metadata.get("kbreport"), dict) else {}
    laporan = meta.get("laporan")
    if laporan not in ("wilayah", "event"):
        laporan = "event" if {"jenis", "mulai"} <= set(params) else "wilayah"
    levels = tuple(LEVELS[x] for x in meta.get("kode_tingkat", []) if x in LEVELS) or (1, 2)
    return NotebookInfo(path=path, parameters=params, laporan=laporan, kode_levels=levels)
