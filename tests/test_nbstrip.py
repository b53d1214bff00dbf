"""kbreport.nbstrip, the git clean filter that keeps notebooks' outputs out of commits, and where
Run All writes its files (kbreport.build.lab_output)."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from kbreport import nbstrip
from kbreport.build.lab_output import lab_output_dir, project_root
from kbreport.nbstrip import strip_text

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def saved_as_jupyterlab(nb) -> str:
    """The text JupyterLab writes (jupyter_server saves with nbformat.write)."""
    buf = io.StringIO()
    nbformat.write(nb, buf)
    return buf.getvalue()


def run_notebook() -> nbformat.NotebookNode:
    """A notebook as it looks after Run All and Save: outputs, counts, run-time metadata."""
    nb = nbformat.v4.new_notebook()
    nb.metadata.update({"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                        "language_info": {"name": "python", "version": "3.11.9", "mimetype": "text/x-python"},
                        "papermill": {"duration": 1.2}, "widgets": {"state": {}}, "kbreport_note": "kept"})
    md = nbformat.v4.new_markdown_cell("## Catatan — é", id="catatan")
    md.metadata["tags"] = ["remove-cell"]
    params = nbformat.v4.new_code_cell('kode: str = "17"  # kode', id="parameters")
    params.metadata["tags"] = ["parameters"]
    code = nbformat.v4.new_code_cell("kb.headline_cards(R)", id="kartu", execution_count=3)
    code.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<b>1.322</b>", "text/plain": "x"}),
                    nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
    code.metadata.update({"execution": {"iopub.status.busy": "2024-06-04T01:02:03Z"}, "scrolled": True,
                          "papermill": {"status": "completed"}, "tags": [], "jupyter": {"outputs_hidden": True,
                                                                                          "source_hidden": True}})
    nb.cells = [md, params, code]
    return nb


def test_strip_removes_outputs_counts_and_run_metadata_and_keeps_the_rest():
    out = json.loads(strip_text(saved_as_jupyterlab(run_notebook())))
    md, params, code = out["cells"]
    assert code["outputs"] == [] and code["execution_count"] is None
    assert code["metadata"] == {"jupyter": {"source_hidden": True}}  # what the analyst chose to hide stays
    assert [c["id"] for c in out["cells"]] == ["catatan", "parameters", "kartu"]
    assert md["metadata"] == {"tags": ["remove-cell"]} and params["metadata"] == {"tags": ["parameters"]}
    assert md["source"] == ["## Catatan — é"] and params["source"] == ['kode: str = "17"  # kode']
    assert out["metadata"] == {"kbreport_note": "kept", "kernelspec": run_notebook().metadata.kernelspec,
                               "language_info": {"name": "python"}}
    assert (out["nbformat"], out["nbformat_minor"]) == (4, run_notebook().nbformat_minor)


def test_output_is_written_as_jupyterlab_writes_and_the_filter_is_idempotent():
    once = strip_text(saved_as_jupyterlab(run_notebook()))
    assert strip_text(once) == once
    assert once == saved_as_jupyterlab(nbformat.reads(once, as_version=4))  # indent 1, sorted keys, "é", final newline
    assert '\n "cells": [\n  {\n' in once and "— é" in once and once.endswith("}\n")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebooks_are_already_stripped(path):
    text = path.read_text(encoding="utf-8")
    assert strip_text(text) == text  # git sees no change in a notebook saved without outputs


def test_anything_else_passes_through():
    for text in ("not json", "[1, 2]", '{"nbformat": 3, "worksheets": []}', ""):
        assert strip_text(text) == text


def test_command_line_filter_and_files_in_place(tmp_path):
    dirty = saved_as_jupyterlab(run_notebook())
    done = subprocess.run([sys.executable, "-m", "kbreport.nbstrip"], input=dirty.encode("utf-8"),
                          capture_output=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0 and done.stdout.decode("utf-8") == strip_text(dirty)
    f = tmp_path / "x.ipynb"
    f.write_text(dirty, encoding="utf-8")
    assert nbstrip.main([str(f)]) == 0 and f.read_text(encoding="utf-8") == strip_text(dirty)


def test_repository_wires_the_filter():
    assert "notebooks/*.ipynb filter=kbreport-strip" in (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    venv_recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("$(STAMP): pyproject.toml")[1].split("\n\n")[0]
    assert "-m kbreport.nbstrip --install" in venv_recipe


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_install_registers_the_clean_filter_and_git_stores_no_outputs(tmp_path):
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, timeout=60)
    message = nbstrip.install(repo)
    assert "dipasang" in message and "tidak" not in message
    got = subprocess.run(["git", "config", "filter.kbreport-strip.clean"], cwd=repo, capture_output=True, text=True)
    assert got.stdout.strip().endswith("-m kbreport.nbstrip") and sys.executable in got.stdout
    (repo / ".gitattributes").write_text("notebooks/*.ipynb filter=kbreport-strip\n", encoding="utf-8")
    dirty = saved_as_jupyterlab(run_notebook())
    (repo / "notebooks" / "b.ipynb").write_text(dirty, encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run(["git", "add", "notebooks/b.ipynb"], cwd=repo, check=True, timeout=120, env=env)
    staged = subprocess.run(["git", "show", ":notebooks/b.ipynb"], cwd=repo, capture_output=True, text=True, check=True)
    assert staged.stdout == strip_text(dirty)
    assert (repo / "notebooks" / "b.ipynb").read_text(encoding="utf-8") == dirty  # the file keeps its outputs


def test_install_never_fails_outside_git(tmp_path, monkeypatch):
    if shutil.which("git"):
        assert "bukan work tree git" in nbstrip.install(tmp_path)
    monkeypatch.setattr(nbstrip.shutil, "which", lambda name: None)
    assert "git tidak ditemukan" in nbstrip.install(tmp_path)
    assert nbstrip.main(["--install"]) == 0


# --- where Run All writes ---------------------------------------------------------------------------------


def test_lab_output_dir_in_a_project_and_beside_a_lone_notebook(tmp_path, monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    project = tmp_path / "kerja"
    (project / "params").mkdir(parents=True)
    (project / "notebooks" / "dinas").mkdir(parents=True)
    assert project_root(project / "notebooks" / "dinas") == project
    assert lab_output_dir("wilayah_briefing", project / "notebooks" / "dinas") == project / "outputs" / "lab" / "wilayah_briefing"
    monkeypatch.setenv("JPY_SESSION_NAME", str(project / "notebooks" / "Salinan kegiatan.ipynb"))
    assert lab_output_dir("event_briefing", project / "notebooks") == project / "outputs" / "lab" / "Salinan kegiatan"
    lone = tmp_path / "lone"
    lone.mkdir()
    if project_root(lone) is None:  # nothing above the temporary folder looks like a project
        assert lab_output_dir("event_briefing", lone) == lone / "kbreport-output" / "Salinan kegiatan"
    assert ROOT / "outputs" / "lab" == lab_output_dir("x", ROOT / "notebooks").parent  # this repository


def test_lab_outputs_are_git_ignored():
    ignore = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/outputs/*" in ignore and "kbreport-output/" in ignore and "/notebooks/figures.json" in ignore
