"""The regions' own words: the one order of sub-units, what a province calls its desa, how a Kampung KB count
above the desa count reads (kbreport.analysis.order, kbreport.text.local_names, kbreport.elements)."""
from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # said once, under the first chart that lists sub-units (kbreport.elements.order)
    "regions.urutan": {
        "id": "Urutan {unit} di setiap grafik dan tabel dokumen ini: kode wilayah Kemendagri.",
        "en": "Every chart and table of this document lists the {unit} in Kemendagri code order.",
    },
    "regions.urutan_peta": {
        "id": "Urutan {unit} di setiap grafik dan tabel dokumen ini: kode wilayah Kemendagri, seperti nomor pada peta.",
        "en": "Every chart and table of this document lists the {unit} in Kemendagri code order, as numbered on the map.",
    },
    "regions.urutan_gabung": {
        "id": "Batang teratas: {n} {unit} yang seluruh {desa_kel}nya tercakup (namanya di lampiran).",
        "en": "Top bar: the {n} {unit} covering every {desa_kel} (named in the annex).",
    },
}
WORDS.update({
    # what the region calls its desa, said once in the notes with its source (kbreport.ingest.local_names)
    "regions.sebutan": {
        "id": "Sebutan desa: {items}.",
        "en": "Local word for desa: {items}; this document keeps \"desa/kelurahan\".",
    },
    "regions.sebutan_item": {
        "id": "{word} di {where} ({source})",
        "en": "{word} in {where} ({source})",
    },
    # the annex: a sub-unit with more Kampung KB than covered desa/kelurahan
    "regions.kkb_lebih": {
        "id": ("Kampung KB dapat lebih banyak daripada {desa_kel} tercakup (di {n} {unit}): satu desa dapat memiliki "
               "beberapa Kampung KB RW/dusun dari sebelum Inpres 3/2022."),
        "en": ("Kampung KB can outnumber the {desa_kel} covered (in {n} {unit}): one desa may hold several "
               "RW/dusun-level Kampung KB from before Inpres 3/2022."),
    },
})
