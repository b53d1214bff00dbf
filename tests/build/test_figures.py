"""kbreport.build.figures: the figures.json contract (issue 4) and its validation."""
from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from kbreport.errors import ReportError
from kbreport.build.figures import build_figures, read_figures, validate_figures, write_figures
from kbreport.build.params import parse_params

WIL = parse_params({"laporan": "wilayah", "kode": "17", "as_of": "2024-06-04"})
EVENT = parse_params({"laporan": "event", "jenis": "fasilitasi", "judul": "Fasilitasi Rumah DataKu",
                      "penyelenggara": "Perwakilan BKKBN", "kode": "17", "mulai": "2024-06-04", "selesai": "2024-06-05",
                      "tempat": "Bengkulu",
                      "peserta": [{"unsur": "Operator SIGA", "jumlah": 10}, {"unsur": "Ketua IPeKB", "jumlah": 10},
                                  {"unsur": "OPD KB", "jumlah": 10}]})


def headline(**over):
    h = {"wilayah_kode": "17", "wilayah_nama": "Bengkulu", "tingkat": "provinsi", "as_of": date(2024, 6, 4),
         "desa_kelurahan": 1513, "tercakup": 1322, "kampung_kb": 1322, "cakupan_persen": 100 * 1322 / 1513,
         "rumah_dataku": 640, "target_tanggal": date(2024, 12, 31), "target_persen": 100.0, "kekurangan": 191}
    h.update(over)
    return h


def test_wilayah_figures_exact():
    fig = build_figures(headline(), WIL, synthetic=True)
    # 100 × 1322 / 1513 = 87.3760…, one decimal: 87.4
    assert fig == {
        "laporan": "wilayah",
        "wilayah": {"kode": "17", "nama": "Bengkulu", "tingkat": "provinsi"},
        "as_of": "2024-06-04",
        "desa_kelurahan": 1513,
        "desa_kelurahan_tercakup": 1322,
        "kampung_kb": 1322,
        "cakupan_persen": 87.4,
        "rumah_dataku": 640,
        "data_contoh": True,
        "master_wilayah": None,  # the headline names no decree: a user's own master
        "judul": None,
        "bahasa": "id",
        "target": {"tanggal": "2024-12-31", "persen": 100.0},
        "kkbpk_periode": None,  # the headline names no period: none, or all undated
        "profil_periode": None,
        "kekurangan": 191,
    }


def test_master_wilayah_is_a_decree_stem():
    fig = build_figures({**headline(), "master_wilayah": "kepmendagri-100.1.1-6117-2022"}, WIL, synthetic=True)
    assert fig["master_wilayah"] == "kepmendagri-100.1.1-6117-2022"
    with pytest.raises(ReportError, match="master_wilayah"):
        validate_figures({**fig, "master_wilayah": "wilayah.csv"})


def test_figures_periods_and_kecamatan():
    # May 2024 figures for a 4 June 2024 briefing; 9 of 12 kecamatan with a Kampung KB
    fig = build_figures(headline(kkbpk_periode=date(2024, 5, 1), profil_periode=date(2024, 3, 1), kecamatan=12,
                                 kecamatan_tercakup=9), WIL, synthetic=True)
    assert (fig["kkbpk_periode"], fig["profil_periode"], fig["kecamatan"], fig["kecamatan_tercakup"]) == \
        ("2024-05", "2024-03", 12, 9)
    with pytest.raises(ReportError, match="sesudah bulan as_of"):
        build_figures(headline(kkbpk_periode=date(2024, 7, 1)), WIL, synthetic=True)


def test_event_figures():
    fig = build_figures(headline(), EVENT, synthetic=False)
    assert fig["laporan"] == "event" and fig["data_contoh"] is False
    assert fig["event"] == {"jenis": "fasilitasi", "judul": "Fasilitasi Rumah DataKu", "mulai": "2024-06-04",
                            "selesai": "2024-06-05", "peserta": 30, "penyelenggara": "Perwakilan BKKBN",
                            "tempat": "Bengkulu"}


