"""What a region calls its desa (pekon, nagari, gampong, kampung …): the shipped table with its source per row.

`kbreport/data/sebutan_desa.csv` has one row per province or kab/kota code: the word for the desa (not the
kelurahan) under that code and the law, perda or naming convention that says so. The most specific row
holding a desa's code wins (13.09 Kab. Kepulauan Mentawai says desa inside 13 Sumatera Barat's nagari); a
desa under no row is a desa. The Kemendagri decrees code every one of them as a desa (2xxx) and do not name
the local word: it comes from the row's source, never from the decree.

    words = desa_words(desa_table(master), "18.04")
    words.phrase     # "pekon/kelurahan" (what a heading says where it would say "desa/kelurahan")
    words.local      # [("pekon", ["Kab. Lampung Barat"], "Perda Kab. Lampung Barat No. 02 Tahun 2000 …")]

A unit whose desa mostly (at least half) carry one local word says it first ("nagari/desa/kelurahan" for
Sumatera Barat, whose Mentawai and kota keep desa); a unit where local words are the minority (Lampung:
pekon in three kabupaten) keeps "desa/kelurahan", and `local` still names where each word is used.
"""
from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from importlib import resources

import pandas as pd

__all__ = ["LocalWords", "desa_words", "local_names_table", "localise"]

_FILE = "sebutan_desa.csv"
DESA = "desa"


@functools.lru_cache(maxsize=1)
def local_names_table() -> tuple[tuple[str, str, str], ...]:
    """(kode, sebutan, sumber) of every row of the shipped table, in its order."""
    text = resources.files("kbreport").joinpath("data", _FILE).read_text(encoding="utf-8")
    return tuple((r["kode"].strip(), r["sebutan"].strip(), r["sumber"].strip()) for r in csv.DictReader(io.StringIO(text)))


@dataclass(frozen=True)
class LocalWords:
    """The desa words of a unit: `words` (most desa first; "desa" among them when some are plain desa),
    `phrase` for "desa/kelurahan", and `local`: (word, kab/kota names, source) for each local word used."""

    words: tuple[str, ...] = (DESA,)
    local: tuple[tuple[str, tuple[str, ...], str], ...] = field(default_factory=tuple)

    @property
    def phrase(self) -> str:
        return "/".join((*self.words, "kelurahan"))

    @property
    def is_local(self) -> bool:
        return self.words != (DESA,)


def _word_of(codes: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(word, the row's code) for each desa code: the longest table code that is a prefix of it."""
    rows = sorted(local_names_table(), key=lambda r: len(r[0]))  # shorter first, a longer one overrides
    word = pd.Series(DESA, index=codes.index, dtype=object)
    row = pd.Series(None, index=codes.index, dtype=object)
    for kode, sebutan, _ in rows:
        hit = codes.str.startswith(kode + ".")
        word[hit], row[hit] = sebutan, kode
    return word, row


def desa_words(desa: pd.DataFrame, kode: str | None) -> LocalWords:
    """The desa words of unit `kode` (None: Indonesia, which keeps "desa/kelurahan") over the master's desa
    table (kbreport.ingest.wilayah.desa_table): only desa count (kelurahan are kelurahan everywhere)."""
    if not kode:
        return LocalWords()
    d = desa[(desa["jenis"] != "kelurahan") & desa["kode_desa"].str.startswith(str(kode) + ".")]
    if d.empty:
        return LocalWords()
    word, row = _word_of(d["kode_desa"])
    counts = word.value_counts()
    sources = {k: s for k, _, s in local_names_table()}
    local = []
    for w in counts.index:
        if w == DESA:
            continue
        at, rows = d[word == w], tuple(dict.fromkeys(row[word == w]))
        # a province's row names the province (Aceh), a kab/kota's row its kab/kota (Kab. Lampung Barat)
        col = "nama_provinsi" if all(len(r) == 2 for r in rows) and "nama_provinsi" in at else "nama_kabkota"
        names = tuple(dict.fromkeys(at[col]))
        local.append((w, names, "; ".join(sources[r] for r in rows)))
    top = counts.index[0]
    if top == DESA or counts.iloc[0] * 2 < len(d):  # local words are the minority: the heading says desa
        return LocalWords((DESA,), tuple(local))
    return LocalWords(tuple(counts.index), tuple(local))


def localise(text: str, words: LocalWords) -> str:
    """An Indonesian text with "desa/kelurahan" (and "desa/kel.") in the unit's own words: "pekon/kelurahan".
    Idempotent: a phrase already in the local words ("nagari/desa/kelurahan") is left as it is."""
    if not words.is_local or not text:
        return text
    short = "/".join((*words.words, "kel."))
    out = text
    for plain, local in (("desa/kelurahan", words.phrase), ("desa/kel.", short)):
        for a, b in ((plain, local), (plain[0].upper() + plain[1:], local[0].upper() + local[1:])):
            out = re.sub(r"(?<![/\w])" + re.escape(a), lambda _m, b=b: b, out)
    return out
