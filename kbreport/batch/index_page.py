"""`<out>/index.html`: one self-contained page listing every report of a batch run.

For each report: status, build time, links to its files and the headline figures from its
`figures.json` — so the page doubles as a national summary. Reports of earlier runs still in the
output folder (manifest entries marked `kept`) are listed with their own build time. Pure rendering (`render_index`)
is kept apart from reading the report folders (`collect_figures`) and writing (`write_index`).
Every piece of text that comes from a file is escaped.
"""
from __future__ import annotations

import html
import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kbreport import SYNTHETIC_LABEL, __version__
from kbreport.batch.stamps import write_atomic
from kbreport.text import fmt
from kbreport.text.catalogue import LANGS, plural, section



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
_LEVEL_ORDER = {"nasional": 0, "provinsi": 1, "kabkota": 2}

CSS = """
:root{--ink:#1d2b36;--muted:#5b6b78;--line:#d8dee4;--ok:#1a7f37;--bad:#b42318;--skip:#5b6b78;--accent:#0b6e4f}
*{box-sizing:border-box}
body{font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0;padding:1rem;line-height:1.4;font-size:15px}
h1{font-size:1.35rem;margin:.2rem 0 .4rem}
h2{font-size:1.1rem;margin:1.6rem 0 .5rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem}
.meta{color:var(--muted);font-size:.85rem}
.banner{background:#fff4ce;border:1px solid #e0b400;color:#5c4400;padding:.45rem .8rem;font-weight:bold;margin:.6rem 0;border-radius:4px}
.cards{display:flex;flex-wrap:wrap;gap:.6rem}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;min-width:9.5rem}
.card .v{font-size:1.35rem;font-weight:bold}
.card .k{color:var(--muted);font-size:.8rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.88rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f6f8;position:sticky;top:0}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.s-ok{color:var(--ok);font-weight:bold}.s-failed{color:var(--bad);font-weight:bold}
.s-skipped,.s-interrupted{color:var(--skip)}
.cov{display:inline-block;height:.55rem;background:var(--accent);vertical-align:middle;margin-left:.3rem}
.reason{white-space:pre-wrap;font-family:"DejaVu Sans Mono",monospace;font-size:.8rem;color:var(--bad);margin:0}
.code{color:var(--muted);font-size:.8rem}
a{color:#0550ae}
@page{size:A4 landscape;margin:1cm}
@media print{body{padding:0;font-size:9pt}th{position:static}tr{break-inside:avoid}.scroll{overflow:visible}}
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


def _dig(d: Any, *keys: str) -> Any:
    for k in keys:
        if not isinstance(d, Mapping):
            return None
        d = d.get(k)
    return d


# --- pieces -----------------------------------------------------------------------------------


def _links(report: Mapping[str, Any]) -> str:
    files = [f.get("path") if isinstance(f, Mapping) else f for f in report.get("files") or []]
    files = [str(f) for f in files if f]
    out = []
    for ext, label in _LINK_ORDER:
        for f in files:
            if f.lower().endswith("." + ext) and not Path(f).name.startswith("."):
                out.append(f'<a href="{_e(quote(f))}">{_e(label)}</a>')
                break
    return " · ".join(out)


def _time(report: Mapping[str, Any], lang: str) -> str:
    # a skipped or kept report took no time in this run; its build time belongs to an earlier one
    if report.get("status") == "skipped" or report.get("kept"):
        return "–"
    return fmt_seconds(report.get("seconds"), lang)


def _built(report: Mapping[str, Any]) -> str:
    """'2024-06-05 07:00' from the entry's ISO build time."""
    text = report.get("built")
    return _e(str(text)[:16].replace("T", " ")) if isinstance(text, str) and text else "–"


def _status(report: Mapping[str, Any], t: Mapping[str, Any]) -> str:
    st = str(report.get("status") or "")
    return f'<span class="s-{_e(st)}">{_e(t["status_names"].get(st, st))}</span>'


def _cov_cell(pct: Any, lang: str) -> str:
    f = _as_float(pct)
    if f is None:
        return '<td class="n">–</td>'
    w = max(0.0, min(100.0, f)) * 0.6  # 100% = 60px
    return f'<td class="n">{_e(fmt_pct(f, lang))}<span class="cov" style="width:{w:.0f}px"></span></td>'


_SHIPPED_BRIEFINGS = ("wilayah_briefing.ipynb", "event_briefing.ipynb")


def _region_sort_key(item: tuple[Mapping, Mapping]) -> tuple:
    _, fig = item
    level = str(_dig(fig, "wilayah", "tingkat") or "")
    kode = str(_dig(fig, "wilayah", "kode") or "")
    as_of = str(fig.get("as_of") or "")
    return (_LEVEL_ORDER.get(level, 9), kode, as_of)


