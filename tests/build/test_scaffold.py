"""`kbreport new` and the Monev Kampung KB notebook made from it: files that build at once."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from kbreport.errors import KbreportError
from kbreport.build.notebooks import notebook_info
from kbreport.batch.plan import expand_params
from kbreport.build.scaffold import new_report

ROOT = Path(__file__).resolve().parents[2]


def test_new_writes_a_report_notebook_and_params(tmp_path):
    nb, params = new_report("monev2", tmp_path)
    assert nb == tmp_path / "notebooks" / "monev2.ipynb" and params == tmp_path / "params" / "monev2.yaml"
    info = notebook_info(nb)
    assert {"kode", "as_of", "bahasa", "data_dir", "out_dir", "annex"} <= set(info.parameters)
    assert all(p["annotation"] and p["help"] for p in info.parameters.values())
    source = "\n".join("".join(c["source"]) for c in json.loads(nb.read_text())["cells"])
    assert "kb.headline_cards(R)" in source and "kb.coverage_chart(R)" in source and "write_outputs(out_dir" in source
    # the params file and a fan-out over Bengkulu's 10 kab/kota both validate against it
    assert [s.notebook for s in expand_params(params)] == [nb]
    fan = tmp_path / "params" / "monev2-bengkulu.yaml"
    fan.write_text('notebook: monev2\nkode: {setiap: kabkota, di: "17"}\nas_of: 2024-06-04\n')
    assert len(expand_params(fan)) == 10  # 9 kabupaten + Kota Bengkulu
    with pytest.raises(KbreportError, match="sudah ada"):
        new_report("monev2", tmp_path)
    with pytest.raises(KbreportError, match="tidak dapat dipakai"):
        new_report("../x", tmp_path)


@pytest.fixture(scope="module")
def demo(demo_data):
    return demo_data  # tests/conftest.py: generated once per session


@pytest.mark.slow
def test_monev_notebook_builds_the_to_do_list(demo, tmp_path):
    from kbreport.ingest.dataset import load_data
    from kbreport.build.report import build_report

    p = tmp_path / "monev-kaur.yaml"
    p.write_text('notebook: monev_kampung_kb\nkode: "17.04"\nas_of: 2024-06-04\ntarget_tanggal: 2024-07-31\n')
    r = build_report(p, tmp_path / "out", data_dir=demo, formats=("html",), notebooks=ROOT / "notebooks")
    assert r.ok, r.reason
    html = (Path(r.out_dir) / "briefing.html").read_text(encoding="utf-8")
    # independently: Kab. Kaur's desa in the master, less those with an active Kampung KB launched by 4 June 2024
    ds = load_data(demo)
    m = ds.master
    desa = m[(m["tingkat"] == "desa") & m["kode"].str.startswith("17.04.")]["kode"]
    k = ds.kampung_kb
    covered = k[k["kode_desa"].str.startswith("17.04.") & (k["tanggal_pencanangan"] <= pd.Timestamp("2024-06-04"))
                & k["aktif"].astype(bool)]["kode_desa"].nunique()
    left = len(desa) - covered
    assert f"Daftar kerja: {left} desa/kelurahan tanpa Kampung KB per 4 Juni 2024, menurut kecamatan" in html
    # pace needed: left / (4 June → 31 July = 1 month + 27/31), rounded up at one decimal, Indonesian comma
    pace = f"{math.ceil(round(left / (1 + 27 / 31) * 10, 6)) / 10:.1f}".replace(".", ",")
    assert re.search(rf'kb-card-value">{re.escape(pace)}<', html), pace
    assert "Data contoh (sintetis)" in html
