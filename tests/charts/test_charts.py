from datetime import date

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from kbreport import charts
from kbreport.charts import style
from kbreport.charts.tilegrid import TILES, province_code
from kbreport.charts.tilemap import coverage_class

ALL_38 = {"11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
          "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
          "91", "92", "93", "94", "95", "96"}


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


def _legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _sub_units():
    return pd.DataFrame({
        "kode": ["17.01", "17.71", "17.02"],
        "nama": ["Kab. Bengkulu Selatan", "Kota Bengkulu", "Kab. Rejang Lebong"],
        "desa_kelurahan": [100, 67, 1513],
        "tercakup": [100, 30, 1322],
        "cakupan_persen": [100.0, 30 / 67 * 100, 1322 / 1513 * 100],
    })


# ---------------------------------------------------------------- coverage bars
def test_coverage_bars_ranked_with_target_and_indonesian_labels():
    fig = charts.coverage_bars(_sub_units(), target_persen=75, footer_note="Data contoh (sintetis)")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    bars = ax.containers[0]
    assert len(bars) == 3
    # ranked: 100 > 87.4 > 44.8, top row first
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Kab. Bengkulu Selatan", "Kab. Rejang Lebong",
                                                            "Kota Bengkulu"]
    assert [round(b.get_width(), 1) for b in bars] == [100.0, 87.4, 44.8]
    target = [ln for ln in ax.get_lines() if ln.get_label() == "Target 75%"]
    assert len(target) == 1 and list(target[0].get_xdata()) == [75, 75]
    texts = _texts(fig)
    assert "87,4%  (1.322/1.513)" in texts and "44,8%  (30/67)" in texts and "100%  (100/100)" in texts
    assert "Data contoh (sintetis)" in texts
    # colours: at/above the target teal, below blue
    assert [to_hex(b.get_facecolor()) for b in bars] == [style.TEAL.lower(), style.TEAL.lower(), style.BLUE.lower()]
    assert "Target 75%" in _legend_texts(ax)


def test_coverage_bars_english_missing_value_and_no_counts():
    df = _sub_units()
    df.loc[1, "cakupan_persen"] = np.nan
    fig = charts.coverage_bars(df[["kode", "nama", "cakupan_persen"]], 100, lang="en")
    ax = fig.axes[0]
    texts = _texts(fig)
    assert "87.4%" in texts and "no data" in texts
    assert ax.get_yticklabels()[-1].get_text() == "Kota Bengkulu"  # missing value ranked last
    assert to_hex(ax.containers[0][-1].get_facecolor()) == style.GREY.lower()
    assert ax.get_xlabel() == "Desa/kelurahan with a Kampung KB (%)"


def test_coverage_bars_never_prints_100_with_a_desa_missing():
    df = pd.DataFrame({"kode": ["1"], "nama": ["A"], "desa_kelurahan": [2000], "tercakup": [1999],
                       "cakupan_persen": [99.95]})
    assert "99,9%  (1.999/2.000)" in _texts(charts.coverage_bars(df))


def test_coverage_bars_38_rows_stay_legible():
    df = pd.DataFrame({"kode": sorted(ALL_38), "nama": [f"Provinsi {k}" for k in sorted(ALL_38)],
                       "cakupan_persen": np.linspace(2, 100, 38)})
    fig = charts.coverage_bars(df, highlight="17")
    ax = fig.axes[0]
    assert len(ax.containers[0]) == 38
    assert fig.get_figwidth() == pytest.approx(6.7)
    assert 6 <= fig.get_figheight() <= 8  # ≥ 0.16 in per row
    assert min(t.get_fontsize() for t in ax.get_yticklabels()) >= 6.5
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["Provinsi 17"]


def test_coverage_bars_missing_column_is_a_clear_error():
    with pytest.raises(ValueError, match="missing column.*cakupan_persen"):
        charts.coverage_bars(pd.DataFrame({"kode": ["1"], "nama": ["A"]}))


# ---------------------------------------------------------------- trend
def _monthly():
    return pd.DataFrame({"bulan": pd.date_range("2023-07-01", periods=12, freq="MS"),
                         "kampung_kb_kumulatif": np.arange(1000, 1240, 20),
                         "tercakup_kumulatif": np.arange(990, 1230, 20)})


