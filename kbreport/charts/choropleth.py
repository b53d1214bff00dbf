"""A region's sub-units on a map, coloured by coverage class, with a numbered key (kbreport.charts.boundaries)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from matplotlib.patheffects import withStroke

from kbreport.charts import boundaries
from kbreport.charts.ink import text_width_pt
from kbreport.charts import style as s
from kbreport.text import fmt
from kbreport.text.catalogue import t as catalogue_t
from kbreport.text.i18n import label

__all__ = ["MAP_CLASSES", "MAP_COLORS", "map_class", "class_labels", "coverage_map", "not_drawn"]

# [lo, hi) in percent; class 0 is exactly none, the last exactly all desa/kelurahan covered.
MAP_CLASSES = ((0, 0), (0, 25), (25, 50), (50, 75), (75, 100), (100, 100))
# none yet in a pale sand, so it never reads as "a little"; then light to dark blue
MAP_COLORS = ("#F3E3C3", "#DCE9F5", "#A9CBE8", "#5E9BD1", "#2C6BAA", "#123F6E")

# Words on the map beyond kbreport.text.i18n (kept here until the text owners take them in).

_KEY_SIZE = 6.5  # pt, the numbered key and the numbers on the map
_ROW_IN = 0.122  # inches per key row
_BELOW_MAP_SHARE = 0.75  # a map with the key under it is at most this share of max_map_height
_KEY_PAD = 0.36  # inches a key column takes beyond its longest entry: number, gap, space to the next
_PROP = FontProperties(family=s.FONT)
_TINY_IN2 = (3 / 72) ** 2  # a polygon under 3 x 3 pt on paper is an islet: drawn without the white border


def _t(key: str, lang: str, **values) -> str:
    return catalogue_t(f"map.{key}", lang, **values)


def map_class(value, tercakup=None, desa_kelurahan=None) -> int | None:
    """Index into MAP_CLASSES for a 0–100 coverage; None when missing. With the counts, "100 %" means
    every desa/kelurahan covered and "0 %" none (a share rounded to 100 with one desa missing is 75–<100)."""
    if not fmt.is_missing(tercakup) and not fmt.is_missing(desa_kelurahan) and float(desa_kelurahan) > 0:
        if float(tercakup) >= float(desa_kelurahan):
            return len(MAP_CLASSES) - 1
        if float(tercakup) <= 0:
            return 0
        value = min(float(tercakup) / float(desa_kelurahan) * 100, 99.999)
    if fmt.is_missing(value):
        return None
    v = float(value)
    if v >= 100:
        return len(MAP_CLASSES) - 1
    if v <= 0:
        return 0
    for i, (lo, hi) in enumerate(MAP_CLASSES[1:-1], start=1):
        if lo <= v < hi:
            return i
    return None


def class_labels(lang: str = "id") -> list[str]:
    p = lambda v: fmt.percent(v, lang, digits=0)  # noqa: E731
    return [p(0), f"> {p(0)} – < {p(25)}", *[f"{p(lo)} – < {p(hi)}" for lo, hi in MAP_CLASSES[2:-1]], p(100)]


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return abs(0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)))


def _darker(color: str, f: float = 0.8) -> tuple:
    from matplotlib.colors import to_rgb

    return tuple(c * f for c in to_rgb(color))


def _path(polygons) -> Path:
    """One compound path of polygons (outline and holes wound opposite ways, as the data stores them)."""
    verts, codes = [], []
    for poly in polygons:
        for ring in poly:
            verts.extend(ring.tolist())
            verts.append(ring[0].tolist())
            codes.extend([Path.MOVETO] + [Path.LINETO] * (len(ring) - 1) + [Path.CLOSEPOLY])
    return Path(np.asarray(verts), codes)


def _width_in(text: str, size: float = _KEY_SIZE) -> float:
    return text_width_pt(text, size, _PROP) / 72


def _parent(df: pd.DataFrame, parent) -> str:
    if parent is not None:
        return str(parent)
    if "total" in df.columns and df["total"].astype(bool).any():
        k = df.loc[df["total"].astype(bool), "kode"].iloc[0]
        return "" if fmt.is_missing(k) else str(k)
    heads = {str(k).rsplit(".", 1)[0] if "." in str(k) else "" for k in df["kode"]}
    return heads.pop() if len(heads) == 1 else ""


def coverage_map(df: pd.DataFrame, lang: str = "id", *, value_col: str = "cakupan_persen", parent: str | None = None,
                 title: str | None = None, footer_note: str | None = None, max_map_height: float = 3.0):
    """The sub-units of a region on a map, each numbered and coloured by coverage class (0, > 0–< 25,
    25–< 50, 50–< 75, 75–< 100, 100 %), a numbered key with names and values beside or below it.

    df columns: `kode` (2025 Kemendagri code of a province, kab/kota or kecamatan), `nama`, `cakupan_persen`
    (0–100), optional `tercakup` and `desa_kelurahan` (the class and value then come from the counts) and
    `total` (that row is left out; its `kode` is the region). `parent`: the region's code ("" Indonesia;
    default from the total row, else the rows' common parent). Every polygon of the region is drawn; one
    whose code is not in df is grey ("tidak ada data"). A row whose code has no polygon (an older decree's
    code) is listed under the map with its value, never dropped. Numbered in code order.
    """
    s.require(df, ["kode", "nama", value_col], "coverage_map")
    par = _parent(df, parent)
    d = s.drop_total(df).copy()
    d = d[d["kode"].notna()].assign(kode=lambda x: x["kode"].astype(str)).sort_values("kode", kind="stable")
    d = d.reset_index(drop=True)
    has_counts = {"tercakup", "desa_kelurahan"} <= set(d.columns)
    vals = pd.to_numeric(d[value_col], errors="coerce")
    rows = []
    for i, r in d.iterrows():
        t, n = (r["tercakup"], r["desa_kelurahan"]) if has_counts else (None, None)
        k = map_class(vals.iloc[i], t, n)
        if k is None:
            text = label("tidak_ada_data", lang)
        elif has_counts and value_col == "cakupan_persen":
            text = fmt.percent_of(t, n, lang, digits=0)
        else:
            text = fmt.percent(vals.iloc[i], lang, digits=0)
        rows.append({"kode": r["kode"], "nama": s.names(d.iloc[[i]], lang)[0], "k": k, "text": text})
    drawn = _drawn(par, [r["kode"] for r in rows])
    on_map = [r for r in rows if r["kode"] in drawn]
    off_map = [r for r in rows if r["kode"] not in drawn]
    for n, r in enumerate(on_map, start=1):
        r["n"] = n

    # extent (lng, lat) of everything drawn, far islands included; x scaled by cos(lat) for equal distances
    boxes = np.array([sh.bbox for sh in drawn.values()]) if drawn else np.array([[0, 0, 1, 1]])
    x0, y0, x1, y1 = boxes[:, 0].min(), boxes[:, 1].min(), boxes[:, 2].max(), boxes[:, 3].max()
    pad = 0.012 * max(x1 - x0, y1 - y0)
    x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad
    kx = math.cos(math.radians((y0 + y1) / 2))
    ratio = (y1 - y0) / max(1e-9, (x1 - x0) * kx)  # height / width of the map

    entries = [(f"{r['n']}", f"{r['nama']}  {r['text']}") for r in on_map]
    W = s.FIG_WIDTH
    handles = [Patch(facecolor=MAP_COLORS[k], edgecolor="#9AA0A6", linewidth=0.4, label=class_labels(lang)[k])
               for k in range(len(MAP_CLASSES))]
    if any(r["k"] is None for r in rows) or set(drawn) - {r["kode"] for r in rows}:
        handles.append(Patch(facecolor=s.GREY, edgecolor="#9AA0A6", linewidth=0.4, label=label("tidak_ada_data", lang)))
    off_text = _t("tanpa_batas", lang, items="; ".join(f"{r['nama']} ({r['kode']}) {r['text']}" for r in off_map))
    off_lines = _wrap(off_text, W - 0.2) if off_map else []
    L = _layout(ratio, [_width_in(e[1]) for e in entries], [_width_in(h.get_label()) for h in handles],
                max_map_height, title=bool(title), footer=bool(footer_note), off_lines=len(off_lines))
    beside, map_x, map_w, map_h, top, H = L["beside"], L["map_x"], L["map_w"], L["map_h"], L["top"], L["H"]

    with s.house_style():
        fig = _figure(H, footer_note)
        ax = fig.add_axes((map_x / W, (top - map_h) / H, map_w / W, map_h / H))
        ax.set_axis_off()
        ux, uy = (x1 - x0) / map_w, (y1 - y0) / map_h  # degrees per inch
        paths = {kode: _path(sh.polygons) for kode, sh in drawn.items()}
        by_code = {r["kode"]: r for r in rows}
        for kode, sh in drawn.items():
            r = by_code.get(kode)
            fill = s.GREY if r is None or r["k"] is None else MAP_COLORS[r["k"]]
            big = [p for p in sh.polygons if _area(p[0]) / (ux * uy) >= _TINY_IN2]
            tiny = [p for p in sh.polygons if _area(p[0]) / (ux * uy) < _TINY_IN2]
            if big:
                ax.add_patch(PathPatch(_path(big), facecolor=fill, edgecolor="white", linewidth=0.45, gid=f"map-{kode}"))
            if tiny:  # islets smaller than a few points: outlined in their own colour so they still show
                ax.add_patch(PathPatch(_path(tiny), facecolor=fill, edgecolor=_darker(fill), linewidth=0.8,
                                       gid=f"map-{kode}-islets"))
        for r, (lx, ly), moved in _place_labels(on_map, drawn, paths, (x0, y0, x1, y1), ux, uy):
            fill = s.GREY if r["k"] is None else MAP_COLORS[r["k"]]
            ink = s.text_color_on(fill) if not moved else s.TEXT
            halo = fill if not moved else "white"
            if moved:
                ax.plot([drawn[r["kode"]].label[0], lx], [drawn[r["kode"]].label[1], ly], color=s.MUTED, lw=0.5,
                        solid_capstyle="round", zorder=3)
            ax.text(lx, ly, r["n"], ha="center", va="center", fontsize=_KEY_SIZE, fontweight="bold", color=ink,
                    path_effects=[withStroke(linewidth=1.6, foreground=halo)], gid=f"label-{r['kode']}", zorder=4)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect(1 / kx)
        # the key: number, name and value, in code order, column by column
        for j, (num, text) in enumerate(entries):
            c, row = divmod(j, L["key_rows"])
            x, y = L["key_x"][c], L["key_top"] - (row + 0.5) * _ROW_IN
            fig.text((x + 0.2) / W, y / H, num, ha="right", va="center", fontsize=_KEY_SIZE, fontweight="bold")
            fig.text((x + 0.26) / W, y / H, text, ha="left", va="center", fontsize=_KEY_SIZE)
        for j, line in enumerate(off_lines):
            fig.text(0.1 / W, (L["off_top"] - (j + 0.5) * _ROW_IN) / H, line, ha="left", va="center",
                     fontsize=_KEY_SIZE, color=s.TEXT, gid="map-not-drawn" if j == 0 else None)
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(L["legend_x"] / W, L["legend_top"] / H),
                   ncol=L["legend_cols"], fontsize=_KEY_SIZE, handlelength=1.1, handleheight=0.9, handletextpad=0.4,
                   columnspacing=1.0, labelspacing=0.35, borderaxespad=0.0, borderpad=0.0)
        s.title(fig, title)
    return fig


def _columns(widths: list[float], avail: float) -> tuple[int, list[float]]:
    """(rows, x offset of each column) of a key filled column by column, in as few rows as fit `avail`
    inches; each column as wide as its longest entry."""
    n = len(widths)
    for cols in range(max(1, n), 0, -1):
        rows = math.ceil(n / cols)
        cols = math.ceil(n / rows)
        xs, x = [], 0.0
        for c in range(cols):
            xs.append(x)
            x += _KEY_PAD + max(widths[c * rows:(c + 1) * rows] or [0.0])
        if x <= avail or cols == 1:
            return rows, xs
    return 0, [0.0]


def _layout(ratio: float, key_widths: list[float], legend_widths: list[float], max_map_height: float, *,
            title: bool, footer: bool, off_lines: int) -> dict:
    """Where everything goes, in inches from the bottom-left. beside: the map on the left, to its right the
    class legend over the key; below: the legend in a row on top, the map, the key under it."""
    W = s.FIG_WIDTH
    title_h, foot_h = (0.25 if title else 0.0), (0.25 if footer else 0.08)
    off_h = 0.05 + _ROW_IN * off_lines if off_lines else 0.0
    # beside
    side_w = min(0.44 * W, max_map_height / ratio)
    right_x = 0.05 + side_w + 0.15
    right_w = W - right_x - 0.05
    leg_item = max(legend_widths) + 0.3
    leg_cols = max(1, min(3, int(right_w // leg_item)))
    leg_h = math.ceil(len(legend_widths) / leg_cols) * 0.155 + 0.1
    side_rows, side_xs = _columns(key_widths, right_w)
    side_body = max(side_w * ratio, leg_h + side_rows * _ROW_IN)
    # below
    below_w = min(W - 0.1, _BELOW_MAP_SHARE * max_map_height / ratio)  # a full-width map is lower, the key longer
    below_rows, below_xs = _columns(key_widths, W - 0.1)
    below_body = 0.3 + below_w * ratio + 0.08 + below_rows * _ROW_IN
    # a tall region keeps its map beside the key unless that is much higher; a wide one keeps a wide map
    beside = ratio >= 0.5 and side_body <= below_body + 0.4 and right_w >= 1.5
    if beside:
        H = title_h + side_body + off_h + foot_h
        top = H - title_h
        return dict(beside=True, H=H, top=top, map_x=0.05, map_w=side_w, map_h=side_w * ratio,
                    key_rows=side_rows, key_x=[right_x + x for x in side_xs], key_top=top - leg_h,
                    legend_x=right_x + 0.06, legend_top=top - 0.02, legend_cols=leg_cols, off_top=top - side_body - 0.05)
    H = title_h + below_body + off_h + foot_h
    top = H - title_h - 0.3
    key_w = below_xs[-1] + _KEY_PAD + max(key_widths[(len(below_xs) - 1) * below_rows:] or [0.0])
    x0 = (W - key_w) / 2
    return dict(beside=False, H=H, top=top, map_x=(W - below_w) / 2, map_w=below_w, map_h=below_w * ratio,
                key_rows=below_rows, key_x=[x0 + x for x in below_xs], key_top=top - below_w * ratio - 0.08,
                legend_x=0.05, legend_top=top + 0.26, legend_cols=len(legend_widths),
                off_top=top - below_body + 0.3 - 0.05)


def _drawn(parent: str, kodes) -> dict[str, boundaries.Shape]:
    """Every polygon of the region, and of any listed code outside it."""
    region = boundaries.children(parent)
    return {**region, **boundaries.shapes([k for k in kodes if k not in region])}


def not_drawn(df: pd.DataFrame, parent: str | None = None) -> list[str]:
    """Codes of df's sub-units (total row left out) that have no polygon: what coverage_map lists under the map."""
    par = _parent(df, parent)
    kodes = [str(k) for k in s.drop_total(df)["kode"] if not fmt.is_missing(k)]
    drawn = _drawn(par, kodes)
    return sorted(k for k in kodes if k not in drawn)


