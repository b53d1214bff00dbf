"""Strip a notebook's outputs for git: the notebooks are the source analysts edit, their runs are not.

A git clean filter (`.gitattributes`: `notebooks/*.ipynb filter=kbreport-strip`): git stores each
notebook without outputs, execution counts and run-time metadata, while the file on disk keeps them.
The result is written exactly as JupyterLab saves a notebook (nbformat 4 JSON, indent 1, keys sorted,
non-ASCII kept, trailing newline), so a notebook saved without outputs passes through unchanged.

    python -m kbreport.nbstrip < in.ipynb > out.ipynb    # the filter: stdin -> stdout
    python -m kbreport.nbstrip notebooks/*.ipynb         # strip files in place
    python -m kbreport.nbstrip --install                 # git config filter.kbreport-strip.clean (make venv)

Kept: cells, their ids, sources, attachments and metadata (tags included), the notebook's metadata.
Removed: outputs and execution counts; cell metadata a run or a view writes (execution timings,
papermill, collapsed/scrolled, outputs_hidden, an empty tags list); the notebook's papermill and
widget state; language_info down to the language's name (the rest names the kernel's Python version).
"""
from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["FILTER_NAME", "strip_notebook", "strip_text", "install", "main"]

FILTER_NAME = "kbreport-strip"
_CELL_KEYS = ("execution", "ExecuteTime", "papermill", "collapsed", "scrolled", "heading_collapsed", "hidden")
_NB_KEYS = ("papermill", "widgets")


def strip_notebook(nb) -> None:
    """In place: a notebook dict/NotebookNode without outputs, counts and run-time metadata."""
    meta = nb.setdefault("metadata", {})
    for key in _NB_KEYS:
        meta.pop(key, None)
    if isinstance(meta.get("language_info"), dict) and "name" in meta["language_info"]:
        meta["language_info"] = {"name": meta["language_info"]["name"]}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cm = cell.setdefault("metadata", {})
        for key in _CELL_KEYS:
            cm.pop(key, None)
        if isinstance(cm.get("jupyter"), dict):
            cm["jupyter"].pop("outputs_hidden", None)
            if not cm["jupyter"]:
                del cm["jupyter"]
        if cm.get("tags") == []:
            del cm["tags"]


def strip_text(text: str) -> str:
    """A notebook file's text, stripped and written as JupyterLab writes it. Anything that is not an
    nbformat 4 notebook comes back unchanged (a filter must never lose a file)."""
    from nbformat.v4 import nbjson

    try:
        raw = json.loads(text)
    except ValueError:
        return text
    if not isinstance(raw, dict) or raw.get("nbformat") != 4 or not isinstance(raw.get("cells"), list):
        return text
    nb = nbjson.to_notebook(raw)
    strip_notebook(nb)
    out = nbjson.writes(nb)
    return out if out.endswith("\n") else out + "\n"


def install(cwd: str | Path | None = None) -> str:
    """Register the clean filter in the git repository around `cwd` (default: the working folder).
    Never fails: without git, or outside a git work tree, it says so and does nothing."""
    git = shutil.which("git")
    if git is None:
        return "git tidak ditemukan: filter notebook tidak dipasang"
    try:
        inside = subprocess.run([git, "rev-parse", "--is-inside-work-tree"], cwd=cwd, capture_output=True,
                                text=True, timeout=30)
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return "bukan work tree git: filter notebook tidak dipasang"
        command = f"{shlex.quote(sys.executable)} -m kbreport.nbstrip"
        done = subprocess.run([git, "config", f"filter.{FILTER_NAME}.clean", command], cwd=cwd,
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        return f"filter notebook tidak dipasang: {e}"
    if done.returncode != 0:
        return f"filter notebook tidak dipasang: {done.stderr.strip()}"
    return f"filter git {FILTER_NAME} dipasang: {command}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--install"]:
        print(install(), file=sys.stderr)
        return 0
    if any(a.startswith("-") for a in args):
        print(__doc__, file=sys.stderr)
        return 2
    if not args:  # the git filter: bytes in, bytes out, always UTF-8
        text = sys.stdin.buffer.read().decode("utf-8")
        sys.stdout.buffer.write(strip_text(text).encode("utf-8"))
        return 0
    for name in args:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        out = strip_text(text)
        if out != text:
            path.write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
