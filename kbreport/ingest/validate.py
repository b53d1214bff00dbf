"""Validation of a data folder: every problem in one pass, each with file, row, column, value and reason.

`validate_folder` reads the four tables and runs `check_tables`, a pure function of the raw text
tables and the region master. Every check works on whole columns; Python loops only run over the
rows that fail. Rows are never dropped: a cell that cannot be parsed becomes NA in the typed table
and is reported. Severity of each rule: `kbreport.text.messages.SEVERITY` (see docs/data-model.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from kbreport.ingest import schema
from kbreport.errors import MasterError, Problem
from kbreport.ingest.metadata import read_metadata
from kbreport.ingest.parsers import DTYPES, empty_frame, parse_column
from kbreport.ingest.readers import ROW_INDEX, RawTable, find_table_files, read_raw
from kbreport.text import fmt
from kbreport.text.messages import SEVERITY, message

__all__ = ["SEVERITY", "validate_folder", "validate_folder_master", "check_tables", "resolve_master", "desa_codes",
           "matching_master"]

_PARSE_CODE = {"code": "kode_malformed", "date": "date_invalid", "month": "month_invalid", "bool": "bool_invalid",
               "int": "count_not_integer", "category": "value_not_in_domain"}


# --- master -------------------------------------------------------------------------------

def resolve_master(master=None) -> pd.DataFrame:
    """The region master: the bundled one (None), a user `kode,nama` CSV (path) or a DataFrame as is."""
    if isinstance(master, pd.DataFrame):
        if "kode" not in master.columns:
            raise MasterError("master wilayah harus punya kolom 'kode' (gunakan kbreport.ingest.wilayah.load_master())")
        return master
    from kbreport.ingest.wilayah import load_master  # imported late: validation must not need it when a master is passed

    return load_master(master)


def matching_master(raws: dict[str, RawTable | None]) -> pd.DataFrame:
    """The bundled decree holding the most of the desa codes written in kampung_kb and desa_cantik
    (kbreport.ingest.decrees.match_decree); attrs["decree_match"] = (found, total) distinct codes."""
    from kbreport.ingest.decrees import match_decree
    from kbreport.ingest.wilayah import load_master, normalize_code

    codes = [normalize_code(c) for name in ("kampung_kb", "desa_cantik")
             if raws.get(name) is not None and raws[name].frame is not None and "kode_desa" in raws[name].frame
             for c in raws[name].frame["kode_desa"].unique()]
    match = match_decree(codes)
    master = load_master(decree=match.decree)
    master.attrs["decree_match"] = (match.found, match.total)
    return master


def desa_codes(master: pd.DataFrame) -> pd.Series:
    """Desa/kelurahan names indexed by their dotted code."""
    if "tingkat" in master.columns:
        desa = master.loc[master["tingkat"] == "desa"]
    else:
        desa = master.loc[master["kode"].str.fullmatch(r"\d{2}\.\d{2}\.\d{2}\.\d{4}", na=False)]
    nama = desa["nama"] if "nama" in desa.columns else desa["kode"]
    return pd.Series(nama.to_numpy(), index=pd.Index(desa["kode"].to_numpy()), dtype="str")


# --- problem collection -------------------------------------------------------------------

@dataclass
class _Sink:
    """Collects problems for one file; `rows` adds one problem per row of a mask (failing rows only)."""

    file: str
    lang: str
    items: list[Problem] = field(default_factory=list)

    def add(self, code: str, row=None, col=None, value=None, **fields) -> None:
        fields.setdefault("value", value)
        self.items.append(Problem(self.file, None if row is None else int(row), col,
                                  None if value is None else str(value), code,
                                  message(code, self.lang, **fields), SEVERITY[code]))

    def rows(self, code: str, mask: pd.Series, col: str | None, values: pd.Series | None, **per_row) -> None:
        """per_row: field name -> Series (aligned on the row index), _Each(Series, function of one value),
        a function(row label) -> value, or a constant. Fields are gathered for all failing rows at once."""
        if not mask.any():
            return
        rows = mask.index[mask.to_numpy(dtype=bool)]
        cols = {k: _gather(v, rows) for k, v in per_row.items()}
        vals = None if values is None else _gather(values, rows)
        for i, row in enumerate(rows):
            fields = {k: (v(row) if callable(v) else v[i]) for k, v in cols.items()}
            self.add(code, row, col, None if vals is None else vals[i], **fields)


@dataclass(frozen=True)
class _Each:
    """A field computed from one value of `series` by `func`, once per distinct value (dates repeat)."""

    series: pd.Series
    func: object


class _Same:
    """A constant field, indexable like a gathered column."""

    def __init__(self, value):
        self.value = value

    def __getitem__(self, i):
        return self.value


def _gather(v, rows: pd.Index):
    """The values of a field for the failing `rows`: indexable by position, or a function of the row."""
    if isinstance(v, _Each):
        arr = v.series.reindex(rows).array
        seen: dict = {}
        out = []
        for x in (arr[i] for i in range(len(arr))):  # element access keeps the scalar types of .loc
            if x not in seen:  # NaT and NA are singletons: found by identity
                seen[x] = v.func(x)
            out.append(seen[x])
        return out
    if isinstance(v, pd.Series):
        arr = v.reindex(rows).array
        return [arr[i] for i in range(len(arr))]
    if callable(v):
        return v
    return _Same(v)


def _mask(s: pd.Series) -> pd.Series:
    """A nullable boolean Series as plain bool, NA counting as False."""
    return s.fillna(False).astype(bool)


# --- converting one table -----------------------------------------------------------------

def _convert(raw: RawTable, sink: _Sink, today: date) -> pd.DataFrame:
    """Typed table from the raw text; reports blank required cells, unparseable values, negatives,
    dates out of range and (for every code column) nothing else: membership is checked later."""
    t, frame = raw.table, raw.frame
    out = {}
    for col in t.columns:
        dtype = DTYPES[col.kind]
        if col.name not in frame.columns:
            out[col.name] = pd.Series(pd.NA if dtype != "datetime64[us]" else pd.NaT, index=frame.index, dtype=dtype)
            continue
        s = frame[col.name]
        heading = raw.heading(col.name)
        values, bad = parse_column(s, col)
        values = values.astype(dtype)
        # profil.periode: every row or none (an all-blank column, as in the blank template, is no history)
        if col.required or (t.name == "profil" and col.name == "periode" and (s != "").any()):
            sink.rows("blank_required", s == "", heading, None, column=heading)
        if col.kind == "int" and col.max_value is not None:
            huge = pd.Series(False, index=s.index)  # too long to parse, and far beyond any bound
            if bad.any():  # only the bad cells are matched: a column holds few
                huge[bad] = s[bad].str.fullmatch(r"\+?\d{16,}").to_numpy(dtype=bool)
            bound = _fmt_count(col.max_value, col, sink.lang)
            sink.rows("count_above_bound", huge, heading, s, shown=s, bound=bound, column=heading)
            bad = bad & ~huge
        if col.kind == "category":
            sink.rows("value_not_in_domain", bad, heading, s, column=heading, allowed=", ".join(col.domain))
        else:
            sink.rows(_PARSE_CODE.get(col.kind, "value_not_in_domain"), bad, heading, s)
        if col.kind == "int":
            sink.rows("count_negative", _mask(values < 0), heading, s)
            _check_bounds(values, s, col, heading, sink)
            if col.name == "tahun":
                sink.rows("year_future", _mask(values > today.year), heading, s,
                          year=values, today=today.year)
        if col.kind in ("date", "month"):
            _check_date_range(values, s, col, heading, sink, today)
        out[col.name] = values
    df = pd.DataFrame(out, index=frame.index)
    df.index.name = ROW_INDEX
    return df


def _fmt_count(n, col, lang: str) -> str:
    return str(int(n)) if col.name == "tahun" else fmt.number(n, lang)  # a year has no thousands separator


def _check_bounds(values: pd.Series, s: pd.Series, col, heading: str, sink: _Sink) -> None:
    """Counts outside the column's plausibility bounds (schema); negatives are reported apart."""
    lang = sink.lang
    for code, bound, out in (("count_above_bound", col.max_value, lambda b: values > b),
                             ("count_below_bound", col.min_value, lambda b: (values < b) & (values >= 0))):
        if bound is not None:
            sink.rows(code, _mask(out(bound)), heading, s, shown=_Each(values, lambda v: _fmt_count(v, col, lang)),
                      bound=_fmt_count(bound, col, lang), column=heading)


