"""Writing the demo data: each table as CSV, the README, atomically; and the summary `kbreport demo` prints.

Used by kbreport.demo.generator.generate.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

import numpy as np
import pandas as pd

from kbreport import SYNTHETIC_LABEL
from kbreport.ingest.schema import TABLES


def csv_bytes(name: str, df: pd.DataFrame) -> bytes:
    out = df.copy()
    for col in TABLES[name].columns:
        s = out[col.name]
        if col.kind == "bool":
            out[col.name] = np.where(s.to_numpy(bool), "ya", "tidak")
        elif col.kind == "date":
            out[col.name] = s.dt.strftime("%Y-%m-%d").fillna("")
        elif col.kind == "month":
            out[col.name] = s.dt.strftime("%Y-%m")
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


README = """\
Data contoh (sintetis) — kbreport
=================================

Folder ini berisi DATA CONTOH SINTETIS, bukan data resmi BKKBN. Data dibuat oleh
`kbreport demo` (modul kbreport.demo.generator, benih acak {seed}) di atas master wilayah Kemendagri
yang asli, dan dikalibrasi agar beberapa angka yang pernah dipublikasikan (mis. 16.793
Kampung KB per 24 Agustus 2022) terpenuhi persis. Nama, profil, angka KB, Rumah DataKu dan
Desa Cantik selain angka-angka itu adalah rekaan. Jangan mengutipnya sebagai data resmi.

Sample data (synthetic) — kbreport
This folder holds SYNTHETIC SAMPLE DATA, not official BKKBN data. It was made by
`kbreport demo` (module kbreport.demo.generator, random seed {seed}) over the real Kemendagri region
master and calibrated so that a few published figures (e.g. 16,793 Kampung KB on 24 August
2022) are met exactly. Everything else — names, profiles, KB figures, Rumah DataKu, Desa
Cantik — is invented. Do not quote it as official data.

Files: kampung_kb.csv, profil.csv, kkbpk.csv, desa_cantik.csv, sumber.json
"""


def write_atomic(out: Path, files: dict[str, bytes]) -> None:
    """Every file is written in full under a temporary name in `out`, then all are os.replace'd."""
    out.mkdir(parents=True, exist_ok=True)
    tmp: dict[str, str] = {}
    try:
        for name, data in files.items():
            # Not mkstemp: its 0600 mode would stick to the final file; "xb" honours the umask.
            path = str(out / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
            tmp[name] = path
            with open(path, "xb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for name, path in tmp.items():
            os.replace(path, out / name)
    finally:
        for path in tmp.values():
            if os.path.exists(path):
                os.unlink(path)



def format_summary(s: dict, lang: str = "id") -> str:
    """The summary `kbreport demo` prints (Indonesian by default)."""
    from babel.numbers import format_decimal

    loc = "id" if lang == "id" else "en"

    def num(x, digits=0):
        return format_decimal(x, format="#,##0" + ("." + "0" * digits if digits else ""), locale=loc)

    id_ = lang == "id"
    lines = [
        (f"{SYNTHETIC_LABEL['id']} ditulis ke {s['out_dir']} (benih {s['seed']})" if id_ else
         f"{SYNTHETIC_LABEL['en']} written to {s['out_dir']} (seed {s['seed']})"),
        "Baris per tabel:" if id_ else "Rows per table:",
    ]
    for name, n in s["rows"].items():
        lines.append(f"  {name:<12} {num(n):>8}")
    lines.append(("Kampung KB aktif per tahun pencanangan:" if id_ else "Active Kampung KB by launch year:"))
    total = 0
    for y, n in s["kampung_kb_per_tahun"].items():
        total += n
        lines.append(f"  {y}  {num(n):>8}  ({'kumulatif' if id_ else 'cumulative'} {num(total)})")
    lines.append((f"  tidak aktif: {num(s['kampung_kb_tidak_aktif'])}; klasifikasi dilaporkan ≠ dihitung: "
                  f"{num(s['klasifikasi_beda'])}") if id_ else
                 (f"  inactive: {num(s['kampung_kb_tidak_aktif'])}; reported ≠ computed class: "
                  f"{num(s['klasifikasi_beda'])}"))
    lines.append("Ukuran berkas:" if id_ else "File sizes:")
    for name, b in s["bytes"].items():
        lines.append(f"  {name:<16} {num(b):>12} bita" if id_ else f"  {name:<16} {num(b):>12} bytes")
    lines.append(f"  {'jumlah' if id_ else 'total':<16} {num(sum(s['bytes'].values())):>12} "
                 f"({num(sum(s['bytes'].values()) / 1e6, 1)} MB)")
    lines.append((f"Kalibrasi: {s['kalibrasi_cocok']} dari {s['kalibrasi_total']} angka cocok persis; "
                  f"waktu {num(s['detik'], 1)} detik") if id_ else
                 (f"Calibration: {s['kalibrasi_cocok']} of {s['kalibrasi_total']} figures exact; "
                  f"time {num(s['detik'], 1)} s"))
    return "\n".join(lines)
