"""Independent recomputation of a region briefing from the raw CSVs (plain pandas, documented rules only).

Run (from the repository root):

    PYTHONPATH=$PWD .venv/bin/python bench/recompute.py DATA_DIR REPORT_DIR [REPORT_DIR ...]

REPORT_DIR holds a built `laporan: wilayah` report (figures.json + briefing.html). The script reads the
region master from its documented format (docs/wilayah.md: today's decree in full plus the older decrees as
diffs), applies the rules of docs/data-model.md ("History") and docs/wilayah.md (decree in force, code
translation) to the CSVs, and compares every headline figure, the cards, the talking points and the tables of
the HTML with what those rules give. Every mismatch is printed as `MISMATCH <where>: report <x> | rules <y>`;
talking-point numbers it has no rule for are printed as `UNCHECKED`. It reads none of kbreport's analysis code.
"""
from __future__ import annotations

import gzip
import json
import math
import re
import sys
from datetime import date, timedelta
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "kbreport" / "data"
# docs/wilayah.md, "The decrees and their dates": stem, used from (newest last).
DECREES = [
    ("permendagri-56-2015", date(2015, 6, 29)),
    ("permendagri-137-2017", date(2017, 12, 27)),
    ("permendagri-72-2019", date(2019, 10, 8)),
    ("permendagri-58-2021", date(2022, 2, 14)),
    ("kepmendagri-100.1.1-6117-2022", date(2022, 11, 9)),
    ("kepmendagri-300.2.2-2430-2025", date(2025, 4, 25)),
]
HALFWAY: list = []  # exact .x5 cases met (round half up matters only there)
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember"]


# ---------------------------------------------------------------- master, from its documented files
def _read_masters() -> dict[str, pd.DataFrame]:
    today = pd.read_csv(DATA / "wilayah-kepmendagri-300.2.2-2430-2025.csv.gz", dtype=str, keep_default_na=False)
    diffs = pd.read_csv(DATA / "wilayah-decree-diffs.csv.gz", dtype=str, keep_default_na=False)
    cur = {r.kode: (r.nama_resmi, r.nama or r.nama_resmi) for r in today.itertuples()}
    out = {DECREES[-1][0]: cur}
    for stem, _ in reversed(DECREES[:-1]):
        cur = dict(cur)
        for r in diffs[diffs.decree == stem].itertuples():
            if r.op == "-":
                cur.pop(r.kode, None)
        for r in diffs[diffs.decree == stem].itertuples():
            if r.op == "+":
                cur[r.kode] = (r.nama_resmi, r.nama or r.nama_resmi)
        out[stem] = cur
    frames = {}
    for stem, d in out.items():
        df = pd.DataFrame([(k, v[0], v[1]) for k, v in d.items()], columns=["kode", "nama_resmi", "nama"])
        df["seg"] = df.kode.str.count(r"\.") + 1
        frames[stem] = df.set_index("kode").sort_index()
    return frames


def decree_in_force(day: date) -> str:
    stem = DECREES[0][0]
    for s, start in DECREES:
        if start <= day:
            stem = s
    return stem


def _norm(name: str) -> str:
    n = name.lower().strip()
    n = re.sub(r"^(kabupaten|kab\.?)\s*", "", n)
    return re.sub(r"[^0-9a-z]", "", n)


def translate(codes: pd.Series, src: pd.DataFrame, dst: pd.DataFrame) -> pd.Series:
    """docs/wilayah.md rules 1-3: same code (same desa or kab/kota name), else unique name triple, else NA."""
    def triple(m, k):
        p = k.split(".")
        try:
            return (_norm(m.at[".".join(p[:2]), "nama_resmi"]), _norm(m.at[".".join(p[:3]), "nama_resmi"]),
                    _norm(m.at[k, "nama_resmi"]))
        except KeyError:
            return None
    dst_desa = dst[dst.seg == 4]
    dst_tr: dict = {}
    for k in dst_desa.index:
        dst_tr.setdefault(triple(dst, k), []).append(k)
    src_tr: dict = {}
    for k in src[src.seg == 4].index:
        src_tr.setdefault(triple(src, k), []).append(k)
    out = {}
    for k in codes.dropna().unique():
        if k in dst_desa.index and k in src.index:
            kab = k[:5]
            same_desa = _norm(src.at[k, "nama_resmi"]) == _norm(dst.at[k, "nama_resmi"])
            same_kab = kab in dst.index and _norm(src.at[kab, "nama_resmi"]) == _norm(dst.at[kab, "nama_resmi"])
            if same_desa or same_kab:
                out[k] = k
                continue
        t = triple(src, k) if k in src.index else None
        if t and len(src_tr.get(t, [])) == 1 and len(dst_tr.get(t, [])) == 1:
            out[k] = dst_tr[t][0]
        else:
            out[k] = None
    return codes.map(out)


