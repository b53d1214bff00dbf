"""Talking points: 3–6 sentences a Kepala Perwakilan can read out, generated from the headline dict.

Input is the dict from `kbreport.analysis.headline` (keys documented in `talking_points`).
A sentence is only said when its figure means something: no "0 dari 0", no NaN, no pace
when the target is already met or its date has passed, "seluruh" when every desa is covered.
All figures go through `kbreport.fmt`.
"""
from __future__ import annotations

from kbreport import fmt
from kbreport.i18n import sub_unit_kind

_SUB_TINGKAT = {"nasional": "provinsi", "provinsi": "kabkota", "kabkota": "kecamatan"}

# Sentence order; an event type moves its own topic up (see talking_points()).
_ORDER = ("coverage", "target", "pace", "sub_units", "rumah_dataku", "outcomes")
_EVENT_ORDER = {
    "fasilitasi": ("coverage", "target", "rumah_dataku", "pace", "sub_units", "outcomes"),
    "mou": ("coverage", "target", "rumah_dataku", "pace", "sub_units", "outcomes"),
    "workshop": ("coverage", "target", "sub_units", "pace", "rumah_dataku", "outcomes"),
    "rakorda": ("coverage", "target", "sub_units", "pace", "rumah_dataku", "outcomes"),
}


# ---------------------------------------------------------------- region names
def _split_kabkota(nama: str, kode: str | None) -> tuple[str, str]:
    """("kabupaten"|"kota"|"", bare name) from "Kab. Lampung Barat", "Kota Bengkulu", ..."""
    n = nama.strip()
    for prefix, kind in (("Kabupaten Administrasi ", "kabupaten"), ("Kab. Adm. ", "kabupaten"),
                         ("Kabupaten ", "kabupaten"), ("Kab. ", "kabupaten"), ("Kab ", "kabupaten"),
                         ("Kota Administrasi ", "kota"), ("Kota Adm. ", "kota"), ("Kota ", "kota")):
        if n.lower().startswith(prefix.lower()):
            return kind, n[len(prefix):].strip()
    if kode:  # Kemendagri: kab/kota 01–69 kabupaten, 71–99 kota
        parts = str(kode).split(".")
        if len(parts) >= 2 and parts[1].isdigit():
            return ("kota" if int(parts[1]) >= 71 else "kabupaten"), n
    return "", n


def _strip(nama: str, prefixes: tuple[str, ...]) -> str:
    n = nama.strip()
    for p in prefixes:
        if n.lower().startswith(p.lower()):
            return n[len(p):].strip()
    return n


def region_name(nama: str, tingkat: str, lang: str = "id", kode: str | None = None) -> str:
    """Full name as said aloud: "Provinsi Bengkulu" / "Bengkulu Province", "Kabupaten Lampung Barat" /
    "Lampung Barat Regency", "Kota Bengkulu" / "Bengkulu City", "Kecamatan Balik Bukit", "Indonesia"."""
    if tingkat == "nasional":
        return "Indonesia"
    if tingkat == "provinsi":
        bare = _strip(nama, ("Provinsi ", "Prov. "))
        return f"Provinsi {bare}" if lang == "id" else f"{bare} Province"
    if tingkat == "kabkota":
        kind, bare = _split_kabkota(nama, kode)
        if lang == "id":
            return {"kabupaten": f"Kabupaten {bare}", "kota": f"Kota {bare}"}.get(kind, bare)
        return {"kabupaten": f"{bare} Regency", "kota": f"{bare} City"}.get(kind, bare)
    if tingkat == "kecamatan":
        return f"Kecamatan {_strip(nama, ('Kecamatan ', 'Kec. '))}"
    return nama


def region_phrase(nama: str, tingkat: str, lang: str = "id", kode: str | None = None) -> str:
    """Where, inside a sentence: "di Provinsi Bengkulu", "secara nasional" / "in Bengkulu Province", "nationally"."""
    if tingkat == "nasional":
        return "secara nasional" if lang == "id" else "nationally"
    return ("di " if lang == "id" else "in ") + region_name(nama, tingkat, lang, kode)


def _region_loc(h: dict, lang: str) -> str:
    # a locative even for Indonesia ("di Indonesia"), for sentences where "secara nasional" reads badly
    if h["tingkat"] == "nasional":
        return "di Indonesia" if lang == "id" else "in Indonesia"
    return region_phrase(h["wilayah_nama"], h["tingkat"], lang, h.get("wilayah_kode"))


# ---------------------------------------------------------------- small helpers
def _ok(x) -> bool:
    return not fmt.is_missing(x)


def _pct_share(part, whole, given, lang) -> str:
    """Share with one decimal, never "100,0%" while something is still missing."""
    if part < whole and fmt.percent(given, lang) == fmt.percent(100, lang):
        return fmt.percent(99.9, lang)
    return fmt.percent(given, lang)


