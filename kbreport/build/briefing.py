"""A briefing's data, computed once: parameters in, headline figures and analysis tables out.

The notebooks' setup cell makes the report object, and every later cell puts one page element on the
page from it (kbreport.elements):

    from kbreport import elements as kb
    R = kb.region_report(kode=kode, as_of=as_of, bahasa=bahasa, ...)   # or kb.event_report(jenis=jenis, ...)
    kb.headline_cards(R)           # one element per cell
    R.write_outputs(out_dir, annex=annex)   # annex.xlsx + figures.json

`Briefing` holds the validated params, the data, kbreport.analysis.headline's dict (`R.headline`) and the
analysis tables (`R.tables["cakupan"]`, "tren", "rumah_dataku", "kesiapan", "hasil_kb", "klasifikasi",
"desa_tanpa_kkb"; events: "cakupan", "rumah_dataku"), and says things in the report's language: `R.t(key)`,
`R.unit` (what the sub-units are called), `R.wilayah` (the region's name as said aloud).

Every word comes from TEXT below or kbreport.text.i18n, so `bahasa: en` switches the whole document (text the
params file quotes, e.g. an event's title, stays as written).
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kbreport import SYNTHETIC_LABEL
from kbreport.text import fmt
from kbreport.errors import ReportError

__all__ = [
    "TEXT", "DENSE_SUB_UNITS", "TOP_N", "Briefing", "text", "resolve_data_dir", "region_report", "event_report",
]

# More sub-units than this (Indonesia's 38 provinces, Jawa Timur's 38 kab/kota) and the briefing goes
# compact so it stays within four pages: denser bar rows, and readiness, classes and outcomes shown for the
# whole region (their breakdown by sub-unit is in annex.xlsx).
DENSE_SUB_UNITS = 20
TOP_N = 5  # sub-units named in an agenda's talking points

# Every word the briefings print beyond kbreport.text.i18n: key -> (Indonesian, English); {name} fields are
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
    # monev (notebooks/monev_kampung_kb.ipynb, kbreport.elements.monev)
    "h_monev": ("Desa/kelurahan yang belum memiliki Kampung KB", "Desa/kelurahan still without a Kampung KB"),
    "card_belum": ("Belum memiliki Kampung KB", "Still without a Kampung KB"),
    "card_belum_sub": ("dari {total} desa/kelurahan per {date}", "of {total} desa/kelurahan as of {date}"),
    "card_laju": ("Laju yang dibutuhkan", "Pace needed"),
    "card_laju_sub": ("desa/kelurahan baru per bulan hingga {date}", "new desa/kelurahan a month until {date}"),
    "card_laju_lewat": ("batas waktu {date} sudah lewat", "the {date} deadline has passed"),
    "card_laju_nol": ("target {t} tercapai", "the {t} target is met"),
    "col_belum_kkb": ("Belum KKB", "Without KKB"),
    "col_laju": ("Per bulan", "A month"),
    "col_kecamatan": ("Kecamatan", "Kecamatan"),
    "col_nama_desa": ("Desa/kelurahan", "Desa/kelurahan"),
    "col_kode_desa": ("Kode", "Code"),
    "col_jenis_desa": ("Jenis", "Kind"),
    "cap_monev": ("Per kecamatan: yang belum dan laju yang dibutuhkan untuk target {t} pada {date}",
                  "By kecamatan: what is left and the pace needed for the {t} target by {date}"),
    "cap_monev_desa": ("Daftar kerja: {n} desa/kelurahan tanpa Kampung KB per {date}, menurut kecamatan",
                       "To-do list: {n} desa/kelurahan without a Kampung KB as of {date}, by kecamatan"),
    "monev_selesai": ("Per {date} seluruh desa/kelurahan {wilayah} telah memiliki Kampung KB.",
                      "As of {date} every desa/kelurahan of {wilayah} has a Kampung KB."),
    # derived defaults of an event's parameters
    "judul_workshop": ("Workshop Kampung KB", "Kampung KB workshop"),
    "judul_rakorda": ("Rapat koordinasi daerah Kampung KB", "Kampung KB regional coordination meeting"),
    "judul_mou": ("Nota kesepahaman Kampung KB", "Kampung KB memorandum of understanding"),
    "judul_fasilitasi": ("Fasilitasi teknis Kampung KB", "Kampung KB technical facilitation"),
    "penyelenggara_default": ("Perwakilan BKKBN Provinsi {provinsi}", "Perwakilan BKKBN Provinsi {provinsi}"),
    # shown in JupyterLab only, where a cell prints nothing into the document
    "lab_kosong": ("Tidak dicetak untuk laporan ini: {why}", "Not printed for this report: {why}"),
    "lab_tilemap": ("peta petak hanya untuk Indonesia.", "the tile map is for Indonesia only."),
    "lab_catatan": ("parameter catatan kosong.", "the catatan parameter is empty."),
    "lab_sumber": ("parameter sumber kosong.", "the sumber parameter is empty."),
    "lab_dense": ("lebih dari {n} sub-wilayah; rinciannya di annex.xlsx.",
                  "more than {n} sub-units; the breakdown is in annex.xlsx."),
    "lab_tanpa_data": ("tidak ada datanya.", "there are no data for it."),
    "lab_peserta": ("parameter peserta kosong.", "the peserta parameter is empty."),
    "lab_target": ("parameter target kosong.", "the target parameter is empty."),
    "lab_tindak_lanjut": ("parameter tindak_lanjut kosong.", "the tindak_lanjut parameter is empty."),
    "lab_jenis": ("hanya untuk kegiatan jenis {jenis}.", "only for events of type {jenis}."),
}


def text(key: str, lang: str = "id", **values) -> str:
    """A TEXT entry in `lang`, filled with already formatted `values`."""
    if lang not in fmt.LANGS:
        raise ValueError(f"unknown language {lang!r}: use 'id' or 'en'")
    return TEXT[key][0 if lang == "id" else 1].format(**values)


# --- data folder ------------------------------------------------------------------------------------


def resolve_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The data folder: `data_dir` if given (it must exist); else $KBREPORT_DATA, else the repository's
    data/demo — generated with kbreport.ingest.demo.generate when it is not there yet (a few seconds)."""
    from kbreport.ingest import schema
    from kbreport.ingest.readers import find_table_files
    from kbreport.build.report import default_data_dir

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
    from kbreport.ingest.demo import generate

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
    """An analysis table for the Excel annex: canonical columns (headed by kbreport.text.i18n), no flag column."""
    return df.drop(columns=[c for c in ("total",) if c in df.columns]).reset_index(drop=True)


