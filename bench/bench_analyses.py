"""Time the analyses on the demo data and print seconds (a benchmark, not a test).

    .venv/bin/python bench/bench_analyses.py [--data DIR] [--repeat N]

Uses DIR (default data/demo); when it has no kampung_kb file, generates the demo data into a temporary
folder first (kbreport.demo.generator.generate). Each figure is the best of N runs, in seconds, except the
"first call" rows, timed once right after emptying the analysis cache (kbreport.analysis.units).
"""
from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from kbreport import analysis as an
from kbreport.analysis.units import clear_cache, scope


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def table_set(ds, desa, kode, as_of, classify):
    """Everything a region briefing computes for one unit, through the public functions."""
    kkb, profil, kkbpk = ds.kampung_kb, ds.profil, ds.kkbpk
    cov = an.coverage(desa, kkb, kode, as_of)
    an.below_target(cov)
    an.trend(desa, kkb, kode, as_of)
    an.trend(desa, kkb, kode, as_of, per="tahun")
    an.target_pace(desa, kkb, kode, as_of)
    rdk = an.rumah_dataku(desa, kkb, profil, kode, as_of)
    an.below_target(rdk, "ada_persen")
    an.readiness(desa, kkb, profil, kode, as_of)
    an.kb_outcomes(desa, kkb, kkbpk, kode, as_of)
    an.desa_cantik_overlap(desa, kkb, profil, ds.desa_cantik, kode, as_of)
    an.desa_without_kkb(desa, kkb, kode, as_of)
    an.headline(desa, kkb, profil, kkbpk, kode, as_of)
    if classify is not None:
        sc = scope(desa, kkb, kode, as_of)
        classify(profil[profil["kampung_kb_id"].isin(sc.kkb["id"])], kkbpk)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="data/demo")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from kbreport.ingest.dataset import load_data
    from kbreport.ingest.wilayah import desa_table

    data = Path(args.data)
    tmp = None
    if not any(data.glob("kampung_kb.*")):
        from kbreport.demo.generator import generate
        tmp = tempfile.TemporaryDirectory()
        data = Path(tmp.name)
        t0 = time.perf_counter()
        generate(data)
        print(f"demo data generated into a temporary folder  {time.perf_counter() - t0:7.3f} s")
    t0 = time.perf_counter()
    ds = load_data(data)
    desa = desa_table(ds.master)
    print(f"load_data + desa_table                          {time.perf_counter() - t0:7.3f} s")
    kkb = ds.kampung_kb
    print(f"{len(kkb):,} Kampung KB ({int(kkb['aktif'].sum()):,} active) over {len(desa):,} desa/kelurahan; "
          f"best of {args.repeat} runs\n")

    try:
        from kbreport.analysis.classification import indicator_scores
    except ImportError:
        indicator_scores = None
        print("kbreport.analysis.classification.indicator_scores not found: classification not timed")

    rows = []
    # cold: the first call prepares the master (desa → unit codes) and places every Kampung KB once
    clear_cache()
    t0 = time.perf_counter()
    table_set(ds, desa, "17", date(2024, 6, 4), indicator_scores)
    rows.append(("first call, cold cache: full table set, 17 as of 2024-06-04", time.perf_counter() - t0))
    clear_cache()
    t0 = time.perf_counter()
    an.coverage_all_levels(desa, kkb, date(2024, 12, 31))
    rows.append(("first call, cold cache: coverage, Indonesia, all levels", time.perf_counter() - t0))
    for as_of in (date(2017, 6, 30), date(2022, 8, 24), date(2024, 12, 31)):
        rows.append((f"coverage, Indonesia, all levels (prov/kab/kec), as of {as_of}",
                     best(lambda: an.coverage_all_levels(desa, kkb, as_of), args.repeat)))
    rows.append(("coverage, Indonesia by province, as of 2024-06-04",
                 best(lambda: an.coverage(desa, kkb, None, date(2024, 6, 4)), args.repeat)))
    if indicator_scores is not None:
        rows.append(("classification, every Kampung KB (indicator_scores)",
                     best(lambda: indicator_scores(ds.profil, ds.kkbpk), args.repeat)))
    for kode, as_of in (("17", date(2024, 6, 4)), ("33", date(2024, 12, 31)), ("18.04", date(2024, 5, 12)),
                        (None, date(2024, 12, 31))):
        label = "Indonesia" if kode is None else kode
        rows.append((f"full table set, {label} as of {as_of}",
                     best(lambda: table_set(ds, desa, kode, as_of, indicator_scores), args.repeat)))
    t0 = time.perf_counter()
    for kode in sorted(desa["kode_provinsi"].unique()):
        table_set(ds, desa, kode, date(2024, 6, 4), indicator_scores)
    rows.append(("full table set, all 38 provinces in turn (one run)", time.perf_counter() - t0))

    width = max(len(r[0]) for r in rows)
    for name, sec in rows:
        print(f"{name:<{width}}  {sec:7.3f} s")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
