"""`<out>/index.html`: one self-contained page listing every report of a batch run.

What a reader browses: one row of national headline cards, then every report under its province
(Indonesia first; a province's own report, its kab/kota, its events), with the headline figures of
its `figures.json` and links to its HTML, PDF and XLSX; failed reports with their reason. What the
analyst checks (status, time, build time, ipynb and JSON files, version) is folded in a `<details>`
at the end, no script. Dates as the briefings print them ("1 Desember 2026 19.35"). Reports of
earlier runs still in the output folder (manifest entries marked `kept`) are listed with their own
build time. Pure rendering (`render_index`) is kept apart from reading the report folders
(`collect_figures`) and writing (`write_index`). Every piece of text that comes from a file is escaped.
"""
from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kbreport import SYNTHETIC_LABEL, __version__
from kbreport.batch.stamps import write_atomic
from kbreport.text import fmt
from kbreport.text.catalogue import LANGS, has, plural, section
from kbreport.text.catalogue import t as catalogue_t



def _page_words(lang: str) -> dict:
    """The catalogue's index.* entries in `lang` as this page reads them: key -> text, and the nested
    `levels` and `status_names` tables."""
    words: dict = {}
    for key, entry in section("index.").items():
        head, _, sub = key.partition(".")
        if sub:
            words.setdefault(head, {})[sub] = entry[lang]
        else:
            words[key] = entry[lang]
    return words


TEXT = {lang: _page_words(lang) for lang in LANGS}

_LINK_ORDER = [("html", "HTML"), ("pdf", "PDF"), ("xlsx", "XLSX"), ("ipynb", "ipynb"), ("json", "JSON")]

CSS = """
:root{--ink:#1d2b36;--muted:#5b6b78;--line:#d8dee4;--ok:#1a7f37;--bad:#b42318;--skip:#5b6b78;--accent:#0b6e4f}
*{box-sizing:border-box}
body{font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;padding:1rem;line-height:1.4;font-size:15px;max-width:75rem;overflow-wrap:break-word}
h1{font-size:1.35rem;margin:.2rem 0 .4rem}
h2{font-size:1.1rem;margin:1.6rem 0 .5rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem}
.meta{color:var(--muted);font-size:.85rem;margin:.3rem 0}
.banner{background:#fff4ce;border:1px solid #e0b400;color:#5c4400;padding:.45rem .8rem;font-weight:bold;margin:.6rem 0;border-radius:4px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));gap:.6rem;margin:.4rem 0}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem}
.card dt{color:var(--muted);font-size:.8rem}
.card dd{margin:0;font-size:1.35rem;font-weight:bold}
table{border-collapse:collapse;width:100%;font-size:.88rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{background:#f3f6f8;font-weight:bold}
th.n,td.n{text-align:right;font-variant-numeric:tabular-nums}
td.n{white-space:nowrap}
tbody.prov{border-top:1.5px solid #9fb3a9}
tr.p td.nm,tr.p th{font-weight:bold}
tr.k td.nm,tr.e td.nm{padding-left:1.3rem}
.sub{display:block;color:var(--muted);font-size:.8rem;font-weight:normal}
.code{color:var(--muted);font-size:.8rem;font-weight:normal}
.files a{margin-right:.6rem;white-space:nowrap}
span.files{display:block;font-size:.8rem;font-weight:normal;margin-top:.1rem}
.s-ok{color:var(--ok);font-weight:bold}.s-failed{color:var(--bad);font-weight:bold}
.s-skipped,.s-interrupted{color:var(--skip)}
.cov{display:block;height:.3rem;background:#e6ece9;margin-top:.2rem}
.cov span{display:block;height:100%;background:var(--accent)}
.reason{white-space:pre-wrap;overflow-wrap:anywhere;font-family:"DejaVu Sans Mono",monospace;font-size:.8rem;color:var(--bad);margin:0}
details{margin:1.6rem 0 0;border-top:2px solid var(--line);padding-top:.5rem}
summary{cursor:pointer;font-weight:bold;color:#0550ae}
a{color:#0550ae}
@media (max-width:34rem){body{padding:.6rem;font-size:14px}table{font-size:.8rem}th,td{padding:.25rem .3rem}
.c-desa{display:none}tr.k td.nm,tr.e td.nm{padding-left:.8rem}}
@page{size:A4 landscape;margin:1cm}
@media print{body{padding:0;font-size:9pt;max-width:none}tr{break-inside:avoid}details>*{display:block}}
"""