# ---------------------------------------------------------------- data and the as-of rules
def load(data: Path):
    kkb = pd.read_csv(data / "kampung_kb.csv", dtype=str, keep_default_na=False)
    prof = pd.read_csv(data / "profil.csv", dtype=str, keep_default_na=False)
    kk = pd.read_csv(data / "kkbpk.csv", dtype=str, keep_default_na=False)
    dc = pd.read_csv(data / "desa_cantik.csv", dtype=str, keep_default_na=False)
    for c in ("tanggal_pencanangan", "tanggal_nonaktif"):
        kkb[c] = pd.to_datetime(kkb[c].replace("", None))
    prof["rumah_dataku_tanggal"] = pd.to_datetime(prof["rumah_dataku_tanggal"].replace("", None))
    for t in (prof, kk):
        t["periode"] = pd.to_datetime(t["periode"].replace("", None), format="%Y-%m")
    for c in kk.columns[2:]:
        kk[c] = kk[c].astype(int)
    return kkb, prof, kk, dc


def month_ended(day: date) -> pd.Timestamp:
    """First day of the latest month that has ended on or before `day` (31 Mar ends March, 7 Mar does not)."""
    nxt = (pd.Timestamp(day) + pd.Timedelta(days=1))
    return pd.Timestamp(nxt.year, nxt.month, 1) - pd.offsets.MonthBegin(1)


def in_force(tab: pd.DataFrame, ids: pd.Index, day: date) -> pd.DataFrame:
    last = month_ended(day)
    t = tab[tab.kampung_kb_id.isin(ids) & (tab.periode <= last)]
    return t.sort_values("periode").groupby("kampung_kb_id").tail(1).set_index("kampung_kb_id")


def pct(num: int, den: int) -> float | None:
    """Round half up on the exact fraction, one decimal."""
    if den == 0:
        return None
    f = Fraction(1000 * num, den)
    if f.denominator == 2:
        HALFWAY.append((num, den))
    return math.floor(f + Fraction(1, 2)) / 10


def shortfall(target: float, n: int, covered: int) -> int:
    need = math.ceil(Fraction(str(target)) * n / 100)
    return max(need - covered, 0)


