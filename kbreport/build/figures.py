"""figures.json: the headline figures of one report, a contract that dashboards, the batch index
and tests read. Shape (issue 4; extra keys may be added, these never change meaning):

    {"laporan": "wilayah" | "event",
     "wilayah": {"kode": "17" | "18.04" | null, "nama": "...", "tingkat": "nasional" | "provinsi" | "kabkota"},
     "as_of": "YYYY-MM-DD",
     "desa_kelurahan": int, "desa_kelurahan_tercakup": int, "kampung_kb": int,
     "cakupan_persen": float (one decimal), "rumah_dataku": int, "data_contoh": bool,
     "event": {"jenis", "judul", "mulai", "selesai", "peserta": int | null}      (events only)
     "master_wilayah": "permendagri-56-2015" | … | null   (the bundled decree whose counts and names
                       these are, kbreport.ingest.decrees; null for a user's own master)
     "kkbpk_periode", "profil_periode": "YYYY-MM" | null   (latest month of the rows used, on or before
                                                           the as_of month; null: none, or all undated)
     "kecamatan", "kecamatan_tercakup": int   (kecamatan of the region in the master used; of them with a
                                               Kampung KB as of as_of)
     "perubahan": null | {"tanggal": "YYYY-MM-DD" (the comparison date: a year earlier, or the previous event's),
                   "master_wilayah": decree of then,
                   "kampung_kb": {"dulu", "kini", "selisih", "alasan"},
                   "cakupan": {"dulu_tercakup", "dulu_desa_kelurahan", "dulu_persen" (one decimal), "selisih_poin",
                               "alasan"},
                   "rumah_dataku": {"dulu", "kini", "selisih", "alasan"}}
                  (kbreport.analysis.change: a figure of then the data cannot tell is null with its "alasan";
                   selisih_poin is 100 × the exact difference of the two fractions, rounded half up once)
     ... extras: "judul", "bahasa", "target": {"tanggal", "persen"} | null, "kekurangan"}

`target` is null, and `kekurangan` absent, when no coverage target was in force on as_of and params gave
none (the Inpres 3/2022 default applies from 20 May 2022, kbreport.analysis.targets).

`event.peserta` is null when the source gives no count for some element (e.g. a Rakorda whose
report names the offices but not how many attended).
"""
from __future__ import annotations

import json
import math
import numbers
import os
import re
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from kbreport.errors import ReportError
from kbreport.paths import atomic_write_text

__all__ = ["build_figures", "validate_figures", "write_figures", "read_figures", "FIGURES_FILE", "REQUIRED_KEYS"]

FIGURES_FILE = "figures.json"
REQUIRED_KEYS = ("laporan", "wilayah", "as_of", "desa_kelurahan", "desa_kelurahan_tercakup", "kampung_kb",
                 "cakupan_persen", "rumah_dataku", "data_contoh")
EVENT_KEYS = ("jenis", "judul", "mulai", "selesai", "peserta")
_TINGKAT_KODE = {"nasional": None, "provinsi": re.compile(r"\d{2}"), "kabkota": re.compile(r"\d{2}\.\d{2}")}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}")


def _iso(d: Any) -> str | None:
    if d is None:
        return None
    if isinstance(d, datetime):  # also pandas Timestamp
        return d.date().isoformat()
    if isinstance(d, date):
        return d.isoformat()
    s = str(d)[:10]
    date.fromisoformat(s)  # raises on nonsense
    return s


def _int(x: Any, key: str) -> int:
    if isinstance(x, bool) or x is None:
        raise ReportError(f"figures.json: {key}: harus bilangan bulat, bukan {x!r}")
    if isinstance(x, numbers.Integral):
        return int(x)
    if isinstance(x, numbers.Real) and float(x).is_integer():
        return int(x)
    raise ReportError(f"figures.json: {key}: harus bilangan bulat, bukan {x!r}")


def _target(headline: dict, params) -> dict | None:
    tgl = headline.get("target_tanggal", getattr(params, "target_tanggal", None))
    pct = headline.get("target_persen", getattr(params, "target_persen", None))
    if tgl is None or pct is None:  # no target in force on as_of
        return None
    return {"tanggal": _iso(tgl), "persen": float(pct)}


