"""The published figures the demo data must reproduce exactly, and how each is counted.

Counting rules (the same as the analyses'):
- kampung_kb:    Kampung KB in the region launched on or before the date and active then (aktif, or
                 tanggal_nonaktif after the date);
- rumah_dataku:  of those, the ones whose profile in force (latest `periode` whose month ended by the date)
                 says 'ada' with rumah_dataku_tanggal on or before the date;
- desa_tercakup: distinct desa/kelurahan with at least one such Kampung KB;
- kabkota_tercakup: distinct kab/kota with at least one such Kampung KB;
- desa_cantik:   Desa Cantik in the region formed (tanggal_pembentukan) on or before the date.
A region is a code prefix: None (Indonesia), "16", "18.04".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd


@dataclass(frozen=True)
class Anchor:
    kode: str | None
    tanggal: date
    ukuran: str  # kampung_kb | rumah_dataku | desa_tercakup | kabkota_tercakup | desa_cantik
    nilai: int
    wilayah: str  # for printing only


CALIBRATION: tuple[Anchor, ...] = (
    Anchor(None, date(2022, 8, 24), "kampung_kb", 16_793, "Indonesia"),
    Anchor("16", date(2016, 12, 31), "kampung_kb", 17, "Sumatera Selatan"),
    Anchor("16", date(2016, 12, 31), "kabkota_tercakup", 17, "Sumatera Selatan"),
    Anchor("16", date(2022, 8, 24), "kampung_kb", 497, "Sumatera Selatan"),
    Anchor("17", date(2024, 6, 4), "kampung_kb", 1_322, "Bengkulu"),
    Anchor("17", date(2024, 7, 31), "desa_tercakup", 1_513, "Bengkulu"),
    Anchor("18.04", date(2024, 5, 12), "desa_tercakup", 136, "Kab. Lampung Barat"),
    Anchor("18.04", date(2024, 5, 12), "kampung_kb", 136, "Kab. Lampung Barat"),
    Anchor("63", date(2023, 4, 3), "kampung_kb", 456, "Kalimantan Selatan"),
    Anchor("63", date(2023, 4, 3), "rumah_dataku", 236, "Kalimantan Selatan"),
    Anchor("63", date(2022, 12, 31), "desa_cantik", 15, "Kalimantan Selatan"),
    Anchor("36", date(2023, 8, 23), "kampung_kb", 884, "Banten"),
    Anchor("36", date(2023, 8, 23), "rumah_dataku", 322, "Banten"),
    Anchor("51", date(2023, 8, 31), "kampung_kb", 154, "Bali"),
    Anchor("51", date(2023, 8, 31), "rumah_dataku", 122, "Bali"),
)


def last_month_day(d: date) -> date:
    """The last day of the latest month that has ended on or before `d` (d itself when it is a month's end)."""
    nxt = d + timedelta(days=1)
    return d if nxt.day == 1 else date(d.year, d.month, 1) - timedelta(days=1)


def measure(tables: dict[str, pd.DataFrame], a: Anchor) -> int:
    """The figure `a` describes, counted on canonical tables (dates as Timestamps, flags as bools)."""
    when = pd.Timestamp(a.tanggal)
    if a.ukuran == "desa_cantik":
        dc = tables["desa_cantik"]
        inside = dc["kode_desa"].str.startswith(a.kode) if a.kode else True
        return int((inside & (dc["tanggal_pembentukan"] <= when)).sum())
    kkb = tables["kampung_kb"]
    active = kkb["aktif"].astype(bool) | (kkb["tanggal_nonaktif"] > when).fillna(False)
    sel = active & (kkb["tanggal_pencanangan"] <= when)
    if a.kode:
        sel &= kkb["kode_desa"].str.startswith(a.kode + ".")
    chosen = kkb.loc[sel]
    if a.ukuran == "kampung_kb":
        return len(chosen)
    if a.ukuran == "desa_tercakup":
        return int(chosen["kode_desa"].nunique())
    if a.ukuran == "kabkota_tercakup":
        return int(chosen["kode_desa"].str.slice(0, 5).nunique())
    if a.ukuran == "rumah_dataku":
        prof = tables["profil"]
        prof = prof[prof["periode"] <= pd.Timestamp(last_month_day(a.tanggal)).replace(day=1)]
        p = prof.sort_values("periode").drop_duplicates("kampung_kb_id", keep="last")
        p = p.set_index("kampung_kb_id").reindex(chosen["id"])
        ok = p["rumah_dataku"].eq("ada").fillna(False) & (p["rumah_dataku_tanggal"] <= when).fillna(False)
        return int(ok.sum())
    raise ValueError(f"unknown measure {a.ukuran!r}")


def check(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per anchor: wilayah, tanggal, ukuran, target, hasil, cocok."""
    rows = []
    for a in CALIBRATION:
        got = measure(tables, a)
        rows.append({"wilayah": a.wilayah, "kode": a.kode or "", "tanggal": a.tanggal, "ukuran": a.ukuran,
                     "target": a.nilai, "hasil": got, "cocok": got == a.nilai})
    return pd.DataFrame(rows)