def recompute(data_dir: Path, fig: dict, masters: dict, cache: dict) -> dict:
    if "data" not in cache:
        cache["data"] = load(data_dir)
    kkb, prof, kk, dc = cache["data"]
    day = date.fromisoformat(fig["as_of"])
    ts = pd.Timestamp(day)
    stem = decree_in_force(day)
    m = masters[stem]
    # the export's decree: the one holding most of its distinct desa codes (ties: newer)
    codes = set(kkb.kode_desa) | set(dc.kode_desa)
    src_stem = max([s for s, _ in DECREES][::-1], key=lambda s: len(codes & set(masters[s].index)))
    key = (src_stem, stem)
    if key not in cache:
        cache[key] = translate(kkb.kode_desa, masters[src_stem], m) if src_stem != stem else kkb.kode_desa
    kkb = kkb.assign(kode=cache[key])
    active = (kkb.tanggal_pencanangan <= ts) & ((kkb.aktif == "ya") |
                                                (kkb.tanggal_nonaktif.notna() & (kkb.tanggal_nonaktif > ts)))
    reg = fig["wilayah"]["kode"] or ""
    a = kkb[active & kkb.kode.notna()]
    unplaced = int((active & kkb.kode.isna()).sum())
    a = a[a.kode.str.startswith(reg + "." if reg else "")]
    desa = m[(m.seg == 4) & m.index.str.startswith(reg + "." if reg else "")]
    pr = in_force(prof, a.id, day)
    rdk_ids = pr.index[(pr.rumah_dataku == "ada") & pr.rumah_dataku_tanggal.notna() & (pr.rumah_dataku_tanggal <= ts)]
    kb = in_force(kk, a.id, day)
    seg = reg.count(".") + 2 if reg else 1
    sub_len = {1: 2, 2: 5, 3: 8}[seg]
    kec = m[(m.seg == 3) & m.index.str.startswith(reg + "." if reg else "")]
    tgt = (fig.get("target") or {}).get("persen")
    rdk_tgt = None
    rows = []
    for code in sorted(m[(m.seg == seg) & m.index.str.startswith(reg + "." if reg else "")].index):
        d = desa[desa.index.str.startswith(code + ".")]
        s = a[a.kode.str.startswith(code + ".")]
        cov = s.kode.nunique()
        r = dict(kode=code, nama=m.at[code, "nama"], desa=len(d), kampung_kb=len(s), tercakup=cov,
                 cakupan=pct(cov, len(d)), rdk=int(s.id.isin(rdk_ids).sum()))
        r["rdk_pct"] = pct(r["rdk"], r["kampung_kb"])
        r["kekurangan"] = shortfall(tgt, len(d), cov) if tgt is not None else None
        r["kec"] = int((kec.index.str.startswith(code + ".") | (kec.index == code)).sum())
        r["kec_tercakup"] = a.kode.str[:8][a.kode.str.startswith(code + ".")].nunique() if seg < 4 else None
        rows.append(r)
        k = kb[kb.index.isin(s.id)]
        r.update(_outcomes(k))
    sub = pd.DataFrame(rows)
    cov = a.kode.nunique()
    out = dict(
        master_wilayah=stem, desa_kelurahan=len(desa), desa_kelurahan_tercakup=cov, kampung_kb=len(a),
        cakupan_persen=pct(cov, len(desa)), rumah_dataku=int(a.id.isin(rdk_ids).sum()),
        kecamatan=len(kec), kecamatan_tercakup=a.kode.str[:8].nunique(),
        kkbpk_periode=kb.periode.max().strftime("%Y-%m") if len(kb) else None,
        profil_periode=pr.periode.max().strftime("%Y-%m") if len(pr) else None,
        kekurangan=shortfall(tgt, len(desa), cov) if tgt is not None else None,
        _unplaced=unplaced, _sub=sub, _kb_min=kb.periode.min() if len(kb) else None,
        _pr_min=pr.periode.min() if len(pr) else None, _without_kkbpk=len(a) - len(kb), _rdk_tgt=rdk_tgt,
        **_outcomes(kb),
    )
    # pace: desa covered now minus 12 months earlier, per month; needed: shortfall over the months left
    yr = pd.Timestamp(day) - pd.DateOffset(months=12)
    before = kkb[(kkb.tanggal_pencanangan <= yr) & ((kkb.aktif == "ya") | (kkb.tanggal_nonaktif.notna() & (kkb.tanggal_nonaktif > yr)))]
    before = before[before.kode.notna() & before.kode.str.startswith(reg + "." if reg else "")]
    # "baru tercakup": covered now and not 12 months earlier (net change differs when a Kampung KB stopped)
    out["_pace"] = len(set(a.kode) - set(before.kode)) / 12
    out["_pace_net"] = (cov - before.kode.nunique()) / 12
    tt = (fig.get("target") or {}).get("tanggal")
    if tt and out["kekurangan"] is not None:
        tt = date.fromisoformat(tt)
        # calendar months left: whole months (month-end to month-end from a month's last day), then the days
        # over as a share of the month they fall in; enough per month to close the gap in them, rounded up
        month_end = (day + timedelta(days=1)).day == 1
        step = (lambda k: (pd.Timestamp(day) + pd.offsets.MonthEnd(k)).date()) if month_end else \
            (lambda k: (pd.Timestamp(day) + pd.DateOffset(months=k)).date())
        k = 0
        while step(k + 1) <= tt:
            k += 1
        months = Fraction(k) + Fraction((tt - step(k)).days, (step(k + 1) - step(k)).days)
        out["_needed"] = math.ceil(Fraction(out["kekurangan"]) / months) if months > 0 else None
    out["_proj"] = None
    if out.get("kekurangan") and out["_pace"] > 0:
        # straight line: the shortfall at the pace of the last 12 months, in days of an average month
        t = pd.Timestamp(day) + pd.Timedelta(days=float(out["kekurangan"] / out["_pace"] * 365.25 / 12))
        out["_proj"] = f"{BULAN[t.month - 1]} {t.year}"
    dcs = dc[dc.kode_desa.str.startswith(reg + "." if reg else "")]
    dct = pd.to_datetime(dcs.tanggal_pembentukan.replace("", None))
    dct = dct.fillna(pd.to_datetime(dcs.tahun + "-12-31"))
    out["desa_cantik"] = int((dct <= ts).sum())
    return out


