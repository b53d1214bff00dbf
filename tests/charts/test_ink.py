"""kbreport.charts.ink: the inked width of text, equal bit for bit to matplotlib's Path.get_extents."""
from __future__ import annotations

import numpy as np
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path
from matplotlib.textpath import TextPath

from kbreport.charts import style as s
from kbreport.charts.ink import path_width, text_width_pt


def test_a_curve_bulging_past_its_end_points_counts_its_extremum():
    # x(t) = 2·2(1−t)t for P0 = (0, 0), P1 = (2, 1), P2 = (0, 2): largest at t = ½, x = 1
    path = Path([(0, 0), (2, 1), (0, 2), (0, 0)], [Path.MOVETO, Path.CURVE3, Path.CURVE3, Path.CLOSEPOLY])
    assert path_width(path) == 1.0


def test_control_points_are_not_ink():
    # a control point far right of a curve that does not reach it: x(t) ≤ ½·10 = 5
    path = Path([(0, 0), (10, 1), (0, 2), (0, 4), (1, 4)],
                [Path.MOVETO, Path.CURVE3, Path.CURVE3, Path.LINETO, Path.LINETO])
    assert path_width(path) == 5.0


def test_cubic_curves_fall_back_to_matplotlib():
    path = Path([(0, 0), (3, 1), (-1, 2), (0, 3)], [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4])
    assert path_width(path) == path.get_extents().width


def test_equal_to_get_extents_on_region_names_and_key_entries():
    from kbreport.ingest.wilayah import load_master

    names = list(dict.fromkeys(load_master()["nama"].astype(str)))
    rng = np.random.default_rng(14)
    texts = [names[i] for i in rng.choice(len(names), 150, replace=False)]
    texts += [f"{i}  {n} {i * 1.7:.1f}%".replace(".", ",") for i, n in enumerate(texts[:40])]
    texts += [str(i) for i in range(1, 40)] + ["(Kota) Ö‘’–", "tidak ada data"]
    prop = FontProperties(family=s.FONT)
    for size in (6.5, 6.0):
        for text in texts:
            want = TextPath((0, 0), text, size=size, prop=prop).get_extents().width
            assert text_width_pt(text, size, prop) == want, text
