from datetime import date

import pytest

from kbreport.text.talking_points import region_name, region_phrase, talking_points


def bengkulu(**over):
    """Bengkulu as of the fasilitasi (4 June 2024): 1,322 Kampung KB in 1,513 desa/kelurahan."""
    h = dict(
        wilayah_kode="17", wilayah_nama="Bengkulu", tingkat="provinsi", as_of=date(2024, 6, 4),
        desa_kelurahan=1513, desa=1341, kelurahan=172, tercakup=1322, kampung_kb=1322,
        cakupan_persen=87.37607402511566,  # 1322 / 1513
        target_tanggal=date(2024, 7, 31), target_persen=100.0, kekurangan=191,
        rumah_dataku=410, rumah_dataku_persen=31.01361573373676,  # 410 / 1322
        rumah_dataku_target_persen=75.0,
        laju_12_bulan=21.5, laju_dibutuhkan=101.3, perkiraan_tercapai=date(2025, 3, 15),
        cpr=61.234, mkjp=23.96, unmet=11.04, partisipasi_poktan=None,
        sub_unit_jumlah=10, sub_unit_di_bawah_target=8,
        sub_unit_tertinggi={"nama": "Kab. Rejang Lebong", "persen": 98.24},
        sub_unit_terendah={"nama": "Kota Bengkulu", "persen": 45.0},
    )
    h.update(over)
    return h


def lampung_barat(**over):
    """Kab. Lampung Barat on 12 May 2024: all 136 pekon/kelurahan are Kampung KB."""
    h = dict(
        wilayah_kode="18.04", wilayah_nama="Kab. Lampung Barat", tingkat="kabkota", as_of=date(2024, 5, 12),
        desa_kelurahan=136, desa=131, kelurahan=5, tercakup=136, kampung_kb=136, cakupan_persen=100.0,
        target_tanggal=date(2024, 12, 31), target_persen=100.0, kekurangan=0,
        rumah_dataku=34, rumah_dataku_persen=25.0, rumah_dataku_target_persen=75.0,
        laju_12_bulan=8.0, laju_dibutuhkan=None, perkiraan_tercapai=None,
        cpr=None, mkjp=None, unmet=None, partisipasi_poktan=None,
        sub_unit_jumlah=15, sub_unit_di_bawah_target=0,
        sub_unit_tertinggi={"nama": "Balik Bukit", "persen": 100.0},
        sub_unit_terendah={"nama": "Sukau", "persen": 100.0},
    )
    h.update(over)
    return h


def _clean(sentences):
    text = " ".join(sentences)
    for bad in ("None", "nan", "NaN", "0 dari 0", "0 of 0", "–"):
        assert bad not in text, (bad, text)


def test_bengkulu_indonesian_exact():
    assert talking_points(bengkulu()) == [
        "Per 4 Juni 2024, 1.322 Kampung KB telah terbentuk di Provinsi Bengkulu, "
        "mencakup 1.322 dari 1.513 desa/kelurahan (87,4%).",
        "Untuk mencakup seluruh desa/kelurahan pada 31 Juli 2024 masih diperlukan 191 Kampung KB.",
        # March 2025 is after the 31 July 2024 deadline: said to be a straight line, not a forecast
        "Jika laju 12 bulan terakhir (rata-rata 22 desa/kelurahan per bulan) berlanjut lurus, target baru "
        "tercapai sekitar Maret 2025; agar tepat waktu dibutuhkan 102 desa/kelurahan per bulan.",
        "Sebanyak 8 dari 10 kabupaten/kota belum mencakup seluruh desa/kelurahannya; cakupan tertinggi "
        "di Kab. Rejang Lebong (98,2%) dan terendah di Kota Bengkulu (45,0%).",
        "Rumah DataKu telah terbentuk di 410 dari 1.322 Kampung KB (31,0%), masih di bawah target 75%.",
        "Di Kampung KB tercatat CPR 61,2%, MKJP 24,0% dari peserta KB, dan unmet need 11,0%.",
    ]