def _change(c: dict | None) -> dict | None:
    """figures.json's "perubahan" from kbreport.analysis.change's dict (None: no comparison)."""
    if not c:
        return None
    d, n = c["tercakup_dulu"], c["desa_kelurahan_dulu"]
    return {
        "tanggal": _iso(c["tanggal"]),
        "master_wilayah": c.get("master_wilayah"),
        "kampung_kb": {"dulu": c["kampung_kb_dulu"], "kini": c["kampung_kb_kini"], "selisih": c["kampung_kb_selisih"],
                       "alasan": c["kampung_kb_alasan"]},
        "cakupan": {"dulu_tercakup": d, "dulu_desa_kelurahan": n,
                    "dulu_persen": None if d is None or not n else _pct(d, n),
                    "selisih_poin": c["cakupan_selisih_poin"], "alasan": c["cakupan_alasan"]},
        "rumah_dataku": {"dulu": c["rumah_dataku_dulu"], "kini": c["rumah_dataku_kini"],
                         "selisih": c["rumah_dataku_selisih"], "alasan": c["rumah_dataku_alasan"]},
    }


def _pct(part: int, whole: int) -> float:
    """100 × part / whole rounded half up to one decimal on the exact fraction."""
    q = Fraction(100 * int(part), int(whole))
    return math.floor(q * 10 + Fraction(1, 2)) / 10


def _check_change(fig: dict, p: list[str]) -> None:
    """The rules of "perubahan": before as_of, today's figures as at the top, differences that add up."""
    c = fig.get("perubahan")
    if c is None:
        return
    if not isinstance(c, dict) or not {"tanggal", "kampung_kb", "cakupan", "rumah_dataku"} <= set(c):
        p.append("perubahan: harus null atau objek dengan tanggal, kampung_kb, cakupan, rumah_dataku")
        return
    if not (isinstance(c["tanggal"], str) and _ISO.fullmatch(c["tanggal"])) or c["tanggal"] >= str(fig["as_of"]):
        p.append(f"perubahan.tanggal: harus YYYY-MM-DD sebelum as_of, bukan {c['tanggal']!r}")
    for k, top in (("kampung_kb", "kampung_kb"), ("rumah_dataku", "rumah_dataku")):
        x = c[k]
        if x.get("kini") != fig[top]:
            p.append(f"perubahan.{k}.kini {x.get('kini')!r} tidak sama dengan {top} ({fig[top]!r})")
        known = x.get("dulu") is not None
        if known != (x.get("alasan") is None):
            p.append(f"perubahan.{k}: dulu dan alasan harus salah satu saja")
        if known and x.get("selisih") != x["kini"] - x["dulu"]:
            p.append(f"perubahan.{k}.selisih {x.get('selisih')!r} bukan kini − dulu")
    cov = c["cakupan"]
    d, n = cov.get("dulu_tercakup"), cov.get("dulu_desa_kelurahan")
    if d is not None and n and fig["desa_kelurahan"]:
        q = 100 * (Fraction(fig["desa_kelurahan_tercakup"], fig["desa_kelurahan"]) - Fraction(d, n))
        want = (1 if q >= 0 else -1) * math.floor(abs(q) * 10 + Fraction(1, 2)) / 10
        if cov.get("selisih_poin") != want:
            p.append(f"perubahan.cakupan.selisih_poin {cov.get('selisih_poin')!r} bukan {want} (pecahan tepat)")
    elif cov.get("selisih_poin") is not None:
        p.append("perubahan.cakupan.selisih_poin tanpa angka dulu")