def _within_bounds(df: pd.DataFrame, names: list[str]) -> pd.Series:
    """Rows whose counts in `names` are all present, non-negative and within their bounds."""
    ok = pd.Series(True, index=df.index)
    for name in names:
        col = next(c for t in schema.TABLES.values() for c in t.columns if c.name == name)
        v = df[name]
        ok &= _mask(v >= 0)
        if col.max_value is not None:
            ok &= _mask(v <= col.max_value)
    return ok


def _fmt_when(ts, kind: str, lang: str) -> str:
    if kind == "month":
        return fmt.date(ts, lang).split(" ", 1)[1]  # "Juni 2024"
    return fmt.date(ts, lang)


def _check_date_range(values, s, col, heading, sink: _Sink, today: date) -> None:
    launch = pd.Timestamp(schema.PROGRAMME_LAUNCH)
    now = pd.Timestamp(today)
    if col.kind == "month":  # months are compared as months
        launch, now = launch.replace(day=1), now.replace(day=1)
    lang = sink.lang
    sink.rows("date_before_launch", _mask(values < launch), heading, s,
              date=_Each(values, lambda v: _fmt_when(v, col.kind, lang)))
    sink.rows("date_future", _mask(values > now), heading, s,
              date=_Each(values, lambda v: _fmt_when(v, col.kind, lang)), today=fmt.date(today, lang))