def test_bengkulu_english_exact():
    assert talking_points(bengkulu(), lang="en") == [
        "As of 4 June 2024, 1,322 Kampung KB had been formed in Bengkulu Province, "
        "covering 1,322 of 1,513 desa/kelurahan (87.4%).",
        "To cover every desa/kelurahan by 31 July 2024, 191 more Kampung KB are needed.",
        "If the pace of the last 12 months (an average of 22 desa/kelurahan a month) continued in a straight "
        "line, the target would only be reached around March 2025; meeting it on time needs 102 desa/kelurahan "
        "a month.",
        "8 of 10 kabupaten/kota have not yet covered all their desa/kelurahan; coverage is highest in "
        "Kab. Rejang Lebong (98.2%) and lowest in Kota Bengkulu (45.0%).",
        "Rumah DataKu has been formed in 410 of 1,322 Kampung KB (31.0%), still below the 75% target.",
        "Kampung KB report a CPR of 61.2%, long-acting methods (MKJP) at 24.0% of users, and unmet need of 11.0%.",
    ]


def test_all_covered_says_seluruh_and_no_pace():
    tp = talking_points(lampung_barat())
    assert tp == [
        "Per 12 Mei 2024, 136 Kampung KB telah terbentuk di Kab. Lampung Barat, "
        "mencakup seluruh 136 desa/kelurahan.",
        "Target mencakup seluruh desa/kelurahan pada 31 Desember 2024 telah tercapai.",
        # highest == lowest (both 100%): no "tertinggi/terendah" clause
        "Seluruh 15 kecamatan telah mencakup seluruh desa/kelurahannya.",
        "Rumah DataKu telah terbentuk di 34 dari 136 Kampung KB (25,0%), masih di bawah target 75%.",
    ]
    en = talking_points(lampung_barat(), lang="en")
    assert en[0] == ("As of 12 May 2024, 136 Kampung KB had been formed in Kab. Lampung Barat, "
                     "covering all 136 desa/kelurahan.")
    assert en[1] == "The target of covering every desa/kelurahan by 31 December 2024 has been met."
    _clean(tp)
    _clean(en)


def test_pace_sentence_dropped_when_target_met_even_with_pace_figures():
    # target of 75% met (kekurangan 0) although a pace is given: nothing about pace
    h = bengkulu(target_persen=75.0, kekurangan=0, laju_dibutuhkan=0.0, sub_unit_di_bawah_target=3)
    tp = talking_points(h)
    assert tp[1] == "Target mencakup 75% desa/kelurahan pada 31 Juli 2024 telah tercapai."
    assert not any("laju" in s or "per bulan" in s for s in tp)
    assert "Sebanyak 3 dari 10 kabupaten/kota masih di bawah target cakupan 75%" in tp[2]


def test_target_date_passed_says_not_met_and_no_pace():
    h = bengkulu(as_of=date(2024, 9, 1))
    tp = talking_points(h)
    assert tp[1] == ("Target mencakup seluruh desa/kelurahan pada 31 Juli 2024 belum tercapai; "
                     "masih diperlukan 191 Kampung KB.")
    assert not any("per bulan" in s for s in tp)
    en = talking_points(h, "en")
    assert en[1] == ("The target of covering every desa/kelurahan by 31 July 2024 has not been met; "
                     "191 more Kampung KB are needed.")


def test_none_pace_drops_pace_sentence():
    tp = talking_points(bengkulu(laju_dibutuhkan=None, perkiraan_tercapai=None))
    assert len(tp) == 5
    assert not any("per bulan" in s for s in tp)
    _clean(tp)


def test_pace_without_projection_and_zero_pace():
    # a pace but no date: the straight line lies more than 3 years past the deadline (trend.py)
    tp = talking_points(bengkulu(perkiraan_tercapai=None))
    assert tp[2] == ("Dalam 12 bulan terakhir rata-rata 22 desa/kelurahan baru tercakup setiap bulan, dan dengan "
                     "laju ini target tidak tercapai dalam beberapa tahun; agar tepat waktu dibutuhkan 102 "
                     "desa/kelurahan per bulan.")
    assert talking_points(bengkulu(perkiraan_tercapai=None), "en")[2] == (
        "Over the last 12 months an average of 22 desa/kelurahan were newly covered each month, and at this pace "
        "the target would not be reached for several years; meeting it on time needs 102 desa/kelurahan a month.")
    tp0 = talking_points(bengkulu(laju_12_bulan=0.0, perkiraan_tercapai=None, laju_dibutuhkan=3.25))
    assert tp0[2] == ("Dalam 12 bulan terakhir tidak ada desa/kelurahan baru yang tercakup, "
                      "sedangkan untuk mencapai target dibutuhkan 3,3 desa/kelurahan per bulan.")
    on_time = talking_points(bengkulu(laju_12_bulan=120.0, perkiraan_tercapai=date(2024, 7, 20)))
    assert on_time[2] == ("Dengan laju 12 bulan terakhir, rata-rata 120 desa/kelurahan baru per bulan, "
                          "target diperkirakan tercapai pada Juli 2024, tepat waktu.")


