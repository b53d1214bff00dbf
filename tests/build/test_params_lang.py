"""A refused params file is explained in the run's language: English with --bahasa en, Indonesian (as always) by default."""
from __future__ import annotations

import pickle
import re

import pytest

from kbreport.batch.discovery import default_resolver_for, discover_params, plan_jobs
from kbreport.build.params_yaml import MAX_FILE_BYTES
from kbreport.errors import ParamsError, ReportError
from kbreport.text.catalogue import CATALOGUE, placeholders
from kbreport.text.params_text import params_error_text

# Words of the Indonesian reasons; none may be left in an English one (keys and domain words such as
# kode, desa, unsur, selesai, mulai are names, not reasons, and are not listed).
INDONESIAN = ("tidak", "harus", "bukan", "wajib", "kunci", "baris", "kolom", "berkas", "atau", "sebelum", "sesudah",
              "ganda", "terlalu", "besar", "batas", "dipakai", "juga", "lebih", "dikenal", "terbaca", "tulis",
              "ditemukan", "awal", "akhir", "yang", "dari", "boleh", "diisi", "salah", "satu", "masih", "memakai",
              "rentang", "dicari", "dimulai", "kosong", "ganti", "nama", "laporan tidak", "lagi", "mis")
_ID_WORD = re.compile(r"\b(" + "|".join(re.escape(w) for w in INDONESIAN) + r")\b", re.I)

EVENT = 'laporan: event\njenis: fasilitasi\njudul: Fasilitasi\npenyelenggara: BKKBN\nkode: "17"\n'
WILAYAH = 'laporan: wilayah\nkode: "17"\nas_of: 2024-06-04\n'
TOP_KEYS = "as_of, bahasa, catatan, judul, kode, rdk_target_persen, sumber, target_persen, target_tanggal"

