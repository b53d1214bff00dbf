"""The one text catalogue: every entry in both languages with the same fields; the old tables are views of it."""
from __future__ import annotations

import pytest

from kbreport.text import catalogue as cat
from kbreport.text.catalogue import CATALOGUE, env_lang, placeholders, plural, t


def test_every_entry_has_both_languages_and_the_same_placeholders():
    assert len(CATALOGUE) > 500  # briefings, labels, validation, run, index, page, CLI
    for key, entry in CATALOGUE.items():
        assert set(entry) == {"id", "en"}, key
        assert entry["id"].strip() and entry["en"].strip(), key
        assert placeholders(entry["id"]) == placeholders(entry["en"]), key


def test_keys_are_namespaced_by_interface():
    heads = {k.split(".", 1)[0] for k in CATALOGUE}
    assert heads == {"briefing", "label", "phrase", "rule", "reason", "separator", "ui", "run", "os", "status",
                     "index", "page", "plural", "cli", "error", "map", "params", "regions"}


def test_lookup_fills_values_and_refuses_other_languages():
    assert t("briefing.h_cakupan", unit="kecamatan") == "Cakupan per kecamatan"  # Indonesian by default
    assert t("briefing.h_cakupan", "en", unit="kecamatan") == "Coverage by kecamatan"
    assert t("reason.json_object", "en") == "it must hold a JSON object {...}"  # {{ }} always unescaped
    with pytest.raises(ValueError, match="'fr'"):
        t("briefing.h_cakupan", "fr", unit="x")
    with pytest.raises(KeyError):
        t("briefing.tidak_ada")


def test_plural_forms():
    assert [plural(n, "report", "en") for n in (0, 1, 2)] == ["reports", "report", "reports"]
    assert [plural(n, "report", "id") for n in (1, 2)] == ["laporan", "laporan"]


def test_the_old_tables_are_views_of_the_catalogue():
    from kbreport.batch.index_page import TEXT as INDEX
    from kbreport.batch.progress import STATUS_LABEL
    from kbreport.build import briefing
    from kbreport.build.render import WORDS
    from kbreport.text import i18n, messages

    assert briefing.TEXT["h_cakupan"] == (CATALOGUE["briefing.h_cakupan"]["id"], CATALOGUE["briefing.h_cakupan"]["en"])
    assert i18n.LABELS["cakupan_persen"] == ("Cakupan (%)", "Coverage (%)")
    assert messages.MESSAGES["kode_unknown"] is not CATALOGUE["rule.kode_unknown"]  # a copy: views never edit it
    assert messages.MESSAGES["kode_unknown"] == CATALOGUE["rule.kode_unknown"]
    assert WORDS["en"]["page"] == "Page" and WORDS["id"]["page"] == "Halaman"
    assert INDEX["id"]["levels"]["kabkota"] == "Kab/kota" and INDEX["en"]["status_names"]["ok"] == "built"
    assert STATUS_LABEL == {"id": {"ok": "selesai", "failed": "GAGAL", "skipped": "dilewati", "interrupted": "dibatalkan"},
                            "en": {"ok": "done", "failed": "FAILED", "skipped": "skipped", "interrupted": "interrupted"}}


def test_run_summary_counts_with_real_plurals():
    from kbreport.text.messages import run_message

    one = run_message("summary", "en", built=1, skipped=0, failed=0, interrupted="", total=1, time="2.0 s")
    assert one == "1 built, 0 up to date (skipped), 0 failed — 1 report in 2.0 s."
    two = run_message("summary", "en", built=2, skipped=0, failed=0, interrupted="", total=2, time="2.0 s")
    assert two.endswith("— 2 reports in 2.0 s.")
    assert run_message("summary", "id", built=1, skipped=0, failed=0, interrupted="", total=1,
                       time="2,0 dtk").endswith("— 1 laporan dalam 2,0 dtk.")
    assert run_message("data_more", "en", n=1) == "… and 1 more error"


def test_env_lang(monkeypatch):
    monkeypatch.delenv(cat.ENV_VAR, raising=False)
    assert env_lang() == "id"
    monkeypatch.setenv(cat.ENV_VAR, "EN")
    assert env_lang() == "en"
    monkeypatch.setenv(cat.ENV_VAR, "fr")  # anything else: the default, never a crash at start-up
    assert env_lang() == "id"


def test_fmt_is_the_only_formatter():
    import kbreport.batch.index_page as ip
    import kbreport.cli as cli
    import kbreport.text.messages as messages
    from kbreport.text import fmt

    assert not hasattr(messages, "format_int") and not hasattr(ip, "fmt_int") and not hasattr(cli, "_n")
    assert fmt.megabytes(1_054, "id") == "1.054 byte" and fmt.megabytes(20_609_629, "en") == "20.6 MB"
    assert fmt.megabytes(100_000_000, "id") == "100 MB"
