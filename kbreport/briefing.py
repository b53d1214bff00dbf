"""Glue for the two briefing notebooks: parameters in, display blocks and output files out.

The notebooks stay thin (narrative for the analyst plus calls); everything a reader sees is built here
from kbreport's analyses, charts, fmt and i18n, in the report's language:

    B = prepare_wilayah({k: globals()[k] for k in WILAYAH_NOTEBOOK_PARAMETERS})
    show(B.section("ringkasan"))   # heading, headline cards, talking points …
    B.write_outputs(out_dir)       # annex.xlsx + figures.json

`B.section(name)` returns a list of `Block`s (heading, cards, points, figure, table, facts, text, notice);
`show(blocks)` puts each on the page with kbreport.display. A section that does not apply to the report
(an MoU section in a workshop briefing) is an empty list, so its cell prints nothing.

Sections of a region briefing (WILAYAH_SECTIONS): ringkasan (headline figures against target, talking
points), cakupan (ranked coverage of the sub-units — for Indonesia a tile map plus compact bars — and the
trend towards the target), rumah_dataku (Rumah DataKu status and readiness), hasil_kb (family-planning
outcomes), klasifikasi (classes recomputed with the portal's rules), lampiran (table of the sub-units,
notes and sources).

Sections of an event briefing (EVENT_SECTIONS): kegiatan (what, when, where, who, participant
composition), angka (the region's figures as of the event), one section per type — mou (parties and
Desa Cantik overlap), workshop / rakorda (sub-unit ranking and agenda-ready talking points), fasilitasi
(Rumah DataKu gaps by sub-unit) — and tindak_lanjut (follow-ups with their targets and where the
region stands).

Every figure printed goes through kbreport.fmt; every word comes from TEXT below or kbreport.i18n, so
`bahasa: en` switches the whole document (text the params file quotes, e.g. an event's title, stays as
written).
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import SYNTHETIC_LABEL, fmt
from .exceptions import ReportError

__all__ = [
    "TEXT", "WILAYAH_SECTIONS", "EVENT_SECTIONS", "DENSE_SUB_UNITS", "Block", "Briefing", "text",
    "resolve_data_dir", "prepare_wilayah", "prepare_event", "show",
]

# More sub-units than this (Indonesia's 38 provinces, Jawa Timur's 38 kab/kota) and the briefing goes
# compact so it stays within four pages: denser bar rows, and readiness, classes and outcomes shown for the
# whole region (their breakdown by sub-unit is in annex.xlsx).
DENSE_SUB_UNITS = 20
# Bar-row height (inches) by number of sub-units: (more than n, per row); below the first, the charts' own.
ROW_HEIGHTS = ((DENSE_SUB_UNITS, 0.105), (12, 0.16), (9, 0.2))
TOP_N = 5  # sub-units named in an agenda's talking points

WILAYAH_SECTIONS = ("ringkasan", "cakupan", "rumah_dataku", "hasil_kb", "klasifikasi", "lampiran")
EVENT_SECTIONS = ("kegiatan", "angka", "mou", "workshop", "rakorda", "fasilitasi", "tindak_lanjut")

# Every word the briefings print beyond kbreport.i18n: key -> (Indonesian, English); {name} fields are
# filled with already formatted values.
TEXT: dict[str, tuple[str, str]] = {
    # headings
    "h_ringkasan": ("Angka utama terhadap target", "Headline figures against the target"),
    "h_pokok": ("Pokok pembicaraan", "Talking points"),
    "h_cakupan": ("Cakupan per {unit}", "Coverage by {unit}"),
    "h_rdk": ("Rumah DataKu dan kesiapan kelembagaan", "Rumah DataKu and institutional readiness"),
    "h_hasil": ("Hasil program KB di Kampung KB", "Family-planning outcomes in Kampung KB"),
    "h_klasifikasi": ("Klasifikasi Kampung KB", "Kampung KB classes"),
    "h_lampiran": ("Lampiran: angka per {unit}", "Annex: figures by {unit}"),
    "h_catatan": ("Catatan", "Notes"),
    "sumber_line": ("Sumber: {sources}", "Sources: {sources}"),
    "catatan_line": ("Catatan: {notes}", "Notes: {notes}"),
    "h_kegiatan": ("Kegiatan", "The event"),
    "h_angka": ("Angka {wilayah} per {date}", "{wilayah} figures as of {date}"),
    "h_mou": ("Para pihak dan Desa Cantik", "The parties and Desa Cantik"),
    "h_workshop": ("Peringkat {unit} sebagai bahan workshop", "Ranking of {unit} for the workshop"),
    "h_rakorda": ("Peringkat {unit} sebagai bahan rapat koordinasi", "Ranking of {unit} for the coordination meeting"),
    "h_fasilitasi": ("Kesenjangan Rumah DataKu per {unit}", "Rumah DataKu gaps by {unit}"),
    "h_agenda": ("Pokok pembicaraan untuk agenda", "Talking points for the agenda"),
    "h_tindak_lanjut": ("Tindak lanjut dan target", "Follow-ups and targets"),
    "h_tl_points": ("Tindak lanjut", "Follow-ups"),
    # headline cards
    "card_kkb": ("Kampung KB", "Kampung KB"),
    "card_kkb_sub": ("per {date}", "as of {date}"),
    "card_cakupan": ("Cakupan desa/kelurahan", "Desa/kelurahan coverage"),
    "card_cakupan_sub": ("{n} dari {total} desa/kelurahan", "{n} of {total} desa/kelurahan"),
    "card_kurang": ("Kekurangan menuju target", "Still needed for the target"),
    "card_kurang_sub": ("desa/kelurahan; target {t} pada {date}", "desa/kelurahan; target {t} by {date}"),
    "card_rdk": ("Rumah DataKu", "Rumah DataKu"),
    "card_rdk_sub": ("{p} dari Kampung KB; target {t}", "{p} of Kampung KB; target {t}"),
    "card_cpr": ("CPR", "CPR"),
    "card_cpr_sub": ("peserta KB dari PUS", "family-planning users among PUS"),
    "card_mkjp": ("MKJP", "Long-acting methods"),
    "card_mkjp_sub": ("dari peserta KB", "of family-planning users"),
    "card_unmet": ("Unmet need", "Unmet need"),
    "card_unmet_sub": ("PUS ingin menunda/tidak ingin anak lagi, bukan peserta KB",
                       "PUS wanting to delay or stop, not using family planning"),
    "card_poktan": ("Partisipasi poktan", "Poktan participation"),
    "card_poktan_sub": ("keluarga sasaran yang ikut poktan", "eligible families taking part"),
    "card_dc": ("Desa Cantik", "Desa Cantik"),
    "card_dc_sub": ("di {k} dari {n} {unit}", "in {k} of {n} {unit}"),
    "card_dc_kkb": ("Desa Cantik yang Kampung KB", "Desa Cantik that are Kampung KB"),
    "card_dc_bukan": ("Desa Cantik belum Kampung KB", "Desa Cantik not yet Kampung KB"),
    "card_dc_rdk": ("Desa Cantik dengan Rumah DataKu", "Desa Cantik with a Rumah DataKu"),
    "card_share_sub": ("{p} dari Desa Cantik", "{p} of Desa Cantik"),
    # captions
    "cap_tilemap": ("Cakupan desa/kelurahan ber-Kampung KB per provinsi", "Desa/kelurahan coverage by province"),
    "cap_bars": ("Peringkat cakupan desa/kelurahan ber-Kampung KB per {unit}",
                 "Desa/kelurahan covered by a Kampung KB, ranked by {unit}"),
    "cap_bars_compact": ("Peringkat cakupan per {unit}", "Coverage ranked by {unit}"),
    "cap_trend": ("Perkembangan Kampung KB menuju target {t} desa/kelurahan pada {date}",
                  "Kampung KB over time, towards the target of {t} of desa/kelurahan by {date}"),
    "cap_rdk": ("Status Rumah DataKu di Kampung KB per {unit}", "Rumah DataKu status in Kampung KB by {unit}"),
    "cap_readiness": ("Kesiapan kelembagaan: persentase Kampung KB yang memiliki tiap unsur, per {unit}",
                      "Institutional readiness: share of Kampung KB with each element, by {unit}"),
    "cap_klas": ("Klasifikasi Kampung KB per {unit}", "Kampung KB classes by {unit}"),
    "cap_klas_total": ("Klasifikasi Kampung KB, {wilayah}", "Kampung KB classes, {wilayah}"),
    "cap_readiness_total": ("Kesiapan kelembagaan: persentase Kampung KB yang memiliki tiap unsur, {wilayah}",
                            "Institutional readiness: share of Kampung KB with each element, {wilayah}"),
    "cap_hasil": ("Hasil program KB per {unit}", "Family-planning outcomes by {unit}"),
    "cap_lampiran": ("Angka per {unit} per {date}", "Figures by {unit} as of {date}"),
    "cap_lampiran_dense": ("Angka per {unit} per {date} (kesiapan, hasil KB, klasifikasi: annex.xlsx)",
                           "Figures by {unit} as of {date} (readiness, outcomes, classes: annex.xlsx)"),
    "cap_peserta": ("Komposisi peserta", "Participants"),
    "cap_dc": ("Desa Cantik per {unit}", "Desa Cantik by {unit}"),
    "cap_rdk_gap": ("{unit} menurut kekurangan Rumah DataKu menuju target {t}",
                    "{unit} by Rumah DataKu still needed for the {t} target"),
    "cap_target": ("Target yang disebut dan posisi per {date}", "Targets quoted and where things stand as of {date}"),
    # table headings
    "col_desa": ("Desa/kel.", "Desa/kel."),
    "col_kkb": ("Kampung KB", "Kampung KB"),
    "col_tercakup": ("Tercakup", "Covered"),
    "col_cakupan": ("Cakupan", "Coverage"),
    "col_kurang": ("Kekurangan", "Still needed"),
    "col_rdk": ("Rumah DataKu", "Rumah DataKu"),
    "col_rdk_persen": ("RDK (% KKB)", "RDK (% of KKB)"),
    "col_rdk_kurang": ("Kekurangan RDK", "RDK still needed"),
    "col_belum": ("Belum", "Not yet"),
    "col_tidak": ("Tidak ada", "None"),
    "col_pus": ("PUS", "PUS"),
    "col_peserta_kb": ("Peserta KB", "FP users"),
    "col_cpr": ("CPR", "CPR"),
    "col_mkjp": ("MKJP", "MKJP"),
    "col_unmet": ("Unmet", "Unmet"),
    "col_poktan": ("Poktan", "Poktan"),
    "col_dc": ("Desa Cantik", "Desa Cantik"),
    "col_dc_kkb": ("Sudah Kampung KB", "Kampung KB"),
    "col_dc_bukan": ("Belum Kampung KB", "Not yet Kampung KB"),
    "col_dc_rdk": ("Dengan Rumah DataKu", "With Rumah DataKu"),
    "col_target": ("Target", "Target"),
    "col_batas": ("Batas waktu", "By"),
    "col_nilai": ("Nilai target", "Target value"),
    "col_posisi": ("Posisi", "Now"),
    "col_satuan": ("Satuan", "Unit"),
    "col_sesuai": ("Sesuai dengan yang dilaporkan", "Matches the reported class"),
    "col_selisih": ("Selisih", "Gap"),
    # facts (what, when, where, who)
    "f_jenis": ("Jenis", "Type"),
    "f_waktu": ("Waktu", "When"),
    "f_tempat": ("Tempat", "Where"),
    "f_wilayah": ("Wilayah", "Region"),
    "f_penyelenggara": ("Penyelenggara", "Organiser"),
    "f_narasumber": ("Narasumber", "Speakers"),
    "f_peserta": ("Peserta", "Participants"),
    "f_tujuan": ("Tujuan", "Objectives"),
    "f_agenda": ("Agenda", "Agenda"),
    "f_kunjungan": ("Kunjungan lapangan", "Field visit"),
    "jenis_workshop": ("Workshop", "Workshop"),
    "jenis_rakorda": ("Rapat koordinasi daerah (Rakorda)", "Regional coordination meeting (Rakorda)"),
    "jenis_mou": ("Penandatanganan nota kesepahaman (MoU)", "Signing of a memorandum of understanding (MoU)"),
    "jenis_fasilitasi": ("Fasilitasi teknis", "Technical facilitation"),
    "peserta_total": ("{n} orang", "{n} people"),
    "peserta_unsur": ("{unsur}: {n} orang", "{unsur}: {n} people"),
    "peserta_unsur_tanpa": ("{unsur}", "{unsur}"),
    "peserta_tanpa_rincian": (
        "Sumber tidak merinci jumlah peserta per unsur, sehingga komposisinya tidak digambarkan.",
        "The source does not give the number of participants per group, so their composition is not charted."),
    "pihak": ("{nama} — {wakil}", "{nama} — {wakil}"),
    "pihak_1": ("Pihak pertama", "First party"),
    "pihak_2": ("Pihak kedua", "Second party"),
    "pihak_3": ("Pihak ketiga", "Third party"),
    "pihak_4": ("Pihak keempat", "Fourth party"),
    "pihak_n": ("Pihak ke-{n}", "Party {n}"),
    "orang_jabatan": ("{nama}, {jabatan}", "{nama}, {jabatan}"),
    # sentences
    "klas_cocok": (
        "Klasifikasi dihitung ulang dengan aturan portal (12 indikator input, proses dan output) dari profil "
        "dan data KB terakhir; hasilnya sama dengan klasifikasi yang dilaporkan untuk {p} Kampung KB.",
        "Classes are recomputed with the portal's rules (12 input, process and output indicators) from the "
        "latest profile and family-planning data; they match the reported class for {p} of Kampung KB."),
    "klas_tanpa": ("Belum ada Kampung KB dengan profil untuk diklasifikasikan.",
                   "No Kampung KB has a profile to classify yet."),
    "hasil_tanpa": ("Belum ada data KB bulanan dari Kampung KB di wilayah ini.",
                    "No monthly family-planning data from Kampung KB in this region yet."),
    "rdk_tanpa": ("Belum ada Kampung KB di wilayah ini per tanggal tersebut.",
                  "There was no Kampung KB in this region on that date."),
    "agenda_rendah": ("{nama}: cakupan {p}; {k} desa/kelurahan belum memiliki Kampung KB.",
                      "{nama}: coverage {p}; {k} desa/kelurahan still without a Kampung KB."),
    "agenda_rendah_target": ("{nama}: cakupan {p}; {k} desa/kelurahan belum memiliki Kampung KB, masih kurang "
                             "{kurang} untuk target {t}.",
                             "{nama}: coverage {p}; {k} desa/kelurahan still without a Kampung KB, {kurang} short "
                             "of the {t} target."),
    "agenda_tinggi": ("{nama} mencatat cakupan tertinggi ({p}) dan dapat berbagi praktik baiknya.",
                      "{nama} has the highest coverage ({p}) and can share what worked."),
    "agenda_tinggi_seri": ("{nama} mencatat cakupan tertinggi ({p}) dan dapat berbagi praktik baiknya.",
                           "{nama} have the highest coverage ({p}) and can share what worked."),
    "agenda_semua": ("Seluruh {n} {unit} telah mencakup seluruh desa/kelurahannya; agenda dapat beralih ke "
                     "Rumah DataKu dan kualitas Kampung KB.",
                     "All {n} {unit} already cover every desa/kelurahan; the agenda can move on to Rumah DataKu "
                     "and the quality of Kampung KB."),
    "agenda_penuh": ("{n} {unit} telah mencakup seluruh desa/kelurahannya: {names}.",
                     "{n} {unit} already cover every desa/kelurahan: {names}."),
    "agenda_semua_target": ("Seluruh {n} {unit} telah mencapai target cakupan {t}; agenda dapat beralih ke "
                            "Rumah DataKu dan kualitas Kampung KB.",
                            "All {n} {unit} have reached the {t} coverage target; the agenda can move on to "
                            "Rumah DataKu and the quality of Kampung KB."),
    "agenda_penuh_target": ("{n} {unit} telah mencapai target cakupan {t}: {names}.",
                            "{n} {unit} have reached the {t} coverage target: {names}."),
    "dc_sebaran": ("Per {date} tercatat {n} Desa Cantik di {k} dari {total} {unit}; {kkb} di antaranya sudah Kampung KB "
                   "dan {rdk} memiliki Rumah DataKu.",
                   "As of {date} there were {n} Desa Cantik in {k} of {total} {unit}; {kkb} of them are Kampung KB "
                   "and {rdk} have a Rumah DataKu."),
    "dc_tanpa": ("Per {date} belum tercatat Desa Cantik di wilayah ini.", "As of {date} no Desa Cantik was recorded in this region."),
    "tl_posisi_kkb": ("{n} Kampung KB", "{n} Kampung KB"),
    "tl_posisi_persen": ("{p} desa/kelurahan", "{p} of desa/kelurahan"),
    "tl_posisi_sub": ("{n} {unit}", "{n} {unit}"),
    "tl_poin": ("{x} poin", "{x} points"),
    "tl_tanpa": ("Sumber tidak menyebut target atau tindak lanjut.", "The source quotes no target or follow-up."),
    # annex sheets
    "sheet_cakupan": ("Cakupan", "Coverage"),
    "sheet_tren": ("Tren bulanan", "Monthly trend"),
    "sheet_rdk": ("Rumah DataKu", "Rumah DataKu"),
    "sheet_kesiapan": ("Kesiapan", "Readiness"),
    "sheet_hasil": ("Hasil KB", "FP outcomes"),
    "sheet_klasifikasi": ("Klasifikasi", "Classes"),
    "sheet_tanpa_kkb": ("Desa tanpa Kampung KB", "Desa without Kampung KB"),
    "sheet_peserta": ("Peserta", "Participants"),
    "sheet_target": ("Target", "Targets"),
    "sheet_dc": ("Desa Cantik", "Desa Cantik"),
    "sheet_dc_daftar": ("Daftar Desa Cantik", "Desa Cantik list"),
    "annex_title": ("{judul} — lampiran", "{judul} — annex"),
}


def text(key: str, lang: str = "id", **values) -> str:
    """A TEXT entry in `lang`, filled with already formatted `values`."""
    if lang not in fmt.LANGS:
        raise ValueError(f"unknown language {lang!r}: use 'id' or 'en'")
    return TEXT[key][0 if lang == "id" else 1].format(**values)


# --- blocks -----------------------------------------------------------------------------------------


@dataclass
class Block:
    """One thing on the page: `kind` names the kbreport.display function `show` calls with args/kwargs."""

    kind: str  # heading | cards | points | figure | table | facts | text | notice | page_break
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


_SHOW = {"heading": "show_heading", "cards": "headline_cards", "points": "show_points", "figure": "show_figure",
         "table": "show_table", "facts": "show_facts", "text": "show_text", "notice": "show_notice",
         "page_break": "page_break"}


def show(blocks) -> None:
    """Put blocks on the page (kbreport.display); an empty list shows nothing."""
    from . import display

    for b in blocks:
        getattr(display, _SHOW[b.kind])(*b.args, **b.kwargs)


# --- data folder ------------------------------------------------------------------------------------


def resolve_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The data folder: `data_dir` if given (it must exist); else $KBREPORT_DATA, else the repository's
    data/demo — generated with kbreport.demo.generate when it is not there yet (a few seconds)."""
    from . import schema
    from .io import find_table_files
    from .report import default_data_dir

    if data_dir not in (None, ""):
        p = Path(data_dir)
        if not p.is_dir():
            raise ReportError(f"folder data {p} tidak ditemukan")
        return p
    p = default_data_dir()
    if p.is_dir() and find_table_files(p, schema.KAMPUNG_KB):
        return p
    if os.environ.get("KBREPORT_DATA"):
        raise ReportError(f"folder data {p} (KBREPORT_DATA) tidak berisi data Kampung KB")
    from .demo import generate

    generate(p)
    return p


