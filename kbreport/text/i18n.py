"""Labels and short phrases in Indonesian and English, shared by charts, the Excel annex and text.

`label(key, lang)` names a canonical column or concept ("cakupan_persen" -> "Cakupan (%)").
`phrase(key, lang, **values)` fills a short template ("target_line" -> "Target 100%").
Unknown keys fall back to a readable form of the key, so a new column never breaks a report.
"""
from __future__ import annotations

import re

# key: (Indonesian, English). Domain words stay Indonesian in English text.
LABELS: dict[str, tuple[str, str]] = {
    # identity
    "kode": ("Kode", "Code"),
    "nama": ("Nama wilayah", "Region"),
    "wilayah": ("Wilayah", "Region"),
    "kode_desa": ("Kode desa/kelurahan", "Desa/kelurahan code"),
    "nama_desa": ("Desa/kelurahan", "Desa/kelurahan"),
    "kode_kecamatan": ("Kode kecamatan", "Kecamatan code"),
    "nama_kecamatan": ("Kecamatan", "Kecamatan"),
    "kode_kabkota": ("Kode kabupaten/kota", "Kabupaten/kota code"),
    "nama_kabkota": ("Kabupaten/kota", "Kabupaten/kota"),
    "kode_provinsi": ("Kode provinsi", "Province code"),
    "nama_provinsi": ("Provinsi", "Province"),
    "jenis": ("Jenis", "Type"),
    "id": ("ID Kampung KB", "Kampung KB ID"),
    "kampung_kb_id": ("ID Kampung KB", "Kampung KB ID"),
    "nama_kampung_kb": ("Nama Kampung KB", "Kampung KB name"),
    "tanggal_pencanangan": ("Tanggal pencanangan", "Launch date"),
    "cakupan_wilayah": ("Cakupan wilayah", "Area covered"),
    "aktif": ("Aktif", "Active"),
    "peringkat": ("Peringkat", "Rank"),
    # coverage
    "desa_kelurahan": ("Desa/kelurahan", "Desa/kelurahan"),
    "desa": ("Desa", "Desa"),
    "kelurahan": ("Kelurahan", "Kelurahan"),
    "tercakup": ("Desa/kelurahan ber-Kampung KB", "Desa/kelurahan with a Kampung KB"),
    "belum_tercakup": ("Desa/kelurahan tanpa Kampung KB", "Desa/kelurahan without a Kampung KB"),
    "kampung_kb": ("Kampung KB", "Kampung KB"),
    "cakupan_persen": ("Cakupan (%)", "Coverage (%)"),
    "cakupan": ("Cakupan", "Coverage"),
    "target_persen": ("Target (%)", "Target (%)"),
    "selisih_target_poin": ("Selisih dari target (poin)", "Gap to target (points)"),
    "kekurangan": ("Kekurangan menuju target", "Still needed for the target"),
    "bulan": ("Bulan", "Month"),
    "kampung_kb_kumulatif": ("Kampung KB (kumulatif)", "Kampung KB (cumulative)"),
    "tercakup_kumulatif": ("Desa/kelurahan tercakup (kumulatif)", "Desa/kelurahan covered (cumulative)"),
    "laju_12_bulan": ("Laju 12 bulan terakhir (per bulan)", "Pace, last 12 months (per month)"),
    "laju_dibutuhkan": ("Laju yang dibutuhkan (per bulan)", "Pace needed (per month)"),
    "perkiraan_tercapai": ("Perkiraan target tercapai", "Projected date target is met"),
    "selisih_poin": ("Selisih dari target (poin)", "Gap to target (points)"),
    "peringkat_induk": ("Peringkat dalam wilayah induk", "Rank within parent"),
    "kampung_kb_baru": ("Kampung KB baru", "New Kampung KB"),
    "tercakup_baru": ("Desa/kelurahan baru tercakup", "Desa/kelurahan newly covered"),
    "laju_kkb_12_bulan": ("Laju Kampung KB 12 bulan terakhir (per bulan)", "Kampung KB pace, last 12 months (per month)"),
    "target_desa": ("Target desa/kelurahan", "Target desa/kelurahan"),
    "sisa": ("Sisa menuju target", "Still to go"),
    "bulan_tersisa": ("Bulan tersisa", "Months left"),
    "total": ("Total", "Total"),
    # Rumah DataKu
    "rumah_dataku": ("Rumah DataKu", "Rumah DataKu"),
    "rumah_dataku_persen": ("Rumah DataKu (% Kampung KB)", "Rumah DataKu (% of Kampung KB)"),
    "ada": ("Ada", "Formed"),
    "belum": ("Belum", "Not yet"),
    "tidak": ("Tidak ada", "None"),
    "ada_persen": ("Ada (%)", "Formed (%)"),
    "belum_persen": ("Belum (%)", "Not yet (%)"),
    "tidak_persen": ("Tidak ada (%)", "None (%)"),
    "tanpa_profil": ("Tanpa profil", "No profile"),
    "tanpa_tanggal": ("Ada, tanpa tanggal", "Ada, undated"),
    "dengan_profil": ("Kampung KB dengan profil", "Kampung KB with a profile"),
    # readiness (profile flags)
    "pokja_ada": ("Pokja", "Pokja"),
    "pokja_sk": ("SK Pokja", "Pokja decree"),
    "pokja_terlatih": ("Pokja terlatih", "Pokja trained"),
    "plkb_pendamping": ("PLKB/PKB pendamping", "PLKB/PKB assigned"),
    "regulasi_ada": ("Regulasi", "Regulation"),
    "rencana_kerja": ("Rencana kerja", "Work plan"),
    "sekretariat": ("Sekretariat", "Secretariat"),
    "poktan_bkb": ("BKB", "BKB"),
    "poktan_bkr": ("BKR", "BKR"),
    "poktan_bkl": ("BKL", "BKL"),
    "poktan_uppka": ("UPPKA", "UPPKA"),
    "poktan_pikr": ("PIK-R", "PIK-R"),
    # family-planning outcomes
    "pus": ("PUS", "PUS"),
    "dengan_data": ("Kampung KB dengan data KB", "Kampung KB with family-planning data"),
    "peserta_mkjp": ("Peserta MKJP", "Long-acting method users"),
    "pus_iat_tial": ("PUS IAT + TIAL", "PUS IAT + TIAL"),
    "keluarga_poktan": ("Keluarga sasaran poktan", "Families eligible for a poktan"),
    "peserta_poktan": ("Keluarga peserta poktan", "Families in a poktan"),
    "peserta_kb": ("Peserta KB", "Family-planning users"),
    "cpr": ("CPR (%)", "CPR (%)"),
    "mkjp": ("MKJP (% peserta KB)", "Long-acting methods (% of users)"),
    "unmet": ("Unmet need (%)", "Unmet need (%)"),
    "partisipasi_poktan": ("Partisipasi poktan (%)", "Poktan participation (%)"),
    # classification
    "klasifikasi": ("Klasifikasi", "Class"),
    "klasifikasi_dilaporkan": ("Klasifikasi dilaporkan", "Class reported"),
    "klasifikasi_hitung": ("Klasifikasi hasil hitung", "Class computed"),
    "reported": ("Klasifikasi dilaporkan", "Class reported"),
    "computed": ("Klasifikasi hasil hitung", "Class computed"),
    "match": ("Sesuai", "Matches"),
    "indeks_input": ("Indeks input", "Input index"),
    "indeks_proses": ("Indeks proses", "Process index"),
    "indeks_output": ("Indeks output", "Output index"),
    "Dasar": ("Dasar", "Dasar"),
    "Berkembang": ("Berkembang", "Berkembang"),
    "Mandiri": ("Mandiri", "Mandiri"),
    "Berkelanjutan": ("Berkelanjutan", "Berkelanjutan"),
    # Desa Cantik
    "desa_cantik": ("Desa Cantik", "Desa Cantik"),
    "desa_cantik_kampung_kb": ("Desa Cantik yang Kampung KB", "Desa Cantik that are Kampung KB"),
    "desa_cantik_bukan_kampung_kb": ("Desa Cantik yang belum Kampung KB", "Desa Cantik not yet Kampung KB"),
    "desa_cantik_rumah_dataku": ("Desa Cantik dengan Rumah DataKu", "Desa Cantik with a Rumah DataKu"),
    "tahun": ("Tahun", "Year"),
    "bukan_kampung_kb": ("Belum Kampung KB", "Not a Kampung KB"),
    "is_kampung_kb": ("Kampung KB", "Kampung KB"),
    "sub_kode": ("Kode sub-wilayah", "Sub-unit code"),
    "sub_nama": ("Sub-wilayah", "Sub-unit"),
    # events
    "unsur": ("Unsur", "Group"),
    "jumlah": ("Jumlah", "Number"),
    "peserta": ("Peserta", "Participants"),
    # sub-unit kinds (plural, as a reader says "dari 10 kabupaten/kota")
    "sub_provinsi": ("provinsi", "provinces"),
    "sub_kabkota": ("kabupaten/kota", "kabupaten/kota"),
    "sub_kecamatan": ("kecamatan", "kecamatan"),
    "sub_desa": ("desa/kelurahan", "desa/kelurahan"),
    # sheet names and annex
    "keterangan": ("Keterangan", "Notes"),
    "judul": ("Judul", "Title"),
    "sumber": ("Sumber data", "Data source"),
    "dibuat": ("Dibuat", "Generated"),
    "lembar": ("Lembar", "Sheet"),
    "isi": ("Isi", "Contents"),
    "ya": ("ya", "yes"),
    "tidak_bool": ("tidak", "no"),
    # chart words
    "tidak_ada_data": ("tidak ada data", "no data"),
    "target": ("Target", "Target"),
    "lainnya": ("Lainnya", "Other"),
    "seluruh": ("Seluruh", "Overall"),
}

