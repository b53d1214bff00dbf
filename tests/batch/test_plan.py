"""kbreport.build.notebooks, kbreport.batch.plan and kbreport.ingest.coverage: which notebook a params file runs,
what its parameters cell declares, fan-outs, and the data's coverage — all before any kernel starts."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from kbreport.ingest.coverage import DataCoverage, common_region, coverage_from_codes, data_coverage
from kbreport.errors import ParamsError
from kbreport.build.notebooks import builtin_dir, find_notebook, notebook_info
from kbreport.build.params import load_params
from kbreport.batch.plan import expand_params, member_name

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def master():
    from kbreport.ingest.wilayah import load_master

    return load_master()


def _notebook(path: Path, source: str, metadata: dict | None = None) -> Path:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell, nbformat.v4.new_code_cell("x = 1")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if metadata:
        nb.metadata["kbreport"] = metadata
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def _project(tmp_path: Path, params_text: str, name: str = "p.yaml") -> Path:
    _notebook(tmp_path / "notebooks" / "monev.ipynb",
              'kode: str = "18.72"  # kode kab/kota\n'
              'as_of: str = "2024-06-04"  # tanggal\n'
              'batas: int = 10  # banyak baris\n'
              'bahasa: str = "id"  # id atau en\n'
              'data_dir: "Optional[str]" = None  # folder data\n',
              {"kode_tingkat": ["kabkota", "kecamatan"]})
    p = tmp_path / "params" / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(params_text, encoding="utf-8")
    return p


# --- the notebook a params file names -----------------------------------------------------------------


def test_shipped_notebooks_declare_every_parameter_with_type_and_help():
    for stem in ("wilayah_briefing", "event_briefing"):
        info = notebook_info(builtin_dir() / f"{stem}.ipynb")
        assert info.parameters, stem
        for name, p in info.parameters.items():
            assert p["annotation"], f"{stem}: {name} has no type annotation"
            assert p["help"].strip(), f"{stem}: {name} has no help comment"
        assert {"data_dir", "out_dir", "annex"} <= set(info.parameters)
    assert notebook_info(builtin_dir() / "event_briefing.ipynb").laporan == "event"
    assert notebook_info(builtin_dir() / "wilayah_briefing.ipynb").laporan == "wilayah"


def test_a_project_notebook_by_name_validated_by_its_own_cell(tmp_path, master):
    p = _project(tmp_path, 'notebook: monev\nkode: "18.72.01"\nbatas: 5\n')
    params = load_params(p, master=master)
    assert params.notebook == "monev" and params.kode == "18.72.01" and params.batas == 5
    assert params.as_of.isoformat() == "2024-06-04"  # the notebook's default, typed by its name
    # a wrong type for a parameter known only by its annotation
    p2 = _project(tmp_path, "notebook: monev\nbatas: sepuluh\n", "p2.yaml")
    with pytest.raises(ParamsError) as ei:
        load_params(p2, master=master)
    assert (ei.value.key, ei.value.file) == ("batas", str(p2)) and "bilangan bulat" in ei.value.reason
    # a level the notebook does not take (its metadata: kabkota, kecamatan)
    p3 = _project(tmp_path, 'notebook: monev\nkode: "18"\n', "p3.yaml")
    with pytest.raises(ParamsError, match="kabupaten/kota .PP.KK. atau kecamatan"):
        load_params(p3, master=master)
    # a key the notebook does not declare
    p4 = _project(tmp_path, "notebook: monev\nwarna: merah\n", "p4.yaml")
    with pytest.raises(ParamsError) as ei:
        load_params(p4, master=master)
    assert ei.value.key == "warna" and "kunci tidak dikenal" in ei.value.reason


def test_notebook_lookup_refusals(tmp_path):
    p = _project(tmp_path, "notebook: tidak_ada\n")
    with pytest.raises(ParamsError, match="notebook 'tidak_ada' tidak ditemukan"):
        find_notebook({"notebook": "tidak_ada"}, p, str(p))
    with pytest.raises(ParamsError, match="keluar dari folder proyek"):
        find_notebook({"notebook": "../../elsewhere.ipynb"}, p, str(p))
    with pytest.raises(ParamsError, match="harus 'wilayah' atau 'event'"):
        find_notebook({"laporan": "monev"}, p, str(p))
    with pytest.raises(ParamsError, match="data_dir: diatur oleh kbreport run"):
        load_params(_project(tmp_path, "notebook: monev\ndata_dir: /etc\n", "x.yaml"), regions=False)
    # a path relative to the params file, inside the project
    assert find_notebook({"notebook": "../notebooks/monev.ipynb"}, p, str(p)).name == "monev.ipynb"


def test_project_copy_wins_over_the_shipped_notebook(tmp_path):
    _notebook(tmp_path / "notebooks" / "wilayah_briefing.ipynb", 'kode: str = "17"  # kode\n')
    p = tmp_path / "params" / "a.yaml"
    p.parent.mkdir()
    p.write_text("laporan: wilayah\n")
    assert find_notebook({"laporan": "wilayah"}, p, str(p)) == tmp_path / "notebooks" / "wilayah_briefing.ipynb"


def test_neutral_event_defaults_leak_nothing(master):
    """papermill -f and kbreport run must agree: an event that says nothing of its participants,
    end date or targets gets none from the notebook's defaults."""
    info = notebook_info(builtin_dir() / "event_briefing.ipynb")
    d = {n: p["default"] for n, p in info.parameters.items()}
    assert d["selesai"] is None and d["peserta"] == [] and d["target"] == [] and d["tujuan"] == []
    assert d["target_tanggal"] is None and d["target_persen"] is None  # None: the default in force on as_of
    mou = load_params(ROOT / "params" / "events" / "2023-04-03-mou-kalsel-bps.yaml", master=master)
    assert mou.selesai == mou.mulai and mou.peserta == [] and mou.jumlah_peserta is None


