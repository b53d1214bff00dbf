"""kbreport.build.params: schemas, YAML loading, checks against the master and the data, papermill parameters."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kbreport.errors import ParamsError
from kbreport.build.notebooks import builtin_dir, notebook_info
from kbreport.build.params import (
    check_against_data,
    from_notebook_parameters,
    load_params,
    parse_params,
    to_notebook_parameters,
)

ROOT = Path(__file__).resolve().parents[2]
PARAMS = ROOT / "params"
BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "params"

# The 38 provinces by Kemendagri code (2022 scheme, incl. the six Papua provinces).
PROVINCES = {"11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
             "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
             "91", "92", "93", "94", "95", "96"}


@pytest.fixture(scope="module")
def master():
    from kbreport.ingest.wilayah import load_master

    return load_master()


# --- the shipped params folder -------------------------------------------------------------------


def test_every_shipped_params_file_is_valid(master):
    files = sorted(f for f in PARAMS.rglob("*.yaml") if not f.is_relative_to(PARAMS / "monev"))  # monev: fan-outs
    loaded = {f.relative_to(PARAMS).as_posix(): load_params(f, master=master) for f in files}
    wil = {k: v for k, v in loaded.items() if k.startswith("wilayah/")}
    ev = {k: v for k, v in loaded.items() if k.startswith("events/")}
    # 37 provinces: the briefings are as of 2024, when Kepmendagri 100.1.1-6117/2022 (no Papua Barat Daya)
    # was in force; a params file for 96 as of then is refused (test_a_region_not_yet_in_the_decree_in_force)
    assert len(wil) == 1 + 37 + 1 and len(ev) == 5
    assert all(p.laporan == "wilayah" and p.notebook == "wilayah_briefing" for p in wil.values())
    assert all(p.laporan == "event" and p.notebook == "event_briefing" for p in ev.values())
    kodes = [p.kode for p in wil.values()]
    assert kodes.count(None) == 1  # Indonesia
    assert {k for k in kodes if k and len(k) == 2} == PROVINCES - {"96"}
    assert len([k for k in kodes if k and len(k) == 2]) == 37  # each province once
    lambar = [p for p in wil.values() if p.kode == "18.04"]
    assert len(lambar) == 1 and lambar[0].as_of == date(2024, 5, 12)
    assert {p.jenis for p in ev.values()} == {"workshop", "rakorda", "mou", "fasilitasi"}
    assert any(len(p.kode) == 5 for p in ev.values())  # one event below province level


def test_a_region_not_yet_in_the_decree_in_force_is_refused_before_any_kernel(tmp_path, master):
    p = tmp_path / "96.yaml"
    p.write_text('laporan: wilayah\nkode: "96"\nas_of: 2024-06-30\n')
    with pytest.raises(ParamsError, match=r"kode wilayah '96' belum ada di Kepmendagri No\. 100\.1\.1-6117 Tahun 2022"):
        load_params(p, master=master)
    p.write_text('laporan: wilayah\nkode: "96"\nas_of: 2025-06-30\n')
    assert load_params(p, master=master).kode == "96"  # in Kepmendagri 300.2.2-2430/2025


def test_shipped_fanout_builds_bengkulus_ten_kabkota(master):
    from kbreport.batch.plan import expand_params

    specs = expand_params(PARAMS / "monev" / "bengkulu-kabkota.yaml", master=master)
    assert [s.kode for s in specs] == ["17.01", "17.02", "17.03", "17.04", "17.05", "17.06", "17.07", "17.08", "17.09",
                                       "17.71"]
    assert {s.notebook.name for s in specs} == {"monev_kampung_kb.ipynb"}


def test_event_params_say_what_the_seed_reports_say(master):
    ev = {p.name: load_params(p, master=master) for p in (PARAMS / "events").glob("*.yaml")}
    rakorda = ev["2017-03-07-rakorda-sumsel.yaml"]
    assert (rakorda.kode, rakorda.mulai, rakorda.selesai, rakorda.as_of) == ("16", date(2017, 3, 7), date(2017, 3, 7),
                                                                              date(2017, 3, 7))
    assert rakorda.tempat == "Hotel Aston Palembang"
    assert rakorda.peserta[0].jumlah == 17 and rakorda.jumlah_peserta is None  # eselon III count not reported
    assert any(t.nilai == 231 for t in rakorda.target)

    ws = ev["2022-08-24-workshop-sumsel.yaml"]
    assert (ws.mulai, ws.selesai, ws.jumlah_peserta, ws.tempat) == (date(2022, 8, 24), date(2022, 8, 26), 144,
                                                                    "Hotel Harper Palembang")
    assert ws.kunjungan_lapangan[0].kode_desa == "16.10.05.2041"  # Desa Sembadak, Kab. Ogan Ilir

    mou = ev["2023-04-03-mou-kalsel-bps.yaml"]
    assert mou.kode == "63" and mou.mulai == date(2023, 4, 3) and len(mou.pihak) == 2
    assert [p.wakil for p in mou.pihak] == ["H. Ramlan", "Martin Wibisono"]

    fas = ev["2024-06-04-fasilitasi-rumah-dataku-bengkulu.yaml"]
    assert (fas.kode, fas.as_of, fas.selesai) == ("17", date(2024, 6, 4), date(2024, 6, 5))
    assert [p.jumlah for p in fas.peserta] == [10, 10, 10] and fas.jumlah_peserta == 30
    assert fas.target_tanggal == date(2024, 7, 31)


# --- broken files: one message naming file, key and reason ----------------------------------------

BROKEN_CASES = [
    ("unknown_key.yaml", "judull", "kunci tidak dikenal"),
    ("wrong_type.yaml", "peserta[1].jumlah", "harus bilangan bulat, bukan 'sepuluh'"),
    ("wrong_date.yaml", "as_of", "harus tanggal YYYY-MM-DD, bukan '31/06/2024'"),
    ("unknown_region.yaml", "kode", "kode wilayah '99' tidak ada di master"),
    ("unknown_desa.yaml", "kunjungan_lapangan[1].kode_desa", "'16.10.05.2999' tidak ada di master"),
    ("desa_outside_region.yaml", "kunjungan_lapangan[1].kode_desa", "tidak berada di wilayah 17"),
    ("end_before_start.yaml", "selesai", "selesai (2024-06-04) lebih awal dari mulai (2024-06-05)"),
    ("bad_yaml.yaml", None, "YAML tidak valid di baris 4, kolom 7"),
    ("duplicate_key.yaml", "kode", "kunci ganda (sudah ada di baris 2); baris 4"),
    ("float_kode.yaml", "kode", 'tulis dalam tanda kutip, mis. kode: "16.10"'),
    ("kecamatan_kode.yaml", "kode", "harus kode provinsi (PP) atau kabupaten/kota (PP.KK)"),
    ("no_laporan.yaml", "notebook", "wajib diisi"),
    ("not_mapping.yaml", None, "harus pemetaan (kunci: nilai), bukan list"),
    ("bad_bahasa.yaml", "bahasa", "harus salah satu dari 'id' atau 'en', bukan 'jv'"),
    ("mou_one_party.yaml", "pihak", "sedikitnya dua pihak"),
    ("peserta_total_mismatch.yaml", "peserta_total", "31 tidak sama dengan jumlah per unsur (30)"),
    ("wrong_jenis.yaml", "jenis", "bukan 'seminar'"),
]


@pytest.mark.parametrize("name, key, reason", BROKEN_CASES)
def test_broken_params_file(name, key, reason, master):
    path = BROKEN / name
    with pytest.raises(ParamsError) as ei:
        load_params(path, master=master)
    e = ei.value
    assert e.file == str(path)
    assert e.key == key
    assert reason in e.reason
    assert str(e).startswith(f"{path}: " + (f"{key}: " if key else ""))


def test_every_broken_fixture_is_covered():
    assert {p.name for p in BROKEN.glob("*.yaml")} == {c[0] for c in BROKEN_CASES}


def test_missing_file(tmp_path):
    with pytest.raises(ParamsError, match="file tidak ditemukan"):
        load_params(tmp_path / "nope.yaml", regions=False)


def test_several_problems_are_named_in_one_message():
    with pytest.raises(ParamsError) as ei:
        parse_params({"laporan": "wilayah", "kode": "17", "as_of": "kemarin", "warna": "merah"}, "x.yaml")
    assert ei.value.key == "as_of"
    assert "juga: warna: kunci tidak dikenal" in ei.value.reason


def test_region_names_are_not_params():
    with pytest.raises(ParamsError) as ei:
        parse_params({"laporan": "wilayah", "kode": "17", "as_of": "2024-06-04", "nama": "Bengkulu"})
    assert ei.value.key == "nama" and "kunci tidak dikenal" in ei.value.reason


# --- defaults and values --------------------------------------------------------------------------


def test_wilayah_defaults_and_indonesia():
    for kode in (None, "", "  "):
        p = parse_params({"laporan": "wilayah", "kode": kode, "as_of": date(2024, 6, 30)})
        assert p.kode is None
    p = parse_params({"laporan": "wilayah", "kode": 17, "as_of": "2024-06-30"})  # an int province code is fine
    assert p.kode == "17"
    # targets None: the briefing takes the defaults in force on as_of (coverage 100 % by 2024 from 20 May 2022,
    # Rumah DataKu 75 % from 2023; none before)
    assert (p.bahasa, p.target_tanggal, p.target_persen, p.rdk_target_persen, p.judul) == \
        ("id", None, None, None, None)


def test_event_defaults():
    p = parse_params({"laporan": "event", "jenis": "workshop", "judul": "W", "penyelenggara": "B", "kode": "16",
                      "mulai": "2022-08-24", "kunjungan_lapangan": {"nama": "Kampung KB Seroja"}})
    assert p.selesai == p.mulai == p.as_of == date(2022, 8, 24)
    assert p.kunjungan_lapangan[0].nama == "Kampung KB Seroja"  # a single mapping becomes a list of one
    p2 = parse_params({"laporan": "event", "jenis": "workshop", "judul": "W", "penyelenggara": "B", "kode": "16",
                       "mulai": "2022-08-24", "selesai": "2022-08-26", "as_of": "2022-08-31"})
    assert p2.as_of == date(2022, 8, 31)


def test_event_kode_is_required():
    with pytest.raises(ParamsError) as ei:
        parse_params({"laporan": "event", "jenis": "mou", "judul": "M", "penyelenggara": "B", "kode": None,
                      "mulai": "2023-04-03"})
    assert ei.value.key == "kode" and "wajib diisi" in ei.value.reason


# --- against the data -------------------------------------------------------------------------------


def test_check_against_data():
    p = parse_params({"laporan": "wilayah", "kode": "17", "as_of": "2024-06-04"})
    check_against_data(p, date(2016, 1, 14), date(2024, 12, 31))  # inside: no error
    check_against_data(p, date(2024, 6, 4), date(2024, 6, 4))  # both ends inclusive
    with pytest.raises(ParamsError) as ei:
        check_against_data(p, date(2016, 1, 14), date(2024, 6, 3), file="b.yaml")
    assert (ei.value.file, ei.value.key) == ("b.yaml", "as_of")
    assert "2024-06-04 sesudah akhir data (2024-06-03)" in ei.value.reason
    with pytest.raises(ParamsError, match="sebelum awal data \\(2024-06-05\\)"):
        check_against_data(p, date(2024, 6, 5), None)


# --- papermill parameters ------------------------------------------------------------------------


def test_notebook_parameters_are_plain_json_and_round_trip(master):
    for f in sorted(f for f in PARAMS.rglob("*.yaml") if not f.is_relative_to(PARAMS / "monev")):
        p = load_params(f, master=master)
        nbp = to_notebook_parameters(p, Path("/data/demo"), out_dir="/tmp/work")
        names = list(notebook_info(builtin_dir() / f"{p.notebook}.ipynb").parameters)
        runtime = ["data_dir", "out_dir", "annex"]
        only_when_set = ["pembanding_tanggal"]  # the runner passes it when the run holds a previous event
        assert list(nbp) == [n for n in names if n not in runtime + only_when_set] + runtime  # every declared one
        assert nbp["annex"] is True and to_notebook_parameters(p, None, annex=False)["annex"] is False
        assert json.loads(json.dumps(nbp)) == nbp  # plain JSON values only
        assert nbp["as_of"] == p.as_of.isoformat() and nbp["data_dir"] == "/data/demo"
        assert from_notebook_parameters(nbp) == p


def test_event_notebook_parameters_values():
    p = parse_params({"laporan": "event", "jenis": "fasilitasi", "judul": "F", "penyelenggara": "B", "kode": "17",
                      "mulai": "2024-06-04", "selesai": "2024-06-05",
                      "peserta": [{"unsur": "Operator SIGA", "jumlah": 10}],
                      "target": [{"uraian": "Semua desa", "tanggal": "2024-07-31", "nilai": 1514}]})
    nbp = to_notebook_parameters(p, None)
    assert nbp["mulai"] == "2024-06-04" and nbp["selesai"] == "2024-06-05" and nbp["as_of"] == "2024-06-04"
    assert nbp["peserta"] == [{"unsur": "Operator SIGA", "jumlah": 10, "keterangan": None}]
    assert nbp["target"] == [{"uraian": "Semua desa", "tanggal": "2024-07-31", "nilai": 1514.0, "satuan": None}]
    assert nbp["data_dir"] is None and nbp["out_dir"] == "."