# name -> (file text, key, Indonesian reason as kbreport has always written it, English reason)
CASES = {
    "unknown_key": (WILAYAH + "warna: merah\n", "warna",
                    f"kunci tidak dikenal (kunci yang boleh di tingkat atas: {TOP_KEYS})",
                    f"unknown key (keys allowed at the top level: {TOP_KEYS})"),
    "wrong_type": (WILAYAH + "target_persen: tinggi\n", "target_persen",
                   "harus angka, bukan 'tinggi'", "must be a number, not 'tinggi'"),
    "bad_kode": ('laporan: wilayah\nkode: "1x"\nas_of: 2024-06-04\n', "kode",
                 "kode wilayah '1x' tidak berbentuk kode Kemendagri (PP, PP.KK, PP.KK.CC atau PP.KK.CC.DDDD)",
                 "region code '1x' is not shaped like a Kemendagri code (PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD)"),
    "float_kode": ("laporan: wilayah\nkode: 16.10\nas_of: 2024-06-04\n", "kode",
                   'kode wilayah 16.1 terbaca sebagai angka; tulis dalam tanda kutip, mis. kode: "16.10"',
                   'region code 16.1 was read as a number; write it in quotes, e.g. kode: "16.10"'),
    "kecamatan_kode": ('laporan: wilayah\nkode: "16.10.05"\nas_of: 2024-06-04\n', "kode",
                       "kode wilayah '16.10.05': harus kode provinsi (PP) atau kabupaten/kota (PP.KK)",
                       "region code '16.10.05': must be the code of a province (PP) or kabupaten/kota (PP.KK)"),
    "bad_bahasa": (WILAYAH + "bahasa: jv\n", "bahasa",
                   "harus salah satu dari 'id' atau 'en', bukan 'jv'", "must be one of 'id' or 'en', not 'jv'"),
    "end_before_start": (EVENT + "mulai: 2024-06-05\nselesai: 2024-06-04\n", "selesai",
                         "selesai (2024-06-04) lebih awal dari mulai (2024-06-05)",
                         "selesai (2024-06-04) is earlier than mulai (2024-06-05)"),
    "yaml_syntax": ('laporan: wilayah\nkode: "17"\nas_of: [2024-06-04\nbahasa: id\n', None,
                    "YAML tidak valid di baris 4, kolom 7: while parsing a flow sequence expected ',' or ']', "
                    "but got ':' (yang dimulai di baris 3)",
                    "invalid YAML on line 4, column 7: while parsing a flow sequence expected ',' or ']', "
                    "but got ':' (which starts on line 3)"),
    "alias": ('laporan: wilayah\nkode: &k "17"\nas_of: 2024-06-04\njudul: *k\n', None,
              "YAML memakai alias/anchor (&/*), yang tidak diizinkan; baris 2: tulis nilainya langsung "
              "(teks yang diawali & atau * diberi tanda kutip)",
              "the YAML uses an alias/anchor (&/*), which is not allowed; line 2: write the value itself "
              "(put text that starts with & or * in quotes)"),
    "duplicate_key": ('laporan: wilayah\nkode: "17"\nas_of: 2024-06-04\nkode: "18"\n', "kode",
                      "kunci ganda (sudah ada di baris 2); baris 4", "duplicate key (already on line 2); line 4"),
    "too_big": ("laporan: wilayah\n" + "#\n" * MAX_FILE_BYTES, None,
                f"file terlalu besar ({17 + 2 * MAX_FILE_BYTES} byte; batas {MAX_FILE_BYTES})",
                f"file too large ({17 + 2 * MAX_FILE_BYTES} bytes; the limit is {MAX_FILE_BYTES})"),
    "empty": ("", None, "isi file harus pemetaan (kunci: nilai), bukan kosong",
              "the file must hold a mapping (key: value), not an empty file"),
    "several": ('laporan: wilayah\nkode: "17"\nas_of: kemarin\nwarna: merah\n', "as_of",
                f"harus tanggal YYYY-MM-DD, bukan 'kemarin' — juga: warna: kunci tidak dikenal (kunci yang boleh di "
                f"tingkat atas: {TOP_KEYS})",
                f"must be a date YYYY-MM-DD, not 'kemarin' — also: warna: unknown key (keys allowed at the top "
                f"level: {TOP_KEYS})"),
    "fanout_bad_key": ('laporan: wilayah\nkode: {setiap: kabkota, dimana: "16"}\nas_of: 2024-06-04\n', "kode.dimana",
                       "kunci tidak dikenal (yang boleh: setiap, di, dalam_data)",
                       "unknown key (allowed: setiap, di, dalam_data)"),
    "fanout_level": ("laporan: wilayah\nkode: {setiap: desa}\nas_of: 2024-06-04\n", "kode.setiap",
                     "harus salah satu dari provinsi, kabkota, kecamatan, bukan 'desa'",
                     "must be one of provinsi, kabkota, kecamatan, not 'desa'"),
}


@pytest.fixture(scope="module")
def resolver():
    return default_resolver_for(None)  # the resolver `kbreport run` uses (no data: no coverage check)


def _write(folder, name: str, text: str):
    p = folder / f"{name}.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def _assert_english(text: str, folder) -> None:
    words = _ID_WORD.findall(text.replace(str(folder), "<folder>"))
    assert not words, f"Indonesian words {words} in: {text}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_refused_params_file_is_explained_in_the_runs_language(name, tmp_path, resolver):
    text, key, reason_id, reason_en = CASES[name]
    p = _write(tmp_path, name, text)
    where = f"{p}: {key}: " if key else f"{p}: "
    [id_job] = plan_jobs([p], resolver)  # Indonesian: the default, word for word as before
    [en_job] = plan_jobs([p], resolver, "en")
    assert id_job.error == f"params tidak valid — {where}{reason_id}"
    assert en_job.error == f"invalid params — {where}{reason_en}"
    _assert_english(en_job.error, tmp_path)


def test_a_params_error_met_by_the_builder_is_in_the_runs_language(tmp_path):
    """The region is looked up in the worker (kbreport.build.report), which gets the run's language."""
    from kbreport.build.report import build_report

    p = _write(tmp_path, "99", 'laporan: wilayah\nkode: "99"\nas_of: 2024-06-04\n')
    en = build_report(p, tmp_path / "out", lang="en")
    assert (en.status, en.reason) == ("failed", f"invalid params — {p}: kode: region code '99' is not in the "
                                                "Kemendagri region master")
    id_ = build_report(p, tmp_path / "out")
    assert id_.reason == f"params tidak valid — {p}: kode: kode wilayah '99' tidak ada di master wilayah Kemendagri"
    assert not (tmp_path / "out").exists()