# --- fan-out --------------------------------------------------------------------------------------------


def test_fanout_kabkota_of_sumatera_selatan(tmp_path, master):
    p = tmp_path / "kabkota-sumsel.yaml"
    p.write_text('laporan: wilayah\nkode: {setiap: kabkota, di: "16"}\nas_of: 2022-08-24\n')
    specs = expand_params(p, master=master)
    kab = master[(master["tingkat"] == "kabkota") & master["kode"].str.startswith("16.")]
    assert len(specs) == len(kab) == 17  # 13 kabupaten + 4 kota
    assert specs[0].name == "kabkota-sumsel_16-01" and specs[0].kode == "16.01" and specs[0].group == "kabkota-sumsel"
    assert len({s.name for s in specs}) == 17


def test_fanout_everywhere_and_within_the_data(tmp_path, master):
    p = tmp_path / "semua.yaml"
    p.write_text("laporan: wilayah\nkode: {setiap: kabkota}\nas_of: 2024-06-04\n")
    # 514 in today's master, less the 6 of Papua Barat Daya: not yet in the decree in force on 2024-06-04
    specs = expand_params(p, master=master)
    assert len(specs) == 508 and not any(s.kode.startswith("96.") for s in specs)
    p.write_text("laporan: wilayah\nkode: {setiap: kabkota}\nas_of: 2025-09-01\n")
    assert len(expand_params(p, master=master)) == 514
    p.write_text("laporan: wilayah\nkode: {setiap: kabkota, dalam_data: true}\nas_of: 2024-06-04\n")
    specs = expand_params(p, master=master, coverage=DataCoverage(("18.72",)))
    assert [s.kode for s in specs] == ["18.72"]
    specs = expand_params(p, master=master, coverage=DataCoverage(("17",)))
    assert len(specs) == 10  # Bengkulu: 9 kabupaten + Kota Bengkulu


def test_fanout_over_the_decree_in_force(tmp_path, master):
    p = tmp_path / "prov.yaml"
    p.write_text("laporan: wilayah\nkode: {setiap: provinsi}\nas_of: 2024-06-30\n")
    assert len(expand_params(p, master=master)) == 37
    p.write_text("laporan: wilayah\nkode: {setiap: provinsi}\nas_of: 2025-09-01\n")
    assert len(expand_params(p, master=master)) == 38
    p.write_text('laporan: wilayah\nkode: {setiap: kabkota, di: "96"}\nas_of: 2024-06-30\n')
    with pytest.raises(ParamsError) as ei:
        expand_params(p, master=master)
    assert ei.value.key == "kode.di" and "'96' belum ada di" in ei.value.reason