# --- formatting -------------------------------------------------------------------------------


def _e(x: Any) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def _as_float(x: Any) -> float | None:
    """A finite number from figures.json, else None (a bool is not a count)."""
    if isinstance(x, bool) or x is None:
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _as_int(x: Any) -> int | None:
    f = _as_float(x)
    return int(f) if f is not None and f == int(f) else None


def _int(x: Any, lang: str) -> str:
    """A count from a file (figures.json, manifest): "1.513" / "1,513"; "–" when it is not a whole number."""
    return fmt.number(_as_int(x), lang)


def fmt_pct(x: Any, lang: str = "id") -> str:
    return fmt.percent(_as_float(x), lang, digits=1)


def fmt_seconds(x: Any, lang: str = "id") -> str:
    f = _as_float(x)
    if f is None:
        return fmt.DASH
    return TEXT[lang]["seconds"].format(s=fmt.number(f, lang, digits=1))


def _date(x: Any, lang: str) -> str:
    """"4 Juni 2024" from an ISO date in a file; a text that is not one is shown as it is (escaped later)."""
    try:
        return fmt.date(x, lang) if x else fmt.DASH
    except (TypeError, ValueError):
        return str(x)


def _date_range(start: Any, end: Any, lang: str) -> str:
    try:
        return fmt.date_range(start or None, end or None, lang)
    except (TypeError, ValueError):
        return f"{start} – {end}" if end and end != start else str(start or fmt.DASH)


def _moment(x: Any, lang: str) -> str:
    """"1 Desember 2026 19.35" from an ISO time stamp in the manifest."""
    try:
        return fmt.date_time(x, lang) if isinstance(x, str) and x else fmt.DASH
    except (TypeError, ValueError):
        return str(x)


def _dig(d: Any, *keys: str) -> Any:
    for k in keys:
        if not isinstance(d, Mapping):
            return None
        d = d.get(k)
    return d


# --- pieces -----------------------------------------------------------------------------------


def _links(report: Mapping[str, Any], order: Sequence[tuple[str, str]] = _LINK_ORDER) -> str:
    files = [f.get("path") if isinstance(f, Mapping) else f for f in report.get("files") or []]
    files = [str(f) for f in files if f]
    out = []
    for ext, label in order:
        for f in files:
            if f.lower().endswith("." + ext) and not Path(f).name.startswith("."):
                out.append(f'<a href="{_e(quote(f))}">{_e(label)}</a>')
                break
    return " ".join(out) or fmt.DASH


def _time(report: Mapping[str, Any], lang: str) -> str:
    # a skipped or kept report took no time in this run; its build time belongs to an earlier one
    if report.get("status") == "skipped" or report.get("kept"):
        return "–"
    return fmt_seconds(report.get("seconds"), lang)


def _status(report: Mapping[str, Any], t: Mapping[str, Any]) -> str:
    st = str(report.get("status") or "")
    return f'<span class="s-{_e(st)}">{_e(t["status_names"].get(st, st))}</span>'


def _cov_cell(pct: Any, lang: str) -> str:
    f = _as_float(pct)
    if f is None:
        return '<td class="n">–</td>'
    w = max(0.0, min(100.0, f))  # a bar as wide as the share of the cell
    return f'<td class="n">{_e(fmt_pct(f, lang))}<span class="cov"><span style="width:{w:.0f}%"></span></span></td>'


_SHIPPED_BRIEFINGS = ("wilayah_briefing.ipynb", "event_briefing.ipynb")
_PROV_KODE = re.compile(r"(\d{2})(?:\.|$)")
_UNPLACED = "~"  # sorts after every province code