def build_figures(headline: dict, params, synthetic: bool) -> dict:
    """The figures.json dict from the headline dict (kbreport.analysis.headline) and the params."""
    missing = [k for k in ("wilayah_kode", "wilayah_nama", "tingkat", "as_of", "desa_kelurahan", "tercakup",
                           "kampung_kb", "cakupan_persen", "rumah_dataku") if k not in headline]
    if missing:
        raise ReportError(f"figures.json: headline tidak memuat {', '.join(missing)}")
    kode = headline["wilayah_kode"] or None
    cak = headline["cakupan_persen"]
    if cak is None or (isinstance(cak, float) and math.isnan(cak)):
        cak = 0.0  # a unit without desa has nothing covered (the notebook says so in words)
    fig: dict[str, Any] = {
        "laporan": params.laporan,
        "wilayah": {"kode": kode, "nama": str(headline["wilayah_nama"]), "tingkat": str(headline["tingkat"])},
        "as_of": _iso(headline["as_of"]),
        "desa_kelurahan": _int(headline["desa_kelurahan"], "desa_kelurahan"),
        "desa_kelurahan_tercakup": _int(headline["tercakup"], "tercakup"),
        "kampung_kb": _int(headline["kampung_kb"], "kampung_kb"),
        "cakupan_persen": round(float(cak), 1),
        "rumah_dataku": _int(headline["rumah_dataku"], "rumah_dataku"),
        "data_contoh": bool(synthetic),
        "master_wilayah": headline.get("master_wilayah"),
        "judul": getattr(params, "judul", None),
        "bahasa": params.bahasa,
        "target": _target(headline, params),
    }
    for k in ("kkbpk_periode", "profil_periode"):
        v = headline.get(k)
        fig[k] = None if v is None else f"{v.year:04d}-{v.month:02d}"
    for k in ("kecamatan", "kecamatan_tercakup"):
        if headline.get(k) is not None:
            fig[k] = _int(headline[k], k)
    if headline.get("kekurangan") is not None:
        fig["kekurangan"] = _int(headline["kekurangan"], "kekurangan")
    if "perubahan" in headline:
        fig["perubahan"] = _change(headline["perubahan"])
    if params.laporan == "event":
        fig["event"] = {
            "jenis": params.jenis,
            "judul": params.judul,
            "mulai": params.mulai.isoformat(),
            "selesai": params.selesai.isoformat(),
            "peserta": params.jumlah_peserta,
            "penyelenggara": params.penyelenggara,
            "tempat": params.tempat,
        }
    validate_figures(fig, params)
    return fig