# --- the briefing -----------------------------------------------------------------------------------


@dataclass
class Briefing:
    """Everything one briefing prints, prepared once: params, data, headline dict and analysis tables.

    `tables` (DataFrames as kbreport.analysis returns them): cakupan, tren, rumah_dataku, kesiapan, hasil_kb,
    klasifikasi, and for events desa_cantik (MoU). `headline`: kbreport.analysis.headline's dict.
    """

    params: Any
    data: Any  # kbreport.ingest.dataset.Dataset
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
    def jenis(self) -> str | None:
        """The event's type (workshop, rakorda, mou, fasilitasi); None for a region briefing."""
        return getattr(self.params, "jenis", None)

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
    def note(self) -> str | None:
        """The chart footer for synthetic data."""
        return SYNTHETIC_LABEL[self.lang] if self.data.sintetis else None

    def t(self, key: str, **values) -> str:
        return text(key, self.lang, **values)

    @property
    def unit(self) -> str:
        """What the sub-units are called: provinsi / kabupaten/kota / kecamatan."""
        from kbreport.text.i18n import sub_unit_kind

        return sub_unit_kind(self.tingkat, self.lang)

    @property
    def wilayah(self) -> str:
        """The region's name as said aloud ("Provinsi Bengkulu", "Lampung Barat Regency", "Indonesia")."""
        from kbreport.text.talking_points import region_name

        h = self.headline
        return region_name(h["wilayah_nama"], h["tingkat"], self.lang, h["wilayah_kode"])

    def sub_name(self, nama: str) -> str:
        """A sub-unit's name as said in a sentence: "Kabupaten Kaur", "Kecamatan Payaraman", "Bengkulu"."""
        from kbreport.analysis.units import SUB_LEVEL
        from kbreport.text.talking_points import region_name

        sub = SUB_LEVEL[self.tingkat]
        if sub == "provinsi":  # "Provinsi Bengkulu" reads heavy in a list of provinces
            return str(nama)
        return region_name(str(nama), sub, self.lang)

    def date(self, d) -> str:
        return fmt.date(d, self.lang)

    def cap(self, key: str, **values) -> str:
        """A TEXT entry with {unit} filled in: most headings and captions name the sub-units."""
        return self.t(key, unit=self.unit, **values)

    @property
    def unit_heading(self) -> str:
        """The sub-unit kind capitalised: "Kabupaten/kota", "Kecamatan", "Provinsi"."""
        return self.unit[:1].upper() + self.unit[1:]

    def participants_table(self) -> pd.DataFrame | None:
        """unsur/jumlah when every element has a number (the composition can then be charted)."""
        p = self.params.peserta
        if not p or any(x.jumlah is None for x in p) or sum(x.jumlah for x in p) <= 0:
            return None
        return pd.DataFrame({"unsur": [x.unsur for x in p], "jumlah": [int(x.jumlah) for x in p]})

    def agenda_points(self) -> list[str]:
        """Agenda-ready sentences on the sub-units: who met the target (covering everything only when all
        their desa are), the best (ties named), the furthest behind (desa without a Kampung KB, and the
        shortfall when the target is below 100 %)."""
        from kbreport.analysis.headline import extremes
        from kbreport.text.talking_points import name_ties

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

    def write_outputs(self, out_dir: str | os.PathLike | None = None, annex: bool = True,
                      name: str | None = None) -> Path:
        """Write figures.json and (unless `annex` is False) annex.xlsx into `out_dir` (the contract
        build_report reads) and return that folder. `out_dir` None: outputs/lab/<notebook>/ of the
        project (kbreport.build.lab_output), so Run All in JupyterLab writes nothing beside the notebook;
        `name`: the notebook's name where the kernel cannot tell it (papermill; default: the kind's briefing)."""
        from kbreport.build.annex import write_annex
        from kbreport.build.figures import write_figures
        from kbreport.build.lab_output import lab_output_dir

        out = Path(out_dir) if out_dir not in (None, "") else lab_output_dir(name or f"{self.laporan}_briefing")
        out.mkdir(parents=True, exist_ok=True)
        judul = self.params.judul or self.wilayah
        if annex:
            write_annex(out / "annex.xlsx", self.annex_sheets(), self.lang, self.data.sintetis,
                        title=self.t("annex_title", judul=judul), source=self.data.sumber,
                        as_of=self.headline["as_of"])
        write_figures(out / "figures.json", self.headline, self.params, self.data.sintetis)
        return out