def _province_of(fig: Mapping) -> str:
    """The province code a report sits under: "" for Indonesia, "17" for Bengkulu and its kab/kota and events."""
    kode = _dig(fig, "wilayah", "kode")
    if _dig(fig, "wilayah", "tingkat") == "nasional" or kode in (None, ""):
        return ""
    m = _PROV_KODE.match(str(kode))
    return m.group(1) if m else _UNPLACED


def _rank(fig: Mapping) -> int:
    """Within a province: its own report, then its kab/kota, then its events."""
    if fig.get("laporan") == "event":
        return 2
    return 0 if _dig(fig, "wilayah", "tingkat") in ("provinsi", "nasional") else 1


def _row_key(item: tuple[Mapping, Mapping]) -> tuple:
    rep, fig = item
    when = str(_dig(fig, "event", "mulai") or "") if _rank(fig) == 2 else str(fig.get("as_of") or "")
    kode = "" if _rank(fig) == 2 else str(_dig(fig, "wilayah", "kode") or "")
    return (_rank(fig), kode, when, str(rep.get("name")))


def _master_name(kode: str, as_of: Any) -> str | None:
    """A province's name from the region master in force on `as_of`, for a group with no report of its own."""
    try:
        from kbreport.ingest.wilayah import load_master, region

        return region(load_master(decree=str(as_of) if as_of else None), kode).nama
    except Exception:  # an unknown code or date: the group is headed by its code
        return None


def _name_cell(rep: Mapping, fig: Mapping, t: Mapping, lang: str, as_of: str) -> str:
    if fig.get("laporan") == "event":
        ev = fig.get("event") if isinstance(fig.get("event"), Mapping) else {}
        jenis = str(ev.get("jenis") or "")
        kind = catalogue_t(f"briefing.jenis_{jenis}", lang) if jenis and has(f"briefing.jenis_{jenis}") else jenis
        bits = [kind, _date_range(ev.get("mulai"), ev.get("selesai"), lang)]
        if _as_int(ev.get("peserta")) is not None:
            bits.append(t["n_participants"].format(n=_int(ev.get("peserta"), lang)))
        title = str(ev.get("judul") or rep.get("name"))
        if kind and kind.casefold() in title.casefold():  # "Rapat Koordinasi Daerah (Rakorda) …" says its kind
            bits = bits[1:]
        if _dig(fig, "wilayah", "tingkat") == "kabkota" and _dig(fig, "wilayah", "nama"):
            bits.append(str(_dig(fig, "wilayah", "nama")))  # the province heads the group; a kab/kota is named
        sub = " · ".join(b for b in bits if b and b != fmt.DASH)
        return f'<td class="nm">{_e(title)}<span class="sub">{_e(sub)}</span>{_files_line(rep)}</td>'
    kode = _dig(fig, "wilayah", "kode")
    nama = _dig(fig, "wilayah", "nama") or rep.get("name")
    code = f' <span class="code">{_e(kode)}</span>' if kode else ""
    nb = str(rep.get("notebook") or "")
    if nb and nb not in _SHIPPED_BRIEFINGS:  # two reports of one region: say which notebook made each
        code += f' <span class="code">· {_e(nb.removesuffix(".ipynb"))}</span>'
    if str(fig.get("as_of") or "") != as_of:  # only a date that differs from the page's is repeated
        code += f'<span class="sub">{_e(t["as_of"])} {_e(_date(fig.get("as_of"), lang))}</span>'
    return f'<td class="nm">{_e(nama)}{code}{_files_line(rep)}</td>'


def _files_line(rep: Mapping) -> str:
    """The reader's files (HTML, PDF, XLSX) under a report's name: no column of its own to squeeze a phone."""
    links = _links(rep, _LINK_ORDER[:3])
    return f'<span class="files">{links}</span>' if links != fmt.DASH else ""


