"""The command line speaks one language: help from the catalogue in Indonesian (English with
KBREPORT_BAHASA=en), messages in the command's --bahasa, and never a raw Python error text."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kbreport.cli import main
from kbreport.cli_help import short_help

COMMANDS = [[], ["wilayah"], ["wilayah", "ringkasan"], ["wilayah", "show"], ["wilayah", "cari"], ["validate"],
            ["demo"], ["run"], ["new"], ["template"]]
# words of each help page, by language; click's own words among them
ID_WORDS = {"Pemakaian:", "Opsi:", "Tampilkan bantuan ini lalu keluar."}
EN_WORDS = {"Usage:", "Options:", "Show this message and exit."}
FIRST_LINE = {
    "": ("Briefing program Kampung KB", "Briefings on the Kampung KB programme"),
    "wilayah": ("Master wilayah Kemendagri", "The Kemendagri region master"),
    "wilayah ringkasan": ("Jumlah wilayah per tingkat.", "Number of regions per level."),
    "wilayah show": ("Nama, tingkat, induk", "Name, level, parents"),
    "wilayah cari": ("Cari wilayah menurut nama", "Find regions by name"),
    "validate": ("Periksa folder data", "Check a data folder"),
    "demo": ("Buat data contoh (sintetis)", "Make sample (synthetic) data"),
    "run": ("Bangun briefing setiap file PARAMS", "Build the briefing of every PARAMS file"),
    "new": ("Buat laporan baru", "Make a new report"),
    "template": ("Tulis keempat tabel kosong", "Write the four empty tables"),
}


def _help(args, env):
    res = CliRunner().invoke(main, [*args, "--help"], env=env)
    assert res.exit_code == 0, res.output
    return " ".join(res.output.split())  # click wraps lines


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) or "kbreport" for a in COMMANDS])
def test_help_is_indonesian_by_default_and_english_with_the_variable(args):
    ident = " ".join(args)
    text = _help(args, {"KBREPORT_BAHASA": None})
    assert FIRST_LINE[ident][0] in text
    assert all(w in text for w in ID_WORDS), text
    assert not [w for w in (*EN_WORDS, "default:", "Commands:", "[default") if w in text], text
    en = _help(args, {"KBREPORT_BAHASA": "en"})
    assert FIRST_LINE[ident][1] in en
    assert all(w in en for w in EN_WORDS), en
    assert not [w for w in ID_WORDS | {"bawaan:", "Perintah:"} if w in en], en


def test_option_help_and_defaults_follow_the_help_language():
    text = _help(["run"], {"KBREPORT_BAHASA": None})
    assert "--out FOLDER Folder keluaran; setiap laporan masuk ke OUT/<nama file params>/. [bawaan: outputs]" in text
    assert "--timeout ANGKA" in text and "-j, --jobs BILANGAN" in text
    en = _help(["run"], {"KBREPORT_BAHASA": "en"})
    assert "--out FOLDER Output folder; each report goes into OUT/<params file name>/. [default: outputs]" in en
    assert "--timeout NUMBER" in en and "-j, --jobs INTEGER" in en
    assert "--dask ALAMAT" in text and "--dask ADDRESS" in en  # a named metavar comes from the catalogue too
    assert "--ke BERKAS" in _help(["validate"], {"KBREPORT_BAHASA": None})
    assert "--ke FILE" in _help(["validate"], {"KBREPORT_BAHASA": "en"})
    group = _help([], {"KBREPORT_BAHASA": "en"})
    assert "Commands: demo Make sample (synthetic) data" in group


def test_messages_follow_bahasa():
    res = CliRunner().invoke(main, ["wilayah", "show", "99.99"], env={"KBREPORT_BAHASA": None})
    assert res.exit_code == 1 and res.output == "Galat: kode wilayah '99.99' tidak ada di master\n"
    res = CliRunner().invoke(main, ["wilayah", "show", "99.99", "--bahasa", "en"])
    assert res.exit_code == 1 and res.output == "Error: region code '99.99' is not in the master\n"
    res = CliRunner().invoke(main, ["wilayah", "cari", "zzqx"], env={"KBREPORT_BAHASA": "en"})
    assert res.output == "No region has a name containing 'zzqx'.\n"
    res = CliRunner().invoke(main, ["wilayah", "ringkasan", "--bahasa", "en"])
    assert res.output.splitlines()[1].startswith("Provinces") and "416 kabupaten, 98 kota" in res.output


def test_no_raw_os_error_text(tmp_path):
    (tmp_path / "berkas").write_text("x")
    for lang, want in (("id", "bukan folder; pindahkan atau hapus berkas itu"),
                       ("en", "is not a folder; move or delete that file")):
        res = CliRunner().invoke(main, ["template", str(tmp_path / "berkas" / "sub"), "--bahasa", lang])
        assert res.exit_code == 1 and want in res.output and str(tmp_path / "berkas") in res.output
        assert "Errno" not in res.output and "Traceback" not in res.output
    data = tmp_path / "data"
    data.mkdir()
    res = CliRunner().invoke(main, ["validate", "--data", str(data), "--ke", str(tmp_path / "tidak" / "ada.txt")])
    assert res.output.endswith(f"Galat: folder {tmp_path / 'tidak'} tidak dapat ditulis (tidak ditemukan)\n")
    assert "No such file" not in res.output and "Errno" not in res.output


def test_short_help_cuts_at_the_first_sentence_or_the_limit():
    assert short_help("Jumlah wilayah per tingkat. Lalu yang lain.") == "Jumlah wilayah per tingkat."
    assert short_help("satu dua tiga empat lima", 14) == "satu dua..."
    assert len(short_help("kata " * 40, 45)) <= 45


def test_usage_errors_in_the_help_language(tmp_path):
    res = CliRunner().invoke(main, ["run", str(tmp_path), "--formats", "docx"], env={"KBREPORT_BAHASA": None},
                             prog_name="kbreport")
    assert res.exit_code == 2
    assert "Pemakaian: kbreport run [OPSI] [PARAMS]..." in res.output
    assert "Coba 'kbreport run --help' untuk bantuan." in res.output
    assert "Galat: Nilai tidak sah untuk --formats: pilih dari ipynb,html,pdf,xlsx (bukan 'docx')" in res.output
    res = CliRunner().invoke(main, ["run", "--bogus"], env={"KBREPORT_BAHASA": "en"}, prog_name="kbreport")
    assert res.exit_code == 2 and "Error: No such option: --bogus" in res.output
    assert "Usage: kbreport run [OPTIONS] [PARAMS]..." in res.output
    res = CliRunner().invoke(main, ["wilayah"], env={"KBREPORT_BAHASA": None}, prog_name="kbreport")
    assert "Pemakaian: kbreport wilayah [OPSI] PERINTAH [ARGUMEN]..." in res.output


def test_progress_bar_counts_failures_in_the_run_language():
    from kbreport.batch.progress import bar_text

    assert bar_text(1, 2, 1.0, width=2, failed=1) == "[█░] 1/2, 1 gagal · 1.0 s"
    assert bar_text(1, 2, 1.0, width=2, failed=1, lang="en") == "[█░] 1/2, 1 failed · 1.0 s"


def test_a_command_goes_without_the_slow_iri_checker(monkeypatch):
    # jsonschema under nbformat would compile rfc3987-syntax's grammars (~2 s) in the command's process
    import sys

    monkeypatch.delitem(sys.modules, "rfc3987_syntax", raising=False)
    CliRunner().invoke(main, ["wilayah", "show", "99.99"], env={"KBREPORT_BAHASA": None})
    assert "rfc3987_syntax" in sys.modules and sys.modules["rfc3987_syntax"] is None
