"""Units and sub-units over the region master, and the Kampung KB that count as of a date.

A unit is named by a Kemendagri code: None = Indonesia (sub-units: provinces), "PP" = a province
(sub-units: kab/kota), "PP.KK" = a kab/kota (sub-units: kecamatan). Codes may be given without dots.

Everything here works on the desa table of the master (`kbreport.ingest.wilayah.desa_table(master)`): one row
per desa/kelurahan with columns DESA_COLUMNS. It is the desa → unit mapping; it is turned into integer
codes once (`desa_index`), and each Kampung KB is placed on its desa row once (`registry`), so an analysis
of any unit is a few numpy operations.

Counting rules shared by every analysis:
- A Kampung KB counts as of `as_of` when tanggal_pencanangan falls on or before that day and it was
  active that day: aktif True, or aktif False with a tanggal_nonaktif after as_of (it stopped later).
  An inactive one without tanggal_nonaktif counts at no date; a blank aktif counts as inactive.
  `as_of=None` means no cut-off: the active ones (aktif True) in the data.
- A Kampung KB whose kode_desa is not in the master is left out (validation reports it upstream).
- "desa" counts desa and desa adat; "kelurahan" counts kelurahan.

Caching: the prepared forms of a table are kept (the last 32), keyed by the memory of the columns
they came from, so a table and its shallow copies share them. Because the cache holds those columns,
pandas' copy-on-write gives any later in-place edit new memory, so an edited table is prepared afresh.
`clear_cache()` empties it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from kbreport.errors import UnknownRegionError
from kbreport.text.catalogue import t as _t

DESA_COLUMNS = ("kode_desa", "nama_desa", "jenis", "kode_kecamatan", "nama_kecamatan", "kode_kabkota",
                "nama_kabkota", "kode_provinsi", "nama_provinsi")
KAMPUNG_KB_COLUMNS = ("id", "kode_desa", "tanggal_pencanangan", "aktif")

NASIONAL, PROVINSI, KABKOTA, KECAMATAN = "nasional", "provinsi", "kabkota", "kecamatan"
# tingkat → (code column, name column) of the units at that level in the desa table
LEVEL_COLUMNS = {
    PROVINSI: ("kode_provinsi", "nama_provinsi"),
    KABKOTA: ("kode_kabkota", "nama_kabkota"),
    KECAMATAN: ("kode_kecamatan", "nama_kecamatan"),
}
SUB_LEVEL = {NASIONAL: PROVINSI, PROVINSI: KABKOTA, KABKOTA: KECAMATAN}
INDONESIA = "Indonesia"

_KODE_RE = re.compile(r"^\d{2}(\.\d{2})?$")


# --- codes and dates --------------------------------------------------------------------------------------

def normalise_kode(kode: str | None) -> str | None:
    """'17' → '17', '1801' / '18.01' → '18.01', None / '' → None. Anything else is a ValueError."""
    if kode is None:
        return None
    k = str(kode).strip()
    if k == "":
        return None
    if re.fullmatch(r"\d{4}", k):
        k = f"{k[:2]}.{k[2:]}"
    if not _KODE_RE.match(k):
        raise ValueError(
            f"kode wilayah {kode!r} tidak dikenali: gunakan kode provinsi (PP) atau kabupaten/kota (PP.KK), "
            "atau kosong untuk Indonesia"
        )
    return k


def tingkat_of(kode: str | None) -> str:
    k = normalise_kode(kode)
    if k is None:
        return NASIONAL
    return PROVINSI if len(k) == 2 else KABKOTA


def as_of_timestamp(as_of) -> pd.Timestamp | None:
    """date / datetime / Timestamp / ISO string → Timestamp at midnight; None stays None."""
    if as_of is None:
        return None
    ts = pd.Timestamp(as_of)
    if pd.isna(ts):
        raise ValueError(f"tanggal tidak valid: {as_of!r}")
    return ts.normalize()


def check_columns(df: pd.DataFrame, needed, table: str) -> None:
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ValueError(f"tabel {table}: kolom tidak ada: {', '.join(missing)}")


def days(values) -> np.ndarray:
    """Dates → datetime64[D] (times of day dropped, blanks NaT)."""
    return pd.to_datetime(values).to_numpy().astype("datetime64[D]")


def as_bool(s: pd.Series) -> np.ndarray:
    """bool column (possibly with blanks) → numpy bool, blank = False."""
    return s.astype("boolean").fillna(False).to_numpy(dtype=bool)


# --- cache of prepared tables ------------------------------------------------------------------------------

_CACHE: dict[tuple, tuple] = {}
_CACHE_MAX = 32


def _buffers(s: pd.Series):
    """Addresses of the memory behind a column, or None when they cannot be told (then nothing is cached)."""
    a = s.array
    out = []
    for name in ("_ndarray", "_data", "_mask"):
        arr = getattr(a, name, None)
        if isinstance(arr, np.ndarray):
            out.append((arr.__array_interface__["data"][0], arr.shape, arr.strides))
    if not out and hasattr(a, "_pa_array"):
        out.append(id(a._pa_array))  # arrow arrays are immutable; an edit swaps the object
    return tuple(out) or None


def _index_key(idx: pd.Index):
    """A RangeIndex by its values (a shallow copy of a frame gets a new, equal one), any other
    index by identity (the cache entry holds it, so the identity cannot be reused)."""
    if isinstance(idx, pd.RangeIndex):
        return ("range", idx.start, idx.stop, idx.step)
    return ("id", id(idx))


def cached(kind: str, frames: tuple[pd.DataFrame, ...], cols: tuple[tuple[str, ...], ...], build):
    """build() once per (kind, memory of the given columns): the same table, or a shallow copy of it
    (as kbreport.ingest.dataset.load_data_cached hands each report), hits; an edited one misses."""
    held = [f[c] for f, cs in zip(frames, cols) for c in cs]
    fp = tuple((len(f), _index_key(f.index)) for f in frames) + tuple(_buffers(s) for s in held)
    if None in fp:
        return build()
    key = (kind, fp)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit[1]
    value = build()
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.pop(next(iter(_CACHE)))
    # `held` keeps the columns (so their memory is not reused, and an in-place edit of the table
    # copies first, see module doc) and the indexes whose identity is in the key
    _CACHE[key] = ((held, [f.index for f in frames]), value)
    return value


def clear_cache() -> None:
    _CACHE.clear()


# --- the master, prepared --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Level:
    codes: np.ndarray  # per desa row: index into kode/nama (sorted by kode)
    kode: np.ndarray  # object array of unit codes, sorted
    nama: np.ndarray  # object array of unit names


@dataclass(frozen=True)
class DesaIndex:
    kode_desa: pd.Index  # position of each desa code
    kelurahan: np.ndarray  # bool per desa row
    levels: dict[str, Level]


def _build_desa_index(desa: pd.DataFrame) -> DesaIndex:
    levels = {}
    for t, (code_col, name_col) in LEVEL_COLUMNS.items():
        codes, uniques = pd.factorize(desa[code_col], sort=True)
        first = np.unique(codes, return_index=True)[1] if len(codes) else np.array([], dtype=np.int64)
        levels[t] = Level(codes.astype(np.int64), np.asarray(uniques, dtype=object),
                          desa[name_col].to_numpy(dtype=object)[first])
    idx = pd.Index(desa["kode_desa"].to_numpy(dtype=object))
    idx.get_indexer(idx[:1])  # build the hash table now, once
    kel = (desa["jenis"] == "kelurahan").to_numpy(dtype=bool, na_value=False)
    return DesaIndex(idx, kel, levels)


def desa_index(desa: pd.DataFrame) -> DesaIndex:
    """The desa table as integer codes per level (cached)."""
    check_columns(desa, DESA_COLUMNS, "desa (master)")
    return cached("desa", (desa,), (("kode_desa", "jenis", "kode_kecamatan", "kode_kabkota", "kode_provinsi",
                                      "nama_kecamatan", "nama_kabkota", "nama_provinsi"),),
                  lambda: _build_desa_index(desa))


@dataclass(frozen=True)
class Registry:
    desa_row: np.ndarray  # per Kampung KB: its row in the desa table, -1 when not in the master
    aktif: np.ndarray  # bool
    tanggal: np.ndarray  # datetime64[D]
    nonaktif: np.ndarray  # datetime64[D], NaT when not given

    def counts(self, as_of: pd.Timestamp | None) -> np.ndarray:
        """bool per Kampung KB: launched by as_of and active on that day (see the module doc)."""
        if as_of is None:
            return self.aktif.copy()
        day = np.datetime64(as_of.date(), "D")
        active = self.aktif | (self.nonaktif > day)  # NaT compares False
        return active & (self.tanggal <= day)


def registry(kampung_kb: pd.DataFrame, desa: pd.DataFrame) -> Registry:
    """The Kampung KB placed on desa rows (cached)."""
    check_columns(kampung_kb, KAMPUNG_KB_COLUMNS, "kampung_kb")

    has_off = "tanggal_nonaktif" in kampung_kb.columns  # an export without history has no such column

    def build():
        di = desa_index(desa)
        off = (days(kampung_kb["tanggal_nonaktif"]) if has_off
               else np.full(len(kampung_kb), np.datetime64("NaT"), dtype="datetime64[D]"))
        return Registry(di.kode_desa.get_indexer(kampung_kb["kode_desa"].to_numpy(dtype=object)).astype(np.int64),
                        as_bool(kampung_kb["aktif"]), days(kampung_kb["tanggal_pencanangan"]), off)

    cols = ("kode_desa", "aktif", "tanggal_pencanangan") + (("tanggal_nonaktif",) if has_off else ())
    return cached("registry", (kampung_kb, desa), (cols, ("kode_desa",)), build)


def key_positions(table: pd.DataFrame, key: str, kampung_kb: pd.DataFrame) -> np.ndarray:
    """Per Kampung KB row: the row of `table` (profil, kkbpk) whose `key` is its id (first one), -1 if none."""
    check_columns(table, (key,), "profil/kkbpk")

    def build():
        keys = table[key].to_numpy(dtype=object)
        first = ~pd.Series(keys).duplicated().to_numpy()
        rows = np.flatnonzero(first)
        pos = pd.Index(keys[first]).get_indexer(kampung_kb["id"].to_numpy(dtype=object))
        return np.where(pos >= 0, rows[np.maximum(pos, 0)] if len(rows) else -1, -1).astype(np.int64)

    return cached("keys:" + key, (table, kampung_kb), ((key,), ("id",)), build)


# --- units --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    """A resolved unit: its code, name (from the master), level and the level of its sub-units."""

    kode: str | None
    nama: str
    tingkat: str  # nasional | provinsi | kabkota
    sub_tingkat: str  # provinsi | kabkota | kecamatan

    @property
    def sub_columns(self) -> tuple[str, str]:
        return LEVEL_COLUMNS[self.sub_tingkat]


def _resolve(di: DesaIndex, kode: str | None) -> tuple[Unit, int | None]:
    k = normalise_kode(kode)
    t = tingkat_of(k)
    if k is None:
        return Unit(None, INDONESIA, NASIONAL, PROVINSI), None
    lv = di.levels[t]
    i = int(np.searchsorted(lv.kode, k))
    if i >= len(lv.kode) or lv.kode[i] != k:
        raise UnknownRegionError(k, _t("error.unknown_region", kode=k))
    return Unit(k, str(lv.nama[i]), t, SUB_LEVEL[t]), i


def resolve(desa: pd.DataFrame, kode: str | None) -> Unit:
    """The Unit for `kode`, its name from the master. Raises UnknownRegionError if the master lacks it."""
    return _resolve(desa_index(desa), kode)[0]


@dataclass
class Scope:
    """One unit as of one date, prepared once and shared by the analyses.

    desa_rows   rows of the desa table in the unit;   desa_sub: their sub-unit (index into sub_units)
    kkb         the counting Kampung KB in the unit: id, kode_desa, tanggal_pencanangan (datetime64[D]),
                row (row in kampung_kb), desa_row, sub (index into sub_units), sub_kode, sub_nama
    sub_units   kode, nama of every sub-unit, sorted by kode
    """

    unit: Unit
    as_of: pd.Timestamp | None
    desa_table: pd.DataFrame
    kampung_kb: pd.DataFrame
    desa_rows: np.ndarray
    desa_sub: np.ndarray
    kkb: pd.DataFrame
    sub_units: pd.DataFrame
    index: DesaIndex = field(repr=False)

    @property
    def n_sub(self) -> int:
        return len(self.sub_units)

    @property
    def desa(self) -> pd.DataFrame:
        """The unit's rows of the desa table, with sub_kode / sub_nama."""
        rows = self.desa_table.iloc[self.desa_rows]
        return rows.assign(sub_kode=self.sub_units["kode"].to_numpy()[self.desa_sub],
                           sub_nama=self.sub_units["nama"].to_numpy()[self.desa_sub])

    def sum_kkb(self, values=None) -> np.ndarray:
        """Per sub-unit: number of counting Kampung KB (or the sum of `values`, one per kkb row)."""
        return np.bincount(self.kkb["sub"].to_numpy(), weights=values, minlength=self.n_sub)

    def sum_desa(self, values=None) -> np.ndarray:
        """Per sub-unit: number of desa/kelurahan (or the sum of `values`, one per desa row)."""
        return np.bincount(self.desa_sub, weights=values, minlength=self.n_sub)

    def frame(self, columns: dict[str, np.ndarray], total: dict[str, object]) -> pd.DataFrame:
        """Sub-unit rows (kode, nama, columns…, total=False) and then the total row."""
        t = pd.DataFrame({"kode": self.sub_units["kode"].to_numpy(dtype=object),
                          "nama": self.sub_units["nama"].to_numpy(dtype=object), **columns})
        tot = pd.DataFrame([{"kode": self.unit.kode, "nama": self.unit.nama, **total}])
        out = pd.concat([t.assign(total=False), tot.assign(total=True)], ignore_index=True)
        out["kode"] = out["kode"].astype(object)
        return out