def _row(rep: Mapping, fig: Mapping, t: Mapping, lang: str, as_of: str) -> str:
    cls = "e" if _rank(fig) == 2 else ("p" if _rank(fig) == 0 else "k")
    return (
        f'<tr class="{cls}">'
        + _name_cell(rep, fig, t, lang, as_of)
        + f'<td class="n c-desa">{_int(fig.get("desa_kelurahan"), lang)}</td>'
        f'<td class="n">{_int(fig.get("kampung_kb"), lang)}</td>'
        f"{_cov_cell(fig.get('cakupan_persen'), lang)}"
        f'<td class="n">{_int(fig.get("rumah_dataku"), lang)}</td>'
        "</tr>"
    )


def _report_table(items: list[tuple[Mapping, Mapping]], t: Mapping, lang: str, as_of: str,
                  names: Mapping[str, str]) -> str:
    """Region and event reports, one <tbody> per province (Indonesia first), each headed by the province's
    own report or, when it has none in the batch, by its name."""
    by_prov: dict[str, list] = {}
    for item in items:
        by_prov.setdefault(_province_of(item[1]), []).append(item)
    head = (f'<th scope="col">{_e(t["report"])}</th><th scope="col" class="n c-desa">{_e(t["desa"])}</th>'
            f'<th scope="col" class="n">{_e(t["kkb"])}</th><th scope="col" class="n">{_e(t["coverage"])}</th>'
            f'<th scope="col" class="n">{_e(t["rdk"])}</th>')
    bodies = []
    for prov in sorted(by_prov):
        rows = sorted(by_prov[prov], key=_row_key)
        lead = ""
        if prov and _rank(rows[0][1]) != 0:
            lead = f'<tr class="p"><th colspan="5" scope="rowgroup">{_e(names.get(prov) or prov)}</th></tr>'
        bodies.append(f'<tbody class="prov">{lead}{"".join(_row(r, f, t, lang, as_of) for r, f in rows)}</tbody>')
    return f'<table><thead><tr>{head}</tr></thead>{"".join(bodies)}</table>'


