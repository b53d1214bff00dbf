"""From params files to reports: one report per file, or one per region for a fan-out.

A params file whose `kode` is a mapping builds one report per region:

    kode: {setiap: kabkota, di: "16"}            # the 17 kab/kota of Sumatera Selatan
    kode: {setiap: provinsi}                     # the 38 provinces
    kode: {setiap: kabkota, dalam_data: true}    # every kab/kota the data cover

`setiap` is provinsi, kabkota or kecamatan; `di` any parent code (absent: all of Indonesia);
`dalam_data: true` keeps only the regions wholly inside the data's coverage
(kbreport.ingest.coverage). With the bundled master, the regions are those of the Kemendagri decree in
force on the file's `as_of` (a briefing counts by it): `setiap: provinsi` as of 2024-06-30 is 37
provinces, since Papua Barat Daya (96) is only in the decree of 2025. Each member report is validated
like a file of its own with that `kode`, and named `<params stem>_<kode with dashes>` (e.g.
`kabkota-sumsel_16-01`), a folder name safe on every OS. Everything here runs before any kernel starts.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kbreport.errors import UnknownRegionError
from kbreport.text.params_text import both, params_error

__all__ = ["ReportSpec", "FANOUT_LEVELS", "expand_params", "member_name"]

FANOUT_LEVELS = ("provinsi", "kabkota", "kecamatan")
_FANOUT_KEYS = ("setiap", "di", "dalam_data")


@dataclass(frozen=True)
class ReportSpec:
    """One report to build. `kode`: the region of a fan-out member (None: the file's own `kode`);
    `group`: the params file stem its fan-out came from; `error`: why it is refused before it starts
    (its region is not wholly inside the data)."""

    name: str
    params_path: Path
    notebook: Path
    kode: str | None = None
    group: str | None = None
    error: str | None = None


def member_name(stem: str, kode: str) -> str:
    from kbreport.paths import safe_stem

    return safe_stem(f"{stem}_{kode.replace('.', '-')}")


def _fanout(raw: dict, file: str) -> tuple[str, str | None, bool]:
    unknown = [k for k in raw if k not in _FANOUT_KEYS]
    if unknown:
        raise params_error(file, f"kode.{unknown[0]}", "params.unknown_key_of", allowed=", ".join(_FANOUT_KEYS))
    setiap = raw.get("setiap")
    if setiap not in FANOUT_LEVELS:
        raise params_error(file, "kode.setiap", "params.one_of", expected=", ".join(FANOUT_LEVELS), got=repr(setiap))
    di = raw.get("di")
    if isinstance(di, int) and not isinstance(di, bool):
        di = f"{di:02d}"
    if di is not None and not isinstance(di, str):
        raise params_error(file, "kode.di", "params.fanout_di", got=repr(di))
    dalam = raw.get("dalam_data", False)
    if not isinstance(dalam, bool):
        raise params_error(file, "kode.dalam_data", "params.bool", got=repr(dalam))
    return setiap, (di.strip() or None) if isinstance(di, str) else None, dalam


def _regions(master, setiap: str, di: str | None, file: str) -> list[str]:
    """Codes of every region of level `setiap` inside `di` (None: Indonesia), in the master's order."""
    from kbreport.ingest.wilayah import normalize_code, region

    rows = master[master["tingkat"] == setiap]
    if di is not None:
        k = normalize_code(di)
        try:
            parent = region(master, k)
        except UnknownRegionError:
            raise params_error(file, "kode.di", "params.region_unknown", kode=repr(di)) from None
        order = ("nasional", "provinsi", "kabkota", "kecamatan", "desa")
        if order.index(parent.tingkat) >= order.index(setiap):
            raise params_error(file, "kode.di", "params.fanout_not_above", nama=parent.nama_lengkap, kode=k, setiap=setiap)
        rows = rows[rows["kode"].str.startswith(k + ".")]
    return sorted(rows["kode"].tolist())


def _in_force(codes: list[str], master, di: str | None, as_of, file: str) -> list[str]:
    """`codes` that exist in the decree in force on `as_of` (a bundled master only; a user's master is
    the user's own list). A `di` the decree does not yet hold is an error naming `kode.di`."""
    from kbreport.ingest.decrees import decree_in_force
    from kbreport.ingest.wilayah import decree_of, load_master, normalize_code

    if as_of is None or decree_of(master) is None:
        return codes
    decree = decree_in_force(as_of)
    if decree.stem == decree_of(master):
        return codes
    known = set(load_master(decree=decree.stem)["kode"])
    if di is not None and normalize_code(di) not in known:
        raise params_error(file, "kode.di", "params.region_not_in_decree", kode=repr(di), decree=decree.judul,
                           as_of=as_of.isoformat())
    return [c for c in codes if c in known]


def expand_params(params_path: str | os.PathLike, master=None, coverage=None, data_dir=None,
                  lang: str = "id") -> list[ReportSpec]:
    """The reports a params file asks for, each validated (ParamsError naming file and key).

    `master`: the region master (loaded when None). `coverage`: the data's
    kbreport.ingest.coverage.DataCoverage (of `data_dir`), needed for `dalam_data: true`; with it, a
    report whose region the data do not wholly cover carries its refusal in `error` (in `lang`).
    """
    from kbreport.ingest.coverage import refusal
    from kbreport.build.notebooks import find_notebook
    from kbreport.build.params import parse_params, read_params_file
    from kbreport.paths import safe_stem

    path = Path(params_path)
    file = str(path)
    data = read_params_file(path)
    stem = safe_stem(path.stem)
    if master is None:
        from kbreport.ingest.wilayah import load_master

        master = load_master()

    def refused(kode):
        return refusal(kode, coverage, master, data_dir, lang) if coverage is not None else None

    if not (isinstance(data, dict) and isinstance(data.get("kode"), dict)):
        params = parse_params(data, file, params_path=path)
        return [ReportSpec(name=stem, params_path=path, notebook=find_notebook(data, path, file), kode=None,
                           error=refused(params.kode))]
    setiap, di, dalam = _fanout(data["kode"], file)
    codes = _regions(master, setiap, di, file)
    if dalam:
        if coverage is None:
            raise params_error(file, "kode.dalam_data", "params.fanout_no_coverage")
        codes = [c for c in codes if coverage.contains(c)]
    if not codes:
        where = both("params.fanout_in", di=di) if di else ""
        why = both("params.fanout_covered") if dalam else ""
        raise params_error(file, "kode", "params.fanout_none", setiap=setiap, where=where, why=why)
    nb = find_notebook(data, path, file)
    first = parse_params(dict(data, kode=codes[0]), f"{file} (kode {codes[0]})", params_path=path)  # level, types
    codes = _in_force(codes, master, di, first.get("as_of"), file)
    if not codes:
        raise params_error(file, "kode", "params.fanout_none", setiap=setiap,
                           where=both("params.fanout_in", di=di) if di else "", why="")
    return [ReportSpec(name=member_name(stem, c), params_path=path, notebook=nb, kode=c, group=stem, error=refused(c))
            for c in codes]