def test_zero_desa_gives_one_sentence_and_no_zero_of_zero():
    h = bengkulu(desa_kelurahan=0, desa=0, kelurahan=0, tercakup=0, kampung_kb=0, cakupan_persen=float("nan"),
                 kekurangan=0, rumah_dataku=0, rumah_dataku_persen=None, laju_12_bulan=float("nan"),
                 laju_dibutuhkan=None, perkiraan_tercapai=None, cpr=None, mkjp=None, unmet=None,
                 sub_unit_jumlah=0, sub_unit_di_bawah_target=0, sub_unit_tertinggi=None, sub_unit_terendah=None)
    assert talking_points(h) == ["Per 4 Juni 2024, belum ada data desa/kelurahan di Provinsi Bengkulu."]
    assert talking_points(h, "en") == ["As of 4 June 2024, there are no desa/kelurahan data in Bengkulu Province."]


def test_before_launch_no_kampung_kb():
    h = bengkulu(as_of=date(2015, 12, 31), tercakup=0, kampung_kb=0, cakupan_persen=0.0, kekurangan=1513,
                 rumah_dataku=0, rumah_dataku_persen=None, laju_12_bulan=0.0, laju_dibutuhkan=None,
                 perkiraan_tercapai=None, cpr=None, mkjp=None, unmet=None, sub_unit_di_bawah_target=10,
                 sub_unit_tertinggi={"nama": "Kab. Kaur", "persen": 0.0},
                 sub_unit_terendah={"nama": "Kab. Seluma", "persen": 0.0})
    tp = talking_points(h)
    assert tp == [
        "Per 31 Desember 2015, belum ada satu pun dari 1.513 desa/kelurahan di Provinsi Bengkulu "
        "yang memiliki Kampung KB.",
        "Untuk mencakup seluruh desa/kelurahan pada 31 Juli 2024 masih diperlukan 1.513 Kampung KB.",
        "Belum ada kabupaten/kota yang mencakup seluruh desa/kelurahannya.",
    ]
    _clean(tp)


def test_nasional_phrasing_and_province_sub_units():
    h = bengkulu(wilayah_kode=None, wilayah_nama="Indonesia", tingkat="nasional", as_of=date(2022, 8, 24),
                 desa_kelurahan=83763, tercakup=16500, kampung_kb=16793, cakupan_persen=16500 / 83763 * 100,
                 target_tanggal=date(2024, 12, 31), kekurangan=67263, sub_unit_jumlah=38,
                 sub_unit_di_bawah_target=38,
                 sub_unit_tertinggi={"nama": "Bali", "persen": 61.5},
                 sub_unit_terendah={"nama": "Papua Pegunungan", "persen": 2.04})
    tp = talking_points(h)
    assert tp[0] == ("Per 24 Agustus 2022, 16.793 Kampung KB telah terbentuk secara nasional, "
                     "mencakup 16.500 dari 83.763 desa/kelurahan (19,7%).")
    assert tp[3] == ("Belum ada provinsi yang mencakup seluruh desa/kelurahannya; cakupan tertinggi "
                     "di Provinsi Bali (61,5%) dan terendah di Provinsi Papua Pegunungan (2,0%).")
    en = talking_points(h, "en")
    assert en[0].startswith("As of 24 August 2022, 16,793 Kampung KB had been formed nationally, ")
    assert "highest in Bali (61.5%) and lowest in Papua Pegunungan (2.0%)" in en[3]


def test_nearly_full_coverage_never_prints_100_percent():
    h = bengkulu(desa_kelurahan=2000, tercakup=1999, kampung_kb=1999, cakupan_persen=99.95, kekurangan=1)
    tp = talking_points(h)
    assert "(99,9%)" in tp[0] and "100,0%" not in tp[0]
    assert talking_points(h, "en")[1] == "To cover every desa/kelurahan by 31 July 2024, 1 more Kampung KB is needed."


def test_rumah_dataku_variants():
    assert talking_points(bengkulu(rumah_dataku=1100, rumah_dataku_persen=83.2))[4] == (
        "Rumah DataKu telah terbentuk di 1.100 dari 1.322 Kampung KB (83,2%), melampaui target 75%.")
    assert talking_points(bengkulu(rumah_dataku=0, rumah_dataku_persen=0.0))[4] == (
        "Belum ada Kampung KB yang memiliki Rumah DataKu, sementara targetnya 75%.")
    assert talking_points(bengkulu(rumah_dataku=1322, rumah_dataku_persen=100.0))[4] == (
        "Seluruh 1.322 Kampung KB telah memiliki Rumah DataKu.")