def _target_pct(x, lang) -> str:
    return fmt.percent(x, lang, digits=0 if float(x).is_integer() else 1)


def _target_words(h, lang) -> str:
    t = h["target_persen"]
    if t >= 100:
        return "seluruh desa/kelurahan" if lang == "id" else "every desa/kelurahan"
    return f"{_target_pct(t, lang)} desa/kelurahan" if lang == "id" else f"{_target_pct(t, lang)} of desa/kelurahan"


def _rate(x, lang) -> str:
    if 0 < x < 0.05:
        return ("kurang dari " if lang == "id" else "less than ") + fmt.number(0.1, lang, digits=1)
    return fmt.number(x, lang, digits=0 if x >= 10 else 1)


def _join(items: list[str], lang: str) -> str:
    conj = " dan " if lang == "id" else " and "
    if len(items) <= 2:
        return conj.join(items)
    return ", ".join(items[:-1]) + "," + conj + items[-1]


def _sub_name(nama: str, tingkat_sub: str, lang: str) -> str:
    if tingkat_sub == "provinsi" and lang == "en":
        return _strip(nama, ("Provinsi ", "Prov. "))
    return region_name(nama, tingkat_sub, lang)


# ---------------------------------------------------------------- sentences
def _coverage(h, lang):
    dk, kkb, cov = int(h["desa_kelurahan"]), int(h["kampung_kb"]), int(h["tercakup"])
    when = fmt.date(h["as_of"], lang)
    where = region_phrase(h["wilayah_nama"], h["tingkat"], lang, h.get("wilayah_kode"))
    if dk <= 0:
        if lang == "id":
            return f"Per {when}, belum ada data desa/kelurahan {_region_loc(h, lang)}."
        return f"As of {when}, there are no desa/kelurahan data {_region_loc(h, lang)}."
    if kkb <= 0:
        if lang == "id":
            return (f"Per {when}, belum ada satu pun dari {fmt.number(dk, lang)} desa/kelurahan "
                    f"{_region_loc(h, lang)} yang memiliki Kampung KB.")
        return (f"As of {when}, none of the {fmt.number(dk, lang)} desa/kelurahan "
                f"{_region_loc(h, lang)} had a Kampung KB yet.")
    if cov >= dk:
        reach = (f"mencakup seluruh {fmt.number(dk, lang)} desa/kelurahan" if lang == "id"
                 else f"covering all {fmt.number(dk, lang)} desa/kelurahan")
    else:
        share = _pct_share(cov, dk, h["cakupan_persen"], lang)
        reach = (f"mencakup {fmt.number(cov, lang)} dari {fmt.number(dk, lang)} desa/kelurahan ({share})"
                 if lang == "id" else
                 f"covering {fmt.number(cov, lang)} of {fmt.number(dk, lang)} desa/kelurahan ({share})")
    if lang == "id":
        return f"Per {when}, {fmt.number(kkb, lang)} Kampung KB telah terbentuk {where}, {reach}."
    return f"As of {when}, {fmt.number(kkb, lang)} Kampung KB had been formed {where}, {reach}."


def _target(h, lang):
    if int(h["desa_kelurahan"]) <= 0 or not _ok(h.get("target_persen")) or not _ok(h.get("target_tanggal")):
        return None
    need, words = int(h["kekurangan"]), _target_words(h, lang)
    by = fmt.date(h["target_tanggal"], lang)
    if need <= 0:
        if lang == "id":
            return f"Target mencakup {words} pada {by} telah tercapai."
        return f"The target of covering {words} by {by} has been met."
    n = fmt.number(need, lang)
    late = fmt.as_date(h["as_of"]) > fmt.as_date(h["target_tanggal"])
    if lang == "id":
        if late:
            return f"Target mencakup {words} pada {by} belum tercapai; masih diperlukan {n} Kampung KB."
        return f"Untuk mencakup {words} pada {by} masih diperlukan {n} Kampung KB."
    verb = "is" if need == 1 else "are"
    if late:
        return f"The target of covering {words} by {by} has not been met; {n} more Kampung KB {verb} needed."
    return f"To cover {words} by {by}, {n} more Kampung KB {verb} needed."


