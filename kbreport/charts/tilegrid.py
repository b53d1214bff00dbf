"""Tile-grid layout of Indonesia's 38 provinces: Kemendagri code -> (row, col, short label).

Roughly geographic, west -> east and north -> south: Sumatra on the left, Java–Nusa Tenggara along
the bottom, Kalimantan, Sulawesi, Maluku and the six Papua provinces to the right. Row 0 is the top.
Short labels are the abbreviations Indonesian readers know (SUMSEL, JABAR, NTT); full names come from
the region master, never from here.
"""
from __future__ import annotations

# kode: (row, col, label)
TILES: dict[str, tuple[int, int, str]] = {
    # Sumatra
    "11": (0, 0, "ACEH"),
    "12": (1, 1, "SUMUT"),
    "14": (1, 2, "RIAU"),
    "21": (1, 3, "KEPRI"),
    "13": (2, 1, "SUMBAR"),
    "15": (2, 2, "JAMBI"),
    "17": (3, 1, "BKL"),
    "16": (3, 2, "SUMSEL"),
    "19": (3, 3, "BABEL"),
    "18": (4, 2, "LPG"),
    # Java, Bali, Nusa Tenggara
    "31": (4, 4, "DKI"),
    "36": (5, 3, "BANTEN"),
    "32": (5, 4, "JABAR"),
    "33": (5, 5, "JATENG"),
    "34": (6, 5, "DIY"),
    "35": (5, 6, "JATIM"),
    "51": (5, 7, "BALI"),
    "52": (5, 8, "NTB"),
    "53": (5, 9, "NTT"),
    # Kalimantan
    "65": (0, 7, "KALTARA"),
    "61": (1, 6, "KALBAR"),
    "64": (1, 7, "KALTIM"),
    "62": (2, 6, "KALTENG"),
    "63": (2, 7, "KALSEL"),
    # Sulawesi
    "71": (0, 10, "SULUT"),
    "75": (0, 9, "GTLO"),
    "72": (1, 9, "SULTENG"),
    "76": (2, 8, "SULBAR"),
    "73": (3, 8, "SULSEL"),
    "74": (3, 9, "SULTRA"),
    # Maluku
    "82": (1, 11, "MALUT"),
    "81": (2, 11, "MALUKU"),
    # Papua
    "96": (1, 12, "PBD"),
    "92": (1, 13, "PABAR"),
    "91": (1, 14, "PAPUA"),
    "94": (2, 13, "PATENG"),
    "95": (2, 14, "PAPEG"),
    "93": (3, 14, "PASEL"),
}

PROVINCE_CODES = tuple(sorted(TILES))
N_ROWS = 1 + max(r for r, _, _ in TILES.values())
N_COLS = 1 + max(c for _, c, _ in TILES.values())


def province_code(kode) -> str:
    """"17", 17, "17.71" or "17.71.01.2001" -> "17"."""
    text = str(kode).strip()
    head = text.split(".")[0]
    if head.isdigit() and len(head) <= 2:
        return head.zfill(2)
    if text.isdigit() and len(text) >= 2:  # undotted code
        return text[:2]
    raise ValueError(f"not a province code: {kode!r}")
