"""What a region calls its desa (kbreport.ingest.local_names): the shipped table, the rule, the wording."""
from __future__ import annotations

import pandas as pd
import pytest

from kbreport.ingest.local_names import LocalWords, desa_words, local_names_table, localise
from kbreport.ingest.wilayah import desa_table, load_master


def test_every_row_names_a_region_of_the_decree_and_a_source():
    master = load_master()
    kabprov = set(master.loc[master["tingkat"].isin(["provinsi", "kabkota"]), "kode"])
    rows = local_names_table()
    assert len({k for k, _, _ in rows}) == len(rows)  # one row per code
    for kode, word, source in rows:
        assert kode in kabprov, kode
        assert word.islower() and word.isalpha(), kode
        assert len(source) > 20, kode  # a law, perda or naming convention, said in words


def _desa(rows):
    return pd.DataFrame(rows, columns=["kode_desa", "jenis", "nama_kabkota"])


def test_the_rule_by_hand():
    d = _desa([
        ("18.04.01.2001", "desa", "Kab. Lampung Barat"),        # pekon (row 18.04)
        ("18.04.01.1001", "kelurahan", "Kab. Lampung Barat"),   # a kelurahan is a kelurahan
        ("18.01.01.2001", "desa", "Kab. Lampung Selatan"),      # no row: desa
        ("18.01.01.2002", "desa", "Kab. Lampung Selatan"),
        ("13.02.01.2001", "desa", "Kab. Solok"),                # nagari (row 13)
        ("13.02.01.2002", "desa", "Kab. Solok"),
        ("13.09.01.2001", "desa", "Kab. Kepulauan Mentawai"),   # row 13.09 overrides 13: desa
    ])
    assert desa_words(d, "18.04").phrase == "pekon/kelurahan"
    lampung = desa_words(d, "18")  # 1 pekon of 3 desa: the heading keeps desa, the note names the pekon
    assert lampung.phrase == "desa/kelurahan" and not lampung.is_local
    assert [(w, names) for w, names, _ in lampung.local] == [("pekon", ("Kab. Lampung Barat",))]
    assert desa_words(d, "13").phrase == "nagari/desa/kelurahan"  # 2 of 3 nagari: first, then desa
    assert desa_words(d, "13.09") == LocalWords()
    assert desa_words(d, None) == LocalWords() and desa_words(d, "17") == LocalWords()


def test_localise_is_idempotent_and_keeps_case():
    w = LocalWords(("nagari", "desa"))
    once = localise("Desa/kelurahan: 12 desa/kelurahan; Desa/kel.", w)
    assert once == "Nagari/desa/kelurahan: 12 nagari/desa/kelurahan; Nagari/desa/kel."
    assert localise(once, w) == once
    assert localise("desa/kelurahan", LocalWords()) == "desa/kelurahan"
    assert localise("Desa tanpa Kampung KB", LocalWords(("pekon",))) == "Desa tanpa Kampung KB"  # only the pair


@pytest.mark.parametrize("kode, phrase", [("18.04", "pekon/kelurahan"), ("13", "nagari/desa/kelurahan"),
                                          ("13.09", "desa/kelurahan"), ("11", "gampong/kelurahan"),
                                          ("91", "kampung/kelurahan"), ("14.08", "kampung/kelurahan"),
                                          ("18", "desa/kelurahan"), ("31", "desa/kelurahan")])
def test_on_the_decree(kode, phrase):
    assert desa_words(desa_table(load_master()), kode).phrase == phrase
