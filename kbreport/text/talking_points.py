"""Talking points: 3–6 sentences a Kepala Perwakilan can read out, generated from the headline dict.

Input is the dict from `kbreport.analysis.headline` (keys documented in `talking_points`).
A sentence is only said when its figure means something: no "0 dari 0", no NaN, no pace
when the target is already met or its date has come, "seluruh" only when every desa is covered;
percentages come from the counts (fmt.percent_of), ties are named, projections past the deadline are
said to be straight lines.
All figures go through `kbreport.text.fmt`.
"""
from __future__ import annotations


from kbreport.text import fmt
from kbreport.text.i18n import sub_unit_kind

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
    """Full name as said aloud: "Provinsi Bengkulu" / "Bengkulu Province", "Kecamatan Balik Bukit",
    "Indonesia"; a kab/kota in both languages as the master (the decree) writes it, as charts and tables
    print it: "Kab. Lampung Barat", "Kota Adm. Jakarta Selatan", "Kota Bengkulu"."""
    if tingkat == "nasional":
        return "Indonesia"
    if tingkat == "provinsi":
        bare = _strip(nama, ("Provinsi ", "Prov. "))
        return f"Provinsi {bare}" if lang == "id" else f"{bare} Province"
    if tingkat == "kabkota":  # one form in charts and text: the master's, as the decree writes it
        kind, bare = _split_kabkota(nama, kode)
        if kind and bare != nama.strip():
            return nama.strip()  # "Kab. Bengkulu Utara", "Kota Adm. Jakarta Selatan"
        return {"kabupaten": f"Kab. {bare}", "kota": f"Kota {bare}"}.get(kind, bare)
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


def _need_rate(x, lang) -> str:
    """A pace that is needed, rounded up at the precision shown: 884.8 a month is "885", 3.21 is "3,3"
    (at the rounded-down figure the target would be missed)."""
    return fmt.number_up(x, lang, digits=0 if x >= 10 else 1)


def _join(items: list[str], lang: str) -> str:
    conj = " dan " if lang == "id" else " and "
    if len(items) <= 2:
        return conj.join(items)
    return ", ".join(items[:-1]) + "," + conj + items[-1]


def name_ties(names: list[str], kind: str, lang: str) -> str:
    """Sub-units sharing one figure, as said aloud: "A", "A dan B", "A dan 2 kecamatan lain" /
    "A", "A and B", "A and 2 other kecamatan" (`kind` is the plural sub-unit word)."""
    if len(names) <= 2:
        return (" dan " if lang == "id" else " and ").join(names)
    n = fmt.number(len(names) - 1, lang)
    return f"{names[0]} dan {n} {kind} lain" if lang == "id" else f"{names[0]} and {n} other {kind}"


def _sub_pct(d: dict, lang: str) -> str | None:
    # from the counts when the headline carries them (exact rounding), else the given percentage
    if _ok(d.get("tercakup")) and _ok(d.get("desa_kelurahan")):
        return fmt.percent_of(d["tercakup"], d["desa_kelurahan"], lang)
    return fmt.percent(d["persen"], lang) if _ok(d.get("persen")) else None


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
        share = fmt.percent_of(cov, dk, lang)
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
    today = fmt.as_date(h["as_of"]) == fmt.as_date(h["target_tanggal"])  # no month left: no pace sentence
    if lang == "id":
        if today:
            return f"Batas waktu target mencakup {words} jatuh hari ini ({by}); masih diperlukan {n} Kampung KB."
        if late:
            return f"Target mencakup {words} pada {by} belum tercapai; masih diperlukan {n} Kampung KB."
        return f"Untuk mencakup {words} pada {by} masih diperlukan {n} Kampung KB."
    verb = "is" if need == 1 else "are"
    if today:
        return f"The deadline for covering {words} is today ({by}); {n} more Kampung KB {verb} needed."
    if late:
        return f"The target of covering {words} by {by} has not been met; {n} more Kampung KB {verb} needed."
    return f"To cover {words} by {by}, {n} more Kampung KB {verb} needed."


