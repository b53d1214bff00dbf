"""The maps' words (kbreport.charts.choropleth, kbreport.elements.charts.map_chart): caption, alt text, notes."""
from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "map.cap_map": {
        "id": "Peta cakupan desa/kelurahan ber-Kampung KB per {unit}",
        "en": "Map of desa/kelurahan coverage by {unit}",
    },
    "map.alt_map": {
        "id": "Peta {n} {unit} di {wilayah} menurut kelas cakupan desa/kelurahan ber-Kampung KB: {classes}.",
        "en": "Map of the {n} {unit} of {wilayah} by class of desa/kelurahan coverage: {classes}.",
    },
    "map.alt_class": {
        "id": "{n} pada {cls}",
        "en": "{n} at {cls}",
    },
    "map.alt_nodata": {
        "id": "{n} tanpa data",
        "en": "{n} without data",
    },
    "map.alt_not_drawn": {
        "id": " Tidak tergambar (kode tanpa batas wilayah 2025): {names}.",
        "en": " Not drawn (code without a 2025 boundary): {names}.",
    },
    "map.lab_map": {
        "id": "peta hanya sampai tingkat kecamatan.",
        "en": "maps go down to kecamatan only.",
    },
    "map.tanpa_batas": {
        "id": "Tidak tergambar (kode tanpa batas wilayah Kepmendagri 2025): {items}",
        "en": "Not drawn (code without a 2025 Kepmendagri boundary): {items}",
    },
    "map.sumber_batas": {
        "id": "Batas: cahyadsn/wilayah_boundaries (MIT), disederhanakan",
        "en": "Boundaries: cahyadsn/wilayah_boundaries (MIT), simplified",
    },
}
