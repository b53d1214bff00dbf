"""One order of sub-units per briefing (kbreport.analysis.order): every chart and table lists them by code."""
from __future__ import annotations

import pandas as pd
import pytest

from kbreport import elements as kb
from kbreport.analysis.order import in_briefing_order, order_codes


def test_in_briefing_order_by_hand():
    # codes out of order, a collapsed group without a code, the total in the middle
    df = pd.DataFrame({"kode": ["17.71", "17.09", None, "17", "17.01"],
                       "nama": ["Kota Bengkulu", "Kab. Bengkulu Tengah", "3 kabupaten/kota", "Bengkulu",
                                "Kab. Bengkulu Selatan"],
                       "total": [False, False, False, True, False]})
    got = in_briefing_order(df)
    assert list(got["nama"]) == ["3 kabupaten/kota", "Kab. Bengkulu Selatan", "Kab. Bengkulu Tengah",
                                 "Kota Bengkulu", "Bengkulu"]
    assert order_codes(df) == ["17.01", "17.09", "17.71"]


def _labels(chart) -> list[str]:
    ax = chart.figure.axes[0]
    return [t.get_text().split(" (n = ")[0] for t in ax.get_yticklabels()]


def _first_col(table) -> list[str]:
    return [str(x) for x in table.data.iloc[:, 0]]


@pytest.fixture(scope="module")
def R(demo_data):
    return kb.region_report(kode="17", as_of="2024-06-04", data_dir=str(demo_data))


def test_every_element_lists_sub_units_in_code_order(R):
    c = R.tables["cakupan"]
    subs = c[~c["total"]]
    expected = list(subs.sort_values("kode")["nama"])
    # the data make the test bite: ranked by coverage, Rumah DataKu or Kampung KB count, the order would differ
    assert list(subs.sort_values("cakupan_persen", ascending=False)["nama"]) != expected
    r = R.tables["rumah_dataku"]
    assert list(r[~r["total"]].assign(s=r["ada"] / r["kampung_kb"]).sort_values("s")["nama"]) != expected
    lists = {
        "coverage": _labels(kb.coverage_chart(R)),
        "rumah_dataku": _labels(kb.rumah_dataku_chart(R)),
        "readiness": _labels(kb.readiness_chart(R)),
        "classification": _labels(kb.classification_chart(R)),
        "outcomes": _first_col(kb.outcomes_table(R))[:-1],  # the total row last
        "annex": _first_col(kb.annex_table(R))[:-1],
        "rdk_gap": _first_col(kb.rdk_gap_table(R))[:-1],
    }
    assert {k: v for k, v in lists.items() if v != expected} == {}


def test_the_order_is_said_once_under_the_first_chart(demo_data):
    R = kb.region_report(kode="17", as_of="2024-06-04", data_dir=str(demo_data))
    first = kb.map_chart(R)
    assert first.source == "Urutan kabupaten/kota di setiap grafik dan tabel dokumen ini: kode wilayah Kemendagri, seperti nomor pada peta."
    assert first.source in first.html()
    assert kb.coverage_chart(R).source is None and "Urutan" not in (kb.annex_table(R).options["note"] or "")
    assert kb.map_chart(R).source == first.source  # the same cell run again says it again
    en = kb.region_report(kode="17", as_of="2024-06-04", data_dir=str(demo_data), bahasa="en")
    assert kb.coverage_chart(en).source == "Every chart and table of this document lists the kabupaten/kota in Kemendagri code order."


def test_collapsed_group_on_top_then_code_order(demo_data):
    # Kab. Lampung Barat on 12 May 2024: every pekon/kelurahan of its 15 kecamatan covered -> one bar
    R = kb.region_report(kode="18.04", as_of="2024-05-12", data_dir=str(demo_data))
    c = R.tables["cakupan"]
    subs = c[~c["total"]]
    full = subs[subs["tercakup"] >= subs["desa_kelurahan"]]
    chart = kb.coverage_chart(R)
    labels = _labels(chart)
    assert len(full) == len(subs) == 15  # all of them: one bar, nothing below it
    assert labels == ["15 kecamatan"]
    assert "Batang teratas: 15 kecamatan" in chart.source
    # Bengkulu on 30 June 2024: none fully covered, no group, code order
    B = kb.region_report(kode="17", as_of="2024-06-30", data_dir=str(demo_data))
    b = B.tables["cakupan"]
    assert _labels(kb.coverage_chart(B)) == list(b[~b["total"]].sort_values("kode")["nama"])


class _R:  # the little of a report more_kkb_than_desa reads
    def __init__(self, lang, word="desa/kelurahan"):
        self.lang, self._word, self.unit = lang, word, "kabupaten/kota"

    def desa_word(self):
        return self._word


def test_more_kampung_kb_than_desa_is_explained_by_hand():
    from kbreport.elements.tables import more_kkb_than_desa

    c = pd.DataFrame({"kode": ["17.03", "17.04", "17.05", "17"],
                      "nama": ["Kab. Bengkulu Utara", "Kab. Kaur", "Kab. Seluma", "Bengkulu"],
                      "desa_kelurahan": [220, 195, 202, 617], "tercakup": [219, 168, 200, 587],
                      "kampung_kb": [221, 168, 203, 592], "total": [False, False, False, True]})
    # Kab. Bengkulu Utara 221 Kampung KB in 219 covered of 220 desa (the issue's "221 Kampung KB in 220 desa,
    # 99,5 %"), Kab. Seluma 203 in 200: 2 sub-units; Kab. Kaur has as many as it covers: not counted
    assert more_kkb_than_desa(_R("id"), c) == (
        "Kampung KB dapat lebih banyak daripada desa/kelurahan tercakup (di 2 kabupaten/kota): satu desa dapat "
        "memiliki beberapa Kampung KB RW/dusun dari sebelum Inpres 3/2022.")
    assert more_kkb_than_desa(_R("en", "pekon/kelurahan"), c).startswith(
        "Kampung KB can outnumber the pekon/kelurahan covered (in 2 kabupaten/kota): ")
    assert more_kkb_than_desa(_R("id"), c.assign(kampung_kb=c["tercakup"])) is None
    assert more_kkb_than_desa(_R("id"), c.assign(kampung_kb=c["tercakup"] + [1, 0, 0, 1])).startswith(
        "Kampung KB dapat lebih banyak daripada desa/kelurahan tercakup (di 1 kabupaten/kota)")