PHRASES: dict[str, tuple[str, str]] = {
    "target_line": ("Target {value}", "Target {value}"),
    "target_marker": ("Target {count} pada {date}", "Target {count} by {date}"),
    "coverage_title": ("Cakupan Kampung KB per {unit}", "Kampung KB coverage by {unit}"),
    "coverage_axis": ("Desa/kelurahan ber-Kampung KB (%)", "Desa/kelurahan with a Kampung KB (%)"),
    "trend_title": ("Perkembangan Kampung KB", "Kampung KB over time"),
    "trend_axis": ("Jumlah (kumulatif)", "Number (cumulative)"),
    "readiness_title": ("Kesiapan kelembagaan (% Kampung KB)", "Institutional readiness (% of Kampung KB)"),
    "classification_title": ("Klasifikasi Kampung KB", "Kampung KB classes"),
    "classification_axis": ("Kampung KB (%)", "Kampung KB (%)"),
    "rdk_title": ("Status Rumah DataKu di Kampung KB", "Rumah DataKu status in Kampung KB"),
    "rdk_axis": ("Kampung KB (%)", "Kampung KB (%)"),
    "participants_title": ("Komposisi peserta ({total} orang)", "Participants ({total} people)"),
    "participants_axis": ("Orang", "People"),
    "tilemap_title": ("Cakupan Kampung KB per provinsi", "Kampung KB coverage by province"),
    "as_of": ("Per {date}", "As of {date}"),
}


