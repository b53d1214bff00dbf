#!/usr/bin/env python
"""Build kbreport's region masters, one per Kemendagri decree, from the cahyadsn/wilayah files (MIT).

    python scripts/build_wilayah_decrees.py                    # sources: ../shared/sources/wilayah-decrees
    python scripts/build_wilayah_decrees.py --sources DIR      # another copy of the same files
    python scripts/build_wilayah_decrees.py --check            # build in memory, exit 1 if the committed files differ

Each source `<stem>.csv.gz` is `kode,nama`, one row per province, kab/kota, kecamatan and desa/kelurahan of one
decree; `provenance.json` beside them gives the sha256 and counts of each, which are checked before use.
Written to kbreport/data/ (deterministic bytes: sorted rows, "\n" line ends, gzip mtime 0):

- wilayah-kepmendagri-300.2.2-2430-2025.csv.gz  today's decree in full: kode,nama_resmi,nama
  (nama blank where the printable name equals nama_resmi);
- wilayah-decree-diffs.csv.gz  every older decree as its difference from the next newer one, newest first:
  decree,op,kode,nama_resmi,nama
  (op "-": the code is not in that decree; op "+": the code is there with this name, added or renamed);
- wilayah_decrees.json  the decrees (title, signing date, in force from, cited source), source commit, sha256
  of every source file and of every rebuilt `kode,nama` table, counts;
- WILAYAH_NOTICE.md  attribution and the MIT licence text.
Build time only: kbreport never reads the sources at run time.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from kbreport.ingest.decrees import (BASE_FILE, DECREES, DIFF_FILE, META_FILE,  # noqa: E402
                                     NOTICE_FILE, TODAY)
from kbreport.ingest.wilayah import LEVELS, normalize_code, printable_name  # noqa: E402

DEFAULT_SOURCES = ROOT.parent / "shared" / "sources" / "wilayah-decrees"
FALLBACK_SOURCES = Path("/work/shared/sources/wilayah-decrees")
REPOSITORY = "https://github.com/cahyadsn/wilayah"


def sha256(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def _gzip(raw: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return out.getvalue()


def read_source(path: Path, expected: dict) -> dict[str, str]:
    """kode -> nama of one decree file, after checking its sha256, shape and counts."""
    raw = gzip.decompress(path.read_bytes())
    if sha256(raw) != expected["csv_sha256"]:
        raise SystemExit(f"{path}: sha256 {sha256(raw)} differs from provenance.json {expected['csv_sha256']}")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    if rows[0] != ["kode", "nama"]:
        raise SystemExit(f"{path}: header {rows[0]} is not kode,nama")
    out: dict[str, str] = {}
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != 2 or normalize_code(row[0]) != row[0] or not row[1].strip():
            raise SystemExit(f"{path}, row {i}: malformed {row}")
        if row[0] in out:
            raise SystemExit(f"{path}, row {i}: duplicate code {row[0]}")
        if row[0].count(".") == 3 and row[0][-4] not in "123":
            raise SystemExit(f"{path}, row {i}: desa code {row[0]} must start its last segment with 1, 2 or 3")
        out[row[0]] = " ".join(row[1].split())  # the 2025 file has trailing spaces ("Jakarta Utara ")
    orphans = [k for k in out if "." in k and k.rsplit(".", 1)[0] not in out]
    if orphans:
        raise SystemExit(f"{path}: {len(orphans)} codes without a parent, e.g. {orphans[:3]}")
    counts = _counts(out)
    want = {"provinsi": expected["counts"]["provinsi"], "kabkota": expected["counts"]["kabkota"],
            "kecamatan": expected["counts"]["kecamatan"], "desa": expected["counts"]["desa_kelurahan"]}
    if counts != want:
        raise SystemExit(f"{path}: counts {counts} differ from provenance.json {want}")
    return out


def _counts(table: dict[str, str]) -> dict[str, int]:
    counts = dict.fromkeys(LEVELS, 0)
    for k in table:
        counts[LEVELS[k.count(".")]] += 1
    return counts


def _printable(kode: str, nama_resmi: str) -> str:
    nama = printable_name(nama_resmi, LEVELS[kode.count(".")])
    return "" if nama == nama_resmi else nama


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def table_sha256(table: dict[str, str]) -> str:
    """sha256 of a decree as `kode,nama` CSV sorted by code: the same sum at build time and after loading."""
    return sha256(_csv(["kode", "nama"], [[k, table[k]] for k in sorted(table)]))


def build(sources: Path) -> dict[str, bytes]:
    prov = json.loads((sources / "provenance.json").read_text(encoding="utf-8"))
    by_file = {f["file"]: f for f in prov["files"]}
    tables = {d.stem: read_source(sources / f"{d.stem}.csv.gz", by_file[f"{d.stem}.csv.gz"]) for d in DECREES}
    base = tables[TODAY.stem]
    base_gz = _gzip(_csv(["kode", "nama_resmi", "nama"],
                         [[k, base[k], _printable(k, base[k])] for k in sorted(base)]))
    diff_rows = []
    for older, newer in zip(DECREES[-2::-1], DECREES[:0:-1]):  # each decree against the next newer one
        t, n = tables[older.stem], tables[newer.stem]
        for k in sorted(set(n) | set(t)):
            if k not in t:
                diff_rows.append([older.stem, "-", k, "", ""])
            elif n.get(k) != t[k]:
                diff_rows.append([older.stem, "+", k, t[k], _printable(k, t[k])])
    diff_gz = _gzip(_csv(["decree", "op", "kode", "nama_resmi", "nama"], diff_rows))
    licence = (sources / "LICENSE").read_text(encoding="utf-8")
    meta = {
        "dataset": "kbreport region masters, one per Kemendagri decree (codes and names down to desa/kelurahan)",
        "built_by": "scripts/build_wilayah_decrees.py",
        "source": {"repository": REPOSITORY, "commit": prov["commit"], "licence": prov["licence"],
                   "copyright": next(line for line in licence.splitlines() if line.startswith("Copyright"))},
        "files": {BASE_FILE: sha256(base_gz), DIFF_FILE: sha256(diff_gz)},
        "decrees": [
            {**d.as_dict(),
             "source_path": by_file[f"{d.stem}.csv.gz"]["source_path"],
             "source_sha256": by_file[f"{d.stem}.csv.gz"]["source_sha256"],
             "table_sha256": table_sha256(tables[d.stem]),
             "counts": _counts(tables[d.stem])}
            for d in DECREES
        ],
    }
    notice = "\n".join([
        "# Region masters: source and licence\n",
        f"The `wilayah-*` files and `{META_FILE}` in this folder are derived by `scripts/build_wilayah_decrees.py` "
        f"from the per-decree files of {REPOSITORY} (commit `{prov['commit']}`, MIT licence). Codes are "
        "Kemendagri's; names are kept as published in `nama_resmi`, with a printable casing added in `nama`. "
        "The MIT licence asks that its copyright and permission notice be included with copies or substantial "
        "portions; it follows, verbatim.\n",
        "| decree | source file in the repository | sha256 |\n|---|---|---|",
        *(f"| {d.judul} | `{by_file[d.stem + '.csv.gz']['source_path']}` | "
          f"`{by_file[d.stem + '.csv.gz']['source_sha256']}` |" for d in DECREES),
        "",
        "```text\n" + licence.strip() + "\n```\n",
    ])
    return {
        BASE_FILE: base_gz,
        DIFF_FILE: diff_gz,
        META_FILE: (json.dumps(meta, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
        NOTICE_FILE: notice.encode("utf-8"),
    }


def default_sources() -> Path:
    return DEFAULT_SOURCES if DEFAULT_SOURCES.is_dir() else FALLBACK_SOURCES


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=Path, default=None, help="folder of the decree files and provenance.json")
    ap.add_argument("--out", type=Path, default=ROOT / "kbreport" / "data", help="output directory")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the committed files differ")
    args = ap.parse_args(argv)
    files = build(args.sources or default_sources())
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