def _pace(h, lang):
    if int(h["desa_kelurahan"]) <= 0 or int(h["kekurangan"]) <= 0 or not _ok(h.get("laju_dibutuhkan")):
        return None
    if not _ok(h.get("target_tanggal")) or fmt.as_date(h["as_of"]) >= fmt.as_date(h["target_tanggal"]):
        return None
    need = _rate(float(h["laju_dibutuhkan"]), lang)
    pace = h.get("laju_12_bulan")
    eta = h.get("perkiraan_tercapai")
    if _ok(pace) and float(pace) > 0 and _ok(eta):
        p, m = _rate(float(pace), lang), fmt.month_year(eta, lang)
        on_time = fmt.as_date(eta) <= fmt.as_date(h["target_tanggal"])
        if lang == "id":
            lead = f"Dengan laju 12 bulan terakhir, rata-rata {p} desa/kelurahan baru per bulan, target diperkirakan"
            if on_time:
                return f"{lead} tercapai pada {m}, tepat waktu."
            return f"{lead} baru tercapai pada {m}; agar tepat waktu dibutuhkan {need} desa/kelurahan per bulan."
        lead = f"At the pace of the last 12 months, an average of {p} desa/kelurahan a month, the target would"
        if on_time:
            return f"{lead} be reached in {m}, on schedule."
        return f"{lead} only be reached in {m}; meeting it on time needs {need} desa/kelurahan a month."
    if _ok(pace) and float(pace) > 0:
        p = _rate(float(pace), lang)
        if lang == "id":
            return (f"Dalam 12 bulan terakhir rata-rata {p} desa/kelurahan baru tercakup setiap bulan, "
                    f"sedangkan untuk mencapai target dibutuhkan {need} desa/kelurahan per bulan.")
        return (f"Over the last 12 months an average of {p} desa/kelurahan were newly covered each month, "
                f"while meeting the target needs {need} a month.")
    if _ok(pace):  # zero: nothing new in a year
        if lang == "id":
            return (f"Dalam 12 bulan terakhir tidak ada desa/kelurahan baru yang tercakup, "
                    f"sedangkan untuk mencapai target dibutuhkan {need} desa/kelurahan per bulan.")
        return (f"No desa/kelurahan were newly covered in the last 12 months, "
                f"while meeting the target needs {need} a month.")
    if lang == "id":
        return f"Untuk mencapai target dibutuhkan rata-rata {need} desa/kelurahan baru per bulan."
    return f"Meeting the target needs an average of {need} newly covered desa/kelurahan a month."


def _sub_units(h, lang):
    n = h.get("sub_unit_jumlah")
    below = h.get("sub_unit_di_bawah_target")
    sub_t = _SUB_TINGKAT.get(h["tingkat"])
    if not _ok(n) or int(n) < 2 or not _ok(below) or sub_t is None or not _ok(h.get("target_persen")):
        return None
    n, below = int(n), int(below)
    kind = sub_unit_kind(h["tingkat"], lang)
    full = h["target_persen"] >= 100
    t = _target_pct(h["target_persen"], lang)
    N = fmt.number(n, lang)
    if lang == "id":
        if below == 0:
            head = (f"Seluruh {N} {kind} telah mencakup seluruh desa/kelurahannya" if full
                    else f"Seluruh {N} {kind} telah mencapai target cakupan {t}")
        elif below >= n:
            head = (f"Belum ada {kind} yang mencakup seluruh desa/kelurahannya" if full
                    else f"Semua {N} {kind} masih di bawah target cakupan {t}")
        else:
            head = (f"Sebanyak {fmt.number(below, lang)} dari {N} {kind} belum mencakup seluruh desa/kelurahannya"
                    if full else f"Sebanyak {fmt.number(below, lang)} dari {N} {kind} masih di bawah target cakupan {t}")
    else:
        if below == 0:
            head = (f"All {N} {kind} have covered every one of their desa/kelurahan" if full
                    else f"All {N} {kind} have reached the {t} coverage target")
        elif below >= n:
            head = (f"None of the {N} {kind} has covered all its desa/kelurahan yet" if full
                    else f"All {N} {kind} are still below the {t} coverage target")
        else:
            head = (f"{fmt.number(below, lang)} of {N} {kind} have not yet covered all their desa/kelurahan"
                    if full else f"{fmt.number(below, lang)} of {N} {kind} are still below the {t} coverage target")
    hi, lo = h.get("sub_unit_tertinggi"), h.get("sub_unit_terendah")
    if (isinstance(hi, dict) and isinstance(lo, dict) and _ok(hi.get("persen")) and _ok(lo.get("persen"))
            and hi.get("nama") and lo.get("nama") and hi["nama"] != lo["nama"]
            and fmt.percent(hi["persen"], lang) != fmt.percent(lo["persen"], lang)):
        hn, ln = _sub_name(hi["nama"], sub_t, lang), _sub_name(lo["nama"], sub_t, lang)
        hp, lp = fmt.percent(hi["persen"], lang), fmt.percent(lo["persen"], lang)
        if lang == "id":
            return f"{head}; cakupan tertinggi di {hn} ({hp}) dan terendah di {ln} ({lp})."
        return f"{head}; coverage is highest in {hn} ({hp}) and lowest in {ln} ({lp})."
    return head + "."