def test_outcomes_join_only_present_figures():
    tp = talking_points(bengkulu(cpr=None, mkjp=None, unmet=float("nan"), partisipasi_poktan=34.96))
    assert tp[-1] == "Di Kampung KB tercatat partisipasi poktan 35,0%."
    tp = talking_points(bengkulu(cpr=None, mkjp=None, unmet=None, partisipasi_poktan=None))
    assert len(tp) == 5 and not any("tercatat" in s for s in tp)


def test_event_type_moves_its_topic_forward():
    fas = talking_points(bengkulu(), event={"jenis": "fasilitasi"})
    assert fas[2].startswith("Rumah DataKu telah terbentuk")
    ws = talking_points(bengkulu(), event="workshop")
    assert ws[2].startswith("Sebanyak 8 dari 10 kabupaten/kota")
    assert sorted(fas) == sorted(talking_points(bengkulu()))


@pytest.mark.parametrize("nama, tingkat, kode, lang, expected", [
    ("Bengkulu", "provinsi", "17", "id", "di Provinsi Bengkulu"),
    ("Kab. Lampung Barat", "kabkota", "18.04", "id", "di Kab. Lampung Barat"),
    ("Kota Bengkulu", "kabkota", "17.71", "id", "di Kota Bengkulu"),
    ("Indonesia", "nasional", None, "id", "secara nasional"),
    ("Kab. Lampung Barat", "kabkota", "18.04", "en", "in Kab. Lampung Barat"),
    ("Kota Bengkulu", "kabkota", "17.71", "en", "in Kota Bengkulu"),
    ("Indonesia", "nasional", None, "en", "nationally"),
    ("Lubuklinggau", "kabkota", "16.73", "id", "di Kota Lubuklinggau"),  # no prefix: kind from the code
])
def test_region_phrase(nama, tingkat, kode, lang, expected):
    assert region_phrase(nama, tingkat, lang, kode) == expected


def test_region_name_kecamatan():
    assert region_name("Balik Bukit", "kecamatan") == "Kecamatan Balik Bukit"


def blitar(**over):
    """Kota Blitar on 24 August 2022: 5 of 21 kelurahan, three kecamatan, two of them tied at the top."""
    h = dict(
        wilayah_kode="35.72", wilayah_nama="Kota Blitar", tingkat="kabkota", as_of=date(2022, 8, 24),
        desa_kelurahan=21, desa=0, kelurahan=21, tercakup=5, kampung_kb=5, cakupan_persen=500 / 21,
        target_tanggal=date(2024, 12, 31), target_persen=100.0, kekurangan=16,
        rumah_dataku=2, rumah_dataku_persen=40.0, rumah_dataku_target_persen=75.0,
        # 1 kelurahan covered in 12 months; 24 Aug 2022 → 24 Dec 2024 = 28 months, + 7 of the 31 days to
        # 24 Jan 2025: 16 / 28.226 = 0.567 a month; 16 at 1/12 a month = 16 years: no projected date
        laju_12_bulan=1 / 12, laju_dibutuhkan=16 / (28 + 7 / 31), perkiraan_tercapai=None,
        cpr=None, mkjp=None, unmet=None, partisipasi_poktan=None,
        sub_unit_jumlah=3, sub_unit_di_bawah_target=3,
        sub_unit_tertinggi={"nama": "Kepanjenkidul", "persen": 200 / 7, "tercakup": 2, "desa_kelurahan": 7,
                            "lainnya": ["Sukorejo"]},
        sub_unit_terendah={"nama": "Sananwetan", "persen": 100 / 7, "tercakup": 1, "desa_kelurahan": 7,
                           "lainnya": []},
    )
    h.update(over)
    return h


def test_projection_years_past_the_deadline_says_the_target_is_not_reached():
    # 1/12 = 0.083 -> "0,1"; needed 0.566 -> "0,6"
    assert talking_points(blitar())[2] == (
        "Dalam 12 bulan terakhir rata-rata 0,1 desa/kelurahan baru tercakup setiap bulan, dan dengan laju ini "
        "target tidak tercapai dalam beberapa tahun; agar tepat waktu dibutuhkan 0,6 desa/kelurahan per bulan.")
    assert talking_points(blitar(), "en")[2] == (
        "Over the last 12 months an average of 0.1 desa/kelurahan were newly covered each month, and at this pace "
        "the target would not be reached for several years; meeting it on time needs 0.6 desa/kelurahan a month.")


