"""Column headings as users write them: the comparison key, every accepted spelling, heading → column maps.

A heading matches a column when their keys are equal: case, spaces, `_ - . /` and common word
abbreviations ("tgl", "jml", "kd" …) do not matter. Each column accepts its name, its schema
aliases and, for prefixed names, the bare suffix ("BKB" for poktan_bkb, "APBN" for dana_apbn).
"""
from __future__ import annotations

import re
import unicodedata

from kbreport.ingest import schema

__all__ = ["heading_key", "accepted_headings", "heading_map", "HEADING_MAPS", "ROW_NUMBER_KEYS", "maps_with"]

# Word abbreviations common in hand-made sheets; applied to headings and aliases alike.
_ABBREVIATIONS = {"tgl": "tanggal", "jml": "jumlah", "jmlh": "jumlah", "kd": "kode", "thn": "tahun",
                  "kab": "kabupaten", "prov": "provinsi", "no": "nomor"}
# Prefixes whose bare suffix is also accepted as a heading ("BKB" for poktan_bkb, "APBN" for dana_apbn).
_PREFIX_WORDS = {"poktan_": ("poktan",), "dana_": ("dana", "sumber dana"), "data_": ("data", "penggunaan data"),
                 "kb_": ("kb", "peserta kb"), "tkb_": ("tidak kb", "pus tidak kb")}


def heading_key(text) -> str:
    """Comparison key of a heading: case, spaces, _ - . / and common abbreviations do not matter."""
    s = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "").lower()
    words = re.findall(r"[a-z0-9]+", s)
    return "".join(_ABBREVIATIONS.get(w, w) for w in words)


def accepted_headings(col: schema.Column) -> list[str]:
    """Every heading accepted for a column: its name, its schema aliases, then the bare-suffix forms."""
    out = [col.name, *col.aliases]
    for prefix, words in _PREFIX_WORDS.items():
        if col.name.startswith(prefix):
            suffix = col.name[len(prefix):]
            out += [suffix.replace("_", " "), *(f"{w} {suffix.replace('_', ' ')}" for w in words)]
    seen, uniq = set(), []
    for h in out:
        if heading_key(h) not in seen:
            seen.add(heading_key(h))
            uniq.append(h)
    return uniq


def heading_map(table: schema.Table) -> dict[str, str]:
    """heading_key -> canonical column name for one table. Raises if two columns claim one key."""
    out: dict[str, str] = {}
    for col in table.columns:
        for h in accepted_headings(col):
            k = heading_key(h)
            if out.get(k, col.name) != col.name:
                raise ValueError(f"{table.name}: heading {h!r} would mean both {out[k]} and {col.name}")
            out[k] = col.name
    return out


# The "No" column of a hand-made sheet: never data, never warned about.
ROW_NUMBER_KEYS = frozenset(heading_key(h) for h in ("no", "nomor", "no urut", "nomor urut"))
HEADING_MAPS = {name: heading_map(t) for name, t in schema.TABLES.items()}


def maps_with(table: schema.Table) -> dict[str, dict[str, str]]:
    """Heading maps of every schema table, with `table`'s own (it may be a table made in a test)."""
    return HEADING_MAPS if table.name in HEADING_MAPS else {**HEADING_MAPS, table.name: heading_map(table)}