def _rumah_dataku(h, lang):
    kkb = int(h["kampung_kb"])
    rdk = h.get("rumah_dataku")
    if kkb <= 0 or not _ok(rdk) or not _ok(h.get("rumah_dataku_persen")):
        return None
    rdk = int(rdk)
    tgt = h.get("rumah_dataku_target_persen")
    t = _target_pct(tgt, lang) if _ok(tgt) else None
    K = fmt.number(kkb, lang)
    if rdk <= 0:
        if lang == "id":
            return "Belum ada Kampung KB yang memiliki Rumah DataKu" + (f", sementara targetnya {t}." if t else ".")
        return "No Kampung KB has a Rumah DataKu yet" + (f", against a target of {t}." if t else ".")
    if rdk >= kkb:
        if lang == "id":
            return f"Seluruh {K} Kampung KB telah memiliki Rumah DataKu."
        return f"All {K} Kampung KB have a Rumah DataKu."
    share = _pct_share(rdk, kkb, h["rumah_dataku_persen"], lang)
    R = fmt.number(rdk, lang)
    if lang == "id":
        s = f"Rumah DataKu telah terbentuk di {R} dari {K} Kampung KB ({share})"
        if t:
            p = float(h["rumah_dataku_persen"])
            s += (f", masih di bawah target {t}" if p < tgt else
                  f", telah memenuhi target {t}" if p == tgt else f", melampaui target {t}")
        return s + "."
    s = f"Rumah DataKu has been formed in {R} of {K} Kampung KB ({share})"
    if t:
        p = float(h["rumah_dataku_persen"])
        s += (f", still below the {t} target" if p < tgt else
              f", meeting the {t} target" if p == tgt else f", above the {t} target")
    return s + "."


def _outcomes(h, lang):
    if int(h["kampung_kb"]) <= 0:
        return None
    if lang == "id":
        words = {"cpr": "CPR {}", "mkjp": "MKJP {} dari peserta KB", "unmet": "unmet need {}",
                 "partisipasi_poktan": "partisipasi poktan {}"}
    else:
        words = {"cpr": "a CPR of {}", "mkjp": "long-acting methods (MKJP) at {} of users",
                 "unmet": "unmet need of {}", "partisipasi_poktan": "poktan participation of {}"}
    parts = [w.format(fmt.percent(h[k], lang)) for k, w in words.items() if _ok(h.get(k))]
    if not parts:
        return None
    if lang == "id":
        return f"Di Kampung KB tercatat {_join(parts, lang)}."
    return f"Kampung KB report {_join(parts, lang)}."


_SENTENCES = {"coverage": _coverage, "target": _target, "pace": _pace, "sub_units": _sub_units,
              "rumah_dataku": _rumah_dataku, "outcomes": _outcomes}


def _event_kind(event) -> str | None:
    if event is None:
        return None
    if isinstance(event, str):
        return event
    if isinstance(event, dict):
        return event.get("jenis")
    return getattr(event, "jenis", None)


def talking_points(h: dict, lang: str = "id", event=None) -> list[str]:
    """Sentences for a briefing, in `lang` ("id" or "en").

    `h` is the headline dict: wilayah_kode, wilayah_nama, tingkat ("nasional"|"provinsi"|"kabkota"),
    as_of, desa_kelurahan, desa, kelurahan, tercakup, kampung_kb, cakupan_persen (0–100),
    target_tanggal, target_persen, kekurangan (desa still needed), rumah_dataku, rumah_dataku_persen
    (share of Kampung KB or None), rumah_dataku_target_persen, laju_12_bulan, laju_dibutuhkan (per month
    or None), perkiraan_tercapai (date or None), cpr, mkjp, unmet, partisipasi_poktan (percent or None),
    sub_unit_jumlah, sub_unit_di_bawah_target, sub_unit_tertinggi / sub_unit_terendah ({"nama", "persen"}
    or None).

    `event` (a params dict/object with "jenis", or the jenis itself) moves that event type's topic
    forward: Rumah DataKu for fasilitasi and mou, the sub-unit ranking for workshop and rakorda.
    Returns at most six sentences; fewer when figures are missing (an empty region gives one).
    """
    if lang not in fmt.LANGS:
        raise ValueError(f"unknown language {lang!r}: use 'id' or 'en'")
    order = _EVENT_ORDER.get(_event_kind(event), _ORDER)
    out = [s for s in (_SENTENCES[k](h, lang) for k in order) if s]
    if int(h["desa_kelurahan"]) <= 0:
        return out[:1]  # nothing else is meaningful for a region without desa
    return out[:6]