# --- preparing ----------------------------------------------------------------------------------------


def _classes(sc, profil: pd.DataFrame, kkbpk: pd.DataFrame) -> pd.DataFrame:
    """Computed class counts per sub-unit of a scope (and the total), with how many match the reported class.

    Columns: kode, nama, kampung_kb, dengan_profil, Dasar, Berkembang, Mandiri, Berkelanjutan, sesuai, total.
    """
    import numpy as np

    from kbreport.analysis.classification import compare, indicator_scores
    from kbreport.ingest.schema import KLASIFIKASI

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
    from kbreport.ingest.dataset import load_data_cached, with_master_on
    from kbreport.build.params import from_notebook_parameters
    from kbreport.ingest.wilayah import desa_table

    params = from_notebook_parameters(values, laporan)
    # counts and names are those of the decree in force on as_of (docs/wilayah.md)
    ds = with_master_on(load_data_cached(resolve_data_dir(values.get("data_dir"))), params.as_of)
    return params, ds, desa_table(ds.master)


def _tables(params, ds, desa, kode, as_of) -> tuple[dict, dict, Any]:
    from kbreport import analysis as A

    sc = A.scope(desa, ds.kampung_kb, kode, as_of)
    h = A.headline(desa, ds.kampung_kb, ds.profil, ds.kkbpk, kode, as_of, params.target_tanggal,
                   params.target_persen, params.rdk_target_persen)
    h["master_wilayah"] = ds.master_wilayah
    T = {
        "cakupan": A.coverage_from_scope(sc, params.target_persen),
        "rumah_dataku": A.rumah_dataku(desa, ds.kampung_kb, ds.profil, kode, as_of, params.rdk_target_persen),
    }
    return h, T, sc


def region_report(*, data_dir: str | os.PathLike | None = None, **params) -> Briefing:
    """A region briefing's data: `params` are the region notebook's parameters by name (kode, as_of,
    bahasa, judul, target_tanggal, target_persen, rdk_target_persen, catatan, sumber; validated by
    kbreport.build.params by name), `data_dir` the data folder (None: see resolve_data_dir)."""
    from kbreport import analysis as A

    params, ds, desa = _load({**params, "data_dir": data_dir}, "wilayah")
    kode, as_of = params.kode, params.as_of
    h, T, sc = _tables(params, ds, desa, kode, as_of)
    T["tren"] = A.trend(desa, ds.kampung_kb, kode, as_of)
    T["kesiapan"] = A.readiness(desa, ds.kampung_kb, ds.profil, kode, as_of)
    T["hasil_kb"] = A.kb_outcomes(desa, ds.kampung_kb, ds.kkbpk, kode, as_of)
    T["klasifikasi"] = _classes(sc, ds.profil, ds.kkbpk)
    if h["tingkat"] != "nasional":  # Indonesia's list would be tens of thousands of rows
        T["desa_tanpa_kkb"] = A.desa_without_kkb(desa, ds.kampung_kb, kode, as_of)
    return Briefing(params, ds, h, T)


def _event_defaults(params, master):
    """judul and penyelenggara left None: the event type's title, and the province's BKKBN office."""
    from kbreport.ingest.wilayah import region

    lang, fill = params.bahasa, {}
    if params.judul is None:
        fill["judul"] = text(f"judul_{params.jenis}", lang)
    if params.penyelenggara is None:
        fill["penyelenggara"] = text("penyelenggara_default", lang, provinsi=region(master, params.kode[:2]).nama)
    return params.model_copy(update=fill) if fill else params


def event_report(*, data_dir: str | os.PathLike | None = None, **params) -> Briefing:
    """An event briefing's data: `params` are the event notebook's parameters by name (jenis, judul,
    penyelenggara, kode, mulai, selesai, as_of, tempat, peserta, …; validated by
    kbreport.build.params by name), `data_dir` the data folder (None: see resolve_data_dir)."""
    from kbreport import analysis as A

    params, ds, desa = _load({**params, "data_dir": data_dir}, "event")
    params = _event_defaults(params, ds.master)
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