# --- small helpers ----------------------------------------------------------------------------------


def _num(x, lang) -> str:
    return fmt.number(x, lang)


def _pct_target(x, lang) -> str:
    return fmt.percent(x, lang, digits=0 if float(x).is_integer() else 1)


def _no_total(df: pd.DataFrame) -> pd.DataFrame:
    return df[~df["total"].astype(bool)] if "total" in df.columns else df


def _for_annex(df: pd.DataFrame) -> pd.DataFrame:
    """An analysis table for the Excel annex: canonical columns (headed by kbreport.i18n), no flag column."""
    return df.drop(columns=[c for c in ("total",) if c in df.columns]).reset_index(drop=True)


def _shrink(fig, rows: int, fixed: float, per_row: float):
    """A denser version of a row chart: `fixed` inches plus `per_row` per row, never taller than drawn."""
    w, h = fig.get_size_inches()
    fig.set_size_inches(w, min(h, fixed + per_row * rows))
    return fig


# --- the briefing -----------------------------------------------------------------------------------


@dataclass
class Briefing:
    """Everything one briefing prints, prepared once: params, data, headline dict and analysis tables.

    `tables` (DataFrames as kbreport.analysis returns them): cakupan, tren, rumah_dataku, kesiapan, hasil_kb,
    klasifikasi, and for events desa_cantik (MoU). `headline`: kbreport.analysis.headline's dict.
    """

    params: Any
    data: Any  # kbreport.dataset.Dataset
    headline: dict
    tables: dict[str, pd.DataFrame]
    extra: dict = field(default_factory=dict)

    # -- basics
    @property
    def lang(self) -> str:
        return self.params.bahasa

    @property
    def laporan(self) -> str:
        return self.params.laporan

    @property
    def tingkat(self) -> str:
        return self.headline["tingkat"]

    @property
    def n_sub(self) -> int:
        return int(self.headline["sub_unit_jumlah"])

    @property
    def dense(self) -> bool:
        return self.n_sub > DENSE_SUB_UNITS

    @property
    def per_row(self) -> float | None:
        """Bar-row height for this many sub-units (None: the chart's own)."""
        return next((h for n, h in ROW_HEIGHTS if self.n_sub > n), None)

    def _rows(self, fig, fixed: float):
        return fig if self.per_row is None else _shrink(fig, self.n_sub, fixed, self.per_row)

    @property
    def note(self) -> str | None:
        """The chart footer for synthetic data."""
        return SYNTHETIC_LABEL[self.lang] if self.data.sintetis else None

    def t(self, key: str, **values) -> str:
        return text(key, self.lang, **values)

    @property
    def unit(self) -> str:
        """What the sub-units are called: provinsi / kabupaten/kota / kecamatan."""
        from .i18n import sub_unit_kind

        return sub_unit_kind(self.tingkat, self.lang)

    @property
    def wilayah(self) -> str:
        """The region's name as said aloud ("Provinsi Bengkulu", "Lampung Barat Regency", "Indonesia")."""
        from .talking_points import region_name

        h = self.headline
        return region_name(h["wilayah_nama"], h["tingkat"], self.lang, h["wilayah_kode"])

    def sub_name(self, nama: str) -> str:
        """A sub-unit's name as said in a sentence: "Kabupaten Kaur", "Kecamatan Payaraman", "Bengkulu"."""
        from .analysis.units import SUB_LEVEL
        from .talking_points import region_name

        sub = SUB_LEVEL[self.tingkat]
        if sub == "provinsi":  # "Provinsi Bengkulu" reads heavy in a list of provinces
            return str(nama)
        return region_name(str(nama), sub, self.lang)

    def date(self, d) -> str:
        return fmt.date(d, self.lang)

    # -- sections
    def section(self, name: str) -> list[Block]:
        """The blocks of one section (see WILAYAH_SECTIONS / EVENT_SECTIONS); [] when it does not apply."""
        names = WILAYAH_SECTIONS if self.laporan == "wilayah" else EVENT_SECTIONS
        if name not in names:
            raise ValueError(f"unknown section {name!r} for a {self.laporan} briefing: use one of {', '.join(names)}")
        if name in ("mou", "workshop", "rakorda", "fasilitasi") and self.params.jenis != name:
            return []
        return getattr(self, f"_s_{name}")()

    # -- shared pieces
    def cards(self) -> list[dict]:
        """Headline cards: Kampung KB, coverage against target, what is still needed, Rumah DataKu."""
        h, L = self.headline, self.lang
        reached = h["kekurangan"] <= 0
        rdk_p = h["rumah_dataku_persen"]
        rdk_ok = rdk_p is not None and rdk_p >= h["rumah_dataku_target_persen"]
        return [
            {"label": self.t("card_kkb"), "value": h["kampung_kb"], "sub": self.t("card_kkb_sub", date=self.date(h["as_of"]))},
            {"label": self.t("card_cakupan"),
             "value": fmt.percent_of(h["tercakup"], h["desa_kelurahan"], L),
             "sub": self.t("card_cakupan_sub", n=_num(h["tercakup"], L), total=_num(h["desa_kelurahan"], L)),
             "status": "ok" if reached else "warn"},
            {"label": self.t("card_kurang"), "value": h["kekurangan"],
             "sub": self.t("card_kurang_sub", t=_pct_target(h["target_persen"], L), date=self.date(h["target_tanggal"])),
             "status": "ok" if reached else "warn"},
            {"label": self.t("card_rdk"), "value": h["rumah_dataku"],
             "sub": self.t("card_rdk_sub", p=fmt.percent_of(h["rumah_dataku"], h["kampung_kb"], L),
                           t=_pct_target(h["rumah_dataku_target_persen"], L)),
             "status": "ok" if rdk_ok else "warn"},
        ]

    def points(self) -> list[str]:
        from .talking_points import talking_points

        return talking_points(self.headline, self.lang, event=getattr(self.params, "jenis", None))

    def coverage_figure(self):
        from .charts import coverage_bars

        fig = coverage_bars(self.tables["cakupan"], self.params.target_persen, self.lang, footer_note=self.note)
        return self._rows(fig, 0.75)

    def trend_figure(self):
        from .analysis.coverage import target_count
        from .charts import trend

        h = self.headline
        return trend(self.tables["tren"], h["target_tanggal"], target_count(h["desa_kelurahan"], h["target_persen"]),
                     self.lang, desa_kelurahan=h["desa_kelurahan"], footer_note=self.note)

    def rdk_figure(self):
        from .charts import rumah_dataku_status

        fig = rumah_dataku_status(self.tables["rumah_dataku"], self.params.rdk_target_persen, self.lang,
                                  footer_note=self.note)
        return self._rows(fig, 1.05)

    def readiness_figure(self):
        """Readiness by sub-unit; for many sub-units the region's one row (the rest is in annex.xlsx)."""
        from .charts import readiness_heat

        k = self.tables["kesiapan"]
        if self.dense:
            return readiness_heat(k[k["total"].astype(bool)], self.lang, footer_note=self.note)
        return self._rows(readiness_heat(k, self.lang, footer_note=self.note), 1.15)

    def _cap(self, key: str, **kw) -> str:
        return self.t(key, unit=self.unit, **kw)

    def _coverage_table(self) -> pd.DataFrame:
        """Coverage and Rumah DataKu per sub-unit and the total (display headings, numbers left to fmt)."""
        c, r, L = self.tables["cakupan"], self.tables["rumah_dataku"], self.lang
        out = pd.DataFrame({
            self.unit[:1].upper() + self.unit[1:]: c["nama"].to_numpy(),
            self.t("col_desa"): c["desa_kelurahan"].to_numpy(),
            self.t("col_kkb"): c["kampung_kb"].to_numpy(),
            self.t("col_tercakup"): c["tercakup"].to_numpy(),
            self.t("col_cakupan"): [fmt.percent_of(a, b, L) for a, b in zip(c["tercakup"], c["desa_kelurahan"])],
            self.t("col_kurang"): c["kekurangan"].to_numpy(),
            self.t("col_rdk"): r["ada"].to_numpy(),
            self.t("col_rdk_persen"): [fmt.percent_of(a, b, L) for a, b in zip(r["ada"], r["kampung_kb"])],
        })
        return out

    def _outcomes_table(self) -> pd.DataFrame:
        o = self.tables["hasil_kb"]
        return pd.DataFrame({
            self.unit[:1].upper() + self.unit[1:]: o["nama"].to_numpy(),
            self.t("col_pus"): o["pus"].to_numpy(),
            self.t("col_peserta_kb"): o["peserta_kb"].to_numpy(),
            self.t("col_cpr"): o["cpr"].to_numpy(),
            self.t("col_mkjp"): o["mkjp"].to_numpy(),
            self.t("col_unmet"): o["unmet"].to_numpy(),
            self.t("col_poktan"): o["partisipasi_poktan"].to_numpy(),
        })

    _OUTCOME_COLS = ("col_cpr", "col_mkjp", "col_unmet", "col_poktan")

    # -- region sections
    def _s_ringkasan(self) -> list[Block]:
        return [Block("heading", (self.t("h_ringkasan"),)),
                Block("cards", (self.cards(),), {"lang": self.lang}),
                Block("points", (self.points(),), {"title": self.t("h_pokok")}), *self._catatan()]

    def _s_cakupan(self) -> list[Block]:
        from .charts import tile_map

        out = [Block("heading", (self._cap("h_cakupan"),))]
        if self.tingkat == "nasional":
            out.append(Block("figure", (tile_map(self.tables["cakupan"], self.lang, footer_note=self.note),
                                        self.t("cap_tilemap"))))
            out.append(Block("figure", (self.coverage_figure(), self._cap("cap_bars_compact"))))
        else:
            out.append(Block("figure", (self.coverage_figure(), self._cap("cap_bars"))))
        h = self.headline
        out.append(Block("figure", (self.trend_figure(),
                                    self.t("cap_trend", t=_pct_target(h["target_persen"], self.lang),
                                           date=self.date(h["target_tanggal"])))))
        return out

    def _s_rumah_dataku(self) -> list[Block]:
        out = [Block("heading", (self.t("h_rdk"),))]
        if self.headline["kampung_kb"] <= 0:
            return out + [Block("text", (self.t("rdk_tanpa"),))]
        out.append(Block("figure", (self.rdk_figure(), self._cap("cap_rdk"))))
        cap = (self.t("cap_readiness_total", wilayah=self.wilayah, unit=self.unit) if self.dense
               else self._cap("cap_readiness"))
        out.append(Block("figure", (self.readiness_figure(), cap)))
        return out

    def outcome_cards(self) -> list[dict]:
        h = self.headline
        return [{"label": self.t(f"card_{k}"), "value": h[v], "percent": True, "sub": self.t(f"card_{k}_sub")}
                for k, v in (("cpr", "cpr"), ("mkjp", "mkjp"), ("unmet", "unmet"), ("poktan", "partisipasi_poktan"))]

    def _s_hasil_kb(self) -> list[Block]:
        h = self.headline
        out = [Block("heading", (self.t("h_hasil"),))]
        if all(fmt.is_missing(h[k]) for k in ("cpr", "mkjp", "unmet", "partisipasi_poktan")):
            return out + [Block("text", (self.t("hasil_tanpa"),))]
        out.append(Block("cards", (self.outcome_cards(),), {"lang": self.lang}))
        if not self.dense:  # many sub-units: their outcomes are in annex.xlsx (the annex caption says so)
            out.append(Block("table", (self._outcomes_table(), self._cap("cap_hasil")),
                             {"lang": self.lang, "dense": True, "percent_cols": [self.t(k) for k in self._OUTCOME_COLS],
                              "highlight_last": True}))
        return out

    def _s_klasifikasi(self) -> list[Block]:
        from .charts import classification_bars

        k = self.tables["klasifikasi"]
        out = [Block("heading", (self.t("h_klasifikasi"),))]
        tot = k[k["total"]].iloc[0]
        if int(tot["dengan_profil"]) <= 0:
            return out + [Block("text", (self.t("klas_tanpa"),))]
        if self.dense:  # one overall bar; the shares by sub-unit are in annex.xlsx
            fig = _shrink(classification_bars(k[k["total"]], self.lang, footer_note=self.note), 1, 1.0, 0.3)
            cap = self.t("cap_klas_total", wilayah=self.wilayah, unit=self.unit)
        else:
            fig = self._rows(classification_bars(k, self.lang, footer_note=self.note), 1.0)
            cap = self._cap("cap_klas")
        out.append(Block("figure", (fig, cap)))
        out.append(Block("text", (self.t("klas_cocok", p=fmt.percent_of(tot["sesuai"], tot["dengan_profil"], self.lang)),)))
        return out

    def _catatan(self) -> list[Block]:
        """The params' notes, as a boxed list."""
        if not self.params.catatan:
            return []
        return [Block("points", (list(self.params.catatan),), {"title": self.t("h_catatan")})]

    def _sumber(self) -> list[Block]:
        """The sources quoted, as one small paragraph."""
        if not self.params.sumber:
            return []
        return [Block("text", (self.t("sumber_line", sources="; ".join(self.params.sumber)),))]

    def _s_lampiran(self) -> list[Block]:
        table = self._coverage_table()
        pcols = [self.t("col_cakupan"), self.t("col_rdk_persen")]
        out = [Block("heading", (self._cap("h_lampiran"),)),
               Block("table", (table, self._cap("cap_lampiran_dense" if self.dense else "cap_lampiran",
                                                date=self.date(self.headline["as_of"]))),
                     {"lang": self.lang, "dense": True, "percent_cols": pcols, "highlight_last": True})]
        return out + self._sumber()

    # -- event sections
    def _kind(self) -> str:
        return self.t(f"jenis_{self.params.jenis}")

    def _peserta_lines(self) -> list[str]:
        L, p = self.lang, self.params
        lines = []
        if p.jumlah_peserta is not None:
            lines.append(self.t("peserta_total", n=_num(p.jumlah_peserta, L)))
        for x in p.peserta:
            line = (self.t("peserta_unsur", unsur=x.unsur, n=_num(x.jumlah, L)) if x.jumlah is not None
                    else self.t("peserta_unsur_tanpa", unsur=x.unsur))
            lines.append(line + (f" ({x.keterangan})" if x.keterangan else ""))
        return lines

    def _person(self, nama, jabatan) -> str:
        return self.t("orang_jabatan", nama=nama, jabatan=jabatan) if jabatan else nama

    def _kunjungan_lines(self) -> list[str]:
        from .wilayah import region

        lines = []
        for k in self.params.kunjungan_lapangan:
            if k.kode_desa:
                d = self.extra["desa"].get(k.kode_desa)
                if d is None:
                    d = {"desa": region(self.data.master, k.kode_desa).nama_lengkap, "kecamatan": "", "kabkota": ""}
                line = ", ".join(x for x in (k.nama, d["desa"], d["kecamatan"], d["kabkota"]) if x)
            else:
                line = k.nama
            if k.tanggal:
                line += f" ({self.date(k.tanggal)})"
            lines.append(line)
        return lines

    def participants_table(self) -> pd.DataFrame | None:
        """unsur/jumlah when every element has a number (the composition can then be charted)."""
        p = self.params.peserta
        if not p or any(x.jumlah is None for x in p) or sum(x.jumlah for x in p) <= 0:
            return None
        return pd.DataFrame({"unsur": [x.unsur for x in p], "jumlah": [int(x.jumlah) for x in p]})

    def _s_kegiatan(self) -> list[Block]:
        from .charts import participants

        p = self.params
        facts = [
            (self.t("f_jenis"), self._kind()),
            (self.t("f_waktu"), fmt.date_range(p.mulai, p.selesai, self.lang)),
            (self.t("f_tempat"), p.tempat),
            (self.t("f_wilayah"), self.wilayah),
            (self.t("f_penyelenggara"), p.penyelenggara),
            (self.t("f_peserta"), self._peserta_lines()),
            (self.t("f_narasumber"), [self._person(x.nama, x.jabatan) for x in p.narasumber]),
            (self.t("f_tujuan"), list(p.tujuan)),
            (self.t("f_agenda"), list(p.agenda)),
            (self.t("f_kunjungan"), self._kunjungan_lines()),
        ]
        out = [Block("heading", (self.t("h_kegiatan"),)), Block("facts", (facts,), {"lang": self.lang})]
        df = self.participants_table()
        if df is not None:
            # the chart's own title names it and the total; a caption would repeat it
            out.append(Block("figure", (participants(df, self.lang, footer_note=self.note),),
                             {"alt": self.t("cap_peserta")}))
        elif p.peserta or p.jumlah_peserta:
            out.append(Block("notice", (self.t("peserta_tanpa_rincian"),), {"kind": "info"}))
        return out

    def _s_angka(self) -> list[Block]:
        h = self.headline
        return [Block("heading", (self.t("h_angka", wilayah=self.wilayah, date=self.date(h["as_of"])),)),
                Block("cards", (self.cards(),), {"lang": self.lang}),
                Block("points", (self.points(),), {"title": self.t("h_pokok")})]

    def _s_mou(self) -> list[Block]:
        L, dc = self.lang, self.extra["desa_cantik"]
        h = self.headline
        out = [Block("heading", (self.t("h_mou"),)), Block("facts", (self.parties(),), {"lang": L})]
        n = int(dc["desa_cantik"])
        if n <= 0:
            return out + [Block("text", (self.t("dc_tanpa", date=self.date(h["as_of"])),))]
        per = _no_total(dc["per_sub_unit"])
        k = int((per["desa_cantik"] > 0).sum())
        share = lambda x: self.t("card_share_sub", p=fmt.percent_of(x, n, L))  # noqa: E731
        cards = [
            {"label": self.t("card_dc"), "value": n, "sub": self.t("card_dc_sub", k=_num(k, L), n=_num(len(per), L), unit=self.unit)},
            {"label": self.t("card_dc_kkb"), "value": int(dc["kampung_kb"]), "sub": share(dc["kampung_kb"]),
             "status": "ok" if dc["kampung_kb"] >= n else "warn"},
            {"label": self.t("card_dc_bukan"), "value": int(dc["bukan_kampung_kb"]), "sub": share(dc["bukan_kampung_kb"]),
             "status": "ok" if dc["bukan_kampung_kb"] == 0 else "warn"},
            {"label": self.t("card_dc_rdk"), "value": int(dc["rumah_dataku"]), "sub": share(dc["rumah_dataku"])},
        ]
        sentence = self.t("dc_sebaran", date=self.date(h["as_of"]), n=_num(n, L), k=_num(k, L), total=_num(len(per), L),
                          unit=self.unit, kkb=_num(dc["kampung_kb"], L), rdk=_num(dc["rumah_dataku"], L))
        t = dc["per_sub_unit"]
        table = pd.DataFrame({
            self.unit[:1].upper() + self.unit[1:]: t["nama"].to_numpy(),
            self.t("col_dc"): t["desa_cantik"].to_numpy(),
            self.t("col_dc_kkb"): t["kampung_kb"].to_numpy(),
            self.t("col_dc_bukan"): t["bukan_kampung_kb"].to_numpy(),
            self.t("col_dc_rdk"): t["rumah_dataku"].to_numpy(),
        })
        return out + [Block("text", (sentence,)), Block("cards", (cards,), {"lang": L}),
                      Block("table", (table, self._cap("cap_dc")), {"lang": L, "dense": True, "highlight_last": True})]

    def parties(self) -> list[tuple[str, str]]:
        """("Pihak pertama", "Perwakilan BKKBN … — H. Ramlan, Kepala Perwakilan"), … for an MoU."""
        out = []
        for i, x in enumerate(self.params.pihak, start=1):
            key = f"pihak_{i}" if f"pihak_{i}" in TEXT else "pihak_n"
            who = self.t("pihak", nama=x.nama, wakil=self._person(x.wakil, x.jabatan)) if x.wakil else x.nama
            out.append((self.t(key, n=i), who))
        return out

    def agenda_points(self) -> list[str]:
        """Agenda-ready sentences on the sub-units: who met the target (covering everything only when all
        their desa are), the best (ties named), the furthest behind (desa without a Kampung KB, and the
        shortfall when the target is below 100 %)."""
        from .analysis.headline import extremes
        from .talking_points import name_ties

        L = self.lang
        subs = _no_total(self.tables["cakupan"])
        tp = float(self.headline["target_persen"])
        t = _pct_target(tp, L)
        out = []
        full = subs[subs["kekurangan"] <= 0]
        whole = "" if (full["tercakup"] == full["desa_kelurahan"]).all() else "_target"  # "seluruh" only at 100 %
        if len(full) and len(full) == len(subs):
            return [self.t("agenda_semua" + whole, n=_num(len(full), L), unit=self.unit, t=t)]
        if len(full):
            names = ", ".join(self.sub_name(x) for x in full.sort_values("kode")["nama"].head(8))
            if len(full) > 8:
                names += ", …"
            out.append(self.t("agenda_penuh" + whole, n=_num(len(full), L), unit=self.unit, names=names, t=t))
        top = extremes(subs.sort_values("kode"))[0]
        if not len(full) and len(subs) > 1 and top:  # nobody done yet: name the best (all tied), to learn from
            tied = [self.sub_name(x) for x in (top["nama"], *top["lainnya"])]
            key = "agenda_tinggi_seri" if len(tied) > 1 else "agenda_tinggi"  # English verb: has / have
            out.append(self.t(key, nama=name_ties(tied, self.unit, L),
                              p=fmt.percent_of(top["tercakup"], top["desa_kelurahan"], L)))
        low = subs[subs["kekurangan"] > 0].sort_values(["cakupan_persen", "kekurangan", "kode"],
                                                        ascending=[True, False, True]).head(TOP_N)
        key = "agenda_rendah" if tp >= 100 else "agenda_rendah_target"  # at 100 % shortfall == without one
        for _, r in low.iterrows():
            out.append(self.t(key, nama=self.sub_name(r["nama"]), k=_num(r["desa_kelurahan"] - r["tercakup"], L),
                              kurang=_num(r["kekurangan"], L), t=t,
                              p=fmt.percent_of(r["tercakup"], r["desa_kelurahan"], L)))
        return out

    def _ranking(self, heading: str) -> list[Block]:
        return [Block("heading", (self._cap(heading),)),
                Block("figure", (self.coverage_figure(), self._cap("cap_bars"))),
                Block("points", (self.agenda_points(),), {"title": self.t("h_agenda")})]

    def _s_workshop(self) -> list[Block]:
        return self._ranking("h_workshop")

    def _s_rakorda(self) -> list[Block]:
        return self._ranking("h_rakorda")

    def _s_fasilitasi(self) -> list[Block]:
        L = self.lang
        out = [Block("heading", (self._cap("h_fasilitasi"),))]
        if self.headline["kampung_kb"] <= 0:
            return out + [Block("text", (self.t("rdk_tanpa"),))]
        r = self.tables["rumah_dataku"]
        subs = _no_total(r).sort_values(["kekurangan", "kode"], ascending=[False, True])
        r = pd.concat([subs, r[r["total"].astype(bool)]])
        t = _pct_target(self.params.rdk_target_persen, L)
        table = pd.DataFrame({
            self.unit[:1].upper() + self.unit[1:]: r["nama"].to_numpy(),
            self.t("col_kkb"): r["kampung_kb"].to_numpy(),
            self.t("col_rdk"): r["ada"].to_numpy(),
            self.t("col_rdk_persen"): [fmt.percent_of(a, b, L) for a, b in zip(r["ada"], r["kampung_kb"])],
            self.t("col_rdk_kurang"): r["kekurangan"].to_numpy(),
            self.t("col_belum"): r["belum"].to_numpy(),
            self.t("col_tidak"): r["tidak"].to_numpy(),
        })
        return out + [Block("figure", (self.rdk_figure(), self._cap("cap_rdk"))),
                      Block("table", (table, self.t("cap_rdk_gap", unit=self.unit[:1].upper() + self.unit[1:], t=t)),
                            {"lang": L, "dense": True, "percent_cols": [self.t("col_rdk_persen")], "highlight_last": True})]

    def target_position(self, target) -> tuple[str | None, str | None]:
        """(where the region stands, what is still missing) for a quoted target, when its unit is one the
        data measure: Kampung KB, percent of desa/kelurahan, or sub-units (with Desa Cantik, for an MoU)."""
        h, L = self.headline, self.lang
        sat = (target.satuan or "").strip().lower()
        if target.nilai is None:
            return None, None
        if "kampung kb" in sat:
            now = h["kampung_kb"]
            return self.t("tl_posisi_kkb", n=_num(now, L)), _num(max(0, math.ceil(target.nilai - now)), L)
        if "persen" in sat and "desa" in sat:
            now = h["cakupan_persen"]
            gap = max(0.0, float(target.nilai) - now)
            return (self.t("tl_posisi_persen", p=fmt.percent_of(h["tercakup"], h["desa_kelurahan"], L)),
                    self.t("tl_poin", x=fmt.number(gap, L, 1)))
        if sat in ("kabupaten/kota", "kecamatan", "provinsi") and "desa_cantik" in self.extra:
            per = _no_total(self.extra["desa_cantik"]["per_sub_unit"])
            now = int((per["desa_cantik"] > 0).sum())
            return self.t("tl_posisi_sub", n=_num(now, L), unit=self.unit), _num(max(0, math.ceil(target.nilai - now)), L)
        return None, None

    def _s_tindak_lanjut(self) -> list[Block]:
        L, p, h = self.lang, self.params, self.headline
        out = [Block("heading", (self.t("h_tindak_lanjut"),))]
        if p.target:
            rows = []
            for tg in p.target:
                pos, gap = self.target_position(tg)
                value = None
                if tg.nilai is not None:
                    value = fmt.number(tg.nilai, L, 0 if float(tg.nilai).is_integer() else 1)
                    value += f" {tg.satuan}" if tg.satuan else ""
                rows.append({self.t("col_target"): tg.uraian,
                             self.t("col_batas"): self.date(tg.tanggal) if tg.tanggal else fmt.DASH,
                             self.t("col_nilai"): value or fmt.DASH,
                             self.t("col_posisi"): pos or fmt.DASH,
                             self.t("col_selisih"): gap or fmt.DASH})
            out.append(Block("table", (pd.DataFrame(rows), self.t("cap_target", date=self.date(h["as_of"]))),
                             {"lang": L, "dense": True}))
        if p.tindak_lanjut:
            out.append(Block("points", (list(p.tindak_lanjut),), {"title": self.t("h_tl_points")}))
        if not p.target and not p.tindak_lanjut:
            out.append(Block("text", (self.t("tl_tanpa"),)))
        if p.catatan:  # a plain paragraph: the box of a region briefing's notes would push the colophon over
            out.append(Block("text", (self.t("catatan_line", notes=" ".join(p.catatan)),)))
        return out + self._sumber()

    # -- files
    def annex_sheets(self) -> dict[str, pd.DataFrame]:
        """Sheet name (in the report's language) -> table with canonical columns, for annex.xlsx."""
        T = self.tables
        sheets = {self.t("sheet_cakupan"): _for_annex(T["cakupan"]),
                  self.t("sheet_rdk"): _for_annex(T["rumah_dataku"])}
        if self.laporan == "wilayah":
            sheets[self.t("sheet_tren")] = T["tren"].assign(bulan=T["tren"]["bulan"].dt.date)
            sheets[self.t("sheet_kesiapan")] = _for_annex(T["kesiapan"])
            sheets[self.t("sheet_hasil")] = _for_annex(T["hasil_kb"])
            sheets[self.t("sheet_klasifikasi")] = _for_annex(T["klasifikasi"]).rename(
                columns={"sesuai": self.t("col_sesuai")})
            if "desa_tanpa_kkb" in T:
                sheets[self.t("sheet_tanpa_kkb")] = T["desa_tanpa_kkb"]
        else:
            df = self.participants_table()
            if self.params.peserta:
                sheets[self.t("sheet_peserta")] = pd.DataFrame(
                    {"unsur": [x.unsur for x in self.params.peserta],
                     "jumlah": pd.array([x.jumlah for x in self.params.peserta], dtype="Int64")}) if df is None else df
            if self.params.target:
                sheets[self.t("sheet_target")] = pd.DataFrame(
                    [{self.t("col_target"): x.uraian, self.t("col_batas"): x.tanggal, self.t("col_nilai"): x.nilai,
                      self.t("col_satuan"): x.satuan} for x in self.params.target])
            if "desa_cantik" in self.extra:
                sheets[self.t("sheet_dc")] = _for_annex(self.extra["desa_cantik"]["per_sub_unit"])
                sheets[self.t("sheet_dc_daftar")] = self.extra["desa_cantik"]["daftar"]
        return sheets

    def write_outputs(self, out_dir: str | os.PathLike = ".", annex: bool = True) -> None:
        """Write figures.json and (unless `annex` is False) annex.xlsx into `out_dir` (the contract
        build_report reads)."""
        from .annex import write_annex
        from .figures import write_figures

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        judul = self.params.judul or self.wilayah
        if annex:
            write_annex(out / "annex.xlsx", self.annex_sheets(), self.lang, self.data.sintetis,
                        title=self.t("annex_title", judul=judul), source=self.data.sumber,
                        as_of=self.headline["as_of"])
        write_figures(out / "figures.json", self.headline, self.params, self.data.sintetis)


