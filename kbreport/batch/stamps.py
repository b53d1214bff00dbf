"""Content hashes that decide whether a report must be rebuilt.

A report is up to date when the sha256 of its notebook, its params file, every data file and
the kbreport code are the same as at its last successful build. Those hashes are kept in
`<out>/<name>/.kbreport-build.json`, written last, after every output file is in place, with the
time of that build. A report folder that is a symlink is never up to date and never written.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kbreport import __version__
from kbreport.errors import ReportError
from kbreport.paths import atomic_write_bytes, describe_os_error, refuse_symlink

STAMP_NAME = ".kbreport-build.json"
STAMP_VERSION = 1
_CHUNK = 1 << 20
# Package files that change what a report contains (code, templates, fonts, bundled data).
_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints"}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def tree_files(root: str | os.PathLike) -> list[Path]:
    """Every regular file under `root`, sorted; hidden files and caches left out."""
    root = Path(root)
    if root.is_file():
        return [root]
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS)
        for fn in sorted(filenames):
            if fn.startswith(".") or fn.endswith((".pyc", ".pyo")):
                continue
            out.append(Path(dirpath) / fn)
    return out


def digest_of(obj: Any) -> str:
    """sha256 of a JSON-serialisable object in canonical form."""
    return sha256_bytes(json.dumps(obj, sort_keys=True, separators=(",", ":"), default=str).encode())


class HashCache:
    """Memoises file hashes within one run; a file is re-read only if its size or mtime changed."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[int, int, str]] = {}

    def file(self, path: str | os.PathLike) -> str:
        p = os.fspath(Path(path).resolve())
        st = os.stat(p)
        hit = self._seen.get(p)
        if hit and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
            return hit[2]
        h = sha256_file(p)
        self._seen[p] = (st.st_size, st.st_mtime_ns, h)
        return h

    def tree(self, root: str | os.PathLike) -> dict[str, str]:
        """{relative posix path: sha256} for every file under `root` (or the file itself)."""
        root = Path(root)
        base = root.parent if root.is_file() else root
        return {p.relative_to(base).as_posix(): self.file(p) for p in tree_files(root)}


def code_fingerprint(cache: HashCache | None = None) -> str:
    """kbreport's version plus a digest of its installed files: an edit without a version bump still counts."""
    cache = cache or HashCache()
    pkg = Path(__file__).resolve().parents[1]
    return f"{__version__}+{digest_of(cache.tree(pkg))[:16]}"


def build_inputs(
    *,
    notebook: str | os.PathLike | None,
    params_path: str | os.PathLike,
    data_dir: str | os.PathLike | None,
    formats: Iterable[str],
    code: str,
    cache: HashCache,
    runtime: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """What a report's content depends on, as hashes. `notebook` may be None when it cannot be resolved.
    `runtime`: the runtime parameters the run sets for it beyond the folders (Job.runtime), when any."""
    nb = Path(notebook) if notebook else None
    extra = {"runtime": dict(sorted(runtime.items()))} if runtime else {}
    return {
        "kbreport": code,
        "notebook": {"path": nb.name, "sha256": cache.file(nb)} if nb and nb.is_file() else None,
        "params": {"path": Path(params_path).name, "sha256": cache.file(params_path)},
        "data": cache.tree(data_dir) if data_dir and Path(data_dir).exists() else None,
        "formats": sorted(set(formats)),
        **extra,
    }


def inputs_digest(inputs: Mapping[str, Any]) -> str:
    # Formats are left out: a build with more formats also serves a request for fewer.
    return digest_of({k: v for k, v in inputs.items() if k != "formats"})


# --- the stamp file --------------------------------------------------------------------------


def write_atomic(path: str | os.PathLike, data: bytes, lang: str = "id") -> None:
    """Write atomically (see kbreport.paths.atomic_write_bytes), creating the folder if needed."""
    folder = Path(path).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ReportError(describe_os_error(e, folder, lang, folder=True)) from e
    atomic_write_bytes(path, data, lang)


def output_hashes(report_dir: str | os.PathLike, cache: HashCache | None = None) -> dict[str, str]:
    """{file name: sha256} of a report's output files (the stamp itself and hidden files excluded)."""
    cache = cache or HashCache()
    d = Path(report_dir)
    if not d.is_dir():
        return {}
    return {p.relative_to(d).as_posix(): cache.file(p) for p in tree_files(d)}


def now_iso() -> str:
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")


def write_stamp(report_dir: str | os.PathLike, inputs: Mapping[str, Any], files: Mapping[str, str]) -> dict:
    refuse_symlink(report_dir)
    stamp = {
        "stamp_version": STAMP_VERSION,
        "digest": inputs_digest(inputs),
        "inputs": dict(inputs),
        "files": dict(files),
        "built": now_iso(),
    }
    write_atomic(Path(report_dir) / STAMP_NAME, json.dumps(stamp, indent=2, sort_keys=True).encode())
    return stamp


def read_stamp(report_dir: str | os.PathLike) -> dict | None:
    try:
        stamp = json.loads((Path(report_dir) / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("stamp_version") != STAMP_VERSION:
        return None
    return stamp


def remove_stamp(report_dir: str | os.PathLike, lang: str = "id") -> None:
    """Remove the stamp (before a rebuild). ReportError, before anything is removed, if the report
    folder is a symlink (the stamp behind it is not ours), or if the folder refuses the removal."""
    refuse_symlink(report_dir, lang)
    try:
        os.unlink(Path(report_dir) / STAMP_NAME)
    except FileNotFoundError:
        pass
    except OSError as e:
        raise ReportError(describe_os_error(e, report_dir, lang, folder=True)) from e


def built_time(report_dir: str | os.PathLike) -> str | None:
    """When the report in `report_dir` was last built: its stamp's time (the stamp file's own
    modification time for stamps written before they held one), or None without a stamp."""
    stamp = read_stamp(report_dir)
    if stamp is not None and isinstance(stamp.get("built"), str):
        return stamp["built"]
    try:
        mtime = (Path(report_dir) / STAMP_NAME).stat().st_mtime
    except OSError:
        return None
    return _dt.datetime.fromtimestamp(mtime).astimezone().isoformat(timespec="seconds")


def up_to_date(report_dir: str | os.PathLike, inputs: Mapping[str, Any]) -> dict | None:
    """The stamp if the report needs no rebuild: same input digest, the requested formats built,
    and every recorded output file still present."""
    if Path(report_dir).is_symlink():
        return None  # what lies behind it is not ours: rebuild, which refuses it
    stamp = read_stamp(report_dir)
    if stamp is None or stamp.get("digest") != inputs_digest(inputs):
        return None
    built = set(stamp.get("inputs", {}).get("formats") or [])
    if not set(inputs.get("formats") or []) <= built:
        return None
    d = Path(report_dir)
    files = stamp.get("files") or {}
    if not files or any(not (d / rel).is_file() for rel in files):
        return None
    return stamp