def scope(desa: pd.DataFrame, kampung_kb: pd.DataFrame, kode: str | None, as_of=None) -> Scope:
    di = desa_index(desa)
    reg = registry(kampung_kb, desa)
    unit, uid = _resolve(di, kode)
    ts = as_of_timestamp(as_of)
    sub = di.levels[unit.sub_tingkat]
    if uid is None:
        in_unit = np.ones(len(desa), dtype=bool)
    else:
        in_unit = di.levels[unit.tingkat].codes == uid
    desa_rows = np.flatnonzero(in_unit)
    present = np.unique(sub.codes[desa_rows])
    desa_sub = np.searchsorted(present, sub.codes[desa_rows])

    m = reg.counts(ts) & (reg.desa_row >= 0)
    m &= in_unit[np.maximum(reg.desa_row, 0)]
    rows = np.flatnonzero(m)
    drow = reg.desa_row[rows]
    ksub = np.searchsorted(present, sub.codes[drow])
    sub_kode, sub_nama = sub.kode[present], sub.nama[present]
    def obj(a):  # keep object dtype: inferring `str` for 80k values would cost more than the rest
        return pd.Series(a, dtype=object, copy=False)

    kkb = pd.DataFrame({
        "id": obj(kampung_kb["id"].to_numpy(dtype=object)[rows]),
        "kode_desa": obj(di.kode_desa.to_numpy()[drow]),
        "tanggal_pencanangan": reg.tanggal[rows],
        "row": rows,
        "desa_row": drow,
        "sub": ksub,
        "sub_kode": obj(sub_kode[ksub]),
        "sub_nama": obj(sub_nama[ksub]),
    })
    subs = pd.DataFrame({"kode": sub_kode, "nama": sub_nama})
    return Scope(unit, ts, desa, kampung_kb, desa_rows, desa_sub, kkb, subs, di)


def counting_kkb(kampung_kb: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Kampung KB counting as of `as_of` (launched by then and active then; see the module doc), any desa."""
    check_columns(kampung_kb, KAMPUNG_KB_COLUMNS, "kampung_kb")
    ts = as_of_timestamp(as_of)
    aktif = as_bool(kampung_kb["aktif"])
    if ts is None:
        return kampung_kb[aktif]
    day = np.datetime64(ts.date(), "D")
    off = (days(kampung_kb["tanggal_nonaktif"]) if "tanggal_nonaktif" in kampung_kb.columns
           else np.full(len(kampung_kb), np.datetime64("NaT"), dtype="datetime64[D]"))
    return kampung_kb[(aktif | (off > day)) & (days(kampung_kb["tanggal_pencanangan"]) <= day)]


def to_date(as_of) -> date | None:
    ts = as_of_timestamp(as_of)
    return None if ts is None else ts.date()
