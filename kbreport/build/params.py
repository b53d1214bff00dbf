"""Report parameters: load a params file, validate it against its notebook's parameters, map it to papermill's.

One YAML file per report, validated before any kernel starts against the parameters its notebook
declares.

A notebook declares its parameters once, in its cell tagged `parameters` (name, annotation, default,
one-line help; read with papermill's inspection, see kbreport.build.notebooks). A params file names the
notebook (`notebook: monev_kampung_kb`, or a path relative to the params file; `laporan: wilayah` /
`laporan: event` name the two shipped briefings) and sets some of those parameters. Each value is
checked against its annotation and against what its *name* means (NAME_RULES, in
kbreport.build.params_rules: `kode` is a Kemendagri code in the master, dates are ISO and not in the
future, `bahasa` is id or en, `peserta` is a list of elements …), plus the rules between parameters (an event does not end before it
starts; an MoU has two parties). Unknown keys are errors. Every problem is raised as
`ParamsError(file, key, reason)`; `key` is a dotted path with list items numbered from 1 as a user
counts them ("peserta[2].jumlah"). The reason is a catalogue entry (params.*): str() says it in
Indonesian, kbreport.text.params_text in the user's language.

Reading the YAML (bounded in size and time, no aliases) is kbreport.build.params_yaml; turning
pydantic's errors into plain words is kbreport.build.params_reasons. Every public name of
those modules used by callers is importable from here too.

Region names are never typed in params: they come from the master.
`to_notebook_parameters()` turns params into the plain JSON-able dict papermill injects; inside a
notebook `from_notebook_parameters()` applies the same rules to the cell's values.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kbreport.build.params_reasons import raise_validation
from kbreport.build.params_rules import (DEFAULT_RDK_TARGET_PERSEN, DEFAULT_TARGET_PERSEN, DEFAULT_TARGET_TANGGAL,
                                         NAME_RULES, RESERVED, RUNTIME, KeyedError, Kunjungan, Orang, Peserta, Pihak,
                                         Target, cross_checks, derive, field_type)
from kbreport.build.params_yaml import read_params_file
from kbreport.errors import UnknownRegionError
from kbreport.text.params_text import both, params_error

__all__ = [
    "ReportParams", "Peserta", "Pihak", "Orang", "Target", "Kunjungan", "NAME_RULES", "RUNTIME", "RESERVED",
    "load_params", "parse_params", "validate_values", "field_type", "check_regions", "check_against_data",
    "read_params_file", "to_notebook_parameters", "from_notebook_parameters",
    "DEFAULT_TARGET_TANGGAL", "DEFAULT_TARGET_PERSEN", "DEFAULT_RDK_TARGET_PERSEN",
]


class ReportParams(Mapping):
    """Validated parameters of one report: attribute and mapping access (`p.as_of`, `p["kode"]`).

    `laporan` is the report's kind as figures.json states it ("wilayah" or "event"); `notebook` the
    notebook's stem. Derived values are filled in: `selesai` and `as_of` default to `mulai`.
    """

    def __init__(self, values: dict, laporan: str, notebook: str | None = None):
        object.__setattr__(self, "_values", dict(values))
        object.__setattr__(self, "laporan", laporan)
        object.__setattr__(self, "notebook", notebook)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        raise AttributeError("ReportParams is read-only")

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __reduce__(self):
        return (ReportParams, (self._values, self.laporan, self.notebook))

    def __repr__(self) -> str:
        return f"ReportParams({self.laporan!r}, {self._values!r})"

    @property
    def jumlah_peserta(self) -> int | None:
        """peserta_total if given, else the sum per element when every element has a number, else None."""
        total = self._values.get("peserta_total")
        if total is not None:
            return total
        p = self._values.get("peserta") or []
        if p and all(x.jumlah is not None for x in p):
            return sum(x.jumlah for x in p)
        return None

    @property
    def peserta_tercatat(self) -> int | None:
        """The participants the source counts: peserta_total if given, else the sum of the elements' numbers
        (some may be unknown: then it is a lower bound); None when no number is given at all."""
        total = self._values.get("peserta_total")
        if total is not None:
            return total
        known = [x.jumlah for x in self._values.get("peserta") or [] if x.jumlah is not None]
        return sum(known) if known else None

    def model_copy(self, update: dict | None = None) -> ReportParams:
        """A copy with some values replaced (already valid ones: derived defaults, say)."""
        return ReportParams({**self._values, **(update or {})}, self.laporan, self.notebook)

    def model_dump(self, mode: str = "python") -> dict:
        """Plain values; mode="json": dates as ISO text, elements as dicts (what papermill injects)."""
        if mode != "json":
            return dict(self._values)
        return {k: _jsonable(v) for k, v in self._values.items()}


def _jsonable(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, BaseModel):
        return v.model_dump(mode="json")
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    return v


_MODEL_CACHE: dict[tuple, type[BaseModel]] = {}


def _model(fields: dict[str, tuple[str | None, Any]], kode_levels: tuple[int, ...]) -> type[BaseModel]:
    """A strict pydantic model (unknown keys refused) for these parameters: name -> (annotation, default)."""
    from pydantic import create_model

    key = (tuple((n, a, repr(d)) for n, (a, d) in sorted(fields.items())), kode_levels)
    if key not in _MODEL_CACHE:
        spec = {n: (field_type(n, a, d, kode_levels), Field(default=d)) for n, (a, d) in fields.items()}
        _MODEL_CACHE[key] = create_model("NotebookParameters", __config__=ConfigDict(
            extra="forbid", frozen=True, str_strip_whitespace=True, validate_default=True), **spec)
    return _MODEL_CACHE[key]


def validate_values(values: dict, fields: dict[str, tuple[str | None, Any]], file: str = "<params>",
                    laporan: str = "wilayah", notebook: str | None = None,
                    kode_levels: tuple[int, ...] = (1, 2)) -> ReportParams:
    """Validate parameter `values` against declared `fields` (name -> (annotation, default)):
    unknown names, wrong types and the rules of NAME_RULES raise ParamsError(file, key, reason)."""
    model = _model(fields, kode_levels)
    if isinstance(values.get("kunjungan_lapangan"), dict):  # one visit may be written as a mapping
        values = dict(values, kunjungan_lapangan=[values["kunjungan_lapangan"]])
    try:
        m = model.model_validate(values)
    except ValidationError as e:
        raise_validation(file, e, model)
        raise  # pragma: no cover - raise_validation always raises
    typed = derive({n: getattr(m, n) for n in fields})
    try:
        cross_checks(typed)
    except KeyedError as e:
        raise params_error(file, e.key, e.msg, **e.fields) from None
    return ReportParams(typed, laporan, notebook)


def parse_params(data: Any, file: str = "<params>", params_path: str | os.PathLike | None = None) -> ReportParams:
    """Validate an already-parsed params mapping against the parameters its notebook declares.

    The notebook is named by `notebook:` (a name in the params file's project `notebooks/` folder or
    the built-in ones, or a path relative to the params file) or, as before, by `laporan: wilayah` /
    `laporan: event`. Unknown keys, wrong types and the rules that follow from a name are errors
    naming `file` and the key.
    """
    from kbreport.build.notebooks import find_notebook, notebook_info

    if not isinstance(data, dict):
        kind = both("params.kind_empty") if data is None else type(data).__name__
        raise params_error(file, None, "params.not_mapping", kind=kind)
    bad = [k for k in data if not isinstance(k, str)]
    if bad:
        raise params_error(file, str(bad[0]), "params.key_not_text")
    nb_path = find_notebook(data, params_path, file)
    info = notebook_info(nb_path)
    values = {k: v for k, v in data.items() if k not in RESERVED}
    runtime = [k for k in values if k in RUNTIME]
    if runtime:
        raise params_error(file, runtime[0], "params.runtime_key")
    if isinstance(values.get("kode"), dict):
        raise params_error(file, "kode", "params.kode_set_run_only")
    return validate_values(values, info.fields, file, laporan=info.laporan, notebook=nb_path.stem,
                           kode_levels=info.kode_levels)


# --- checks against the master and the data ------------------------------------------------------


def check_regions(params: ReportParams, master=None, file: str = "<params>") -> None:
    """Every region code in params exists in the master (kbreport.ingest.wilayah). ParamsError otherwise."""
    from kbreport.ingest import wilayah  # lazy: loading the master is only needed here

    if master is None:
        master = wilayah.load_master()
    codes: list[tuple[str, str]] = []
    if params.kode:
        codes.append(("kode", params.kode))
    if params.get("kunjungan_lapangan"):
        codes += [(f"kunjungan_lapangan[{i}].kode_desa", k.kode_desa)
                  for i, k in enumerate(params.kunjungan_lapangan, start=1) if k.kode_desa]
    for key, kode in codes:
        try:
            wilayah.region(master, kode)
        except UnknownRegionError:
            raise params_error(file, key, "params.region_unknown", kode=repr(kode)) from None
    if params.kode and wilayah.decree_of(master) is not None and params.get("as_of") is not None:
        # a briefing counts by the decree in force on as_of: the region must exist in it
        from kbreport.ingest.decrees import decree_in_force

        decree = decree_in_force(params.as_of)
        try:
            wilayah.region(wilayah.load_master(decree=decree.stem), params.kode)
        except UnknownRegionError:
            raise params_error(file, "kode", "params.region_not_in_decree", kode=repr(params.kode), decree=decree.judul,
                               as_of=params.as_of.isoformat()) from None


def check_against_data(params: ReportParams, min_date: date | None, max_date: date | None, file: str = "<params>") -> None:
    """`as_of` must lie within the data's date range (first launch .. last recorded date)."""
    as_of = params.as_of
    lo = _as_date(min_date)
    hi = _as_date(max_date)
    if lo is not None and as_of < lo:
        raise params_error(file, "as_of", "params.before_data", as_of=as_of.isoformat(), lo=lo.isoformat(),
                           hi=hi.isoformat() if hi else "…")
    if hi is not None and as_of > hi:
        raise params_error(file, "as_of", "params.after_data", as_of=as_of.isoformat(), lo=lo.isoformat() if lo else "…",
                           hi=hi.isoformat())