def _region_table(items: list[tuple[Mapping, Mapping]], t: Mapping, lang: str) -> str:
    head = [t["region"], t["level"], t["as_of"], t["desa"], t["kkb"], t["coverage"], t["rdk"], t["status"], t["time"],
            t["built"], t["files"]]
    rows = []
    for rep, fig in sorted(items, key=_region_sort_key):
        level = str(_dig(fig, "wilayah", "tingkat") or "")
        kode = _dig(fig, "wilayah", "kode")
        nama = _dig(fig, "wilayah", "nama") or rep.get("name")
        code = f' <span class="code">{_e(kode)}</span>' if kode else ""
        nb = str(rep.get("notebook") or "")
        if nb and nb not in _SHIPPED_BRIEFINGS:  # two reports of one region: say which notebook made each
            code += f' <span class="code">· {_e(nb.removesuffix(".ipynb"))}</span>'
        rows.append(
            "<tr>"
            f"<td>{_e(nama)}{code}</td>"
            f"<td>{_e(t['levels'].get(level, level))}</td>"
            f"<td>{_e(fig.get('as_of') or '–')}</td>"
            f'<td class="n">{_int(fig.get("desa_kelurahan"), lang)}</td>'
            f'<td class="n">{_int(fig.get("kampung_kb"), lang)}</td>'
            f"{_cov_cell(fig.get('cakupan_persen'), lang)}"
            f'<td class="n">{_int(fig.get("rumah_dataku"), lang)}</td>'
            f"<td>{_status(rep, t)}</td>"
            f'<td class="n">{_time(rep, lang)}</td>'
            f'<td class="n">{_built(rep)}</td>'
            f"<td>{_links(rep)}</td>"
            "</tr>"
        )
    return _table(head, rows)


def _event_table(items: list[tuple[Mapping, Mapping]], t: Mapping, lang: str) -> str:
    head = [t["event"], t["type"], t["date"], t["region"], t["participants"], t["kkb"], t["coverage"], t["status"], t["time"],
            t["built"], t["files"]]
    rows = []
    for rep, fig in sorted(items, key=lambda it: (str(_dig(it[1], "event", "mulai") or ""), str(it[0].get("name")))):
        ev = fig.get("event") if isinstance(fig.get("event"), Mapping) else {}
        start, end = ev.get("mulai"), ev.get("selesai")
        date = f"{start} – {end}" if start and end and end != start else (start or "–")
        rows.append(
            "<tr>"
            f"<td>{_e(ev.get('judul') or rep.get('name'))}</td>"
            f"<td>{_e(ev.get('jenis') or '–')}</td>"
            f"<td>{_e(date)}</td>"
            f"<td>{_e(_dig(fig, 'wilayah', 'nama') or '–')}</td>"
            f'<td class="n">{_int(ev.get("peserta"), lang)}</td>'
            f'<td class="n">{_int(fig.get("kampung_kb"), lang)}</td>'
            f"{_cov_cell(fig.get('cakupan_persen'), lang)}"
            f"<td>{_status(rep, t)}</td>"
            f'<td class="n">{_time(rep, lang)}</td>'
            f'<td class="n">{_built(rep)}</td>'
            f"<td>{_links(rep)}</td>"
            "</tr>"
        )
    return _table(head, rows)


def _plain_table(reports: list[Mapping], t: Mapping, lang: str) -> str:
    head = [t["report"], t["status"], t["reason"], t["time"], t["built"], t["files"]]
    rows = []
    for rep in sorted(reports, key=lambda r: str(r.get("name"))):
        reason = rep.get("reason")
        params = rep.get("params")
        sub = f'<br><span class="code">{_e(params)}</span>' if params else ""
        rows.append(
            "<tr>"
            f"<td>{_e(rep.get('name'))}{sub}</td>"
            f"<td>{_status(rep, t)}</td>"
            f'<td>{f"<pre class=reason>{_e(reason)}</pre>" if reason else "–"}</td>'
            f'<td class="n">{_time(rep, lang)}</td>'
            f'<td class="n">{_built(rep)}</td>'
            f"<td>{_links(rep)}</td>"
            "</tr>"
        )
    return _table(head, rows)


def _table(head: Sequence[str], rows: Sequence[str]) -> str:
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    return f'<div class="scroll"><table><thead><tr>{th}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def _card(value: str, label: str) -> str:
    return f'<div class="card"><div class="v">{_e(value)}</div><div class="k">{_e(label)}</div></div>'


