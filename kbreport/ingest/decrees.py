"""The Kemendagri decrees behind the region master: which one is in force on a date, each one's codes and names,
which one an export's codes follow, and how a desa code of one decree reads in another.

Six decrees ship (kbreport/data/wilayah-*.csv.gz, built by scripts/build_wilayah_decrees.py): today's in full,
each older one as its difference from the next newer one. `decree_in_force(date)` picks the one signed last on or before the date
(the signing day counts); before the first, the first. docs/wilayah.md cites each signing date.
"""
from __future__ import annotations

import functools
import gzip
import io
import json
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from importlib import resources

import numpy as np
import pandas as pd

__all__ = ["Decree", "DECREES", "TODAY", "get_decree", "decree_in_force", "decree_table", "desa_codes_of",
           "match_decree", "DecreeMatch", "translate_desa", "desa_since", "metadata"]

BASE_FILE = "wilayah-kepmendagri-300.2.2-2430-2025.csv.gz"
DIFF_FILE = "wilayah-decree-diffs.csv.gz"
META_FILE = "wilayah_decrees.json"
NOTICE_FILE = "WILAYAH_NOTICE.md"

_README = ("https://github.com/cahyadsn/wilayah/blob/b7ad440a1322e7be3189a16a8cac35f7d4c3d7f7/README.md"
           "#referensi")


@dataclass(frozen=True)
class Decree:
    """One decree's region list. `berlaku_sejak`: first day a figure uses it (the day its list was signed)."""

    stem: str  # file stem, as figures.json's master_wilayah prints it
    judul: str
    ditetapkan: date  # the decree named in `judul`
    berlaku_sejak: date
    perubahan: str | None  # the later act whose list the file reproduces, with its date
    sumber: tuple[str, ...]  # where the dates are read: cited pages, the first the one actually read

    def as_dict(self) -> dict:
        d = asdict(self)
        d.update(ditetapkan=self.ditetapkan.isoformat(), berlaku_sejak=self.berlaku_sejak.isoformat(),
                 sumber=list(self.sumber))
        return d


# Dates as the source repository's README lists them (with the official page it names); see docs/wilayah.md.
DECREES: tuple[Decree, ...] = (
    Decree("permendagri-56-2015", "Permendagri No. 56 Tahun 2015", date(2015, 6, 29), date(2015, 6, 29), None,
           (_README, "www.kemendagri.go.id/pages/data-wilayah (Berita Negara RI Tahun 2015 Nomor 1045)")),
    Decree("permendagri-137-2017", "Permendagri No. 137 Tahun 2017", date(2017, 12, 27), date(2017, 12, 27), None,
           (_README, "http://www.kemendagri.go.id/produk-hukum/2018/01/18/kode-dan-data-wilayah-administrasi-"
                     "pemerintahan-tahun-2017 (Berita Negara RI Tahun 2017 Nomor 1955)")),
    Decree("permendagri-72-2019", "Permendagri No. 72 Tahun 2019", date(2019, 10, 8), date(2019, 10, 8),
           "Kepmendagri No. 146.1-4717 Tahun 2020 (nama, kode dan jumlah desa), ditetapkan 21 Desember 2020",
           (_README, "https://www.kemendagri.go.id/page/read/48/peraturan-menteri-dalam-negeri-no72-tahun-2019 "
                     "(Berita Negara RI Tahun 2019 Nomor 1327)",
            "http://binapemdes.kemendagri.go.id/produkhukum/detil/keputusan-menteri-dalam-negeri-nomor-1461-4717-"
            "tahun-2020")),
    # Permendagri 58/2021 sets the rules; the code list is Kepmendagri 050-145/2022, in force from its signing.
    Decree("permendagri-58-2021", "Permendagri No. 58 Tahun 2021", date(2021, 12, 13), date(2022, 2, 14),
           "Kepmendagri No. 050-145 Tahun 2022 (kode dan data wilayah tahun 2021), ditetapkan 14 Februari 2022",
           (_README, "https://paralegal.id/peraturan/peraturan-menteri-dalam-negeri-nomor-58-tahun-2021/ "
                     "(Berita Negara RI Tahun 2021 Nomor 1391)",
            "https://www.kemendagri.go.id/arsip/detail/10857/keputusan-menteri-dalam-negeri-nomor-050145-tahun-"
            "2022-tentang-pemberian-kode-data-wilayah-administrasi-pemerintahan-dan-pulau-tahun-2021",
            "https://ditjenbinaadwil.kemendagri.go.id/berita/detail/kode-ditetapkan-khusus-untuk-setiap-wilayah-"
            "namun-dapat-dimutakhirkan")),
    Decree("kepmendagri-100.1.1-6117-2022", "Kepmendagri No. 100.1.1-6117 Tahun 2022", date(2022, 11, 9),
           date(2022, 11, 9), None, (_README, "https://github.com/cahyadsn/wilayah_ref")),
    # 2430 amends 300.2.2-2138 of 25 April 2025; the 2025 list is used from 2138's signing.
    Decree("kepmendagri-300.2.2-2430-2025", "Kepmendagri No. 300.2.2-2430 Tahun 2025", date(2025, 6, 23),
           date(2025, 4, 25),
           "perubahan atas Kepmendagri No. 300.2.2-2138 Tahun 2025, ditetapkan 25 April 2025",
           (_README, "https://www.inforegulasi.com/2025/11/link-download-kepmendagri-nomor-30022.html")),
)
TODAY = DECREES[-1]
_BY_STEM = {d.stem: d for d in DECREES}


