"""kbreport.analysis.monev: what is left per kecamatan and the pace needed, on a table written by hand."""
from __future__ import annotations

import pandas as pd
import pytest

from kbreport.analysis.monev import desa_to_do, months_left, remaining_by_kecamatan


def cakupan(target_persen: float = 100.0) -> pd.DataFrame:
    # kab/kota 18.72 with three kecamatan: 10 desa (4 covered), 5 (5), 7 (0); total 22 (9)
    rows = [("18.72.01", "Metro Pusat", 10, 4), ("18.72.02", "Metro Utara", 5, 5), ("18.72.03", "Metro Barat", 7, 0)]
    import math

    df = pd.DataFrame([{"kode": k, "nama": n, "desa_kelurahan": d, "tercakup": c, "total": False,
                        "kekurangan": max(0, math.ceil(target_persen * d / 100) - c)} for k, n, d, c in rows])
    tot = {"kode": None, "nama": "Kota Metro", "desa_kelurahan": 22, "tercakup": 9, "total": True,
           "kekurangan": max(0, math.ceil(target_persen * 22 / 100) - 9)}
    return pd.concat([df, pd.DataFrame([tot])], ignore_index=True)


def test_months_left_counts_calendar_months():
    # 4 June → 4 July 2024 is one month; 4 July → 31 July is 27 of the 31 days to 4 August
    assert months_left("2024-06-04", "2024-07-31") == pytest.approx(1 + 27 / 31)
    assert months_left("2024-08-01", "2024-07-31") == 0.0


def test_remaining_by_kecamatan_most_left_first_then_total():
    t = remaining_by_kecamatan(cakupan(), "2024-06-04", "2024-07-31")
    assert t["nama"].tolist() == ["Metro Barat", "Metro Pusat", "Metro Utara", "Jumlah"]
    assert t["belum"].tolist() == [7, 6, 0, 13]  # 7 − 0, 10 − 4, 5 − 5; 22 − 9
    assert t["kekurangan"].tolist() == [7, 6, 0, 13]  # target 100 %: the same numbers
    m = 1 + 27 / 31
    assert t["laju_dibutuhkan"].tolist() == pytest.approx([7 / m, 6 / m, 0.0, 13 / m])  # 3.74, 3.20, 0, 6.94
    assert t["total"].tolist() == [False, False, False, True]


def test_shortfall_below_100_percent_and_no_time_left():
    # target 50 %: Metro Pusat ceil(5) − 4 = 1, Metro Barat ceil(3.5) − 0 = 4; the kab/kota ceil(11) − 9 = 2,
    # not 1 + 4 = 5 (the kab/kota's target is on its whole count)
    t = remaining_by_kecamatan(cakupan(50.0), "2024-06-04", "2024-07-31")
    assert t.set_index("nama")["kekurangan"].to_dict() == {"Metro Barat": 4, "Metro Pusat": 1, "Metro Utara": 0,
                                                           "Jumlah": 2}
    assert t.set_index("nama")["belum"]["Jumlah"] == 13  # without a Kampung KB stays 22 − 9
    late = remaining_by_kecamatan(cakupan(), "2024-08-01", "2024-07-31")
    pace = late["laju_dibutuhkan"].tolist()[:3]
    assert pd.isna(pace[0]) and pd.isna(pace[1]) and pace[2] == 0.0  # needed, no time left: no pace


def test_one_kecamatan():
    t = remaining_by_kecamatan(cakupan(), "2024-06-04", "2024-07-31", kecamatan="18.72.01")
    assert t["nama"].tolist() == ["Metro Pusat", "Jumlah"] and t["belum"].tolist() == [6, 6]
    d = pd.DataFrame({"kode_desa": ["18.72.03.1002", "18.72.01.1003", "18.72.01.1001"],
                      "kode_kecamatan": ["18.72.03", "18.72.01", "18.72.01"]})
    assert desa_to_do(d)["kode_desa"].tolist() == ["18.72.01.1001", "18.72.01.1003", "18.72.03.1002"]
    assert desa_to_do(d, "18.72.03")["kode_desa"].tolist() == ["18.72.03.1002"]


def test_no_target_in_force_gives_no_pace():
    # target_tanggal None (before Inpres 3/2022, none in params): what is left stays, no pace at all
    t = remaining_by_kecamatan(cakupan(), "2019-06-04", None)
    assert t["belum"].tolist() == [7, 6, 0, 13]
    assert t["laju_dibutuhkan"].isna().all()