def test_an_unknown_notebook_names_where_it_was_looked_for(tmp_path, resolver):
    p = _write(tmp_path, "nb", 'notebook: tidak_ada_nb\nkode: "17"\nas_of: 2024-06-04\n')
    [en] = plan_jobs([p], resolver, "en")
    [id_] = plan_jobs([p], resolver)
    head = f"{p}: notebook: notebook 'tidak_ada_nb' "
    assert id_.error.startswith(f"params tidak valid — {head}tidak ditemukan (dicari tidak_ada_nb.ipynb di: ")
    assert en.error.startswith(f"invalid params — {head}not found (looked for tidak_ada_nb.ipynb in: ")
    from kbreport.build.notebooks import builtin_dir

    assert en.error.endswith(f"{builtin_dir()})")  # the shipped notebooks, the last place looked in
    _assert_english(en.error, tmp_path)


def test_two_files_with_one_report_name_fail_both_in_the_runs_language(tmp_path, resolver):
    a = tmp_path / "a" / "17.yaml"
    b = tmp_path / "b" / "17.yaml"
    for p in (a, b):
        p.parent.mkdir()
        p.write_text(WILAYAH)
    en = plan_jobs([a, b], resolver, "en")
    assert [j.error for j in en] == [f"report name '17' is used by more than one params file ({a}, {b}); "
                                     "rename one of them"] * 2
    assert [j.error for j in plan_jobs([a, b], resolver)] == [
        f"nama laporan '17' dipakai lebih dari satu file params ({a}, {b}); ganti nama salah satunya"] * 2


def test_a_missing_params_path_in_the_runs_language(tmp_path):
    missing = tmp_path / "tidak-ada"
    with pytest.raises(ReportError) as en:
        discover_params([missing], "en")
    assert str(en.value) == f"{missing}: params file or folder not found"
    with pytest.raises(ReportError, match="file atau folder params tidak ditemukan"):
        discover_params([missing])


def test_the_language_survives_pickling_as_a_dask_worker_hands_it_back(tmp_path):
    from kbreport.build.params import load_params

    p = _write(tmp_path, "float_kode", CASES["float_kode"][0])
    with pytest.raises(ParamsError) as info:
        load_params(p, regions=False)
    back = pickle.loads(pickle.dumps(info.value))
    assert params_error_text(back, "en") == f"{p}: kode: {CASES['float_kode'][3]}"
    assert str(back) == params_error_text(back, "id") == f"{p}: kode: {CASES['float_kode'][2]}"


def test_a_params_error_made_without_a_catalogue_entry_shows_its_reason():
    e = ParamsError("x.yaml", "kode", "alasan lama")
    assert params_error_text(e, "en") == "x.yaml: kode: alasan lama"


def test_every_params_entry_has_both_languages_with_the_same_fields():
    entries = {k: v for k, v in CATALOGUE.items() if k.startswith("params.")}
    assert len(entries) > 60
    for key, entry in entries.items():
        assert set(entry) == {"id", "en"}, key
        assert entry["id"].strip() and entry["en"].strip(), key
        assert placeholders(entry["id"]) == placeholders(entry["en"]), key


def test_every_params_entry_the_code_names_exists():
    """Each "params.<key>" written in kbreport's source is in the catalogue (a typo would raise KeyError
    only when that problem is met)."""
    from pathlib import Path

    import kbreport

    root = Path(kbreport.__file__).parent
    named = set()
    for src in root.rglob("*.py"):
        if "words" in src.parts:
            continue
        named |= set(re.findall(r"[\"'](params\.[a-z_]+(?:\.\d)?)[\"']", src.read_text(encoding="utf-8")))
    assert named, "no params.* entry found in the source"
    missing = sorted(k for k in named if k not in CATALOGUE)
    assert not missing, missing
