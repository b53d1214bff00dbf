"""Maps: the shipped boundaries (kbreport.charts.boundaries, scripts/build_boundaries.py), the coverage
choropleth (kbreport.charts.choropleth) and its page element (kbreport.elements.charts.map_chart)."""
from __future__ import annotations

import json
import math
from html import escape
import re
import sys
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure

from kbreport.charts import boundaries
from kbreport.charts.choropleth import MAP_COLORS, coverage_map, map_class, not_drawn

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "kbreport" / "data"


# --- the shipped data ---------------------------------------------------------------------------------


def test_levels_have_the_2025_counts():
    assert (len(boundaries.codes("prov")), len(boundaries.codes("kab")), len(boundaries.codes("kec"))) == (38, 514, 7285)
    assert boundaries.codes("provinsi") == boundaries.codes("prov")
    assert len(boundaries.children(None)) == 38 and len(boundaries.children("")) == 38
    assert list(boundaries.children("17")) == [f"17.{k:02d}" for k in range(1, 10)] + ["17.71"]
    assert len(boundaries.children("18.04")) == 15  # Lampung Barat's kecamatan


def test_kota_bengkulu_polygon_where_it_is():
    (s,) = boundaries.shapes(["17.71"]).values()
    assert s.nama == "Kota Bengkulu"
    x0, y0, x1, y1 = s.bbox
    # the source's extent of the city (its mainland; an islet at 102.18 E is below the map's scale)
    assert y0 == pytest.approx(-3.982, abs=0.005) and y1 == pytest.approx(-3.740, abs=0.005)
    assert x1 == pytest.approx(102.371, abs=0.005) and 102.17 <= x0 <= 102.26
    assert x0 < s.label[0] < x1 and y0 < s.label[1] < y1
    outline = s.polygons[0][0]
    assert outline.shape[1] == 2 and len(outline) >= 8


def test_codes_without_a_polygon_are_absent():
    assert boundaries.shapes(["96.09", "17.71"]).keys() == {"17.71"}  # 96.09: a 2019-master code
    with pytest.raises(ValueError):
        boundaries.level_of("17.71.01.2001")


def test_shipped_sizes_and_attribution():
    files = [DATA / f"batas_{lvl}.bin.gz" for lvl in ("prov", "kab", "kec")]
    sizes = [f.stat().st_size for f in files]
    assert sum(sizes) < 3_000_000 and all(n > 5_000 for n in sizes)
    notice = (DATA / "BATAS_NOTICE.md").read_text(encoding="utf-8")
    assert "MIT License" in notice and "cahyadsn/wilayah_boundaries" in notice
    prov = json.loads((DATA / "BATAS_provenance.json").read_text(encoding="utf-8"))
    assert prov["source"]["commit"] == "3c5a7960f4d227a38489094d84252bdbb3f978a5"
    assert {lvl: v["features"] for lvl, v in prov["levels"].items()} == {"prov": 38, "kab": 514, "kec": 7285}


def _sources() -> Path | None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_boundaries
    finally:
        sys.path.pop(0)
    src = build_boundaries.default_src()
    return (src if (src / "kec.jsonl.gz").is_file() else None), build_boundaries


@pytest.mark.slow
def test_build_check_matches_the_committed_files():
    src, build = _sources()
    if src is None:
        pytest.skip("boundary sources (../shared/sources/wilayah-boundaries) not on this machine")
    assert build.main(["--check", "--src", str(src)]) == 0


# --- the chart ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("args, k", [
    ((0,), 0), ((0.1,), 1), ((24.99,), 1), ((25,), 2), ((49.9,), 2), ((50,), 3), ((74.99,), 3), ((75,), 4),
    ((99.99,), 4), ((100,), 5), ((float("nan"),), None), ((None,), None),
    ((99.5, 219, 220), 4), ((100.0, 219, 220), 4),  # one desa missing is never "100 %"
    ((100.0, 220, 220), 5), ((0.0, 0, 5), 0), ((20.0, 1, 5), 1),
])
def test_map_classes(args, k):
    assert map_class(*args) == k


def bengkulu_table(**overrides) -> pd.DataFrame:
    kodes = [f"17.{k:02d}" for k in range(1, 10)] + ["17.71"]
    values = {"17.01": 100.0, "17.02": 80.0, "17.03": 60.0, "17.04": 30.0, "17.05": 10.0, "17.06": 0.0}
    rows = [{"kode": k, "nama": f"Unit {k}", "cakupan_persen": values.get(k, 90.0), "total": False} for k in kodes]
    rows.append({"kode": "17", "nama": "Bengkulu", "cakupan_persen": 70.0, "total": True})
    df = pd.DataFrame(rows)
    for k, v in overrides.items():
        df.loc[df["kode"] == k, "cakupan_persen"] = v
    return df