def _first_rows(keys: pd.Series) -> pd.Series:
    """For each row, the row label of the first row with the same key (NA keys never match)."""
    rows = pd.Series(keys.index, index=keys.index)
    return rows.groupby(keys, dropna=True, sort=False).transform("min").astype("Int64")


def _duplicates(keys: pd.Series) -> pd.Series:
    return keys.notna() & keys.duplicated(keep="first")


# --- the rules ----------------------------------------------------------------------------

def _rules_kampung_kb(raw: RawTable, df: pd.DataFrame, sink: _Sink, desa: pd.Series) -> None:
    f = raw.frame
    dup = _duplicates(df["id"])
    if dup.any():
        sink.rows("duplicate_id", dup, raw.heading("id"), f["id"], first=_first_rows(df["id"]))
    _rule_kode_unknown(raw, df, sink, desa)
    _rule_two_desa_wide(raw, df, sink, desa)
    _rules_nonaktif(raw, df, sink)
    late = df["cakupan_wilayah"].isin(["RW", "Dusun"]) & (df["tanggal_pencanangan"] > pd.Timestamp(schema.INPRES_3_2022))
    sink.rows("rw_after_inpres", _mask(late), raw.heading("cakupan_wilayah"), f.get("cakupan_wilayah"),
              cakupan=df["cakupan_wilayah"], date=_Each(df["tanggal_pencanangan"], lambda v: fmt.date(v, sink.lang)))


def _rules_nonaktif(raw: RawTable, df: pd.DataFrame, sink: _Sink) -> None:
    """tanggal_nonaktif: only for inactive Kampung KB, not before the launch; an inactive one without it
    is a warning (it counts at no date). Without the column an inactive Kampung KB counts at no date, silently
    (an export without history)."""
    f = raw.frame
    if "tanggal_nonaktif" not in f.columns:
        return
    heading, t_raw, tgl, aktif = raw.heading("tanggal_nonaktif"), f["tanggal_nonaktif"], df["tanggal_nonaktif"], df["aktif"]
    sink.rows("nonaktif_no_date", _mask((aktif == False) & (t_raw == "")), heading, None)  # noqa: E712
    sink.rows("nonaktif_but_active", _mask((aktif == True) & tgl.notna()), heading, t_raw)  # noqa: E712
    early = (tgl <= df["tanggal_pencanangan"]) & (tgl >= pd.Timestamp(schema.PROGRAMME_LAUNCH))
    sink.rows("nonaktif_before_launch", _mask(early), heading, t_raw,
              date=_Each(tgl, lambda v: fmt.date(v, sink.lang)),
              launch=_Each(df["tanggal_pencanangan"], lambda v: fmt.date(v, sink.lang)))


