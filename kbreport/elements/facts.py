"""Facts: label/value pairs printed as a definition list (an event's what, when, where, who).

`Facts` is a list of (label, value) pairs; a list value prints one item a line, an empty value is left out.

    f = kb.event_facts(R)
    f.append(("Dokumentasi", "https://…"))
    f
"""
from __future__ import annotations

from kbreport.text import fmt
from kbreport.elements.values import number as _num
from kbreport.elements.base import Element, omitted

__all__ = ["Facts", "event_facts", "parties"]


class Facts(Element, list):
    """(label, value) pairs; values are formatted in `lang` (kbreport.text.fmt)."""

    def __init__(self, rows=(), *, lang: str = "id"):
        list.__init__(self, rows)
        self.lang = lang

    def html(self) -> str:
        from kbreport.elements.display import facts_html

        return facts_html(list(self), lang=self.lang)

    def plain(self) -> str:
        return "; ".join(f"{label}: {value}" for label, value in self if value)

    def __repr__(self) -> str:
        return f"Facts({list.__repr__(self)}, lang={self.lang!r})"


def _person(R, nama, jabatan) -> str:
    return R.t("orang_jabatan", nama=nama, jabatan=jabatan) if jabatan else nama


def _peserta_lines(R) -> list[str]:
    """The head count as its words say (the total given or every element counted: "30 orang"; some element
    without a number: "sedikitnya 17 orang dari 2 unsur"; no number at all: "5 unsur"), then one line per
    element. An element's `keterangan` is the analyst's note on the source and is never printed."""
    L, p = R.lang, R.params
    k = len(p.peserta)
    lines = []
    if p.jumlah_peserta is not None:
        lines.append(R.t("peserta_total", n=_num(p.jumlah_peserta, L)))
    elif p.peserta_tercatat is not None:  # a lower bound: some element has no number
        lines.append(R.t("peserta_sedikitnya", n=_num(p.peserta_tercatat, L), k=_num(k, L)))
    elif k > 1:
        lines.append(R.t("peserta_unsur_saja", k=_num(k, L)))
    for x in p.peserta:
        lines.append(R.t("peserta_unsur", unsur=x.unsur, n=_num(x.jumlah, L)) if x.jumlah is not None
                     else R.t("peserta_unsur_tanpa", unsur=x.unsur))
    return lines


def _kunjungan_lines(R) -> list[str]:
    from kbreport.ingest.wilayah import region

    lines = []
    for k in R.params.kunjungan_lapangan:
        if k.kode_desa:
            d = R.extra["desa"].get(k.kode_desa)
            if d is None:
                d = {"desa": region(R.data.master, k.kode_desa).nama_lengkap, "kecamatan": "", "kabkota": ""}
            line = ", ".join(x for x in (k.nama, d["desa"], d["kecamatan"], d["kabkota"]) if x)
        else:
            line = k.nama
        if k.tanggal:
            line += f" ({R.date(k.tanggal)})"
        lines.append(line)
    return lines


def event_facts(R) -> Facts:
    """Type, when, where, region, organiser, participants, speakers, objectives, agenda, field visits."""
    p = R.params
    return Facts([
        (R.t("f_jenis"), R.t(f"jenis_{p.jenis}")),
        (R.t("f_waktu"), fmt.date_range(p.mulai, p.selesai, R.lang)),
        (R.t("f_tempat"), p.tempat),
        (R.t("f_wilayah"), R.wilayah),
        (R.t("f_penyelenggara"), p.penyelenggara),
        (R.t("f_peserta"), _peserta_lines(R)),
        (R.t("f_narasumber"), [_person(R, x.nama, x.jabatan) for x in p.narasumber]),
        (R.t("f_tujuan"), list(p.tujuan)),
        (R.t("f_agenda"), list(p.agenda)),
        (R.t("f_kunjungan"), _kunjungan_lines(R)),
    ], lang=R.lang)


def parties(R):
    """An MoU's parties: ("Pihak pertama", "Perwakilan BKKBN … — H. Ramlan, Kepala Perwakilan"), …"""
    from kbreport.text.briefing_text import TEXT

    if R.jenis != "mou":
        return omitted(R, "lab_jenis", jenis="mou")
    out = []
    for i, x in enumerate(R.params.pihak, start=1):
        key = f"pihak_{i}" if f"pihak_{i}" in TEXT else "pihak_n"
        who = R.t("pihak", nama=x.nama, wakil=_person(R, x.wakil, x.jabatan)) if x.wakil else x.nama
        out.append((R.t(key, n=i), who))
    return Facts(out, lang=R.lang)