def test_ties_are_named():
    # 2/7 = 28.571 -> 28,6 %; 1/7 = 14.286 -> 14,3 %
    assert talking_points(blitar())[3] == (
        "Belum ada kecamatan yang mencakup seluruh desa/kelurahannya; cakupan tertinggi di Kecamatan Kepanjenkidul "
        "dan Kecamatan Sukorejo (28,6%) dan terendah di Kecamatan Sananwetan (14,3%).")
    assert talking_points(blitar(), "en")[3] == (
        "None of the 3 kecamatan has covered all its desa/kelurahan yet; coverage is highest in Kecamatan "
        "Kepanjenkidul and Kecamatan Sukorejo (28.6%) and lowest in Kecamatan Sananwetan (14.3%).")
    # three or more tied: the first and how many others; 0/7 = 0,0 %
    h = blitar(sub_unit_jumlah=5, sub_unit_terendah={"nama": "Garum", "persen": 0.0, "tercakup": 0,
                                                     "desa_kelurahan": 7, "lainnya": ["Talun", "Wlingi"]})
    assert talking_points(h)[3].endswith("terendah di Kecamatan Garum dan 2 kecamatan lain (0,0%).")
    assert talking_points(h, "en")[3].endswith("lowest in Kecamatan Garum and 2 other kecamatan (0.0%).")


def test_percentages_round_half_up_on_the_counts():
    # 51/80 = 63.75 % exactly -> 63,8 (the float 100 × 51 / 80 from a division is 63.7499…);
    # Rumah DataKu 7/56 = 1/8 = 12,5 %; sub-units 2/3 = 66,7 %, 1/3 = 33,3 %
    h = bengkulu(desa_kelurahan=80, tercakup=51, kampung_kb=56, cakupan_persen=63.74999999999999, kekurangan=29,
                 rumah_dataku=7, rumah_dataku_persen=12.5,
                 sub_unit_tertinggi={"nama": "Kab. Kaur", "persen": 66.66, "tercakup": 2, "desa_kelurahan": 3},
                 sub_unit_terendah={"nama": "Kab. Seluma", "persen": 33.33, "tercakup": 1, "desa_kelurahan": 3})
    tp, en = talking_points(h), talking_points(h, "en")
    assert tp[0] == ("Per 4 Juni 2024, 56 Kampung KB telah terbentuk di Provinsi Bengkulu, "
                     "mencakup 51 dari 80 desa/kelurahan (63,8%).")
    assert en[0] == ("As of 4 June 2024, 56 Kampung KB had been formed in Bengkulu Province, "
                     "covering 51 of 80 desa/kelurahan (63.8%).")
    assert tp[3].endswith("tertinggi di Kab. Kaur (66,7%) dan terendah di Kab. Seluma (33,3%).")
    assert en[3].endswith("highest in Kab. Kaur (66.7%) and lowest in Kab. Seluma (33.3%).")
    assert tp[4] == "Rumah DataKu telah terbentuk di 7 dari 56 Kampung KB (12,5%), masih di bawah target 75%."
    assert en[4] == "Rumah DataKu has been formed in 7 of 56 Kampung KB (12.5%), still below the 75% target."
    # 990 of 1,320 = 75 % exactly meets the 75 % target, whatever float the headline carries
    met = bengkulu(kampung_kb=1320, rumah_dataku=990, rumah_dataku_persen=74.99999999999999)
    assert talking_points(met)[4] == ("Rumah DataKu telah terbentuk di 990 dari 1.320 Kampung KB (75,0%), "
                                      "telah memenuhi target 75%.")
    assert talking_points(met, "en")[4].endswith("(75.0%), meeting the 75% target.")


def test_target_below_100_never_claims_full_coverage():
    # every kabupaten/kota met a 50 % target; the lowest, Kota Bengkulu, has 4 of 7 (57,1 %)
    h = bengkulu(target_persen=50.0, kekurangan=0, laju_dibutuhkan=0.0, sub_unit_di_bawah_target=0,
                 sub_unit_terendah={"nama": "Kota Bengkulu", "persen": 400 / 7, "tercakup": 4, "desa_kelurahan": 7})
    tp, en = talking_points(h), talking_points(h, "en")
    assert tp[2] == ("Seluruh 10 kabupaten/kota telah mencapai target cakupan 50%; cakupan tertinggi di "
                     "Kab. Rejang Lebong (98,2%) dan terendah di Kota Bengkulu (57,1%).")
    assert en[2] == ("All 10 kabupaten/kota have reached the 50% coverage target; coverage is highest in "
                     "Kab. Rejang Lebong (98.2%) and lowest in Kota Bengkulu (57.1%).")
    assert not any("seluruh desa/kelurahannya" in x for x in tp) and not any("every" in x for x in en)


