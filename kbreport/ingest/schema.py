"""The data model: the four tables kbreport reads, their columns, types, domains and heading aliases.

This module is the single source of truth. The readers (`kbreport.ingest.readers`), validation
(`kbreport.ingest.validate`), the demo generator (`kbreport.demo.generator`) and docs/data-model.md all follow it.

Canonical forms after reading:
- code:     Kemendagri desa code with dots, "PP.KK.CC.DDDD" (input may omit the dots)
- date:     pandas Timestamp (input ISO yyyy-mm-dd or dd/mm/yyyy)
- month:    Timestamp at the first of the month (input yyyy-mm, yyyy-mm-dd or mm/yyyy)
- bool:     True/False (input ya/tidak, y/t, yes/no, true/false, 1/0, ada/tidak ada)
- int:      non-negative integer count (pandas Int64), within its column's plausibility bounds
- category: one of `domain` (matched case-insensitively, stored in the domain's spelling)
- str:      stripped text
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

PROGRAMME_LAUNCH = date(2016, 1, 14)  # Kampung KB launched in Mertasinga, Cirebon
INPRES_3_2022 = date(2022, 5, 20)  # since then a Kampung KB covers a whole desa/kelurahan

CAKUPAN_WILAYAH = ("RW", "Dusun", "Desa")
KLASIFIKASI = ("Dasar", "Berkembang", "Mandiri", "Berkelanjutan")
RUMAH_DATAKU_STATUS = ("ada", "tidak", "belum")
REGULASI_TINGKAT = ("gubernur", "bupati/walikota", "camat", "kepala desa/lurah")

POKTAN = ("bkb", "bkr", "bkl", "uppka", "pikr")
SUMBER_DANA = ("apbn", "apbd", "dana_desa", "hibah", "csr", "swadaya")
PENGGUNAAN_DATA = ("pk", "rutin", "potensi_desa", "sektoral", "lain")
METODE_KB = ("iud", "mow", "mop", "implan", "suntik", "pil", "kondom")
METODE_MKJP = ("iud", "mow", "mop", "implan")
ALASAN_TIDAK_KB = ("hamil", "ingin_anak_segera", "iat", "tial")

# Plausibility bounds of counts (one row = one Kampung KB, i.e. at most one desa/kelurahan). Outside
# them a figure is an error: a typo or a regional total would otherwise carry straight into a headline.
MAX_PUS = 50_000  # the largest kelurahan hold ~150,000 people, ~30,000 PUS; the demo's are 150–900
MAX_KELUARGA = 50_000  # families eligible for a poktan (with a toddler, adolescent or elderly member)
MAX_POKJA = 200  # a Pokja has some 10–30 members (demo 5–25)
MAX_MEKANISME = 5  # the data model counts five operating mechanisms (0–5)
MAX_INSTANSI = 100  # agencies involved (demo 0–10)
DESA_CANTIK_START = 2021  # BPS began Desa Cantik in 2021


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str | code | date | month | bool | int | category
    required: bool = True  # a required column must be present; a blank cell is an error
    domain: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other headings accepted (compared after normalising)
    doc: str = ""
    min_value: int | None = None  # plausibility bounds of an int column (negatives are always errors)
    max_value: int | None = None


@dataclass(frozen=True)
class Table:
    name: str
    key: str  # the column that identifies a row (or links it to kampung_kb)
    columns: tuple[Column, ...]
    doc: str = ""
    required: bool = True  # desa_cantik is optional

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _flags(prefix: str, items: tuple[str, ...], doc: str, aliases: dict[str, tuple[str, ...]] | None = None):
    aliases = aliases or {}
    return tuple(
        Column(f"{prefix}{i}", "bool", aliases=aliases.get(i, ()), doc=f"{doc}: {i.replace('_', ' ')}")
        for i in items
    )


KAMPUNG_KB = Table(
    "kampung_kb",
    key="id",
    doc="One row per Kampung KB.",
    columns=(
        Column("id", "str", aliases=("id kampung kb", "kode kampung kb", "id_kampung", "no registrasi"),
               doc="Identifier of the Kampung KB, unique"),
        Column("nama", "str", aliases=("nama kampung kb", "nama kampung"), doc="Name of the Kampung KB"),
        Column("kode_desa", "code", aliases=("kode desa/kelurahan", "kode wilayah", "kode kelurahan", "kd_desa",
                                             "kode desa kelurahan"),
               doc="Kemendagri code of the desa/kelurahan (PP.KK.CC.DDDD)"),
        Column("tanggal_pencanangan", "date", aliases=("tgl pencanangan", "tanggal pencanangan kampung kb",
                                                       "tanggal dicanangkan", "tgl_pencanangan"),
               doc="Launch date; not before 14 January 2016, not in the future"),
        Column("cakupan_wilayah", "category", domain=CAKUPAN_WILAYAH, aliases=("cakupan", "wilayah cakupan"),
               doc="RW, Dusun or Desa; before Inpres 3/2022 a Kampung KB could be one RW or dusun"),
        Column("contoh_kabupaten", "bool", aliases=("contoh kab", "kampung kb contoh kabupaten", "percontohan kabupaten"),
               doc="Model Kampung KB of its kab/kota"),
        Column("contoh_provinsi", "bool", aliases=("contoh prov", "kampung kb contoh provinsi", "percontohan provinsi"),
               doc="Model Kampung KB of its province"),
        Column("aktif", "bool", aliases=("status aktif", "is_active", "status"),
               doc="Currently active; an inactive one counts only before its tanggal_nonaktif (never without it)"),
        Column("tanggal_nonaktif", "date", required=False,
               aliases=("tgl nonaktif", "tanggal tidak aktif", "tanggal dinonaktifkan"),
               doc="Day it stopped (aktif 'tidak' only): counted as active before that day, not from it"),
    ),
)

PROFIL = Table(
    "profil",
    key="kampung_kb_id",
    doc="The profile of each Kampung KB, one row per period (without periode: one undated row per Kampung KB).",
    columns=(
        Column("kampung_kb_id", "str", aliases=("id kampung kb", "id", "id_kampung"), doc="Kampung KB this profile belongs to"),
        Column("periode", "month", required=False, aliases=("periode profil", "bulan profil", "bulan"),
               doc="Month the profile describes; a briefing as of a date uses the latest month ended by then. "
                   "Once one row has it every row needs it"),
        Column("pokja_ada", "bool", aliases=("pokja", "ada pokja", "memiliki pokja"), doc="A Pokja exists"),
        Column("pokja_sk", "bool", aliases=("sk pokja", "pokja ber sk"), doc="The Pokja has a decree (SK)"),
        Column("pokja_jumlah", "int", aliases=("jumlah anggota pokja", "jumlah pokja"), doc="Pokja members",
               max_value=MAX_POKJA),
        Column("pokja_terlatih", "int", aliases=("jumlah pokja terlatih", "anggota pokja terlatih", "pokja terlatih"),
               doc="Pokja members trained (not more than pokja_jumlah)", max_value=MAX_POKJA),
        Column("plkb_pendamping", "bool", aliases=("pkb/plkb pendamping", "pkb pendamping", "plkb/pkb pendamping",
                                                   "pendamping plkb"),
               doc="A PLKB/PKB accompanies the Kampung KB"),
        Column("regulasi_ada", "bool", aliases=("regulasi", "ada regulasi"), doc="A regulation on the Kampung KB exists"),
        Column("regulasi_tingkat", "category", required=False, domain=REGULASI_TINGKAT,
               aliases=("tingkat regulasi", "penerbit regulasi"),
               doc="Issuer of the regulation: gubernur, bupati/walikota, camat or kepala desa/lurah (blank when none)"),
        Column("rencana_kerja", "bool", aliases=("rencana kerja masyarakat", "rkm"), doc="A community work plan exists"),
        Column("sekretariat", "bool", aliases=("ada sekretariat",), doc="A secretariat exists"),
        Column("rumah_dataku", "category", domain=RUMAH_DATAKU_STATUS,
               aliases=("status rumah dataku", "rumah data kependudukan", "rumah dataku status"),
               doc="Rumah DataKu: ada (formed), tidak (none), belum (planned, not yet formed)"),
        Column("rumah_dataku_tanggal", "date", required=False,
               aliases=("tanggal rumah dataku", "tgl rumah dataku", "tanggal pembentukan rumah dataku"),
               doc="Date the Rumah DataKu was formed; required when rumah_dataku is 'ada'"),
        *_flags("poktan_", POKTAN, "Poktan present", {"pikr": ("pik-r", "pik r"), "uppka": ("uppks",)}),
        *_flags("dana_", SUMBER_DANA, "Funding source", {"dana_desa": ("dana desa", "dd")}),
        *_flags("data_", PENGGUNAAN_DATA, "Data used", {"pk": ("pendataan keluarga",), "rutin": ("data rutin",),
                                                        "potensi_desa": ("potensi desa", "podes")}),
        Column("jumlah_mekanisme", "int", aliases=("jumlah mekanisme operasional", "mekanisme operasional"),
               doc="Number of operating mechanisms in use (0–5)", max_value=MAX_MEKANISME),
        Column("jumlah_instansi", "int", aliases=("jumlah instansi terlibat", "instansi terlibat"),
               doc="Number of agencies involved", max_value=MAX_INSTANSI),
        Column("klasifikasi", "category", domain=KLASIFIKASI, aliases=("klasifikasi kampung kb", "kelas"),
               doc="Class as reported by the portal"),
    ),
)

KKBPK = Table(
    "kkbpk",
    key="kampung_kb_id",
    doc="Monthly family-planning figures, one row per Kampung KB and month (a briefing uses the latest month "
        "ended on or before its date).",
    columns=(
        Column("kampung_kb_id", "str", aliases=("id kampung kb", "id", "id_kampung"), doc="Kampung KB the figures belong to"),
        Column("periode", "month", aliases=("bulan", "bulan laporan", "periode laporan"), doc="Reporting month"),
        Column("pus", "int", aliases=("jumlah pus", "pasangan usia subur"), doc="Couples of reproductive age (PUS)",
               max_value=MAX_PUS),
        *(Column(f"kb_{m}", "int", aliases=(f"peserta kb {m}", m), doc=f"Family-planning users, method {m.upper()}",
                 max_value=MAX_PUS) for m in METODE_KB),
        *(Column(f"tkb_{r}", "int", aliases=(f"pus tidak kb {r.replace('_', ' ')}",),
                 doc=f"PUS not using family planning, reason: {r.replace('_', ' ')}", max_value=MAX_PUS)
          for r in ALASAN_TIDAK_KB),
        Column("keluarga_poktan", "int", aliases=("keluarga sasaran poktan", "sasaran poktan"),
               doc="Families eligible for a poktan (with a toddler, adolescent or elderly member)",
               max_value=MAX_KELUARGA),
        Column("peserta_poktan", "int", aliases=("jumlah peserta poktan", "anggota poktan"),
               doc="Of those families, how many take part in a poktan (not more than keluarga_poktan)",
               max_value=MAX_KELUARGA),
    ),
)

DESA_CANTIK = Table(
    "desa_cantik",
    key="kode_desa",
    required=False,
    doc="BPS Desa Cantik (Desa Cinta Statistik) villages.",
    columns=(
        Column("kode_desa", "code", aliases=("kode desa/kelurahan", "kode wilayah", "kd_desa"), doc="Kemendagri desa code"),
        Column("tahun", "int", aliases=("tahun pembentukan", "tahun dibentuk", "tahun desa cantik"),
               doc="Year the Desa Cantik was formed; not before 2021, not in the future", min_value=DESA_CANTIK_START),
        Column("tanggal_pembentukan", "date", required=False,
               aliases=("tanggal dibentuk", "tgl pembentukan", "tanggal desa cantik"),
               doc="Day it was formed, in year `tahun`; without it a Desa Cantik counts from the end of its year"),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (KAMPUNG_KB, PROFIL, KKBPK, DESA_CANTIK)}

# Files a data folder holds; each may be .csv or .xlsx.
METADATA_FILE = "sumber.json"  # optional: {"sumber": "...", "sintetis": true, ...}
