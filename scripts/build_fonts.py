"""Write the subset DejaVu Sans faces the briefings embed to kbreport/data/fonts (build time only).

    .venv/bin/python scripts/build_fonts.py          # write them (and DejaVu's licence)
    .venv/bin/python scripts/build_fonts.py --check  # exit 1 if a shipped face covers other characters

kbreport.build.render embeds these in every HTML and PDF. Subsetting matplotlib's DejaVu Sans with
fontTools takes about a second per process, so the result ships with the package; without the
files, kbreport.build.render subsets at run time and gets the same faces.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kbreport.build.render import _FONT_FACES, FONT_DIR, subset_font  # noqa: E402

LICENCE = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "LICENSE_DEJAVU"


def coverage(data: bytes) -> set[int]:
    import io

    return set(TTFont(io.BytesIO(data)).getBestCmap())


def main(argv: list[str]) -> int:
    check = "--check" in argv
    bad = []
    for filename, _weight, _style in _FONT_FACES:
        fresh = subset_font(filename)
        target = FONT_DIR / filename
        if check:
            if not target.is_file() or coverage(target.read_bytes()) != coverage(fresh):
                bad.append(filename)
        else:
            FONT_DIR.mkdir(parents=True, exist_ok=True)
            target.write_bytes(fresh)
            print(f"{target.relative_to(ROOT)}: {len(fresh):,} bytes, {len(coverage(fresh))} characters")
    if not check:
        shutil.copyfile(LICENCE, FONT_DIR / "LICENSE_DEJAVU")
    if bad:
        print("berbeda dari subset baru: " + ", ".join(bad) + " (jalankan scripts/build_fonts.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