def _figure(height: float, footer_note: str | None) -> Figure:
    """An empty figure laid out by hand (axes and texts placed in inches); the layout engine is a
    placeholder that moves nothing, so it is drawn once from the canvas like the other charts."""
    fig = Figure(figsize=(s.FIG_WIDTH, height))
    FigureCanvasAgg(fig)
    fig.set_layout_engine(PlaceHolderLayoutEngine(adjust_compatible=True, colorbar_gridspec=False))
    if footer_note:  # as style.stamp writes it
        fig.text(0.008, 0.04 / height, footer_note, ha="left", va="bottom", fontsize=6.5, style="italic", color=s.MUTED)
    return fig


def _place_labels(on_map, drawn, paths, limits, ux, uy):
    """(row, label position, moved) for each numbered sub-unit: at its label point when the number fits in
    the shape, else beside it (leader line drawn by the caller), where it overlaps no other number and,
    if it can, no other land."""
    x0, y0, x1, y1 = limits
    boxes, out, small = [], [], []

    def size(r):
        return (_width_in(str(r["n"])) + 0.05) * ux, 0.1 * uy

    def overlaps(cx, cy, w, h):
        return sum(1 for bx, by, bw, bh in boxes if abs(cx - bx) < (w + bw) / 2 and abs(cy - by) < (h + bh) / 2)

    for r in on_map:
        sh = drawn[r["kode"]]
        w, h = size(r)
        bx0, by0, bx1, by1 = sh.bbox
        if (bx1 - bx0) < 1.15 * w or (by1 - by0) < 1.15 * h:
            small.append(r)
        else:
            boxes.append((*sh.label, w, h))
            out.append((r, sh.label, False))
    for r in small:
        (lx, ly), (w, h) = drawn[r["kode"]].label, size(r)
        best, best_score = (lx, ly), math.inf
        for radius in (1.3, 2.0, 3.0):
            for a in range(0, 360, 30):
                cx = lx + math.cos(math.radians(a)) * radius * 0.09 * ux
                cy = ly + math.sin(math.radians(a)) * radius * 0.09 * uy
                if not (x0 + w / 2 <= cx <= x1 - w / 2 and y0 + h / 2 <= cy <= y1 - h / 2):
                    continue
                land = sum(1 for p in paths.values() if p.contains_point((cx, cy)))
                score = 100 * overlaps(cx, cy, w, h) + 3 * land + radius
                if score < best_score:
                    best, best_score = (cx, cy), score
        boxes.append((*best, w, h))
        out.append((r, best, best != (lx, ly)))
    return out


def _wrap(text: str, width_in: float) -> list[str]:
    """Lines of `text` no wider than `width_in` at the key's size, broken at spaces."""
    lines, cur = [], ""
    for word in text.split(" "):
        cand = f"{cur} {word}".strip()
        if cur and _width_in(cand) > width_in:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    return [*lines, cur] if cur else lines