def get_decree(which) -> Decree:
    """A Decree from itself, its stem ("permendagri-56-2015") or a date or ISO date text (the decree in force then)."""
    if isinstance(which, Decree):
        return which
    if isinstance(which, (date, datetime, pd.Timestamp)) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(which)):
        return decree_in_force(which)
    d = _BY_STEM.get(str(which))
    if d is None:
        raise KeyError(f"keputusan wilayah tidak dikenal: {which!r} (pilihan: {', '.join(_BY_STEM)})")
    return d


def decree_in_force(on) -> Decree:
    """The decree whose list is in force on `on` (a date, datetime or Timestamp): the last with
    berlaku_sejak <= on; before the first decree, the first (nothing older ships)."""
    day = pd.Timestamp(on).date()
    chosen = DECREES[0]
    for d in DECREES:
        if d.berlaku_sejak <= day:
            chosen = d
    return chosen


@functools.lru_cache(maxsize=1)
def metadata() -> dict:
    """wilayah_decrees.json: source, commit, per-decree dates, sha256s and counts."""
    return json.loads((resources.files("kbreport") / "data" / META_FILE).read_text(encoding="utf-8"))


def _read_gz(name: str) -> pd.DataFrame:
    raw = (resources.files("kbreport") / "data" / name).read_bytes()
    return pd.read_csv(io.BytesIO(gzip.decompress(raw)), dtype=str, keep_default_na=False, na_filter=False)


@functools.lru_cache(maxsize=1)
def _diffs() -> dict[str, pd.DataFrame]:
    df = _read_gz(DIFF_FILE)
    return {stem: g.drop(columns="decree") for stem, g in df.groupby("decree", sort=False)}


@functools.lru_cache(maxsize=4)
def decree_table(stem: str) -> pd.DataFrame:
    """kode, nama_resmi, nama of one decree, sorted by code (cached: do not modify it)."""
    target = get_decree(stem)
    base = _read_gz(BASE_FILE)
    for d in DECREES[-2::-1]:  # each diff turns the next newer decree into this one
        if d.berlaku_sejak < target.berlaku_sejak:
            break
        diff = _diffs().get(d.stem, base.iloc[0:0].assign(op=""))
        keep = ~base["kode"].isin(set(diff["kode"]))
        added = diff.loc[diff["op"] == "+", ["kode", "nama_resmi", "nama"]]
        base = pd.concat([base.loc[keep], added], ignore_index=True)
    base = base.sort_values("kode", kind="stable").reset_index(drop=True)
    base["nama"] = base["nama"].where(base["nama"] != "", base["nama_resmi"])
    return base


@functools.lru_cache(maxsize=8)
def desa_codes_of(stem: str) -> frozenset:
    """The desa/kelurahan codes of one decree."""
    k = decree_table(stem)["kode"]
    return frozenset(k[k.str.len() == 13])


@dataclass(frozen=True)
class DecreeMatch:
    decree: Decree
    found: int  # distinct desa codes of the export in that decree
    total: int  # distinct well-formed desa codes in the export


def match_decree(codes) -> DecreeMatch:
    """The decree holding the most of these desa codes (ties: the newer); no codes: today's decree."""
    uniq = {c for c in pd.Series(codes, dtype=object).dropna() if isinstance(c, str) and len(c) == 13}
    best = DecreeMatch(TODAY, len(uniq & desa_codes_of(TODAY.stem)), len(uniq))
    for d in reversed(DECREES[:-1]):
        n = len(uniq & desa_codes_of(d.stem))
        if n > best.found:
            best = DecreeMatch(d, n, len(uniq))
    return best


