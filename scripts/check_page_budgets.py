"""Build every shipped region and event briefing and check its PDF against its page budget (issue 13).

    .venv/bin/python scripts/check_page_budgets.py --data data/demo            # build into a temporary folder
    .venv/bin/python scripts/check_page_budgets.py --data data/demo --out /tmp/x --keep

Budgets: a region briefing (Indonesia, every province of params/wilayah, Kab. Lampung Barat) at most 4 A4
pages, an event at most 3. The test suite builds a sample (tests/build/test_notebooks.py: Indonesia, the
provinces with the most kab/kota below the compact threshold, Bengkulu, Lampung Barat, the events); this
builds them all (about 100 s for 44 reports on two cores; run it under the heavy-run lock). Prints one line a
report and the pages left free on each page; exits 1 naming every report over its budget.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BUDGET = {"wilayah": 4, "event": 3}




def main(argv=None) -> int:
    from kbreport.batch.runner import run_batch
    from kbreport.build.pdf_check import pdf_pages
    from kbreport.build.params import load_params

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="the export folder (e.g. data/demo)")
    ap.add_argument("--out", help="output folder (default: a temporary one, removed afterwards)")
    ap.add_argument("--keep", action="store_true", help="keep the output folder")
    args = ap.parse_args(argv)
    files = sorted((ROOT / "params" / "wilayah").glob("*.yaml")) + sorted((ROOT / "params" / "events").glob("*.yaml"))
    tmp = None if args.out else tempfile.TemporaryDirectory(prefix="kbreport-pages-")
    out = Path(args.out or tmp.name)
    try:
        run_batch([str(f) for f in files], out, data_dir=args.data, formats=("html", "pdf"), force=True, progress=False)
        over = []
        for f in files:
            laporan = load_params(f, regions=False).laporan
            pdf = out / f.stem / "briefing.pdf"
            n = pdf_pages(pdf.read_bytes()) if pdf.is_file() else None
            ok = n is not None and n <= BUDGET[laporan]
            print(f"{'ok  ' if ok else 'OVER'} {f.stem:48s} {n if n is not None else 'not built'} / {BUDGET[laporan]}")
            if not ok:
                over.append(f.stem)
        if over:
            print(f"{len(over)} over budget: {', '.join(over)}")
            return 1
        print(f"all {len(files)} within their page budget")
        return 0
    finally:
        if tmp is not None and not args.keep:
            tmp.cleanup()


if __name__ == "__main__":
    raise SystemExit(main())
