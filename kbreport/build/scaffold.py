"""`kbreport new NAME`: a new report notebook and its params file, ready to build.

    new_report("monev2")   # notebooks/monev2.ipynb + params/monev2.yaml in the current folder

The notebook has a parameters cell, data loading, a title block, headline cards, one chart and the
cell writing figures.json (and annex.xlsx) to `out_dir` — the contract `kbreport run` reads — each
in its own cell for the analyst to keep, move or replace. `kbreport run params/NAME.yaml --out
outputs` builds it at once. Nothing existing is overwritten.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from kbreport.errors import KbreportError

__all__ = ["new_report", "notebook_for_new_report"]

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,60}$")

_INTRO = """# {name}

Laporan baru yang dibuat dengan `kbreport new {name}`. Setiap sel menampilkan satu elemen halaman
(`kbreport.elements`): hapus, pindahkan, gandakan atau tambah sel sesuai kebutuhan. Sel ini hanya untuk
analis (tag `remove-cell`) dan tidak ikut dicetak.

Bangun dengan `kbreport run params/{name}.yaml --out outputs`."""

_PARAMETERS = '''kode: "Optional[str]" = "17"  # kode wilayah Kemendagri: "17" provinsi, "18.04" kabupaten/kota, None untuk Indonesia
as_of: str = "2024-06-04"  # tanggal angka, YYYY-MM-DD
bahasa: str = "id"  # bahasa dokumen: "id" (Indonesia) atau "en" (English)
judul: "Optional[str]" = None  # judul dokumen; None: "Kampung KB di <wilayah>"
target_tanggal: str = "2024-12-31"  # batas waktu target cakupan, YYYY-MM-DD
target_persen: float = 100.0  # target desa/kelurahan ber-Kampung KB, persen
data_dir: "Optional[str]" = None  # folder data; None: $KBREPORT_DATA atau data/demo
out_dir: "Optional[str]" = None  # folder figures.json dan annex.xlsx; None: outputs/lab/<notebook>/
annex: bool = True  # tulis juga annex.xlsx'''

_SETUP = '''from kbreport import elements as kb

R = kb.region_report(kode=kode, as_of=as_of, bahasa=bahasa, judul=judul, target_tanggal=target_tanggal,
                     target_persen=target_persen, data_dir=data_dir)'''

_CELLS = ("kb.title_block(R)", "kb.headline_cards(R)", "kb.coverage_chart(R)",
          'R.write_outputs(out_dir, annex=annex, name="{name}")')


def notebook_for_new_report(name: str):
    """The new notebook (nbformat node): intro, parameters, setup, elements, outputs."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    intro = nbformat.v4.new_markdown_cell(_INTRO.format(name=name))
    intro.metadata["tags"] = ["remove-cell"]
    params = nbformat.v4.new_code_cell(_PARAMETERS)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [intro, params, nbformat.v4.new_code_cell(_SETUP), *(nbformat.v4.new_code_cell(c.format(name=name)) for c in _CELLS)]
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["kbreport"] = {"laporan": "wilayah", "kode_tingkat": ["provinsi", "kabkota"]}
    return nb


def _free(path: Path) -> Path:
    if path.exists() or path.is_symlink():
        raise KbreportError(f"{path} sudah ada; kbreport new tidak menimpanya (pilih nama lain)")
    if path.parent.is_symlink():
        raise KbreportError(f"{path.parent} adalah tautan simbolik; kbreport tidak menulis melaluinya")
    return path


def new_report(name: str, folder: str | os.PathLike = ".") -> tuple[Path, Path]:
    """Write `folder/notebooks/NAME.ipynb` and `folder/params/NAME.yaml`; returns both paths."""
    import nbformat

    if not _NAME.match(name or ""):
        raise KbreportError(f"nama {name!r} tidak dapat dipakai: awali dengan huruf; hanya huruf, angka, '_' dan '-'")
    root = Path(folder)
    nb_path = _free(root / "notebooks" / f"{name}.ipynb")
    params_path = _free(root / "params" / f"{name}.yaml")
    nb_path.parent.mkdir(parents=True, exist_ok=True)
    params_path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook_for_new_report(name), str(nb_path))
    params_path.write_text(
        f"# Laporan {name}: ubah kode dan tanggal; kunci lain = parameter di sel 'parameters' notebooks/{name}.ipynb\n"
        f"notebook: {name}\nkode: \"17\"\nas_of: 2024-06-04\n", encoding="utf-8")
    return nb_path, params_path