def test_numpy_and_pandas_values_become_plain_json():
    import pandas as pd

    fig = build_figures(headline(desa_kelurahan=np.int64(1513), tercakup=np.int64(1322), kampung_kb=np.int32(1322),
                                 cakupan_persen=np.float64(87.37607), rumah_dataku=np.int64(640),
                                 as_of=pd.Timestamp("2024-06-04")), WIL, synthetic=True)
    text = json.dumps(fig)  # would raise on numpy types
    assert '"cakupan_persen": 87.4' in text and '"as_of": "2024-06-04"' in text
    assert type(fig["desa_kelurahan"]) is int


def test_indonesia_kode_is_null():
    p = parse_params({"laporan": "wilayah", "kode": None, "as_of": "2022-08-24"})
    fig = build_figures(headline(wilayah_kode=None, wilayah_nama="Indonesia", tingkat="nasional",
                                 as_of=date(2022, 8, 24), desa_kelurahan=83441, tercakup=16500, kampung_kb=16793,
                                 cakupan_persen=100 * 16500 / 83441, rumah_dataku=5000), p, synthetic=True)
    assert fig["wilayah"] == {"kode": None, "nama": "Indonesia", "tingkat": "nasional"}
    assert fig["cakupan_persen"] == 19.8  # 16500 / 83441 = 19.774…%


@pytest.mark.parametrize("over, message", [
    ({"tercakup": 1600}, "desa_kelurahan_tercakup (1600) lebih dari desa_kelurahan (1513)"),
    ({"kampung_kb": 1000}, "kampung_kb (1000) kurang dari desa/kelurahan tercakup (1322)"),
    ({"rumah_dataku": 2000}, "rumah_dataku (2000) lebih dari kampung_kb (1322)"),
    ({"cakupan_persen": 50.0}, "cakupan_persen 50.0 tidak sama dengan 100 × 1322 / 1513 = 87.4"),
    ({"tingkat": "kabkota"}, "wilayah.kode: '17' bukan kode kabkota"),
    ({"tingkat": "kecamatan"}, "wilayah.tingkat: harus nasional/provinsi/kabkota"),
    ({"wilayah_nama": " "}, "wilayah.nama: harus teks tidak kosong"),
    ({"as_of": date(2024, 6, 5)}, "as_of 2024-06-05 tidak sama dengan params (2024-06-04)"),
    ({"wilayah_kode": "16", "wilayah_nama": "Sumatera Selatan"}, "wilayah.kode '16' tidak sama dengan params ('17')"),
])
def test_contract_violations(over, message):
    with pytest.raises(ReportError) as ei:
        build_figures(headline(**over), WIL, synthetic=True)
    assert message in str(ei.value)


def test_bool_is_not_an_int():
    with pytest.raises(ReportError, match="desa_kelurahan: harus bilangan bulat"):
        build_figures(headline(desa_kelurahan=True), WIL, synthetic=True)


def test_validate_raw_dicts():
    good = build_figures(headline(), EVENT, synthetic=True)
    validate_figures(good)
    for mutate, message in [
        (lambda f: f.pop("rumah_dataku"), "rumah_dataku: tidak ada"),
        (lambda f: f.update(cakupan_persen=87.38), "satu desimal"),
        (lambda f: f.update(data_contoh="ya"), "data_contoh: harus true/false"),
        (lambda f: f.update(as_of="04/06/2024"), "as_of: harus YYYY-MM-DD"),
        (lambda f: f.pop("event"), "event: wajib untuk laporan event"),
        (lambda f: f["event"].update(selesai="2024-06-01"), "event.selesai lebih awal dari event.mulai"),
        (lambda f: f["event"].update(jenis="seminar"), "event.jenis: 'seminar' tidak dikenal"),
        (lambda f: f["event"].update(peserta=-1), "event.peserta: harus bilangan bulat ≥ 0 atau null"),
        (lambda f: f.update(laporan="wilayah"), "event: hanya untuk laporan event"),
    ]:
        f = json.loads(json.dumps(good))
        mutate(f)
        with pytest.raises(ReportError) as ei:
            validate_figures(f)
        assert message in str(ei.value), message
    f = json.loads(json.dumps(good))
    f["event"]["peserta"] = None  # a count the source does not give
    validate_figures(f)