def _check(lang: str) -> int:
    if lang == "id":
        return 0
    if lang == "en":
        return 1
    raise ValueError(f"unknown language {lang!r}: use 'id' or 'en'")


_PCT_SUFFIX = re.compile(r"_(persen|pct)$")


def label(key: str, lang: str = "id") -> str:
    """Heading for a canonical column or concept; "<x>_persen" gets "<label of x> (%)"."""
    i = _check(lang)
    if key in LABELS:
        return LABELS[key][i]
    m = _PCT_SUFFIX.search(key)
    if m and key[: m.start()] in LABELS:
        base = LABELS[key[: m.start()]][i]
        return base if base.endswith("(%)") else f"{base} (%)"
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def phrase(key: str, lang: str = "id", **values) -> str:
    """A short template filled with already-formatted values (format them with kbreport.text.fmt)."""
    i = _check(lang)
    return PHRASES[key][i].format(**values)


def sub_unit_kind(tingkat: str, lang: str = "id") -> str:
    """What the sub-units of a unit are called: nasional -> provinsi, provinsi -> kabupaten/kota, ..."""
    key = {"nasional": "sub_provinsi", "provinsi": "sub_kabkota", "kabkota": "sub_kecamatan",
           "kecamatan": "sub_desa"}.get(tingkat)
    if key is None:
        raise ValueError(f"unknown tingkat {tingkat!r}: use nasional, provinsi, kabkota or kecamatan")
    return label(key, lang)


def yes_no(value: bool, lang: str = "id") -> str:
    return label("ya" if value else "tidak_bool", lang)
