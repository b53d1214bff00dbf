"""Build step: the shipped notebooks (top-level notebooks/, where analysts edit them) go into the
wheel as package data, kbreport/notebooks/, so a `pip install .` finds them with importlib.resources.
Everything else is in pyproject.toml."""
import json
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _stripped(raw: str) -> str:
    # a notebook saved with outputs ships without them (the analyst's run is not package data)
    nb = json.loads(raw)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


class BuildWithNotebooks(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads notebooks/ in place
        dst = Path(self.build_lib) / "kbreport" / "notebooks"
        dst.mkdir(parents=True, exist_ok=True)
        for nb in sorted((HERE / "notebooks").glob("*.ipynb")):
            (dst / nb.name).write_text(_stripped(nb.read_text(encoding="utf-8")), encoding="utf-8")


setup(cmdclass={"build_py": BuildWithNotebooks})