def test_write_and_read(tmp_path):
    fig = write_figures(tmp_path, headline(), WIL, synthetic=True)  # a folder: figures.json inside it
    path = tmp_path / "figures.json"
    assert json.loads(path.read_text(encoding="utf-8")) == fig
    assert read_figures(path, WIL) == fig
    assert [p.name for p in tmp_path.iterdir()] == ["figures.json"]  # no temp file left
    with pytest.raises(ReportError, match="tidak ditulis oleh notebook"):
        read_figures(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ReportError, match="tidak dapat dibaca"):
        read_figures(tmp_path / "bad.json")
    other = parse_params({"laporan": "wilayah", "kode": "17", "as_of": "2024-06-30"})
    with pytest.raises(ReportError, match="as_of 2024-06-04 tidak sama dengan params"):
        read_figures(path, other)


def test_missing_headline_keys():
    h = headline()
    del h["rumah_dataku"]
    with pytest.raises(ReportError, match="headline tidak memuat rumah_dataku"):
        build_figures(h, WIL, synthetic=True)


# --- "perubahan": since the same date a year earlier (kbreport.analysis.change) ---------------------------

def change(**over):
    c = {"tanggal": date(2023, 6, 4), "alasan": None, "master_wilayah": "kepmendagri-100.1.1-6117-2022",
         "kampung_kb_dulu": 1210, "kampung_kb_kini": 1322, "kampung_kb_selisih": 112, "kampung_kb_alasan": None,
         "tercakup_dulu": 1210, "desa_kelurahan_dulu": 1512, "tercakup_kini": 1322, "desa_kelurahan_kini": 1513,
         "cakupan_selisih_poin": 7.3, "cakupan_alasan": None,
         "rumah_dataku_dulu": None, "rumah_dataku_kini": 640, "rumah_dataku_selisih": None,
         "rumah_dataku_alasan": "rdk_tanpa_riwayat", "nonaktif_tanpa_tanggal": 0}
    c.update(over)
    return c


def test_change_figures():
    fig = build_figures(headline(perubahan=change()), WIL, synthetic=True)
    c = fig["perubahan"]
    assert c["tanggal"] == "2023-06-04" and c["master_wilayah"] == "kepmendagri-100.1.1-6117-2022"
    assert c["kampung_kb"] == {"dulu": 1210, "kini": 1322, "selisih": 112, "alasan": None}
    # 1210 / 1512 = 80,026…% → 80,0; the change 100 × (1322/1513 − 1210/1512) = 7,349… → 7,3 (87,4 − 80,0 = 7,4)
    assert c["cakupan"] == {"dulu_tercakup": 1210, "dulu_desa_kelurahan": 1512, "dulu_persen": 80.0,
                            "selisih_poin": 7.3, "alasan": None}
    assert c["rumah_dataku"] == {"dulu": None, "kini": 640, "selisih": None, "alasan": "rdk_tanpa_riwayat"}
    assert json.loads(json.dumps(fig)) == fig
    assert build_figures(headline(perubahan=None), WIL, synthetic=True)["perubahan"] is None
    assert "perubahan" not in build_figures(headline(), WIL, synthetic=True)


@pytest.mark.parametrize("over, message", [
    ({"cakupan_selisih_poin": 7.4}, "perubahan.cakupan.selisih_poin 7.4 bukan 7.3 (pecahan tepat)"),
    ({"kampung_kb_selisih": 100}, "perubahan.kampung_kb.selisih 100 bukan kini − dulu"),
    ({"kampung_kb_kini": 1300}, "perubahan.kampung_kb.kini 1300 tidak sama dengan kampung_kb (1322)"),
    ({"tanggal": date(2024, 6, 4)}, "perubahan.tanggal: harus YYYY-MM-DD sebelum as_of"),
    ({"rumah_dataku_alasan": None}, "perubahan.rumah_dataku: dulu dan alasan harus salah satu saja"),
])
def test_change_contract(over, message):
    with pytest.raises(ReportError) as ei:
        build_figures(headline(perubahan=change(**over)), WIL, synthetic=True)
    assert message in str(ei.value)