def _summary(region_items: list[tuple[Mapping, Mapping]], t: Mapping, lang: str) -> str:
    parts = []
    national = [fig for _, fig in region_items if _dig(fig, "wilayah", "tingkat") == "nasional"]
    if national:
        fig = sorted(national, key=lambda f: str(f.get("as_of") or ""))[-1]
        parts.append(
            f'<p class="meta">{_e(_dig(fig, "wilayah", "nama") or "Indonesia")} · {_e(t["as_of"])} {_e(fig.get("as_of") or "–")}</p>'
            '<div class="cards">'
            + _card(_int(fig.get("desa_kelurahan"), lang), t["desa"])
            + _card(_int(fig.get("kampung_kb"), lang), t["kkb"])
            + _card(fmt_pct(fig.get("cakupan_persen"), lang), t["coverage"])
            + _card(_int(fig.get("rumah_dataku"), lang), t["rdk"])
            + "</div>"
        )
    provs = [fig for _, fig in region_items if _dig(fig, "wilayah", "tingkat") == "provinsi"]
    if provs:
        # Sum only reports that share one as-of date (the most common), so the total means something.
        date, _ = Counter(str(f.get("as_of") or "") for f in provs).most_common(1)[0]
        same = [f for f in provs if str(f.get("as_of") or "") == date]
        desa = sum(_as_int(f.get("desa_kelurahan")) or 0 for f in same)
        kkb = sum(_as_int(f.get("kampung_kb")) or 0 for f in same)
        rdk = sum(_as_int(f.get("rumah_dataku")) or 0 for f in same)
        # Coverage is desa/kelurahan covered over all (as the briefings compute it), not Kampung KB
        # over desa: a desa can hold more than one Kampung KB.
        covered = [_as_int(f.get("desa_kelurahan_tercakup")) for f in same]
        pct = 100.0 * sum(covered) / desa if desa and None not in covered else None
        parts.append(
            f'<p class="meta">{_e(t["sum_prov"].format(n=len(same), date=date or "–"))}</p>'
            '<div class="cards">'
            + _card(_int(desa, lang), t["desa"])
            + _card(_int(kkb, lang), t["kkb"])
            + _card(fmt_pct(pct, lang), t["coverage"])
            + _card(_int(rdk, lang), t["rdk"])
            + "</div>"
        )
    if not parts:
        return ""
    return f"<h2>{_e(t['summary'])}</h2>" + "".join(parts)


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
    regions, events, others = [], [], []
    for rep in reports:
        fig = figures.get(str(rep.get("name")))
        fig = fig if isinstance(fig, Mapping) and rep.get("status") in ("ok", "skipped") else None
        if fig and fig.get("laporan") == "event":
            events.append((rep, fig))
        elif fig and fig.get("laporan") == "wilayah":
            regions.append((rep, fig))
        else:
            others.append(rep)
    synthetic = any(bool(f.get("data_contoh")) for _, f in regions + events)
    this_run = [r for r in reports if not r.get("kept")]
    counts = Counter(str(r.get("status")) for r in this_run)

    body = [f"<h1>{_e(t['title'])}</h1>"]
    meta = [f"{t['generated']} {manifest.get('created') or ''}", f"kbreport {manifest.get('kbreport') or __version__}"]
    if manifest.get("seconds") is not None:
        meta.append(f"{t['run_time']} {fmt_seconds(manifest.get('seconds'), lang)}")
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
    body.append(_summary(regions, t, lang))
    single = [(r, f) for r, f in regions if not r.get("group")]
    groups: dict[str, list] = {}
    for r, f in regions:  # a fan-out's reports together, under their params file
        if r.get("group"):
            groups.setdefault(str(r["group"]), []).append((r, f))
    if single:
        body.append(f"<h2>{_e(t['regions'])}</h2>" + _region_table(single, t, lang))
    for name in sorted(groups):
        n = len(groups[name])
        head = t["group"].format(name=name, n=_int(n, lang), reports=plural(n, "report", lang))
        body.append(f"<h2>{_e(head)}</h2>"
                    + _region_table(groups[name], t, lang))
    if events:
        body.append(f"<h2>{_e(t['events'])}</h2>" + _event_table(events, t, lang))
    failed = [r for r in others if r.get("status") in ("failed", "interrupted")]
    rest = [r for r in others if r.get("status") not in ("failed", "interrupted")]
    if failed:
        body.append(f"<h2>{_e(t['failed'])}</h2>" + _plain_table(failed, t, lang))
    if rest:
        body.append(f"<h2>{_e(t['other'])}</h2>" + _plain_table(rest, t, lang))
    if not reports:
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