def _as_date(d) -> date | None:
    if d is None:
        return None
    if hasattr(d, "date") and callable(d.date):  # datetime, pandas Timestamp
        try:
            return d.date()
        except (TypeError, ValueError):
            return None
    if isinstance(d, date):
        return d
    return date.fromisoformat(str(d)[:10])


def load_params(path: str | os.PathLike, *, master=None, regions: bool = True) -> ReportParams:
    """Read and validate one params file. `regions=False` skips the master look-up (e.g. in unit tests)."""
    path = Path(path)
    file = str(path)
    data = read_params_file(path)
    params = parse_params(data, file, params_path=path)
    if regions:
        check_regions(params, master, file)
    return params



# --- papermill ----------------------------------------------------------------------------------


def to_notebook_parameters(params: ReportParams, data_dir: str | os.PathLike | None, out_dir: str | os.PathLike = ".",
                           annex: bool = True) -> dict:
    """The dict papermill injects: every validated parameter as plain JSON (dates as ISO text, elements
    as dicts) plus the runtime ones. `annex`: whether the notebook writes annex.xlsx."""
    out = {k: v for k, v in params.model_dump(mode="json").items() if k not in RUNTIME}
    out["data_dir"] = None if data_dir is None else str(data_dir)
    out["out_dir"] = str(out_dir)
    out["annex"] = bool(annex)
    return out


def from_notebook_parameters(values: dict, laporan: str | None = None,
                             kode_levels: tuple[int, ...] = (1, 2)) -> ReportParams:
    """Validated params inside a notebook, from its parameter values (runtime keys ignored):
    `P = from_notebook_parameters(dict(kode=kode, as_of=as_of, ...))`. The same rules as for a
    params file apply by name; names not given take the defaults of the shipped notebook of that
    kind; `laporan` defaults to "event" when `jenis` is given."""
    from kbreport.build.notebooks import BUILTIN, builtin_dir, notebook_info

    data = {k: v for k, v in values.items() if k not in RUNTIME and k not in RESERVED}
    if laporan is None:
        laporan = "event" if "jenis" in data else "wilayah"
    # names not passed take the shipped notebook of that kind's defaults; a misspelt name is refused
    if laporan in BUILTIN:
        fields = notebook_info(builtin_dir() / f"{BUILTIN[laporan]}.ipynb").fields
    else:
        fields = {n: (None, None) for n in data}
    return validate_values(data, fields, "<notebook parameters>", laporan=laporan, kode_levels=kode_levels)