def _outcomes(k: pd.DataFrame) -> dict:
    if len(k) == 0:
        return dict(pus=0, peserta=0, cpr=None, mkjp=None, unmet=None, poktan=None)
    kbc = ["kb_iud", "kb_mow", "kb_mop", "kb_implan", "kb_suntik", "kb_pil", "kb_kondom"]
    pes = int(k[kbc].sum().sum())
    pus = int(k.pus.sum())
    mk = int(k[["kb_iud", "kb_mow", "kb_mop", "kb_implan"]].sum().sum())
    return dict(pus=pus, peserta=pes, cpr=pct(pes, pus), mkjp=pct(mk, pes), unmet=pct(int(k.tkb_iat.sum() + k.tkb_tial.sum()), pus),
                poktan=pct(int(k.peserta_poktan.sum()), int(k.keluarga_poktan.sum())))


# ---------------------------------------------------------------- the HTML
class _Doc(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cards, self.points, self.tables, self.captions, self.texts = [], [], [], [], []
        self._cls, self._buf, self._skip, self._row, self._tab, self._cap = [], None, 0, None, None, None

    def handle_starttag(self, tag, attrs):
        c = dict(attrs).get("class", "") or ""
        self._cls.append((tag, c))
        if tag in ("style", "script"):
            self._skip += 1
        if "kb-card-label" in c or "kb-card-value" in c or "kb-card-sub" in c or tag in ("li", "td", "th", "figcaption", "p"):
            self._buf = []
        if "kb-card" == c.split(" ")[0] and tag == "div":
            self.cards.append({})
        if tag == "table":
            self._tab = {"caption": self._cap, "rows": []}
        if tag == "tr":
            self._row = []
        if tag == "img":
            self.captions.append(dict(attrs).get("alt", ""))

    def handle_endtag(self, tag):
        t, c = self._cls.pop() if self._cls else ("", "")
        if tag in ("style", "script"):
            self._skip -= 1
        text = "".join(self._buf).strip() if self._buf is not None else None
        for k in ("label", "value", "sub"):
            if f"kb-card-{k}" in c and self.cards:
                self.cards[-1][k] = text
        if tag == "li":
            self.points.append(text)
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(text)
        elif tag == "figcaption":
            self._cap = text
            self.captions.append(text)
        elif tag == "p" and text:
            self.texts.append(text)
        elif tag == "tr" and self._tab is not None:
            self._tab["rows"].append(self._row)
        elif tag == "table":
            self.tables.append(self._tab)
            self._tab = None
        if tag in ("li", "td", "th", "figcaption", "p", "div"):
            self._buf = None if tag != "div" else self._buf

    def handle_data(self, d):
        if not self._skip and self._buf is not None:
            self._buf.append(d)


def num(s: str) -> float | None:
    s = s.strip().replace("\u2212", "-").removeprefix("+")
    m = re.fullmatch(r"(-?[\d.]+(?:,\d+)?)\s*%?", s)
    if not m:
        return None
    return float(m.group(1).replace(".", "").replace(",", "."))


def periode_words(a: pd.Timestamp | None, b: pd.Timestamp | None) -> str | None:
    if b is None:
        return None
    w = lambda t: f"{BULAN[t.month - 1]} {t.year}"
    return w(b) if a is None or a == b else (f"{BULAN[a.month - 1]}–{w(b)}" if a.year == b.year else f"{w(a)}–{w(b)}")


# ---------------------------------------------------------------- the comparison
class Check:
    def __init__(self, name):
        self.name, self.n, self.bad = name, 0, []

    def eq(self, where, report, rules):
        self.n += 1
        if report != rules and not (isinstance(report, float) and isinstance(rules, (int, float)) and abs(report - rules) < 1e-9):
            self.bad.append(where)
            print(f"  MISMATCH {where}: report {report!r} | rules {rules!r}")


def compare(rep: Path, data_dir: Path, masters, cache) -> Check:
    fig = json.loads((rep / "figures.json").read_text())
    r = recompute(data_dir, fig, masters, cache)
    ck = Check(rep.name)
    print(f"== {rep.name}: {fig['wilayah']['nama']} per {fig['as_of']} (decree {r['master_wilayah']}, "
          f"{r['_unplaced']} active Kampung KB nationally not placed in it)")
    for k in ("master_wilayah", "desa_kelurahan", "desa_kelurahan_tercakup", "kampung_kb", "cakupan_persen",
              "rumah_dataku", "kecamatan", "kecamatan_tercakup", "kkbpk_periode", "profil_periode", "kekurangan"):
        if k == "kekurangan" and r[k] is None and k not in fig:
            continue
        ck.eq(f"figures.json {k}", fig.get(k, "<absent>"), r[k])
    doc = _Doc()
    doc.feed((rep / "briefing.html").read_text())
    sub = r["_sub"]
    # tables: annex (one row per sub-unit + total) and outcomes
    for tab in doc.tables:
        head, *body = [row for row in tab["rows"] if row]
        cap = tab["caption"] or ""
        if cap.startswith(("Perubahan sejak", "Change since")):
            continue  # since(): checked with the figures of then
        names = {_norm(n): i for i, n in enumerate(sub.nama)}
        for row in body:
            nm = _norm(row[0])
            if nm in names:
                s = sub.iloc[names[nm]]
            elif nm == _norm(fig["wilayah"]["nama"]) or nm in ("indonesia", "total", "jumlah"):
                s = pd.Series({"desa": r["desa_kelurahan"], "kampung_kb": r["kampung_kb"],
                               "tercakup": r["desa_kelurahan_tercakup"], "cakupan": r["cakupan_persen"],
                               "kekurangan": r["kekurangan"], "rdk": r["rumah_dataku"],
                               "rdk_pct": pct(r["rumah_dataku"], r["kampung_kb"]),
                               **{k: r[k] for k in ("pus", "peserta", "cpr", "mkjp", "unmet", "poktan")}})
            else:
                nm2 = re.sub(r"^(kecamatan|kec)", "", nm)
                if nm2 in names:
                    s = sub.iloc[names[nm2]]
                else:
                    print(f"  UNCHECKED row {row[0]!r} of table {cap!r}")
                    continue
            colmap = {"desa/kel.": "desa", "kampung kb": "kampung_kb", "tercakup": "tercakup", "cakupan": "cakupan",
                      "kekurangan": "kekurangan", "rumah dataku": "rdk", "rdk (% kkb)": "rdk_pct", "pus": "pus",
                      "peserta kb": "peserta", "cpr": "cpr", "mkjp": "mkjp", "unmet": "unmet", "poktan": "poktan"}
            for h, v in zip(head[1:], row[1:]):
                key = colmap.get(h.lower())
                if key is None:
                    print(f"  UNCHECKED column {h!r} of table {cap!r}")
                    continue
                want = s.get(key)
                got = num(v) if v not in ("–", "-", "") else None
                ck.eq(f"table '{cap}' {row[0]} / {h}", got, None if want is None or pd.isna(want) else want)
    # cards
    for c in doc.cards:
        lab, val, subt = c.get("label", ""), num(c.get("value", "") or ""), c.get("sub", "") or ""
        L = lab.lower()
        if L == "kampung kb":
            ck.eq("card Kampung KB", val, r["kampung_kb"])
        elif L.startswith("cakupan"):
            ck.eq("card cakupan", val, r["cakupan_persen"])
            mm = re.match(r"([\d.]+) dari ([\d.]+)", subt)
            if mm:
                ck.eq("card cakupan sub (tercakup)", num(mm.group(1)), r["desa_kelurahan_tercakup"])
                ck.eq("card cakupan sub (desa)", num(mm.group(2)), r["desa_kelurahan"])
        elif L.startswith("kekurangan"):
            ck.eq("card kekurangan", val, r["kekurangan"])
        elif L == "rumah dataku":
            ck.eq("card Rumah DataKu", val, r["rumah_dataku"])
            mm = re.match(r"([\d.,]+)%", subt)
            if mm:
                ck.eq("card Rumah DataKu %", num(mm.group(1)), pct(r["rumah_dataku"], r["kampung_kb"]))
        elif L in ("cpr", "mkjp", "unmet need", "partisipasi poktan"):
            key = {"cpr": "cpr", "mkjp": "mkjp", "unmet need": "unmet", "partisipasi poktan": "poktan"}[L]
            ck.eq(f"card {lab}", val, r[key])
            mm = re.search(r"KB bulanan (.*)$", subt)
            if mm:
                ck.eq(f"card {lab} period", mm.group(1), periode_words(r["_kb_min"], pd.Timestamp(r["kkbpk_periode"] + "-01")))
        else:
            print(f"  UNCHECKED card {lab!r} = {c.get('value')!r} ({subt})")
    points(doc, fig, r, ck)
    since(doc, fig, r, data_dir, masters, cache, ck)
    for cap in doc.captions:
        if (cap or "").startswith(("Peta ", "Map ")) and ":" in cap:
            got = {lab.strip().rstrip("."): int(num(n)) for n, lab in re.findall(r"([\d.]+) pada ([^;]+?)(?:;|\.$|\. )", cap.split(". Tidak tergambar")[0] + ".")}
            ck.eq("map alt classes", got, _classes(sub))
            undrawn = re.findall(r"\((\d\d(?:\.\d\d)*)\)", cap.split("Tidak tergambar")[1]) if "Tidak tergambar" in cap else []
            today = masters[DECREES[-1][0]]
            ck.eq("map alt 'tidak tergambar' codes", sorted(undrawn), sorted(k for k in sub.kode if k not in today.index))
        mm = re.search(r"\(profil ([^;)]*)", cap or "")
        if mm:
            ck.eq(f"caption profil period '{cap[:40]}…'", mm.group(1), periode_words(r["_pr_min"], pd.Timestamp(r["profil_periode"] + "-01")))
    print(f"  exact half-way percentages recomputed so far: {len(HALFWAY)} {sorted(set(HALFWAY))[:8]}")
    print(f"  {ck.n} figures compared, {len(ck.bad)} mismatches")
    return ck


def signed(x: float, digits: int = 0) -> str:
    s = f"{abs(x):,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return s if x == 0 else ("+" if x > 0 else "\u2212") + s


def year_earlier(d: date) -> date:
    """The same date a year earlier; 29 February gives 28 February."""
    return d.replace(year=d.year - 1, day=28 if (d.month, d.day) == (2, 29) else d.day)


def since(doc, fig, r, data_dir, masters, cache, ck):
    """figures.json "perubahan", the cards' "sejak" lines and the then/now table against the rules applied to the
    comparison date (a year earlier for a region briefing: as_of minus one year, 29 Feb → 28 Feb); coverage points
    from the exact fractions, rounded half up once."""
    c = fig.get("perubahan")
    if c is None:
        ck.eq("figures.json perubahan (a region briefing always compares)", fig["laporan"] == "wilayah", False)
        return
    if fig["laporan"] == "wilayah":
        ck.eq("perubahan.tanggal", c["tanggal"], year_earlier(date.fromisoformat(fig["as_of"])).isoformat())
    then = recompute(data_dir, dict(fig, as_of=c["tanggal"]), masters, cache)
    kkb = cache["data"][0]
    reg = fig["wilayah"]["kode"] or ""
    ts = pd.Timestamp(c["tanggal"])
    undated = kkb[(kkb.aktif != "ya") & kkb.tanggal_nonaktif.isna() & (kkb.tanggal_pencanangan <= ts)
                  & kkb.kode_desa.str.startswith(reg + "." if reg else "")]
    ck.eq("perubahan: inactive Kampung KB without a date launched by then (rules: none, else not told)", len(undated), 0)
    ck.eq("perubahan.master_wilayah", c["master_wilayah"], then["master_wilayah"])
    ck.eq("perubahan.kampung_kb.dulu", c["kampung_kb"]["dulu"], then["kampung_kb"])
    ck.eq("perubahan.kampung_kb.selisih", c["kampung_kb"]["selisih"], r["kampung_kb"] - then["kampung_kb"])
    ck.eq("perubahan.cakupan.dulu_tercakup", c["cakupan"]["dulu_tercakup"], then["desa_kelurahan_tercakup"])
    ck.eq("perubahan.cakupan.dulu_desa_kelurahan", c["cakupan"]["dulu_desa_kelurahan"], then["desa_kelurahan"])
    q = 100 * (Fraction(r["desa_kelurahan_tercakup"], r["desa_kelurahan"])
               - Fraction(then["desa_kelurahan_tercakup"], then["desa_kelurahan"]))
    pts = (1 if q >= 0 else -1) * math.floor(abs(q) * 10 + Fraction(1, 2)) / 10
    naive = round(r["cakupan_persen"] - then["cakupan_persen"], 1)
    if naive != pts:
        print(f"  (coverage points: exact {pts} differs from the difference of rounded percentages {naive})")
    ck.eq("perubahan.cakupan.selisih_poin", c["cakupan"]["selisih_poin"], pts)
    ck.eq("perubahan.rumah_dataku.dulu", c["rumah_dataku"]["dulu"], then["rumah_dataku"])
    ck.eq("perubahan.rumah_dataku.selisih", c["rumah_dataku"]["selisih"], r["rumah_dataku"] - then["rumah_dataku"])
    d = date.fromisoformat(c["tanggal"])
    when = f"{d.day} {BULAN[d.month - 1]} {d.year}"

    def line(x, digits=0, unit=""):
        return f"tidak berubah sejak {when}" if x == 0 else f"{signed(x, digits)}{unit} sejak {when}"

    want = {"kampung kb": line(r["kampung_kb"] - then["kampung_kb"]),
            "cakupan": line(pts, 1, " poin"), "rumah dataku": line(r["rumah_dataku"] - then["rumah_dataku"])}
    for card in doc.cards:
        lab = (card.get("label") or "").lower()
        key = "cakupan" if lab.startswith("cakupan") else lab
        if key in want:
            got = (card.get("sub") or "").split(" · ")[-1]
            ck.eq(f"card {card.get('label')} change line", got, want[key])
    for tab in doc.tables:
        if (tab["caption"] or "").startswith("Perubahan sejak"):
            head, *body = [row for row in tab["rows"] if row]
            ck.eq("change table: the column of then", head[1], when)
            rows = {row[0]: row[1:] for row in body}
            ck.eq("change table Kampung KB", [num(x) for x in rows["Kampung KB"]],
                  [then["kampung_kb"], r["kampung_kb"], r["kampung_kb"] - then["kampung_kb"]])
            ck.eq("change table Rumah DataKu", [num(x) for x in rows["Rumah DataKu"]],
                  [then["rumah_dataku"], r["rumah_dataku"], r["rumah_dataku"] - then["rumah_dataku"]])
            cov = rows["Cakupan desa/kelurahan"]
            ck.eq("change table coverage then", num(cov[0].split(" (")[0]), then["cakupan_persen"])
            ck.eq("change table coverage now", num(cov[1].split(" (")[0]), r["cakupan_persen"])
            ck.eq("change table coverage points", num(cov[2].replace(" poin", "")), pts)


def points(doc, fig, r, ck):
    sub = r["_sub"]
    unit = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan"}.get((fig["wilayah"]["kode"] or "").count(".") + 2 if fig["wilayah"]["kode"] else 1)
    for p in doc.points:
        print(f"  • {p}")
        if m := re.search(r"([\d.]+) Kampung KB telah terbentuk di .*?, mencakup ([\d.]+) dari ([\d.]+) desa/kelurahan \(([\d.,]+)%\)", p):
            for g, k in zip(m.groups(), ("kampung_kb", "desa_kelurahan_tercakup", "desa_kelurahan", "cakupan_persen")):
                ck.eq(f"point '{k}'", num(g), r[k])
        if m := re.search(r"([\d.]+) desa/kelurahan belum memiliki Kampung KB", p):
            ck.eq("point 'belum memiliki Kampung KB'", num(m.group(1)), r["desa_kelurahan"] - r["desa_kelurahan_tercakup"])
        if m := re.search(r"(?:masih )?kurang ([\d.]+)(?: desa/kelurahan)? (?:lagi )?untuk (?:mencapai )?target ([\d.,]+)%", p):
            t = num(m.group(2))
            ck.eq("point 'kurang N untuk target'", num(m.group(1)), shortfall(t, r["desa_kelurahan"], r["desa_kelurahan_tercakup"]))
        if m := re.search(r"Rumah DataKu telah terbentuk di ([\d.]+) dari ([\d.]+) Kampung KB \(([\d.,]+)%\)", p):
            ck.eq("point RDK", num(m.group(1)), r["rumah_dataku"])
            ck.eq("point RDK of", num(m.group(2)), r["kampung_kb"])
            ck.eq("point RDK %", num(m.group(3)), pct(r["rumah_dataku"], r["kampung_kb"]))
        for lab, key in (("CPR", "cpr"), ("MKJP", "mkjp"), ("unmet need", "unmet"), ("partisipasi poktan", "poktan")):
            if m := re.search(lab + r" ([\d.,]+)%", p):
                ck.eq(f"point {lab}", num(m.group(1)), r[key])
        if m := re.search(r"\(KB bulanan ([^)]*)\)", p):
            ck.eq("point KB period", m.group(1), periode_words(r["_kb_min"], pd.Timestamp(r["kkbpk_periode"] + "-01")))
        if m := re.search(r"tertinggi di (.*?) \(([\d.,]+)%\)", p):
            best = sub.cakupan.max()
            ck.eq("point highest value", num(m.group(2)), best)
            _ties(ck, "point highest named", _names(m.group(1)), _tied(sub, best))
        if m := re.search(r"terendah di (.*?) \(([\d.,]+)%\)", p):
            low = sub.cakupan.min()
            ck.eq("point lowest value", num(m.group(2)), low)
            _ties(ck, "point lowest named", _names(m.group(1)), _tied(sub, low))
        if m := re.search(r"([\d.]+) \S+(?: \S+)? telah mencakup seluruh desa/kelurahannya", p):
            ck.eq("point 'mencakup seluruh' count", num(m.group(1)), int((sub.tercakup == sub.desa).sum()))
        if m := re.search(r"Seluruh ([\d.]+) \S+ telah mencapai target cakupan ([\d.,]+)%", p):
            t = num(m.group(2))
            ck.eq("point 'seluruh mencapai target' count", num(m.group(1)), len(sub))
            ck.eq("point 'seluruh mencapai target' true", True, bool((sub.kekurangan == 0).all() if sub.kekurangan.notna().all() else (sub.cakupan >= t).all()))
        if re.search(r"Belum ada \S+ yang mencakup seluruh desa/kelurahannya", p):
            ck.eq("point 'belum ada yang mencakup seluruh' true", 0, int((sub.tercakup == sub.desa).sum()))
        if m := re.search(r"masih diperlukan ([\d.]+) Kampung KB", p):
            ck.eq("point 'masih diperlukan N Kampung KB'", num(m.group(1)), r["kekurangan"])
        if m := re.search(r"Semua ([\d.]+) \S+ masih di bawah target cakupan ([\d.,]+)%", p):
            ck.eq("point 'semua di bawah target' count", num(m.group(1)), len(sub))
            ck.eq("point 'semua di bawah target' true", True, bool((sub.kekurangan > 0).all()))
        if m := re.search(r"rata-rata ([\d.,]+) desa/kelurahan (?:baru tercakup setiap|baru per|per) bulan", p):
            got = num(m.group(1))
            want = float(math.floor(r["_pace"] + 0.5)) if "," not in m.group(1) else math.floor(r["_pace"] * 10 + 0.5) / 10
            ck.eq("point pace (last 12 months)", got, want)
            if abs(r["_pace"] - r["_pace_net"]) > 1e-9:
                print(f"  NOTE pace: desa newly covered {r['_pace'] * 12:.0f} in 12 months, net change {r['_pace_net'] * 12:.0f} "
                      f"({r['_pace']:.2f} vs {r['_pace_net']:.2f} per month)")
        if m := re.search(r"dibutuhkan ([\d.,]+) desa/kelurahan per bulan", p):
            ck.eq("point pace needed", num(m.group(1)), r["_needed"])
        if m := re.search(r"Sebanyak ([\d.]+) dari ([\d.]+) \S+ masih di bawah target cakupan ([\d.,]+)%", p):
            ck.eq("point 'N dari M di bawah target' N", num(m.group(1)), int((sub.kekurangan > 0).sum()))
            ck.eq("point 'N dari M di bawah target' M", num(m.group(2)), len(sub))
        if m := re.search(r"tercapai (?:sekitar|pada) (\S+ \d{4})", p):
            ck.eq("point projected month", m.group(1), r["_proj"])
        if re.search(r"telah tercapai", p) and (m := re.search(r"([\d.,]+)% desa/kelurahan", p)):
            ck.eq("point 'target tercapai' true", True, shortfall(num(m.group(1)), r["desa_kelurahan"], r["desa_kelurahan_tercakup"]) == 0)
        if "seluruh desa/kelurahan" in p.lower() and "telah" in p and "memiliki Kampung KB" in p:
            ck.eq("point full coverage claim", True, r["desa_kelurahan"] == r["desa_kelurahan_tercakup"])


def _names(s: str) -> object:
    s = s.strip()
    m = re.match(r"(.*) dan ([\d.]+) \S+(?: \S+)? lain$", s)
    if m:
        return ("first+others", _norm(m.group(1)), int(num(m.group(2))))
    return sorted(_norm(re.sub(r"^(Kecamatan|Provinsi) ", "", x)) for x in re.split(r", | dan ", s))


def _classes(sub: pd.DataFrame) -> dict:
    out: dict = {}
    for c, d in zip(sub.tercakup, sub.desa):
        f = Fraction(c, d) if d else Fraction(0)
        lab = ("0%" if c == 0 else "100%" if c == d else "> 0% – < 25%" if f < Fraction(1, 4) else
               "25% – < 50%" if f < Fraction(1, 2) else "50% – < 75%" if f < Fraction(3, 4) else "75% – < 100%")
        out[lab] = out.get(lab, 0) + 1
    return out


def _ties(ck, where, named, tied):
    if isinstance(named, tuple):
        ck.eq(where + " (first is tied)", True, named[1] in tied)
        ck.eq(where + " (number of others)", named[2], len(tied) - 1)
    else:
        ck.eq(where, named, tied)


def _tied(sub: pd.DataFrame, v) -> object:
    t = sorted(_norm(x) for x in sub.nama[sub.cakupan == v])
    return t


def main(argv):
    data_dir = Path(argv[1])
    masters = _read_masters()
    cache: dict = {}
    total = []
    for rep in argv[2:]:
        total.append(compare(Path(rep), data_dir, masters, cache))
    print("\nreport | figures compared | mismatches")
    for ck in total:
        print(f"{ck.name} | {ck.n} | {len(ck.bad)}")


if __name__ == "__main__":
    main(sys.argv)
