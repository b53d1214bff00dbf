"""The Kemendagri region master (wilayah): codes, names and hierarchy of Indonesia's regions.

One master per decree ships (kbreport.ingest.decrees; scripts/build_wilayah_decrees.py builds them and
docs/wilayah.md explains how): `load_master()` is today's (Kepmendagri 300.2.2-2430/2025: 38 provinces,
514 kab/kota, 7,285 kecamatan, 83,762 desa/kelurahan), `load_master(decree=...)` another by stem or by date.
A user can load their own master in the plain `kode,nama` CSV form with `load_master(path)`.

Codes are always the dotted Kemendagri form `PP.KK.CC.DDDD`; names come from the master only.
"""
from __future__ import annotations

import copy
import csv
import functools
import io
import numbers
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kbreport.errors import MasterError, Problem, UnknownRegionError
from kbreport.text.catalogue import t as _t
from kbreport.text.messages import format_problem, os_error_reason

__all__ = [
    "LEVELS",
    "COLUMNS",
    "DESA_COLUMNS",
    "Region",
    "normalize_code",
    "level_of",
    "jenis_of",
    "printable_name",
    "load_master",
    "desa_table",
    "region",
    "children",
    "provenance",
    "decree_of",
]

# Levels from the top; the index is the number of dots in a code.
LEVELS = ("provinsi", "kabkota", "kecamatan", "desa")
_SEGMENT_LENGTHS = (2, 2, 2, 4)
_UNDOTTED_LENGTHS = {2: 1, 4: 2, 6: 3, 10: 4}  # digits -> number of segments
COLUMNS = ["kode", "nama", "nama_resmi", "tingkat", "jenis", "kode_provinsi", "kode_kabkota", "kode_kecamatan"]
FILE_COLUMNS = ["kode", "nama", "nama_resmi", "tingkat", "jenis"]
DESA_COLUMNS = ["kode_desa", "nama_desa", "jenis", "kode_kecamatan", "nama_kecamatan", "kode_kabkota",
                "nama_kabkota", "kode_provinsi", "nama_provinsi"]
JENIS = ("provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan", "desa adat")
_DESA_JENIS = {"1": "kelurahan", "2": "desa", "3": "desa adat"}
_PARENT_COLS = ("kode_provinsi", "kode_kabkota", "kode_kecamatan")
_PARENT_LEN = (2, 5, 8)  # prefix length of the dotted code for each parent column



# --- codes --------------------------------------------------------------------------------

def _dotted(digits: str) -> str | None:
    n = _UNDOTTED_LENGTHS.get(len(digits))
    if n is None:
        return None
    out, pos = [], 0
    for size in _SEGMENT_LENGTHS[:n]:
        out.append(digits[pos:pos + size])
        pos += size
    return ".".join(out)