def _rule_two_desa_wide(raw: RawTable, df: pd.DataFrame, sink: _Sink, desa: pd.Series) -> None:
    """Two desa-wide Kampung KB in one desa: an error once one of them dates from Inpres 3/2022 on
    (one Kampung KB per desa/kelurahan), a warning for older pairs. RW/Dusun-level ones may share a desa."""
    wide = df["kode_desa"].where(df["cakupan_wilayah"] == "Desa")
    dup = _duplicates(wide)
    if not dup.any():
        return
    launch = df["tanggal_pencanangan"].where(wide.notna())
    latest = launch.groupby(wide, dropna=True, sort=False).transform("max")
    recent = _mask(latest >= pd.Timestamp(schema.INPRES_3_2022))
    fields = dict(first=_first_rows(wide), kode=df["kode_desa"], nama=_Each(df["kode_desa"], lambda k: desa.get(k, "")))
    heading, values = raw.heading("kode_desa"), raw.frame.get("kode_desa")
    sink.rows("desa_two_kampung_kb_inpres", dup & recent, heading, values,
              date=_Each(latest, lambda v: fmt.date(v, sink.lang)), **fields)
    sink.rows("desa_two_kampung_kb", dup & ~recent, heading, values, **fields)


def _rule_kode_unknown(raw: RawTable, df: pd.DataFrame, sink: _Sink, desa: pd.Series) -> None:
    if "kode_desa" not in raw.frame.columns:
        return
    kode = df["kode_desa"]
    unknown = kode.notna() & ~kode.isin(desa.index)
    sink.rows("kode_unknown", unknown, raw.heading("kode_desa"), raw.frame["kode_desa"], kode=kode)


def _rules_linked(raw: RawTable, df: pd.DataFrame, sink: _Sink, kkb: pd.DataFrame | None, kkb_file: str) -> None:
    """Rules shared by profil and kkbpk: the Kampung KB must exist, and have one row only."""
    if "kampung_kb_id" not in raw.frame.columns:
        return
    ids, heading, values = df["kampung_kb_id"], raw.heading("kampung_kb_id"), raw.frame["kampung_kb_id"]
    if kkb is not None:
        unknown = ids.notna() & ~ids.isin(kkb["id"].dropna())
        sink.rows("kampung_kb_unknown", unknown, heading, values, kampung_kb_file=kkb_file)
    if "periode" in raw.frame.columns:  # history: one row per Kampung KB and month
        key = ids.astype("string") + "|" + df["periode"].dt.strftime("%Y-%m").astype("string")
        dup = _duplicates(key)
        if dup.any():
            sink.rows("duplicate_periode_row", dup, heading, values, first=_first_rows(key), table=raw.file,
                      periode=_Each(df["periode"], lambda v: _fmt_when(v, "month", sink.lang)))
        return
    dup = _duplicates(ids)
    if dup.any():
        sink.rows("duplicate_kampung_kb_row", dup, heading, values, first=_first_rows(ids),
                  table=raw.file)


def _rules_profil(raw: RawTable, df: pd.DataFrame, sink: _Sink, kkb: pd.DataFrame | None) -> None:
    f, lang = raw.frame, sink.lang
    # negatives and counts out of bounds are already reported
    over = (df["pokja_terlatih"] > df["pokja_jumlah"]) & _within_bounds(df, ["pokja_jumlah", "pokja_terlatih"])
    sink.rows("pokja_terlatih_gt_jumlah", _mask(over), raw.heading("pokja_terlatih"), f.get("pokja_terlatih"),
              terlatih=df["pokja_terlatih"], jumlah=df["pokja_jumlah"])

    status, tgl = df["rumah_dataku"], df["rumah_dataku_tanggal"]
    t_heading = raw.heading("rumah_dataku_tanggal")
    if "rumah_dataku_tanggal" not in f.columns:
        if (status == "ada").any():
            sink.add("rumah_dataku_tanggal_absent", 1, t_heading)
    else:
        t_raw = f["rumah_dataku_tanggal"]
        sink.rows("rumah_dataku_no_date", _mask((status == "ada") & (t_raw == "")), t_heading, None)
        sink.rows("rumah_dataku_date_unexpected", _mask(status.isin(["tidak", "belum"]) & tgl.notna()), t_heading,
                  t_raw, status=status)
        if kkb is not None and "kampung_kb_id" in f.columns:
            by_id = kkb.dropna(subset=["id"]).drop_duplicates("id").set_index("id")["tanggal_pencanangan"]
            launch = pd.Series(by_id.reindex(df["kampung_kb_id"]).to_numpy(), index=df.index)
            early = (tgl < launch) & (tgl >= pd.Timestamp(schema.PROGRAMME_LAUNCH))  # earlier ones already reported
            sink.rows("rumah_dataku_before_launch", _mask(early), t_heading, t_raw,
                      date=_Each(tgl, lambda v: fmt.date(v, lang)), launch=_Each(launch, lambda v: fmt.date(v, lang)))