# --- preparing ----------------------------------------------------------------------------------------


def _classes(sc, profil: pd.DataFrame, kkbpk: pd.DataFrame) -> pd.DataFrame:
    """Computed class counts per sub-unit of a scope (and the total), with how many match the reported class.

    Columns: kode, nama, kampung_kb, dengan_profil, Dasar, Berkembang, Mandiri, Berkelanjutan, sesuai, total.
    """
    import numpy as np

    from .classification import compare, indicator_scores
    from .schema import KLASIFIKASI

    ids = sc.kkb["id"].astype(str).to_numpy()
    prof = profil[profil["kampung_kb_id"].astype(str).isin(set(ids))]
    scores = indicator_scores(prof, kkbpk[kkbpk["kampung_kb_id"].astype(str).isin(set(ids))])
    cmp = compare(prof, scores).set_index("kampung_kb_id")
    computed = scores["klasifikasi_hitung"].reindex(ids)
    has = computed.notna().to_numpy()
    match = cmp["match"].reindex(ids).fillna(False).to_numpy(dtype=bool)
    cols = {"kampung_kb": sc.sum_kkb().astype(np.int64), "dengan_profil": sc.sum_kkb(has).astype(np.int64)}
    for k in KLASIFIKASI:
        cols[k] = sc.sum_kkb((computed == k).to_numpy()).astype(np.int64)
    cols["sesuai"] = sc.sum_kkb(match).astype(np.int64)  # renamed to its heading for annex.xlsx
    return sc.frame(cols, {c: int(v.sum()) for c, v in cols.items()})