def test_trend_lines_and_target_marker():
    fig = charts.trend(_monthly(), date(2024, 7, 31), 1513, desa_kelurahan=1513)
    ax = fig.axes[0]
    marker = [ln for ln in ax.get_lines() if ln.get_marker() == "D"]
    assert len(marker) == 1
    assert marker[0].get_ydata()[0] == 1513
    assert mdates.num2date(mdates.date2num(marker[0].get_xdata()[0])).date() == date(2024, 7, 31)
    legend = _legend_texts(ax)
    assert legend == ["Kampung KB (kumulatif): 1.220", "Desa/kelurahan tercakup (kumulatif): 1.210",
                      "Target 1.513 pada 31 Juli 2024"]
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "Okt 2023" in ticks or "Agu 2023" in ticks  # Indonesian month names
    assert "1.200" in [t.get_text() for t in ax.get_yticklabels()]


def test_trend_long_span_has_year_ticks_and_only_kampung_kb():
    m = pd.DataFrame({"bulan": pd.date_range("2016-01-01", "2024-06-01", freq="MS")})
    m["kampung_kb_kumulatif"] = np.arange(len(m)) * 3
    fig = charts.trend(m, lang="en")
    ax = fig.axes[0]
    assert len(ax.get_lines()) == 1
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "2016" in ticks and "2024" in ticks


# ---------------------------------------------------------------- readiness
def test_readiness_heat_annotates_every_cell():
    df = pd.DataFrame({"kode": ["17.01", "17.71"], "nama": ["Kab. A", "Kota B"], "kampung_kb": [40, 12],
                       "pokja_ada": [95.0, 50.0], "pokja_sk": [80.0, np.nan], "poktan_bkb": [12.5, 0.0]})
    fig = charts.readiness_heat(df)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Pokja", "SK Pokja", "BKB"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Kab. A (n = 40)", "Kota B (n = 12)"]
    cells = [t.get_text() for t in ax.texts]
    assert cells == ["95", "80", "13", "50", "–", "0"]  # 12.5 rounds half up
    white = [t.get_text() for t in ax.texts if t.get_color() == "white"]
    assert white == ["95", "80"]  # dark cells get white text


# ---------------------------------------------------------------- classification
def test_classification_bars_shares_stack_to_100():
    df = pd.DataFrame({"kode": ["a", "b"], "nama": ["Kab. A", "Kab. B"], "Dasar": [2, 0],
                       "Berkembang": [1, 0], "Mandiri": [1, 3]})  # Berkelanjutan missing: counts as 0
    fig = charts.classification_bars(df)
    ax = fig.axes[0]
    assert len(ax.containers) == 4
    widths = [[round(b.get_width(), 1) for b in c] for c in ax.containers]
    assert widths == [[50.0, 0.0], [25.0, 0.0], [25.0, 100.0], [0.0, 0.0]]
    assert _legend_texts(ax) == ["Dasar", "Berkembang", "Mandiri", "Berkelanjutan"]
    fills = [to_hex(c[0].get_facecolor()) for c in ax.containers]
    assert fills == [style.CLASS_COLORS[k].lower() for k in ("Dasar", "Berkembang", "Mandiri", "Berkelanjutan")]
    texts = _texts(fig)
    assert "50%" in texts and "100%" in texts and "4" in texts and "3" in texts  # shares and totals


# ---------------------------------------------------------------- rumah dataku
def test_rumah_dataku_sorted_with_target():
    df = pd.DataFrame({"kode": ["a", "b", "c"], "nama": ["A", "B", "C"], "ada": [1, 3, 0],
                       "belum": [1, 1, 0], "tidak": [2, 0, 0]})
    fig = charts.rumah_dataku_status(df, 75)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["B", "A", "C"]  # 75% > 25% > no Kampung KB
    assert [round(b.get_width(), 1) for b in ax.containers[0]] == [75.0, 25.0, 0.0]
    target = [ln for ln in ax.get_lines() if ln.get_label() == "Target 75%"]
    assert list(target[0].get_xdata()) == [75, 75]
    assert _legend_texts(ax) == ["Target 75%", "Ada", "Belum", "Tidak ada"]
    assert "–" in _texts(fig)  # C has no Kampung KB


# ---------------------------------------------------------------- participants
def test_participants_bars_and_donut():
    df = pd.DataFrame({"unsur": ["Operator SIGA", "Ketua IPeKB", "OPD KB"], "jumlah": [10, 10, 10]})
    fig = charts.participants(df)
    ax = fig.axes[0]
    assert len(ax.containers[0]) == 3
    assert _texts(fig).count("10 (33%)") == 3
    assert fig._suptitle.get_text() == "Komposisi peserta (30 orang)"
    d = charts.participants(pd.DataFrame({"unsur": ["Bappeda", "Dinkes"], "jumlah": [100, 44]}), kind="donut",
                            lang="en")
    assert "144" in _texts(d)
    assert len(d.axes[0].patches) == 2
    assert _legend_texts(d.axes[0]) == ["Bappeda: 100 (69%)", "Dinkes: 44 (31%)"]
    with pytest.raises(ValueError):
        charts.participants(df, kind="pie")