def _rules_kkbpk(raw: RawTable, df: pd.DataFrame, sink: _Sink) -> None:
    f = raw.frame
    pus = df["pus"]
    kb = df[[f"kb_{m}" for m in schema.METODE_KB]].sum(axis=1, min_count=len(schema.METODE_KB))
    tkb = df[[f"tkb_{r}" for r in schema.ALASAN_TIDAK_KB]].sum(axis=1, min_count=len(schema.ALASAN_TIDAK_KB))
    # a negative or implausible count is reported on its own; sums over it would only add confusing messages
    counts = [f"kb_{m}" for m in schema.METODE_KB] + [f"tkb_{r}" for r in schema.ALASAN_TIDAK_KB] + ["pus"]
    clean = _within_bounds(df, counts)
    too_many = _mask(kb > pus) & clean
    sink.rows("peserta_kb_gt_pus", too_many, raw.heading("pus"), f.get("pus"), kb=kb, pus=pus)
    total = kb + tkb
    sink.rows("tidak_kb_gt_pus", _mask(total > pus) & ~too_many & clean, raw.heading("pus"), f.get("pus"),
              total=total, pus=pus)
    over = (df["peserta_poktan"] > df["keluarga_poktan"]) & _within_bounds(df, ["keluarga_poktan", "peserta_poktan"])
    sink.rows("peserta_poktan_gt_keluarga", _mask(over), raw.heading("peserta_poktan"), f.get("peserta_poktan"),
              peserta=df["peserta_poktan"], keluarga=df["keluarga_poktan"])


def _rules_desa_cantik(raw: RawTable, df: pd.DataFrame, sink: _Sink, desa: pd.Series) -> None:
    _rule_kode_unknown(raw, df, sink, desa)
    tgl = df["tanggal_pembentukan"]
    other = tgl.notna() & df["tahun"].notna() & (tgl.dt.year != df["tahun"])
    sink.rows("desa_cantik_tahun_beda", _mask(other), raw.heading("tanggal_pembentukan"),
              raw.frame.get("tanggal_pembentukan"), date=_Each(tgl, lambda v: fmt.date(v, sink.lang)),
              tahun=_Each(df["tahun"], lambda v: str(int(v))))
    dup = _duplicates(df["kode_desa"])
    if dup.any():
        sink.rows("duplicate_desa_cantik", dup, raw.heading("kode_desa"), raw.frame.get("kode_desa"),
                  first=_first_rows(df["kode_desa"]), kode=df["kode_desa"])


def _rule_missing_rows(raw_kkb: RawTable, kkb: pd.DataFrame, other: RawTable | None, df: pd.DataFrame | None,
                       code: str, sink: _Sink) -> None:
    """A Kampung KB with no row in profil/kkbpk (checked only when that file was read)."""
    if other is None or other.frame is None or "kampung_kb_id" not in other.frame.columns or "id" not in raw_kkb.frame:
        return
    if len(df) == 0:
        return  # an empty table is one error (table_empty), not one warning per Kampung KB
    missing = kkb["id"].notna() & ~kkb["id"].isin(df["kampung_kb_id"].dropna())
    sink.rows(code, missing, raw_kkb.heading("id"), raw_kkb.frame["id"], file=other.file)


# --- entry points -------------------------------------------------------------------------

def _usable(raw: RawTable | None) -> bool:
    """Read, and holding rows when its table is required (an empty one is reported once, table_empty)."""
    return raw is not None and raw.frame is not None and (len(raw.frame) > 0 or not raw.table.required)