def fills(fig) -> dict[str, tuple]:
    ax = fig.axes[0]
    return {p.get_gid()[4:].removesuffix("-islets"): tuple(round(c, 3) for c in p.get_facecolor()[:3])
            for p in ax.patches if p.get_gid()}


def rgb(hex_color: str) -> tuple:
    from matplotlib.colors import to_rgb

    return tuple(round(c, 3) for c in to_rgb(hex_color))


def test_map_colours_each_sub_unit_by_its_class():
    fig = coverage_map(bengkulu_table(), footer_note="Data contoh (sintetis)")
    assert isinstance(fig, Figure)
    f = fills(fig)
    assert set(f) == {f"17.{k:02d}" for k in range(1, 10)} | {"17.71"}
    assert f["17.01"] == rgb(MAP_COLORS[5]) and f["17.02"] == rgb(MAP_COLORS[4]) and f["17.03"] == rgb(MAP_COLORS[3])
    assert f["17.04"] == rgb(MAP_COLORS[2]) and f["17.05"] == rgb(MAP_COLORS[1]) and f["17.06"] == rgb(MAP_COLORS[0])
    texts = [t.get_text() for t in fig.texts]
    assert "Unit 17.71  90%" in texts and "10" in texts  # the key: number, name and value
    numbers = sorted(int(t.get_text()) for t in fig.axes[0].texts)
    assert numbers == list(range(1, 11))  # one number per sub-unit on the map
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["0%", "> 0% – < 25%", "25% – < 50%", "50% – < 75%", "75% – < 100%", "100%"]


def test_a_code_without_polygon_is_listed_under_the_map():
    df = pd.concat([bengkulu_table(), pd.DataFrame([{"kode": "17.99", "nama": "Kab. Lama", "cakupan_persen": 42.0,
                                                     "total": False}])], ignore_index=True)
    fig = coverage_map(df, "en")
    (note,) = [t.get_text() for t in fig.texts if t.get_gid() == "map-not-drawn"]
    assert note.startswith("Not drawn") and "Kab. Lama (17.99) 42%" in note
    assert not_drawn(df) == ["17.99"]
    assert "17.99" not in fills(fig)


def test_a_polygon_missing_from_the_data_is_grey_and_the_legend_says_so():
    from kbreport.charts.style import GREY

    df = bengkulu_table()
    fig = coverage_map(df[df["kode"] != "17.09"], parent="17")
    assert fills(fig)["17.09"] == rgb(GREY)
    assert [t.get_text() for t in fig.legends[0].get_texts()][-1] == "tidak ada data"


def test_indonesia_all_38_provinces_from_the_total_row():
    rows = [{"kode": k, "nama": k, "cakupan_persen": 50.0, "total": False} for k in boundaries.codes("prov")]
    rows.append({"kode": None, "nama": "Indonesia", "cakupan_persen": 50.0, "total": True})
    fig = coverage_map(pd.DataFrame(rows))
    assert len(fills(fig)) == 38
    w, h = fig.get_size_inches()
    assert w == pytest.approx(6.7) and h < 4.5  # wide: map on top, key below, within a third of a page


# --- the page element ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from kbreport.demo.generator import generate

    data = tmp_path_factory.mktemp("demo")
    generate(data)
    return data


def test_map_element_alt_text_in_both_languages(demo):
    from kbreport import elements as kb

    for lang, start, per in (("id", "Peta 10 kabupaten/kota di Provinsi Bengkulu menurut kelas cakupan", r"(\d+) pada"),
                             ("en", "Map of the 10 kabupaten/kota of Bengkulu Province by class", r"(\d+) at")):
        R = kb.region_report(kode="17", as_of="2024-06-04", bahasa=lang, data_dir=str(demo))
        m = kb.map_chart(R)
        assert isinstance(m, kb.Chart) and m.alt.startswith(start)
        assert sum(int(n) for n in re.findall(per, m.alt)) == 10  # every kab/kota in one class
        html = m.html()
        assert f'alt="{escape(m.alt)}"' in html and "<figcaption>" in html
    assert m.caption == "Map of desa/kelurahan coverage by kabupaten/kota"


def test_map_element_of_a_kab_and_nothing_below_kecamatan(demo):
    from kbreport import elements as kb

    R = kb.region_report(kode="18.04", as_of="2024-05-12", data_dir=str(demo))
    m = kb.map_chart(R)
    assert m.alt.startswith("Peta 15 kecamatan di Kab. Lampung Barat menurut kelas cakupan pekon/kelurahan") and "15 pada 100%" in m.alt
    assert len(fills(m.figure)) == 15
    assert math.isclose(m.figure.get_size_inches()[0], 6.7)