def _load(values: dict, laporan: str):
    from .dataset import load_data_cached
    from .params import from_notebook_parameters
    from .wilayah import desa_table

    params = from_notebook_parameters(values, laporan)
    ds = load_data_cached(resolve_data_dir(values.get("data_dir")))
    return params, ds, desa_table(ds.master)


def _tables(params, ds, desa, kode, as_of) -> tuple[dict, dict, Any]:
    from . import analysis as A

    sc = A.scope(desa, ds.kampung_kb, kode, as_of)
    h = A.headline(desa, ds.kampung_kb, ds.profil, ds.kkbpk, kode, as_of, params.target_tanggal,
                   params.target_persen, params.rdk_target_persen)
    T = {
        "cakupan": A.coverage_from_scope(sc, params.target_persen),
        "rumah_dataku": A.rumah_dataku(desa, ds.kampung_kb, ds.profil, kode, as_of, params.rdk_target_persen),
    }
    return h, T, sc


def prepare_wilayah(values: dict) -> Briefing:
    """A region briefing from the notebook's parameter values (names: WILAYAH_NOTEBOOK_PARAMETERS)."""
    from . import analysis as A

    params, ds, desa = _load(values, "wilayah")
    kode, as_of = params.kode, params.as_of
    h, T, sc = _tables(params, ds, desa, kode, as_of)
    T["tren"] = A.trend(desa, ds.kampung_kb, kode, as_of)
    T["kesiapan"] = A.readiness(desa, ds.kampung_kb, ds.profil, kode, as_of)
    T["hasil_kb"] = A.kb_outcomes(desa, ds.kampung_kb, ds.kkbpk, kode, as_of)
    T["klasifikasi"] = _classes(sc, ds.profil, ds.kkbpk)
    if h["tingkat"] != "nasional":  # Indonesia's list would be tens of thousands of rows
        T["desa_tanpa_kkb"] = A.desa_without_kkb(desa, ds.kampung_kb, kode, as_of)
    return Briefing(params, ds, h, T)


def prepare_event(values: dict) -> Briefing:
    """An event briefing from the notebook's parameter values (names: EVENT_NOTEBOOK_PARAMETERS)."""
    from . import analysis as A

    params, ds, desa = _load(values, "event")
    h, T, _ = _tables(params, ds, desa, params.kode, params.as_of)
    extra: dict = {"desa": {}}
    for k in params.kunjungan_lapangan:
        if k.kode_desa:
            row = desa[desa["kode_desa"] == k.kode_desa]
            if len(row):
                r = row.iloc[0]
                prefix = {"kelurahan": "Kelurahan", "desa adat": "Desa Adat"}.get(r["jenis"], "Desa")
                extra["desa"][k.kode_desa] = {"desa": f"{prefix} {r['nama_desa']}",
                                              "kecamatan": f"Kecamatan {r['nama_kecamatan']}",
                                              "kabkota": r["nama_kabkota"]}
    if params.jenis == "mou":
        extra["desa_cantik"] = A.desa_cantik_overlap(desa, ds.kampung_kb, ds.profil, ds.desa_cantik,
                                                     params.kode, params.as_of)
    return Briefing(params, ds, h, T, extra)