def _pace(h, lang):
    # no target in force (kekurangan None): no pace to speak of
    if not _ok(h.get("kekurangan")) or int(h["desa_kelurahan"]) <= 0 or int(h["kekurangan"]) <= 0 \
            or not _ok(h.get("laju_dibutuhkan")):
        return None
    # no month left: on the deadline day _target says it is today, after it that it was missed
    if not _ok(h.get("target_tanggal")) or fmt.as_date(h["as_of"]) >= fmt.as_date(h["target_tanggal"]):
        return None
    need = _need_rate(float(h["laju_dibutuhkan"]), lang)
    pace = h.get("laju_12_bulan")
    eta = h.get("perkiraan_tercapai")
    if _ok(pace) and float(pace) > 0 and _ok(eta):
        p, m = _rate(float(pace), lang), fmt.month_year(eta, lang)
        on_time = fmt.as_date(eta) <= fmt.as_date(h["target_tanggal"])
        if lang == "id":
            if on_time:
                return (f"Dengan laju 12 bulan terakhir, rata-rata {p} desa/kelurahan baru per bulan, "
                        f"target diperkirakan tercapai pada {m}, tepat waktu.")
            return (f"Jika laju 12 bulan terakhir (rata-rata {p} desa/kelurahan per bulan) berlanjut lurus, "
                    f"target baru tercapai sekitar {m}; agar tepat waktu dibutuhkan {need} desa/kelurahan per bulan.")
        if on_time:
            return (f"At the pace of the last 12 months, an average of {p} desa/kelurahan a month, "
                    f"the target would be reached in {m}, on schedule.")
        return (f"If the pace of the last 12 months (an average of {p} desa/kelurahan a month) continued in a "
                f"straight line, the target would only be reached around {m}; meeting it on time needs {need} "
                f"desa/kelurahan a month.")
    if _ok(pace) and float(pace) > 0:  # no date: the straight line lies years past the deadline (trend.py)
        p = _rate(float(pace), lang)
        if lang == "id":
            return (f"Dalam 12 bulan terakhir rata-rata {p} desa/kelurahan baru tercakup setiap bulan, dan dengan "
                    f"laju ini target tidak tercapai dalam beberapa tahun; agar tepat waktu dibutuhkan {need} "
                    f"desa/kelurahan per bulan.")
        return (f"Over the last 12 months an average of {p} desa/kelurahan were newly covered each month, and at "
                f"this pace the target would not be reached for several years; meeting it on time needs {need} "
                f"desa/kelurahan a month.")
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
    if not _ok(n) or int(n) < 2 or sub_t is None:
        return None
    if not _ok(h.get("target_persen")):  # no target in force: the spread alone
        return _spread(h, sub_t, lang)
    if not _ok(below):
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
            one = below == 1  # "1 of 10 kabupaten/kota has", not "have"
            head = (f"{fmt.number(below, lang)} of {N} {kind} {'has' if one else 'have'} not yet covered all "
                    f"{'its' if one else 'their'} desa/kelurahan" if full else
                    f"{fmt.number(below, lang)} of {N} {kind} {'is' if one else 'are'} still below the {t} coverage target")
    hi, lo = h.get("sub_unit_tertinggi"), h.get("sub_unit_terendah")
    if isinstance(hi, dict) and isinstance(lo, dict) and hi.get("nama") and lo.get("nama") and hi["nama"] != lo["nama"]:
        hp, lp = _sub_pct(hi, lang), _sub_pct(lo, lang)
        if hp and lp and hp != lp:
            hn, ln = (name_ties([_sub_name(x, sub_t, lang) for x in (d["nama"], *(d.get("lainnya") or ()))],
                                kind, lang) for d in (hi, lo))
            if lang == "id":
                return f"{head}; cakupan tertinggi di {hn} ({hp}) dan terendah di {ln} ({lp})."
            return f"{head}; coverage is highest in {hn} ({hp}) and lowest in {ln} ({lp})."
    return head + "."


def _spread(h, sub_t, lang):
    """Highest and lowest coverage among the sub-units, without a target (None when nothing stands out)."""
    kind = sub_unit_kind(h["tingkat"], lang)
    hi, lo = h.get("sub_unit_tertinggi"), h.get("sub_unit_terendah")
    if not (isinstance(hi, dict) and isinstance(lo, dict) and hi.get("nama") and lo.get("nama")):
        return None
    hp, lp = _sub_pct(hi, lang), _sub_pct(lo, lang)
    if not hp or not lp or hp == lp:
        return None
    hn, ln = (name_ties([_sub_name(x, sub_t, lang) for x in (d["nama"], *(d.get("lainnya") or ()))], kind, lang)
              for d in (hi, lo))
    if lang == "id":
        return f"Cakupan desa/kelurahan tertinggi di {hn} ({hp}) dan terendah di {ln} ({lp})."
    return f"Desa/kelurahan coverage is highest in {hn} ({hp}) and lowest in {ln} ({lp})."


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
    share = fmt.percent_of(rdk, kkb, lang)
    R = fmt.number(rdk, lang)
    # compared on the exact share: 3 of 4 meets a 75 % target, whatever the float says
    p, goal = fmt.exact(rdk) * 100 / kkb, fmt.exact(tgt) if t else None
    if lang == "id":
        s = f"Rumah DataKu telah terbentuk di {R} dari {K} Kampung KB ({share})"
        if t:
            s += (f", masih di bawah target {t}" if p < goal else
                  f", telah memenuhi target {t}" if p == goal else f", melampaui target {t}")
        return s + "."
    s = f"Rumah DataKu has been formed in {R} of {K} Kampung KB ({share})"
    if t:
        s += (f", still below the {t} target" if p < goal else
              f", meeting the {t} target" if p == goal else f", above the {t} target")
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
    from kbreport.text.periods import period_label

    when = period_label(h, "kkbpk", lang)  # the month the figures come from, when the headline says
    tail = f" ({when})" if when else ""
    if lang == "id":
        return f"Di Kampung KB tercatat {_join(parts, lang)}{tail}."
    return f"Kampung KB report {_join(parts, lang)}{tail}."


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
    sub_unit_jumlah, sub_unit_di_bawah_target, sub_unit_tertinggi / sub_unit_terendah ({"nama", "persen",
    optionally "tercakup", "desa_kelurahan" and "lainnya": the sub-units tied with "nama"} or None).
    A pace above 0 with no perkiraan_tercapai means the straight line reaches the target years after
    target_tanggal (kbreport.analysis.trend): the sentence then says the pace does not reach it.

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
