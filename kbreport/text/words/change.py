"""Catalogue entries of "since last time": the change line of the headline cards, the then/now table, its reasons."""
from __future__ import annotations

# briefing.chg_*: read by kbreport.elements.change through Briefing.t; {delta}, {x}, {n} are formatted values
WORDS: dict[str, dict[str, str]] = {
    "briefing.chg_sejak": {"id": "{delta} sejak {date}", "en": "{delta} since {date}"},
    "briefing.chg_poin": {"id": "{x} poin", "en": "{x} points"},
    "briefing.chg_tetap": {"id": "tidak berubah sejak {date}", "en": "unchanged since {date}"},
    "briefing.chg_tidak_tersedia": {"id": "perubahan: tidak tersedia untuk {date}",
                                    "en": "change: not available for {date}"},
    "briefing.chg_sel_tidak_tersedia": {"id": "tidak tersedia", "en": "not available"},
    "briefing.chg_cap": {"id": "Perubahan sejak {date}, setahun sebelumnya",
                         "en": "Change since {date}, a year earlier"},
    "briefing.chg_cap_event": {"id": "Perubahan sejak {jenis} sebelumnya ({date})",
                               "en": "Change since the previous {jenis} ({date})"},
    "briefing.chg_jenis_workshop": {"id": "workshop", "en": "workshop"},
    "briefing.chg_jenis_rakorda": {"id": "Rakorda", "en": "Rakorda"},
    "briefing.chg_jenis_mou": {"id": "MoU", "en": "MoU"},
    "briefing.chg_jenis_fasilitasi": {"id": "fasilitasi teknis", "en": "technical facilitation"},
    "briefing.chg_col_angka": {"id": "Angka", "en": "Figure"},
    "briefing.chg_col_perubahan": {"id": "Perubahan", "en": "Change"},
    "briefing.chg_row_kkb": {"id": "Kampung KB", "en": "Kampung KB"},
    "briefing.chg_row_cakupan": {"id": "Cakupan desa/kelurahan", "en": "Desa/kelurahan coverage"},
    "briefing.chg_row_rdk": {"id": "Rumah DataKu", "en": "Rumah DataKu"},
    "briefing.chg_cell_cakupan": {"id": "{p} ({n} dari {total})", "en": "{p} ({n} of {total})"},
    "briefing.chg_note_master": {
        "id": "Desa/kelurahan per {date} menurut {decree}, yang berlaku saat itu.",
        "en": "Desa/kelurahan as of {date} as listed by {decree}, in force then.",
    },
    "briefing.chg_note_alasan": {"id": "Tidak tersedia untuk {date}: {why}.", "en": "Not available for {date}: {why}."},
    "briefing.chg_alasan_sebelum_data": {"id": "tanggal itu sebelum data dimulai ({start})",
                                         "en": "that date is before the data begin ({start})"},
    "briefing.chg_alasan_wilayah_belum_ada": {
        "id": "{wilayah} belum ada dalam keputusan wilayah yang berlaku saat itu",
        "en": "{wilayah} was not in the region decree in force then",
    },
    "briefing.chg_alasan_wilayah_berubah": {
        "id": "batas {wilayah} berubah sejak itu (desa/kelurahan berpindah wilayah), sehingga angkanya tidak sebanding",
        "en": "the borders of {wilayah} changed since (desa/kelurahan moved between regions), so the figures do not compare",
    },
    "briefing.chg_alasan_nonaktif_tanpa_tanggal": {
        "id": "{n} Kampung KB nonaktif tanpa tanggal nonaktif, sehingga tidak diketahui apakah masih aktif saat itu",
        "en": "{n} inactive Kampung KB have no date of inactivation, so whether they still counted then is unknown",
    },
    "briefing.chg_alasan_rdk_tanpa_riwayat": {
        "id": "Rumah DataKu: profil tanpa periode, sehingga status saat itu tidak tercatat",
        "en": "Rumah DataKu: profiles without a period, so the status of then is not recorded",
    },
    "briefing.chg_alasan_tanpa_desa": {"id": "tanpa desa/kelurahan", "en": "no desa/kelurahan"},
    "briefing.chg_lab_tanpa": {
        "id": "tanpa pembanding: tidak ada kegiatan sejenis sebelumnya untuk wilayah ini dalam batch (pembanding_tanggal)",
        "en": "nothing to compare with: no earlier event of this type for this region in the run (pembanding_tanggal)",
    },
}