def normalize_code(value) -> str | None:
    """Dotted Kemendagri code ("16.10.05.2041") from any common spelling, or None if malformed.

    Accepts "1610052041", "16.10.05.2041", surrounding spaces, and ints/floats as Excel gives them
    (1610052041.0). Returns None for None/NaN/blank and for anything of the wrong shape.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return _dotted(str(int(value))) if int(value) >= 0 else None
    if isinstance(value, numbers.Real):
        f = float(value)
        if f != f or f < 0 or not f.is_integer():  # NaN, negative, fractional
            return None
        return _dotted(str(int(f)))
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or not s.isascii():
        return None
    if "." in s:
        parts = s.split(".")
        if (1 <= len(parts) <= 4 and all(p.isdigit() for p in parts)
                and all(len(p) == size for p, size in zip(parts, _SEGMENT_LENGTHS))):
            return ".".join(parts)
        m = re.fullmatch(r"(\d+)\.0+", s)  # a float written as text: "1610052041.0"
        return _dotted(m.group(1)) if m else None
    return _dotted(s) if s.isdigit() else None


def level_of(kode: str | None) -> str:
    """"nasional" for None/""; otherwise provinsi, kabkota, kecamatan or desa by segment count."""
    if kode is None or (isinstance(kode, str) and not kode.strip()):
        return "nasional"
    k = normalize_code(kode)
    if k is None:
        raise ValueError(f"kode wilayah tidak valid: {kode!r}")
    return LEVELS[k.count(".")]


def jenis_of(kode: str) -> str:
    """provinsi / kabupaten / kota / kecamatan / desa / kelurahan / desa adat, from the code alone."""
    k = normalize_code(kode)
    if k is None:
        raise ValueError(f"kode wilayah tidak valid: {kode!r}")
    parts = k.split(".")
    if len(parts) == 1:
        return "provinsi"
    if len(parts) == 2:
        return "kota" if int(parts[1]) >= 71 else "kabupaten"
    if len(parts) == 3:
        return "kecamatan"
    jenis = _DESA_JENIS.get(parts[3][0])
    if jenis is None:
        raise ValueError(f"kode desa {k}: digit pertama segmen terakhir harus 1, 2 atau 3")
    return jenis


# --- printable names ----------------------------------------------------------------------

_ROMAN = re.compile(r"(?=[IVX])X{0,3}(IX|IV|V?I{0,3})", re.IGNORECASE)
_VOWELS = set("AEIOUaeiou")
_KAB_PREFIX = re.compile(r"^(KABUPATEN|KAB)\.?\s+(.*)$", re.IGNORECASE)
_KOTA_PREFIX = re.compile(r"^KOTA\s+(.*)$", re.IGNORECASE)
_PROVINCE_SPECIAL = {
    "DAERAH ISTIMEWA YOGYAKARTA": "DI Yogyakarta",
    "D.I. YOGYAKARTA": "DI Yogyakarta",
    "DI YOGYAKARTA": "DI Yogyakarta",
    "DKI JAKARTA": "DKI Jakarta",
    "DAERAH KHUSUS IBUKOTA JAKARTA": "DKI Jakarta",
}
_LOWER_WORDS = {"dan"}  # "Kab. Pangkajene dan Kepulauan"


def _cap_part(part: str, all_caps_source: bool) -> str:
    """One alphabetic run: roman numerals upper, vowel-less acronyms (MKCM) kept, else Capitalised."""
    if not part:
        return part
    if _ROMAN.fullmatch(part):
        return part.upper()
    if all_caps_source and len(part) >= 2 and part.isalpha() and not (set(part) & _VOWELS):
        return part.upper()
    return part[0].upper() + part[1:].lower()


def _title_token(tok: str, all_caps_source: bool, first: bool) -> str:
    if not first and tok.lower() in _LOWER_WORDS:
        return tok.lower()
    # capitalise after start, hyphen, slash, parenthesis and dot; letters after an apostrophe stay lower
    pieces = re.split(r"([-/().,])", tok)
    return "".join(_cap_part(p, all_caps_source) if p and p[0].isalpha() else p for p in pieces)


def _smart_title(name: str) -> str:
    caps = name.isupper()
    toks = name.split()
    return " ".join(_title_token(t, caps, i == 0) for i, t in enumerate(toks))


def _fix_mixed(name: str) -> str:
    """A name already in mixed case: keep it, only capitalise lower-case words and fix roman numerals."""
    out = []
    for i, tok in enumerate(name.split()):
        if tok[0].isupper() and _ROMAN.fullmatch(tok):  # "Ii" -> "II"; a lone "x" (2 x 11) stays
            tok = tok.upper()
        elif tok[0].islower() and tok.isalpha() and len(tok) > 1 and (i == 0 or tok not in _LOWER_WORDS):
            tok = tok[0].upper() + tok[1:]
        out.append(tok)
    return " ".join(out)


def printable_name(nama_resmi: str, tingkat: str) -> str:
    """The name as a report prints it: "Sumatera Selatan", "Kab. Lampung Barat", "Kota Bengkulu", "Sembadak"."""
    raw = " ".join(str(nama_resmi).split())
    if not raw:
        return raw
    if tingkat == "provinsi":
        special = _PROVINCE_SPECIAL.get(raw.upper())
        if special:
            return special
        name = _smart_title(raw) if (raw.isupper() or raw.islower()) else _fix_mixed(raw)
        return re.sub(r"^(Dki|Di)\b", lambda m: m.group(1).upper(), name)
    if tingkat == "kabkota":
        m = _KAB_PREFIX.match(raw)
        prefix, rest = ("Kab.", m.group(2)) if m else (None, raw)
        if m is None:
            m = _KOTA_PREFIX.match(raw)
            if m:
                prefix, rest = "Kota", m.group(1)
        body = _smart_title(rest) if (rest.isupper() or rest.islower()) else _fix_mixed(rest)
        return f"{prefix} {body}" if prefix else body
    return _smart_title(raw) if (raw.isupper() or raw.islower()) else _fix_mixed(raw)


# --- loading ------------------------------------------------------------------------------

def _add_parents(df: pd.DataFrame) -> pd.DataFrame:
    """Parent code columns from the codes; NA where the level is above the parent."""
    depth = df["kode"].str.count(r"\.")
    out = df.copy()
    for i, (col, n) in enumerate(zip(_PARENT_COLS, _PARENT_LEN)):
        out[col] = df["kode"].str.slice(0, n).where(depth >= i, None)
    return out[COLUMNS]


def _finish(df: pd.DataFrame) -> pd.DataFrame:
    df = df.sort_values("kode", kind="stable").reset_index(drop=True)
    return _add_parents(df)


def _jenis(kode: pd.Series) -> pd.Series:
    """jenis_of for a whole column of well-formed codes."""
    depth = kode.str.count(r"\.")
    kab = np.where(kode.str.slice(3, 5) >= "71", "kota", "kabupaten")
    desa = kode.str.slice(9, 10).map(_DESA_JENIS)
    out = np.select([depth == 0, depth == 1, depth == 2], ["provinsi", kab, "kecamatan"], default=None)
    return pd.Series(np.where(depth == 3, desa, out), index=kode.index, dtype=object)


@functools.lru_cache(maxsize=4)
def _bundled(stem: str) -> pd.DataFrame:
    from kbreport.ingest.decrees import decree_table

    t = decree_table(stem)
    df = pd.DataFrame({"kode": t["kode"], "nama": t["nama"], "nama_resmi": t["nama_resmi"],
                       "tingkat": t["kode"].str.count(r"\.").map(dict(enumerate(LEVELS))), "jenis": _jenis(t["kode"])})
    if df["jenis"].isna().any():
        raise MasterError(f"master wilayah bawaan {stem}: kode desa tanpa jenis")
    df = _finish(df)
    df.attrs["wilayah_source"] = "bundled"
    df.attrs["decree"] = stem
    return df


_HEADER_ALIASES = {
    "kode": {"kode", "kode wilayah", "kode_wilayah", "kode kemendagri", "kd_wilayah", "id", "code"},
    "nama": {"nama", "nama wilayah", "nama_wilayah", "name"},
}


def _fail(path: str, problems: list[Problem]) -> MasterError:
    shown = "\n".join(f"  {format_problem(p)}" for p in problems[:20])
    more = f"\n  … dan {len(problems) - 20} masalah lain" if len(problems) > 20 else ""
    return MasterError(f"master wilayah tidak valid ({len(problems)} masalah):\n{shown}{more}", path, problems)


def _read_user_master(path: Path) -> pd.DataFrame:
    fname = str(path)
    if not path.is_file():
        raise MasterError(f"{fname}: file master wilayah tidak ditemukan")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = path.read_bytes().decode("cp1252")
        except UnicodeDecodeError as e:  # pragma: no cover - cp1252 decodes almost anything
            raise MasterError(f"{fname}: file tidak dapat dibaca sebagai teks CSV ({e})") from e
    except OSError as e:
        raise MasterError(f"{fname}: file tidak dapat dibaca ({os_error_reason(e)})", fname) from e
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    if not rows:
        raise MasterError(f"{fname}: file kosong; kolom yang diperlukan: kode,nama")
    header = [" ".join(h.strip().lower().split()) for h in rows[0]]
    idx = {}
    for want, names in _HEADER_ALIASES.items():
        hits = [i for i, h in enumerate(header) if h in names]
        if not hits:
            raise MasterError(f"{fname}, baris 1: kolom '{want}' tidak ada (header: {','.join(rows[0])}); "
                              "format yang diperlukan: kode,nama")
        idx[want] = hits[0]

    problems: list[Problem] = []
    seen: dict[str, int] = {}
    kodes, names, rownos = [], [], []
    for rowno, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue  # blank line, not data
        raw_kode = row[idx["kode"]] if idx["kode"] < len(row) else ""
        raw_nama = row[idx["nama"]] if idx["nama"] < len(row) else ""
        kode = normalize_code(raw_kode)
        if kode is None:
            problems.append(Problem(fname, rowno, "kode", raw_kode, "master_kode_malformed",
                                    "kode wilayah tidak valid (harus 2, 4, 6 atau 10 digit, mis. 16.10.05.2041)"))
            continue
        if kode.count(".") == 3 and kode[-4] not in _DESA_JENIS:
            problems.append(Problem(fname, rowno, "kode", raw_kode, "master_kode_jenis",
                                    "digit pertama kode desa harus 1 (kelurahan), 2 (desa) atau 3 (desa adat)"))
            continue
        nama = " ".join(raw_nama.split())
        if not nama:
            problems.append(Problem(fname, rowno, "nama", raw_nama, "master_nama_empty", "nama wilayah kosong"))
            continue
        if kode in seen:
            problems.append(Problem(fname, rowno, "kode", raw_kode, "master_kode_duplicate",
                                    f"kode {kode} ganda (sudah ada di baris {seen[kode]})"))
            continue
        seen[kode] = rowno
        kodes.append(kode)
        names.append(nama)
        rownos.append(rowno)
    for kode, rowno in zip(kodes, rownos):
        if "." in kode:
            parent = kode.rsplit(".", 1)[0]
            if parent not in seen:
                problems.append(Problem(fname, rowno, "kode", kode, "master_parent_missing",
                                        f"induk wilayah {parent} tidak ada di master"))
    if not kodes and not problems:
        problems.append(Problem(fname, None, None, None, "master_empty", "master wilayah tidak berisi satu baris pun"))
    if problems:
        raise _fail(fname, problems)

    tingkat = [LEVELS[k.count(".")] for k in kodes]
    df = pd.DataFrame({
        "kode": kodes,
        "nama": [printable_name(n, t) for n, t in zip(names, tingkat)],
        "nama_resmi": names,
        "tingkat": tingkat,
        "jenis": [jenis_of(k) for k in kodes],
    })
    df = _finish(df)
    df.attrs["wilayah_source"] = fname
    return df


def load_master(path: str | Path | None = None, decree=None) -> pd.DataFrame:
    """The region master: a user CSV of `kode,nama` rows (path), else a bundled decree's.

    `decree`: None for today's decree, a stem ("permendagri-56-2015"), a Decree, or a date (the decree in
    force on it; kbreport.ingest.decrees.decree_in_force). A bundled master has attrs["decree"] = its stem.
    Columns: kode, nama, nama_resmi, tingkat, jenis, kode_provinsi, kode_kabkota, kode_kecamatan.
    Raises MasterError (naming file, row and reason) when a user master is malformed.
    """
    if path is None:
        from kbreport.ingest.decrees import TODAY, get_decree

        stem = TODAY.stem if decree is None else get_decree(decree).stem
        return _bundled(stem).copy()  # copy-on-write: cheap, and callers cannot alter the cache
    return _read_user_master(Path(path))


def decree_of(master: pd.DataFrame) -> str | None:
    """The decree stem of a bundled master (figures.json's master_wilayah); None for a user's master."""
    return master.attrs.get("decree") if master.attrs.get("wilayah_source") == "bundled" else None


# --- queries ------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4)
def _bundled_desa(stem: str) -> pd.DataFrame:
    out = _build_desa_table(_bundled(stem))
    out.attrs["decree"] = stem
    return out


def _is_bundled(master: pd.DataFrame) -> bool:
    stem = decree_of(master)
    if stem is None:
        return False
    ref = _bundled(stem)
    if len(master) != len(ref):
        return False
    # attrs survive filtering and edits; equal columns prove it is still the bundled master
    return all(master[c].equals(ref[c]) for c in ("kode", "nama", "jenis"))


def _build_desa_table(master: pd.DataFrame) -> pd.DataFrame:
    _check_master(master)
    names = master.loc[master["tingkat"] != "desa"].set_index("kode")["nama"]
    desa = master.loc[master["tingkat"] == "desa"]
    out = pd.DataFrame({
        "kode_desa": desa["kode"],
        "nama_desa": desa["nama"],
        "jenis": desa["jenis"],
        "kode_kecamatan": desa["kode_kecamatan"],
        "nama_kecamatan": desa["kode_kecamatan"].map(names),
        "kode_kabkota": desa["kode_kabkota"],
        "nama_kabkota": desa["kode_kabkota"].map(names),
        "kode_provinsi": desa["kode_provinsi"],
        "nama_provinsi": desa["kode_provinsi"].map(names),
    })
    return out.reset_index(drop=True)


def desa_table(master: pd.DataFrame) -> pd.DataFrame:
    """One row per desa/kelurahan with the codes and names of its kecamatan, kab/kota and province."""
    if _is_bundled(master):
        return _bundled_desa(master.attrs["decree"]).copy(deep=False)  # copy-on-write: edits stay the caller's
    return _build_desa_table(master)


def _check_master(master: pd.DataFrame) -> None:
    missing = [c for c in COLUMNS if c not in master.columns]
    if missing:
        raise MasterError(f"bukan master wilayah: kolom {', '.join(missing)} tidak ada (gunakan load_master())")


@dataclass(frozen=True)
class Region:
    """One region; kode None means all of Indonesia."""

    kode: str | None
    nama: str
    tingkat: str  # nasional | provinsi | kabkota | kecamatan | desa
    jenis: str  # nasional | provinsi | kabupaten | kota | kecamatan | desa | kelurahan | desa adat

    @property
    def nama_lengkap(self) -> str:
        """Name with its kind, as a title prints it: "Provinsi Bengkulu", "Desa Sembadak", "Kab. Ogan Ilir"."""
        prefix = {"provinsi": "Provinsi", "kecamatan": "Kecamatan", "desa": "Desa",
                  "kelurahan": "Kelurahan", "desa adat": "Desa Adat"}.get(self.jenis)
        return f"{prefix} {self.nama}" if prefix else self.nama


NASIONAL = Region(None, "Indonesia", "nasional", "nasional")


def _lookup(master: pd.DataFrame, kode) -> pd.Series:
    k = normalize_code(kode)
    if k is None:
        raise UnknownRegionError(str(kode), _t("error.unknown_region", kode=str(kode)))
    hit = master.loc[master["kode"] == k]
    if hit.empty:
        raise UnknownRegionError(k, _t("error.unknown_region", kode=k))
    return hit.iloc[0]


def region(master: pd.DataFrame, kode) -> Region:
    """The Region for a code (dotted or not); None or "" gives Indonesia. UnknownRegionError if absent."""
    if kode is None or (isinstance(kode, str) and not kode.strip()):
        return NASIONAL
    row = _lookup(master, kode)
    return Region(row["kode"], row["nama"], row["tingkat"], row["jenis"])


def children(master: pd.DataFrame, kode=None) -> pd.DataFrame:
    """Rows one level below `kode` (None: the provinces), sorted by kode."""
    _check_master(master)
    if kode is None or (isinstance(kode, str) and not kode.strip()):
        out = master.loc[master["tingkat"] == "provinsi"]
    else:
        row = _lookup(master, kode)
        depth = LEVELS.index(row["tingkat"])
        if depth == len(LEVELS) - 1:
            out = master.iloc[0:0]
        else:
            col = _PARENT_COLS[depth]
            out = master.loc[(master["tingkat"] == LEVELS[depth + 1]) & (master[col] == row["kode"])]
    return out.sort_values("kode", kind="stable").reset_index(drop=True)


def provenance() -> dict:
    """Where the bundled masters come from: source repository and commit, licence, and per decree its
    title, signing date, first day in force, cited sources, sha256s and counts (wilayah_decrees.json)."""
    from kbreport.ingest.decrees import metadata

    return copy.deepcopy(metadata())