# ---------------------------------------------------------------- tile map
def test_tile_layout_has_all_38_provinces_once():
    assert set(TILES) == ALL_38 and len(TILES) == 38
    positions = [(r, c) for r, c, _ in TILES.values()]
    assert len(set(positions)) == 38
    labels = [t for _, _, t in TILES.values()]
    assert len(set(labels)) == 38 and max(map(len, labels)) <= 7
    # roughly geographic: Aceh is west of Papua, Java (Jawa Barat) south of Kalimantan Barat
    assert TILES["11"][1] < TILES["91"][1] and TILES["32"][0] > TILES["61"][0]


def test_tile_map_colours_by_class_and_greys_missing():
    df = pd.DataFrame({"kode": ["17", "18.04", "31"], "cakupan_persen": [100.0, 10.0, 60.0]})
    fig = charts.tile_map(df, highlight="17", footer_note="Data contoh (sintetis)")
    ax = fig.axes[0]
    tiles = {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith("tile-")}
    assert len(tiles) == 38 and {g[5:] for g in tiles} == ALL_38
    assert to_hex(tiles["tile-17"].get_facecolor()) == style.COVERAGE_COLORS[4].lower()
    assert to_hex(tiles["tile-18"].get_facecolor()) == style.COVERAGE_COLORS[0].lower()
    assert to_hex(tiles["tile-31"].get_facecolor()) == style.COVERAGE_COLORS[2].lower()
    assert to_hex(tiles["tile-91"].get_facecolor()) == style.GREY.lower()
    texts = _texts(fig)
    assert "100%" in texts and "10%" in texts and "60%" in texts and texts.count("–") == 35
    assert "tidak ada data" in _legend_texts(ax)
    assert tiles["tile-17"].get_linewidth() > tiles["tile-18"].get_linewidth()


@pytest.mark.parametrize("v, k", [(0, 0), (24.99, 0), (25, 1), (49.9, 1), (50, 2), (75, 3), (99.99, 3),
                                  (100, 4), (None, None), (float("nan"), None)])
def test_coverage_class_boundaries(v, k):
    assert coverage_class(v) == k


def test_province_code():
    assert province_code(17) == "17" and province_code("17.71.01.2001") == "17" and province_code("1771") == "17"
    with pytest.raises(ValueError):
        province_code("x")


# ---------------------------------------------------------------- export
def test_svg_and_png_helpers():
    fig = charts.participants(pd.DataFrame({"unsur": ["A"], "jumlah": [5]}))
    svg = charts.figure_to_svg(fig)
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert svg == charts.figure_to_svg(fig)  # deterministic: no date, stable ids
    png = charts.figure_to_png_bytes(fig, dpi=100)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    big = charts.figure_to_png_bytes(fig, dpi=200)
    width = lambda b: int.from_bytes(b[16:20], "big")  # noqa: E731  (IHDR width)
    assert width(png) == 670 and width(big) == 1340


# ---------------------------------------------------------------- analysis-table shapes
def test_total_row_is_left_out_and_analysis_trend_columns_accepted():
    cov = _sub_units().assign(total=False)
    cov = pd.concat([cov, pd.DataFrame({"kode": ["17"], "nama": ["Bengkulu"], "desa_kelurahan": [1680],
                                        "tercakup": [1452], "cakupan_persen": [86.4], "total": [True]})])
    ax = charts.coverage_bars(cov).axes[0]
    assert len(ax.containers[0]) == 3 and "Bengkulu" not in [t.get_text() for t in ax.get_yticklabels()]
    tr = pd.DataFrame({"bulan": pd.date_range("2024-01-01", periods=3, freq="MS"), "kampung_kb_baru": [1, 2, 3],
                       "kampung_kb": [1, 3, 6], "tercakup_baru": [1, 1, 1], "tercakup": [1, 2, 3]})
    assert _legend_texts(charts.trend(tr).axes[0]) == ["Kampung KB (kumulatif): 6",
                                                       "Desa/kelurahan tercakup (kumulatif): 3"]


def test_rumah_dataku_without_profile_is_grey():
    df = pd.DataFrame({"kode": ["a"], "nama": ["A"], "ada": [1], "belum": [1], "tidak": [1], "tanpa_profil": [1],
                       "total": [False]})
    ax = charts.rumah_dataku_status(df).axes[0]
    assert len(ax.containers) == 4
    assert to_hex(ax.containers[3][0].get_facecolor()) == style.GREY.lower()
    assert [round(c[0].get_width()) for c in ax.containers] == [25, 25, 25, 25]
    assert "Tanpa profil" in _legend_texts(ax)
