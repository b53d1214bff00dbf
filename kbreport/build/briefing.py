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

Every word comes from the catalogue (kbreport.text.catalogue: briefing.*, label.*), so `bahasa: en` switches the whole document (text the
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
from kbreport.text.briefing_text import TEXT, text
from kbreport.elements.values import DENSE_SUB_UNITS
from kbreport.elements.values import number as _num, target_percent as _pct_target, without_total as _no_total

__all__ = [
    "TEXT", "DENSE_SUB_UNITS", "TOP_N", "Briefing", "text", "resolve_data_dir", "region_report", "event_report",
]

# More sub-units than this (Indonesia's 38 provinces, Jawa Timur's 38 kab/kota) and the briefing goes
# compact so it stays within four pages: denser bar rows, and readiness, classes and outcomes shown for the
# whole region (their breakdown by sub-unit is in annex.xlsx).
TOP_N = 5  # sub-units named in an agenda's talking points

# --- data folder ------------------------------------------------------------------------------------


def resolve_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The data folder: `data_dir` if given (it must exist); else $KBREPORT_DATA, else the repository's
    data/demo — generated with kbreport.demo.generator.generate when it is not there yet (a few seconds)."""
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
    from kbreport.demo.generator import generate

    generate(p)
    return p


# --- small helpers ----------------------------------------------------------------------------------




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
        """TEXT[key] in the report's language; {as_of}, {kb} and {profil} are filled unless given."""
        return self.local(self._t(key, **values))

    def _t(self, key: str, **values) -> str:
        tpl, fill = TEXT[key][0], {}
        if "{as_of}" in tpl and "as_of" not in values:
            fill["as_of"] = self.date(self.headline["as_of"])
        if "{kb}" in tpl and "kb" not in values:
            fill["kb"] = self.kb_label
        if "{profil}" in tpl and "profil" not in values:
            fill["profil"] = self.profil_label
        return text(key, self.lang, **fill, **values)

    # -- the region's own words (kbreport.ingest.local_names)
    @property
    def desa_words(self):
        """What the region calls its desa (LocalWords), from the shipped table, over the decree in force."""
        if "desa_words" not in self.extra:
            from kbreport.ingest.local_names import LocalWords, desa_words
            from kbreport.ingest.wilayah import desa_table

            master = getattr(self.data, "master", None)  # a briefing made by hand may have no data
            self.extra["desa_words"] = (LocalWords() if master is None else
                                        desa_words(desa_table(master), self.headline.get("wilayah_kode")))
        return self.extra["desa_words"]

    def desa_word(self) -> str:
        """"desa/kelurahan" as this report says it: "pekon/kelurahan" in Kab. Lampung Barat (Indonesian; an
        English report keeps "desa/kelurahan" and names the local word once, in the notes)."""
        return self.desa_words.phrase if self.lang == "id" else "desa/kelurahan"

    def local(self, s: str) -> str:
        """An Indonesian text with "desa/kelurahan" in the region's own words; English as it is."""
        from kbreport.ingest.local_names import localise

        return localise(s, self.desa_words) if self.lang == "id" else s

    def local_note(self) -> str | None:
        """The line naming the local word(s) for desa, where and by what source; None where desa are desa."""
        from kbreport.text.catalogue import t as catalogue_t

        local = self.desa_words.local
        if not local:
            return None
        items = "; ".join(catalogue_t("regions.sebutan_item", self.lang, word=w, where=", ".join(names), source=src)
                          for w, names, src in local)
        return catalogue_t("regions.sebutan", self.lang, items=items)

    @property
    def kb_label(self) -> str:
        """The period of the monthly family-planning figures used: "KB bulanan Februari 2017" (kbreport.text.periods)."""
        from kbreport.text.periods import period_label

        return period_label(self.headline, "kkbpk", self.lang) or text("kb_tanpa", self.lang)

    @property
    def profil_label(self) -> str:
        """The period of the profiles used: "profil Februari 2017", "profil tanpa periode"."""
        from kbreport.text.periods import period_label

        return period_label(self.headline, "profil", self.lang) or text("profil_tanpa_label", self.lang)

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
        tp = self.headline["target_persen"]
        tp = 100.0 if tp is None else float(tp)  # no target in force: sub-units judged on covering every desa
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
        data measure: Kampung KB, percent of desa/kelurahan, kecamatan holding a Kampung KB (of those in the
        master the briefing is given), or sub-units with a Desa Cantik (an MoU)."""
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
        if sat == "kecamatan" and "desa_cantik" not in self.extra:  # kecamatan holding a Kampung KB
            now = int(h["kecamatan_tercakup"])
            return (self.t("tl_posisi_kec", n=_num(now, L), total=_num(h["kecamatan"], L)),
                    _num(max(0, math.ceil(target.nilai - now)), L))
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

    from kbreport.analysis.history import rows_as_of

    ids = sc.kkb["id"].astype(str).to_numpy()
    rows = sc.kkb["row"].to_numpy()
    p_pos, k_pos = (rows_as_of(t, sc.kampung_kb, sc.as_of)[rows] for t in (profil, kkbpk))
    prof = profil.iloc[p_pos[p_pos >= 0]]  # each Kampung KB's rows in force as of the date
    scores = indicator_scores(prof, kkbpk.iloc[k_pos[k_pos >= 0]])
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
    from kbreport.build.decree_view import with_master_on
    from kbreport.ingest.dataset import load_data_cached
    from kbreport.build.params import from_notebook_parameters
    from kbreport.ingest.wilayah import desa_table

    params = from_notebook_parameters(values, laporan)
    # counts and names are those of the decree in force on as_of (docs/wilayah.md)
    ds = with_master_on(load_data_cached(resolve_data_dir(values.get("data_dir"))), params.as_of)
    return params, ds, desa_table(ds.master)


def _rdk_target(params, as_of):
    """The targets in force: Rumah DataKu (the params' own, else the default in force on as_of, None before it
    was set) and desa/kelurahan coverage (kbreport.analysis.targets.coverage_target: None, None before
    Inpres 3/2022 unless params give one), the params with them filled in (every element reads the same)."""
    from kbreport.analysis.rumah_dataku import default_target
    from kbreport.analysis.targets import coverage_target

    tgl, pct = coverage_target(as_of, params.get("target_tanggal"), params.get("target_persen"))
    up = {"target_tanggal": tgl, "target_persen": pct}
    if params.get("rdk_target_persen") is None:
        up["rdk_target_persen"] = default_target(as_of)
    return params.model_copy(update=up)


def _tables(params, ds, desa, kode, as_of) -> tuple[dict, dict, Any]:
    from kbreport import analysis as A

    sc = A.scope(desa, ds.kampung_kb, kode, as_of)
    h = A.headline(desa, ds.kampung_kb, ds.profil, ds.kkbpk, kode, as_of, params.target_tanggal,
                   params.target_persen, params.rdk_target_persen)
    h["master_wilayah"] = ds.master_wilayah
    T = {
        "cakupan": A.coverage_from_scope(sc, 100.0 if params.target_persen is None else params.target_persen),
        "rumah_dataku": A.rumah_dataku(desa, ds.kampung_kb, ds.profil, kode, as_of, params.rdk_target_persen),
    }
    return h, T, sc


def region_report(*, data_dir: str | os.PathLike | None = None, **params) -> Briefing:
    """A region briefing's data: `params` are the region notebook's parameters by name (kode, as_of,
    bahasa, judul, target_tanggal, target_persen, rdk_target_persen, catatan, sumber; validated by
    kbreport.build.params by name), `data_dir` the data folder (None: see resolve_data_dir)."""
    from kbreport import analysis as A

    params, ds, desa = _load({**params, "data_dir": data_dir}, "wilayah")
    params = _rdk_target(params, params.as_of)
    kode, as_of = params.kode, params.as_of
    h, T, sc = _tables(params, ds, desa, kode, as_of)
    T["tren"] = A.trend(desa, ds.kampung_kb, kode, as_of)
    T["kesiapan"] = A.readiness(desa, ds.kampung_kb, ds.profil, kode, as_of)
    T["hasil_kb"] = A.kb_outcomes(desa, ds.kampung_kb, ds.kkbpk, kode, as_of)
    T["klasifikasi"] = _classes(sc, ds.profil, ds.kkbpk)
    if h["tingkat"] != "nasional":  # Indonesia's list would be tens of thousands of rows
        T["desa_tanpa_kkb"] = A.desa_without_kkb(desa, ds.kampung_kb, kode, as_of)
    h["perubahan"] = _since(ds, h, kode, A.year_earlier(as_of))  # the same date a year earlier
    return Briefing(params, ds, h, T)


def _since(ds, h: dict, kode, then):
    """kbreport.build.since.compare_with: the briefing's figures beside those of `then` (None: no comparison)."""
    from kbreport.build.since import compare_with

    return None if then is None else compare_with(ds, h, kode, then)


def _event_defaults(params, master):
    """judul and penyelenggara left None: the event type's title, and the province's BKKBN office."""
    from kbreport.ingest.wilayah import region

    lang, fill = params.bahasa, {}
    if params.judul is None:
        fill["judul"] = text(f"judul_{params.jenis}", lang)
    if params.penyelenggara is None:
        fill["penyelenggara"] = text("penyelenggara_default", lang, provinsi=region(master, params.kode[:2]).nama)
    return params.model_copy(update=fill) if fill else params


def event_report(*, data_dir: str | os.PathLike | None = None, pembanding_tanggal=None, **params) -> Briefing:
    """An event briefing's data: `params` are the event notebook's parameters by name (jenis, judul,
    penyelenggara, kode, mulai, selesai, as_of, tempat, peserta, …; validated by
    kbreport.build.params by name), `data_dir` the data folder (None: see resolve_data_dir).
    `pembanding_tanggal`: the previous event's date, set by kbreport run (kbreport.batch.previous); None: the
    briefing does not compare."""
    from kbreport import analysis as A
    from kbreport.build.since import as_date

    params, ds, desa = _load({**params, "data_dir": data_dir}, "event")
    params = _rdk_target(_event_defaults(params, ds.master), params.as_of)
    h, T, _ = _tables(params, ds, desa, params.kode, params.as_of)
    T["kecamatan"] = A.kecamatan_coverage(desa, ds.kampung_kb, params.kode, params.as_of)
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
    h["perubahan"] = _since(ds, h, params.kode, as_date(pembanding_tanggal))
    if params.jenis == "mou":
        extra["desa_cantik"] = A.desa_cantik_overlap(desa, ds.kampung_kb, ds.profil, ds.desa_cantik,
                                                     params.kode, params.as_of)
    return Briefing(params, ds, h, T, extra)