def _plain_table(reports: list[Mapping], t: Mapping, lang: str, reasons: bool) -> str:
    """Reports without figures: name and params file, then the reason (failed) or the files (other)."""
    third = t["reason"] if reasons else t["files"]
    rows = []
    for rep in sorted(reports, key=lambda r: str(r.get("name"))):
        reason = rep.get("reason")
        params = rep.get("params")
        sub = f'<span class="sub">{_e(params)}</span>' if params else ""
        if reasons:
            last = f'<pre class="reason">{_e(reason)}</pre>' if reason else fmt.DASH
        else:
            last = _links(rep, _LINK_ORDER[:3])
        rows.append(f'<tr><td class="nm">{_e(rep.get("name"))}{sub}</td><td>{_status(rep, t)}</td>'
                    f'<td class="files">{last}</td></tr>')
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in (t["report"], t["status"], third))
    return f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _detail(reports: list[Mapping], manifest: Mapping, t: Mapping, lang: str) -> str:
    """What the analyst checks, folded away (<details>, no script): version, run time, and for every
    report its status, build time, time in this run and every file (ipynb, JSON …)."""
    meta = [f"kbreport {manifest.get('kbreport') or __version__}"]
    if manifest.get("seconds") is not None:
        meta.append(f"{t['run_time']} {fmt_seconds(manifest.get('seconds'), lang)}")
    head = "".join(f'<th scope="col"{c}>{_e(h)}</th>' for h, c in (
        (t["report"], ""), (t["status"], ""), (t["time"], ' class="n"'), (t["built"], ""), (t["files"], "")))
    rows = []
    for rep in sorted(reports, key=lambda r: str(r.get("name"))):
        rows.append(f'<tr><td class="nm">{_e(rep.get("name"))}</td><td>{_status(rep, t)}</td>'
                    f'<td class="n">{_time(rep, lang)}</td><td>{_e(_moment(rep.get("built"), lang))}</td>'
                    f'<td class="files">{_links(rep)}</td></tr>')
    return (f'<details class="detail"><summary>{_e(t["detail"])}</summary>'
            f'<p class="meta">{_e(" · ".join(meta))}</p>'
            f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></details>')


def _cards(pairs: Sequence[tuple[str, str]]) -> str:
    """Headline figures as one list of label–value pairs: a screen reader reads "Kampung KB: 1.322"."""
    return ('<dl class="cards">'
            + "".join(f'<div class="card"><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>' for v, k in pairs)
            + "</dl>")


def _summary(region_items: list[tuple[Mapping, Mapping]], t: Mapping, lang: str) -> str:
    """One row of national cards: Indonesia's own report when the batch has one, else the sum of the
    province reports that share the most common as-of date (never both: they would say the same)."""
    national = [fig for _, fig in region_items if _dig(fig, "wilayah", "tingkat") == "nasional"]
    provs = [fig for _, fig in region_items if _dig(fig, "wilayah", "tingkat") == "provinsi"]
    if national:
        fig = sorted(national, key=lambda f: str(f.get("as_of") or ""))[-1]
        line = f'{_dig(fig, "wilayah", "nama") or "Indonesia"} · {t["as_of"]} {_date(fig.get("as_of"), lang)}'
        pairs = [(_int(fig.get("desa_kelurahan"), lang), t["desa"]), (_int(fig.get("kampung_kb"), lang), t["kkb"]),
                 (fmt_pct(fig.get("cakupan_persen"), lang), t["coverage"]),
                 (_int(fig.get("rumah_dataku"), lang), t["rdk"])]
    elif provs:
        date, _ = Counter(str(f.get("as_of") or "") for f in provs).most_common(1)[0]
        same = [f for f in provs if str(f.get("as_of") or "") == date]
        desa = sum(_as_int(f.get("desa_kelurahan")) or 0 for f in same)
        # Coverage is desa/kelurahan covered over all (as the briefings compute it), not Kampung KB
        # over desa: a desa can hold more than one Kampung KB.
        covered = [_as_int(f.get("desa_kelurahan_tercakup")) for f in same]
        pct = 100.0 * sum(covered) / desa if desa and None not in covered else None
        line = t["sum_prov"].format(n=len(same), date=_date(date, lang) if date else fmt.DASH)
        pairs = [(_int(desa, lang), t["desa"]),
                 (_int(sum(_as_int(f.get("kampung_kb")) or 0 for f in same), lang), t["kkb"]),
                 (fmt_pct(pct, lang), t["coverage"]),
                 (_int(sum(_as_int(f.get("rumah_dataku")) or 0 for f in same), lang), t["rdk"])]
    else:
        return ""
    return f"<h2>{_e(t['summary'])}</h2>" + f'<p class="meta">{_e(line)}</p>' + _cards(pairs)


def _common_as_of(items: list[tuple[Mapping, Mapping]]) -> str:
    dates = Counter(str(f.get("as_of") or "") for _, f in items if f.get("laporan") == "wilayah")
    return dates.most_common(1)[0][0] if dates else ""


def _province_names(items: list[tuple[Mapping, Mapping]], as_of: str) -> dict[str, str]:
    """Province code -> name: from the batch's province reports, else from the region master."""
    names = {str(_dig(f, "wilayah", "kode")): str(_dig(f, "wilayah", "nama")) for _, f in items
             if _dig(f, "wilayah", "tingkat") == "provinsi" and _dig(f, "wilayah", "nama")}
    for _, f in items:
        prov = _province_of(f)
        if prov and prov != _UNPLACED and prov not in names:
            names[prov] = _master_name(prov, f.get("as_of") or as_of) or prov
    return names


# --- the page ---------------------------------------------------------------------------------


def render_index(
    manifest: Mapping[str, Any],
    figures: Mapping[str, Mapping[str, Any]],
    lang: str = "id",
) -> str:
    """The index page as a string. `manifest["reports"]` lists reports (name, status, reason,
    seconds, files); `figures` maps a report name to its parsed figures.json."""
    lang = lang if lang in TEXT else "id"
    t = TEXT[lang]
    reports = [r for r in manifest.get("reports") or [] if isinstance(r, Mapping)]
    briefed, others = [], []
    for rep in reports:
        fig = figures.get(str(rep.get("name")))
        fig = fig if isinstance(fig, Mapping) and rep.get("status") in ("ok", "skipped") else None
        if fig and fig.get("laporan") in ("event", "wilayah"):
            briefed.append((rep, fig))
        else:
            others.append(rep)
    synthetic = any(bool(f.get("data_contoh")) for _, f in briefed)
    this_run = [r for r in reports if not r.get("kept")]
    counts = Counter(str(r.get("status")) for r in this_run)
    # the page's date: the most common among reports not from a fan-out (those say their own)
    as_of = _common_as_of([(r, f) for r, f in briefed if not r.get("group")]) or _common_as_of(briefed)
    names = _province_names(briefed, as_of)

    body = [f"<h1>{_e(t['title'])}</h1>"]
    meta = [f"{t['generated']} {_moment(manifest.get('created'), lang)}"]
    if as_of:
        meta.append(f"{t['as_of']} {_date(as_of, lang)}")
    body.append(f'<p class="meta">{_e(" · ".join(meta))}</p>')
    body.append(
        '<p class="meta">'
        + _e(
            t["counts"].format(
                ok=counts.get("ok", 0),
                skipped=counts.get("skipped", 0),
                failed=counts.get("failed", 0),
                interrupted=counts.get("interrupted", 0),
                total=len(this_run),
                reports=plural(len(this_run), "report", lang),
            )
        )
        + "</p>"
    )
    if len(reports) > len(this_run):
        kept = len(reports) - len(this_run)
        body.append(f'<p class="meta">{_e(t["kept"].format(n=kept, reports=plural(kept, "report", lang)))}</p>')
    if synthetic:
        body.append(f'<div class="banner">{_e(SYNTHETIC_LABEL.get(lang, SYNTHETIC_LABEL["id"]))}</div>')
    body.append(_summary([(r, f) for r, f in briefed if f.get("laporan") == "wilayah" and not r.get("group")], t, lang))
    single = [(r, f) for r, f in briefed if not r.get("group")]
    groups: dict[str, list] = {}
    for r, f in briefed:  # a fan-out's reports together, under their params file
        if r.get("group"):
            groups.setdefault(str(r["group"]), []).append((r, f))
    if single:
        body.append(f"<h2>{_e(t['regions'])}</h2>" + _report_table(single, t, lang, as_of, names))
    for name in sorted(groups):
        n = len(groups[name])
        head = t["group"].format(name=name, n=_int(n, lang), reports=plural(n, "report", lang))
        own = _common_as_of(groups[name]) or as_of  # a fan-out's date, said once under its heading
        when = f'<p class="meta">{_e(t["as_of"])} {_e(_date(own, lang))}</p>' if own != as_of else ""
        body.append(f"<h2>{_e(head)}</h2>{when}" + _report_table(groups[name], t, lang, own, names))
    failed = [r for r in others if r.get("status") in ("failed", "interrupted")]
    rest = [r for r in others if r.get("status") not in ("failed", "interrupted")]
    if failed:
        body.append(f"<h2>{_e(t['failed'])}</h2>" + _plain_table(failed, t, lang, reasons=True))
    if rest:
        body.append(f"<h2>{_e(t['other'])}</h2>" + _plain_table(rest, t, lang, reasons=False))
    if reports:
        body.append(_detail(reports, manifest, t, lang))
    else:
        body.append(f"<p>{_e(t['none'])}</p>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(t['title'])}</title><style>{CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def collect_figures(out_dir: str | Path, names: Sequence[str]) -> dict[str, dict]:
    """Parsed `<out>/<name>/figures.json` for each name that has a readable one."""
    out: dict[str, dict] = {}
    for name in names:
        p = Path(out_dir) / name / "figures.json"
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            out[name] = data
    return out


def write_index(out_dir: str | Path, manifest: Mapping[str, Any], lang: str = "id") -> Path:
    names = [str(r.get("name")) for r in manifest.get("reports") or [] if isinstance(r, Mapping)]
    page = render_index(manifest, collect_figures(out_dir, names), lang)
    path = Path(out_dir) / "index.html"
    write_atomic(path, page.encode("utf-8"), lang if lang in TEXT else "id")
    return path