@pytest.mark.parametrize("kode, key, reason", [
    ("{setiap: desa}", "kode.setiap", "provinsi, kabkota, kecamatan"),
    ('{setiap: kabkota, di: "99"}', "kode.di", "'99' tidak ada di master"),
    ('{setiap: provinsi, di: "16"}', "kode.di", "bukan wilayah di atas provinsi"),
    ("{setiap: kabkota, warna: 1}", "kode.warna", "kunci tidak dikenal"),
    ("{setiap: kecamatan, di: \"17.01\"}", "kode", "provinsi (PP) atau kabupaten/kota"),  # the notebook's levels
])
def test_fanout_refusals(tmp_path, master, kode, key, reason):
    p = tmp_path / "x.yaml"
    p.write_text(f"laporan: wilayah\nkode: {kode}\nas_of: 2024-06-04\n")
    with pytest.raises(ParamsError) as ei:
        expand_params(p, master=master)
    assert ei.value.key == key and reason in ei.value.reason


def test_member_names_are_safe_folder_names():
    assert member_name("kabkota-sumsel", "16.01") == "kabkota-sumsel_16-01"
    assert member_name("../con", "18.72.01") == "con_18-72-01"


# --- coverage -------------------------------------------------------------------------------------------


def test_common_region_and_contains():
    assert common_region(["18.72.01.1001", "18.72.02.1002"]) == "18.72"
    assert common_region(["18.72.01.1001", "18.72.01.1002"]) == "18.72.01"
    assert common_region(["18.72.01.1001", "17.01.01.2001"]) is None
    cov = coverage_from_codes(["18.72.01.1001", "18.72.03.1004"])
    assert cov.codes == ("18.72",)
    assert cov.contains("18.72") and cov.contains("18.72.01") and not cov.contains("18")
    assert not cov.contains(None) and not cov.contains("18.7")  # a prefix of digits is not a parent
    assert DataCoverage(()).contains(None) and DataCoverage(()).contains("17")


def test_declared_coverage_wins(tmp_path):
    (tmp_path / "kampung_kb.csv").write_text("id,kode_desa\nA,18.72.01.1001\nB,1872011002\n")  # dots optional
    assert data_coverage(tmp_path).codes == ("18.72.01",)
    (tmp_path / "sumber.json").write_text(json.dumps({"cakupan_wilayah": ["1872", "17"]}))
    cov = data_coverage(tmp_path)
    assert cov.codes == ("18.72", "17") and cov.declared


def test_members_outside_the_data_are_refused_at_plan_time(tmp_path, master):
    p = tmp_path / "lampung.yaml"
    p.write_text('laporan: wilayah\nkode: {setiap: kabkota, di: "18"}\nas_of: 2024-06-04\n')
    specs = expand_params(p, master=master, coverage=DataCoverage(("18.72",)), data_dir="ekspor")
    ok = [s.kode for s in specs if s.error is None]
    assert ok == ["18.72"] and len(specs) == 15  # Lampung: 13 kabupaten + 2 kota; only Kota Metro is covered
    refused = next(s for s in specs if s.kode == "18.04")
    assert refused.error == ("Kab. Lampung Barat (18.04) tidak seluruhnya tercakup data di ekspor: data hanya "
                             "mencakup Kota Metro (18.72); laporan ditolak")
    en = expand_params(p, master=master, coverage=DataCoverage(("18.72",)), data_dir="ekspor", lang="en")
    assert next(s for s in en if s.kode == "18.04").error == (
        "Kab. Lampung Barat (18.04) is not wholly covered by the data in ekspor: the data cover only Kota Metro "
        "(18.72); report refused")
    single = tmp_path / "indonesia.yaml"
    single.write_text("laporan: wilayah\nkode: null\nas_of: 2024-06-04\n")
    assert expand_params(single, master=master, coverage=DataCoverage(("18.72",)), data_dir="ekspor")[0].error.startswith(
        "Indonesia (nasional) tidak seluruhnya tercakup")
