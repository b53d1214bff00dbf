"""A run's record in its output folder: manifest.json and index.html, keeping the entries of earlier runs whose reports are still there.

This run's reports come first, each with its build time; then the entries of the previous
manifest for reports this run left alone whose folder is still on disk ("kept", with their own
build time and only their files still there). The index page itself is kbreport.batch.index_page.
"""
from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Sequence
from pathlib import Path

from kbreport import __version__
from kbreport.batch.folders import MANIFEST_NAME, folder_reason
from kbreport.batch.jobs import BatchResult
from kbreport.batch.stamps import built_time, write_atomic
from kbreport.errors import ReportError
from kbreport.paths import safe_stem

__all__ = ["EXIT_OK", "EXIT_FAILED", "manifest_dict", "write_manifest", "write_run_files", "read_manifest"]

EXIT_OK, EXIT_FAILED = 0, 1


def manifest_dict(result: BatchResult, formats: Sequence[str]) -> dict:
    counts: dict[str, int] = {}
    for r in result.reports:
        counts[r.status] = counts.get(r.status, 0) + 1
    return {
        "kbreport": __version__,
        "created": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "mode": result.mode,
        "formats": list(formats),
        "seconds": round(result.seconds, 3),
        "exit_code": result.exit_code,
        "interrupted": result.interrupted,
        "counts": counts,
        "reports": [r.to_json() for r in result.reports],
    }


def write_manifest(out: Path, result: BatchResult, formats: Sequence[str], lang: str = "id") -> dict:
    """manifest.json and index.html (in `lang`): this run's reports, each with its build time, then
    the entries of the previous manifest for other reports whose folder is still there ("kept")."""
    from kbreport.batch.index_page import write_index

    m = manifest_dict(result, formats)
    for r in m["reports"]:
        folder = out / r["name"]
        r["built"] = built_time(folder) if r["status"] in ("ok", "skipped") and not folder.is_symlink() else None
    kept = _kept_entries(out, read_manifest(out), {r["name"] for r in m["reports"]})
    m["reports"] += kept
    m["kept"] = len(kept)
    write_atomic(out / MANIFEST_NAME, (json.dumps(m, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), lang)
    write_index(out, m, lang)
    return m


def write_run_files(out: Path, result: BatchResult, formats: Sequence[str], lang: str) -> None:
    """write_manifest; if the folder refuses, the run says so in one line and fails, reports kept."""
    try:
        write_manifest(out, result, formats, lang)
    except (OSError, ReportError) as e:
        result.problems.append(folder_reason(e, out, lang))
        if result.exit_code == EXIT_OK:
            result.exit_code = EXIT_FAILED


def read_manifest(out: Path) -> dict | None:
    try:
        m = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return m if isinstance(m, dict) else None


def _kept_entries(out: Path, previous: dict | None, now: set[str]) -> list[dict]:
    """Entries of the previous manifest for reports this run left alone whose folder is still on
    disk, marked `kept` and with their own build time; only their files still there are listed."""
    kept: list[dict] = []
    for r in (previous or {}).get("reports") or []:
        name = r.get("name") if isinstance(r, dict) else None
        if not isinstance(name, str) or name in now or safe_stem(name) != name:
            continue
        folder = out / name
        if folder.is_symlink() or not folder.is_dir():
            continue
        now.add(name)
        files = [f for f in r.get("files") or [] if isinstance(f, dict) and isinstance(f.get("path"), str)
                 and f["path"].startswith(name + "/") and (out / f["path"]).is_file()]
        built = r.get("built") or built_time(folder) or _mtime_iso(folder / "figures.json")
        kept.append(dict(r, files=files, built=built, kept=True))
    return kept


def _mtime_iso(path: Path) -> str | None:
    try:
        return _dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone().isoformat(timespec="seconds")
    except OSError:
        return None