def check_tables(raws: dict[str, RawTable | None], master: pd.DataFrame, lang: str = "id",
                 today: date | None = None) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Typed tables (index = spreadsheet row) and every problem, from tables already read.

    A table that is absent or unreadable (None, or frame None) gives an empty typed table; the
    problems of reading (raw.problems) come first in each file's list.
    """
    today = today or date.today()
    desa = desa_codes(master)
    typed: dict[str, pd.DataFrame] = {}
    sinks: dict[str, _Sink] = {}
    for name, table in schema.TABLES.items():
        raw = raws.get(name)
        sink = sinks[name] = _Sink(raw.file if raw is not None else name, lang)
        if raw is not None:
            sink.items.extend(raw.problems)
        if raw is not None and raw.frame is not None and len(raw.frame) == 0 and table.required:
            sink.add("table_empty")  # a briefing would show 0 where the data had hundreds
        if _usable(raw):
            typed[name] = _convert(raw, sink, today)
        else:
            typed[name] = empty_frame(table).rename_axis(ROW_INDEX)

    r = {n: raws.get(n) for n in schema.TABLES}
    kkb_ok = _usable(r["kampung_kb"])
    # links to kampung_kb are checked only against a usable, non-empty one (else one error says it all)
    kkb = typed["kampung_kb"] if kkb_ok and "id" in r["kampung_kb"].frame.columns else None
    kkb = kkb if kkb is not None and len(kkb) else None
    kkb_file = r["kampung_kb"].file if r["kampung_kb"] is not None else "kampung_kb"
    if kkb_ok:
        _rules_kampung_kb(r["kampung_kb"], typed["kampung_kb"], sinks["kampung_kb"], desa)
    if _usable(r["profil"]):
        _rules_linked(r["profil"], typed["profil"], sinks["profil"], kkb, kkb_file)
        _rules_profil(r["profil"], typed["profil"], sinks["profil"], kkb)
    if _usable(r["kkbpk"]):
        _rules_linked(r["kkbpk"], typed["kkbpk"], sinks["kkbpk"], kkb, kkb_file)
        _rules_kkbpk(r["kkbpk"], typed["kkbpk"], sinks["kkbpk"])
    if _usable(r["desa_cantik"]):
        _rules_desa_cantik(r["desa_cantik"], typed["desa_cantik"], sinks["desa_cantik"], desa)
    if kkb is not None and len(kkb):
        for other, code in (("profil", "no_profil"), ("kkbpk", "no_kkbpk")):
            _rule_missing_rows(r["kampung_kb"], kkb, r[other], typed[other], code, sinks["kampung_kb"])

    problems: list[Problem] = []
    for sink in sinks.values():
        # file-level first, then by row; within a row the order checks ran (column order, then rules)
        problems.extend(sorted(sink.items, key=lambda p: -1 if p.row is None else p.row))
    return typed, problems


def validate_folder(data_dir, master=None, lang: str = "id", today: date | None = None
                    ) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read and check every table of a data folder.

    Returns the typed tables (every row kept; index = spreadsheet row, named "baris"; unparseable
    cells NA) and every problem, errors and warnings. Raises MasterError only for a bad master.
    """
    tables, problems, _ = validate_folder_master(data_dir, master, lang, today)
    return tables, problems


def validate_folder_master(data_dir, master=None, lang: str = "id", today: date | None = None
                           ) -> tuple[dict[str, pd.DataFrame], list[Problem], pd.DataFrame]:
    """validate_folder, also returning the master the codes were checked against: `master` resolved,
    or (None) the bundled decree the export's desa codes match best (matching_master)."""
    data_dir = Path(data_dir)
    master = None if master is None else resolve_master(master)
    if not data_dir.is_dir():
        master = resolve_master(None) if master is None else master
        p = Problem(str(data_dir), None, None, None, "folder_missing",
                    message("folder_missing", lang, folder=data_dir), SEVERITY["folder_missing"])
        return {n: empty_frame(t).rename_axis(ROW_INDEX) for n, t in schema.TABLES.items()}, [p], master

    _, problems = read_metadata(data_dir, lang)
    raws: dict[str, RawTable | None] = {}
    for name, table in schema.TABLES.items():
        files = find_table_files(data_dir, table, links=True)  # a link is named and refused, never read
        raws[name] = None
        if not files:
            if table.required:
                problems.append(Problem(f"{name}.csv/.xlsx", None, None, None, "file_missing",
                                        message("file_missing", lang, table=name, folder=data_dir),
                                        SEVERITY["file_missing"]))
        elif len(files) > 1:
            problems.append(Problem(" + ".join(p.name for p in files), None, None, None, "file_ambiguous",
                                    message("file_ambiguous", lang, table=name), SEVERITY["file_ambiguous"]))
        else:
            raws[name] = read_raw(files[0], table, lang)
    master = matching_master(raws) if master is None else master
    tables, more = check_tables(raws, master, lang, today)
    return tables, problems + more, master