def test_deadline_today_gets_its_own_sentence():
    # as_of = target_tanggal = 31 July 2024, 191 still to cover (1,513 − 1,322); no month left for a pace
    h = bengkulu(as_of=date(2024, 7, 31), laju_dibutuhkan=None)
    tp, en = talking_points(h), talking_points(h, "en")
    assert tp[1] == ("Batas waktu target mencakup seluruh desa/kelurahan jatuh hari ini (31 Juli 2024); "
                     "masih diperlukan 191 Kampung KB.")
    assert en[1] == ("The deadline for covering every desa/kelurahan is today (31 July 2024); "
                     "191 more Kampung KB are needed.")
    assert not any("per bulan" in x for x in tp) and not any("a month" in x for x in en)
    # a target met on its deadline day is simply met
    assert talking_points(bengkulu(as_of=date(2024, 7, 31), kekurangan=0, target_persen=75.0))[1] == (
        "Target mencakup 75% desa/kelurahan pada 31 Juli 2024 telah tercapai.")


def test_one_sub_unit_below_target_takes_a_singular_verb_in_english():
    assert talking_points(bengkulu(sub_unit_di_bawah_target=1), "en")[3].startswith(
        "1 of 10 kabupaten/kota has not yet covered all its desa/kelurahan;")
    assert talking_points(bengkulu(sub_unit_di_bawah_target=1, target_persen=75.0), "en")[3].startswith(
        "1 of 10 kabupaten/kota is still below the 75% coverage target;")
    assert talking_points(bengkulu(sub_unit_di_bawah_target=1))[3].startswith(
        "Sebanyak 1 dari 10 kabupaten/kota belum mencakup seluruh desa/kelurahannya;")


def test_unknown_language():
    with pytest.raises(ValueError):
        talking_points(bengkulu(), lang="fr")


def test_no_target_in_force_says_nothing_of_pace_or_shortfall():
    # before Inpres 3/2022 with no target in params (kbreport.analysis.targets): coverage and the spread only
    h = bengkulu(as_of=date(2019, 6, 30), target_tanggal=None, target_persen=None, kekurangan=None,
                 laju_dibutuhkan=None, perkiraan_tercapai=None, sub_unit_di_bawah_target=None,
                 rumah_dataku_target_persen=None)
    out = talking_points(h)
    _clean(out)
    text = " ".join(out)
    for w in ("target", "diperlukan", "laju", "2024"):
        assert w not in text, w
    assert "Cakupan desa/kelurahan tertinggi di Kab. Rejang Lebong (98,2%) dan terendah di Kota Bengkulu " \
           "(45,0%)." in out
    en = talking_points(h, "en")
    assert en[1] == "Desa/kelurahan coverage is highest in Kab. Rejang Lebong (98.2%) and lowest in Kota Bengkulu " \
                    "(45.0%)."
    assert not any("target" in s for s in en)


def test_a_needed_pace_is_rounded_up():
    # Indonesia on 31 March 2017: 82,287 desa/kelurahan to go in 93 months = 884.8 a month; at 884 a month
    # 82,212 would be covered by the deadline, 75 short, so the sentence must say 885
    need = 82287 / 93
    tp = talking_points(bengkulu(laju_12_bulan=0.0, perkiraan_tercapai=None, laju_dibutuhkan=need, kekurangan=82287))
    assert tp[2].endswith("dibutuhkan 885 desa/kelurahan per bulan.")
    # one decimal below 10: 3.21 a month needed is 3,3 (not 3,2); an exact 3.3 stays 3,3
    assert talking_points(bengkulu(laju_12_bulan=0.0, perkiraan_tercapai=None, laju_dibutuhkan=3.21))[2].endswith(
        "dibutuhkan 3,3 desa/kelurahan per bulan.")
    assert talking_points(bengkulu(laju_12_bulan=0.0, perkiraan_tercapai=None, laju_dibutuhkan=33 / 10), "en")[2].endswith(
        "needs 3.3 a month.")