def validate_figures(fig: Any, params=None) -> None:
    """Check the contract (and, with params, that the figures are for the params' region and date).

    Raises ReportError listing every problem.
    """
    p: list[str] = []
    if not isinstance(fig, dict):
        raise ReportError(f"figures.json: harus objek JSON, bukan {type(fig).__name__}")
    for k in REQUIRED_KEYS:
        if k not in fig:
            p.append(f"{k}: tidak ada")
    if p:
        raise ReportError("figures.json tidak sesuai kontrak: " + "; ".join(p))

    if fig["laporan"] not in ("wilayah", "event"):
        p.append(f"laporan: harus 'wilayah' atau 'event', bukan {fig['laporan']!r}")
    w = fig["wilayah"]
    if not isinstance(w, dict) or set(w) < {"kode", "nama", "tingkat"}:
        p.append("wilayah: harus objek dengan kode, nama, tingkat")
    else:
        t = w["tingkat"]
        if t not in _TINGKAT_KODE:
            p.append(f"wilayah.tingkat: harus nasional/provinsi/kabkota, bukan {t!r}")
        elif t == "nasional" and w["kode"] is not None:
            p.append(f"wilayah.kode: harus null untuk nasional, bukan {w['kode']!r}")
        elif t != "nasional" and not (isinstance(w["kode"], str) and _TINGKAT_KODE[t].fullmatch(w["kode"])):
            p.append(f"wilayah.kode: {w['kode']!r} bukan kode {t}")
        if not isinstance(w["nama"], str) or not w["nama"].strip():
            p.append("wilayah.nama: harus teks tidak kosong")
    if not (isinstance(fig["as_of"], str) and _ISO.fullmatch(fig["as_of"])):
        p.append(f"as_of: harus YYYY-MM-DD, bukan {fig['as_of']!r}")
    ints = {}
    for k in ("desa_kelurahan", "desa_kelurahan_tercakup", "kampung_kb", "rumah_dataku"):
        v = fig[k]
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            p.append(f"{k}: harus bilangan bulat ≥ 0, bukan {v!r}")
        else:
            ints[k] = v
    c = fig["cakupan_persen"]
    if isinstance(c, bool) or not isinstance(c, (int, float)) or not (0 <= c <= 100) or round(float(c), 1) != c:
        p.append(f"cakupan_persen: harus angka 0–100 dengan satu desimal, bukan {c!r}")
    elif len(ints) == 4:
        d, t = ints["desa_kelurahan"], ints["desa_kelurahan_tercakup"]
        if t > d:
            p.append(f"desa_kelurahan_tercakup ({t}) lebih dari desa_kelurahan ({d})")
        if ints["kampung_kb"] < t:
            p.append(f"kampung_kb ({ints['kampung_kb']}) kurang dari desa/kelurahan tercakup ({t})")
        if ints["rumah_dataku"] > ints["kampung_kb"]:
            p.append(f"rumah_dataku ({ints['rumah_dataku']}) lebih dari kampung_kb ({ints['kampung_kb']})")
        expected = round(100 * t / d, 1) if d else 0.0
        if abs(expected - c) > 0.051:
            p.append(f"cakupan_persen {c} tidak sama dengan 100 × {t} / {d} = {expected}")
    for k in ("kkbpk_periode", "profil_periode"):
        v = fig.get(k)
        if v is None:
            continue
        if not (isinstance(v, str) and _MONTH.fullmatch(v)):
            p.append(f"{k}: harus YYYY-MM atau null, bukan {v!r}")
        elif isinstance(fig["as_of"], str) and _ISO.fullmatch(fig["as_of"]) and v > fig["as_of"][:7]:
            p.append(f"{k} {v} sesudah bulan as_of ({fig['as_of'][:7]})")
    if "kecamatan" in fig and "kecamatan_tercakup" in fig:
        kc, kt = fig["kecamatan"], fig["kecamatan_tercakup"]
        if not all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in (kc, kt)) or kt > kc:
            p.append(f"kecamatan_tercakup ({kt!r}) harus bilangan bulat antara 0 dan kecamatan ({kc!r})")
    if not isinstance(fig["data_contoh"], bool):
        p.append(f"data_contoh: harus true/false, bukan {fig['data_contoh']!r}")
    mw = fig.get("master_wilayah")
    if mw is not None and not (isinstance(mw, str) and re.fullmatch(r"(perm|kepm)endagri-[0-9.-]+", mw)):
        p.append(f"master_wilayah: harus nama keputusan (mis. permendagri-56-2015) atau null, bukan {mw!r}")

    if not p:
        _check_change(fig, p)
    ev = fig.get("event")
    if fig["laporan"] == "event":
        if not isinstance(ev, dict):
            p.append("event: wajib untuk laporan event")
        else:
            for k in EVENT_KEYS:
                if k not in ev:
                    p.append(f"event.{k}: tidak ada")
            if ev.get("jenis") not in ("workshop", "rakorda", "mou", "fasilitasi"):
                p.append(f"event.jenis: {ev.get('jenis')!r} tidak dikenal")
            for k in ("mulai", "selesai"):
                if not (isinstance(ev.get(k), str) and _ISO.fullmatch(ev[k])):
                    p.append(f"event.{k}: harus YYYY-MM-DD, bukan {ev.get(k)!r}")
            if isinstance(ev.get("mulai"), str) and isinstance(ev.get("selesai"), str) and ev["selesai"] < ev["mulai"]:
                p.append("event.selesai lebih awal dari event.mulai")
            n = ev.get("peserta")
            if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 0):
                p.append(f"event.peserta: harus bilangan bulat ≥ 0 atau null, bukan {n!r}")
    elif ev is not None:
        p.append("event: hanya untuk laporan event")

    if params is not None and not p:
        if fig["laporan"] != params.laporan:
            p.append(f"laporan {fig['laporan']!r} tidak sama dengan params ({params.laporan!r})")
        if (fig["wilayah"]["kode"] or None) != (params.kode or None):
            p.append(f"wilayah.kode {fig['wilayah']['kode']!r} tidak sama dengan params ({params.kode!r})")
        if fig["as_of"] != params.as_of.isoformat():
            p.append(f"as_of {fig['as_of']} tidak sama dengan params ({params.as_of.isoformat()})")
    if p:
        raise ReportError("figures.json tidak sesuai kontrak: " + "; ".join(p))


def write_figures(path: str | os.PathLike, headline: dict, params, synthetic: bool) -> dict:
    """Build, validate and write figures.json atomically (the notebook's last step). Returns the dict."""
    fig = build_figures(headline, params, synthetic)
    path = Path(path)
    if path.is_dir():
        path = path / FIGURES_FILE
    atomic_write_text(path, json.dumps(fig, ensure_ascii=False, indent=2) + "\n")
    return fig


def read_figures(path: str | os.PathLike, params=None) -> dict:
    """Read and validate a figures.json (ReportError if missing, not JSON, or off-contract)."""
    path = Path(path)
    if path.is_dir():
        path = path / FIGURES_FILE
    try:
        fig = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path}: figures.json tidak ditulis oleh notebook") from None
    except (OSError, ValueError) as e:
        raise ReportError(f"{path}: figures.json tidak dapat dibaca ({e})") from None
    validate_figures(fig, params)
    return fig