_KAB = re.compile(r"^(kabupaten|kab\.?|kota)\s+(administrasi|adm\.?)?\s*")


def _key(name: pd.Series, strip_prefix: bool = False) -> pd.Series:
    s = name.str.lower()
    if strip_prefix:
        kind = np.where(s.str.startswith("kota"), "kota:", "kab:")
        s = kind + s.str.replace(_KAB, "", regex=True)
    return s.str.replace(r"[^a-z0-9:]", "", regex=True)


@functools.lru_cache(maxsize=4)
def _desa_keys(stem: str) -> pd.DataFrame:
    t = decree_table(stem)
    n = t["kode"].str.len()
    kab = t.loc[n == 5]
    kab = pd.Series(_key(kab["nama_resmi"], strip_prefix=True).to_numpy(), index=kab["kode"].to_numpy())
    kec = t.loc[n == 8]
    kec = pd.Series(_key(kec["nama_resmi"]).to_numpy(), index=kec["kode"].to_numpy())
    desa = t.loc[n == 13, ["kode", "nama_resmi"]].reset_index(drop=True)
    k_kab = desa["kode"].str.slice(0, 5).map(kab)
    k_desa = _key(desa["nama_resmi"])
    return pd.DataFrame({"kode": desa["kode"], "desa": k_desa, "kab": k_kab,
                         "key": k_kab + "|" + desa["kode"].str.slice(0, 8).map(kec) + "|" + k_desa})


@functools.lru_cache(maxsize=8)
def _crosswalk(src: str, dst: str) -> pd.Series:
    """src desa code -> dst desa code, NA where the decrees do not tell (see translate_desa)."""
    a, b = _desa_keys(src), _desa_keys(dst)
    same = a.merge(b, on="kode", how="left", suffixes=("", "_b"))
    keep = same["kode"].isin(set(b["kode"])) & ((same["desa"] == same["desa_b"]) | (same["kab"] == same["kab_b"]))
    out = pd.Series(np.where(keep, same["kode"], None), index=same["kode"].to_numpy(), dtype=object)
    ua = a.loc[~a.duplicated("key", keep=False)]
    ub = b.loc[~b.duplicated("key", keep=False)].set_index("key")["kode"]
    by_name = pd.Series(ua["key"].map(ub).to_numpy(), index=ua["kode"].to_numpy(), dtype=object)
    taken = set(out.dropna())
    fill = by_name.reindex(out.index)
    fill = fill.where(~fill.isin(taken))  # never two src codes onto one dst code
    return out.where(out.notna(), fill)


def translate_desa(codes: pd.Series, src, dst) -> tuple[pd.Series, list[str]]:
    """Desa codes of decree `src` as decree `dst` writes them, and the src codes that cannot be placed.

    A code is kept when `dst` has it with the same desa name or under the same kab/kota name (a respelt or
    renamed region, not a reused code); otherwise it is mapped to the one `dst` desa with the same kab/kota,
    kecamatan and desa names (letters and digits only, case ignored) when that triple is unique in both;
    otherwise it is NA and listed. Codes not in `src` at all stay as they are (validation reports them).
    """
    s, d = get_decree(src).stem, get_decree(dst).stem
    codes = pd.Series(codes, dtype=object)
    if s == d:
        return codes, []
    xw = _crosswalk(s, d)
    known = codes.isin(set(xw.index))
    mapped = codes.map(xw).where(known, codes)
    lost = sorted({c for c in codes[known & mapped.isna()]})
    return mapped.astype(object), lost


def desa_since(codes, stem) -> np.ndarray:
    """Per desa code of decree `stem`: the index in DECREES of the oldest decree from which on every shipped
    decree up to `stem` has it (the same code or a certain counterpart, translate_desa); len(DECREES) for a
    code not in `stem`. The demo data launches a Kampung KB in a desa only once its decree is in force."""
    stem = get_decree(stem).stem
    codes = pd.Series(codes, dtype=object).reset_index(drop=True)
    pos = [d.stem for d in DECREES].index(stem)
    since = np.where(codes.isin(desa_codes_of(stem)), pos, len(DECREES))
    alive = since == pos
    for j in range(pos - 1, -1, -1):
        mapped, _ = translate_desa(codes, stem, DECREES[j])
        alive &= mapped.notna().to_numpy() & codes.isin(set(_crosswalk(stem, DECREES[j].stem).index)).to_numpy()
        since = np.where(alive, j, since)
    return since
