"""sumber.json, the optional note of where a data folder came from: read, bounded and checked.

It holds {"sumber": text, "sintetis": true/false, …}; kbreport.build shows the source under every
chart and marks synthetic data as such. A malformed file is a problem, never a crash.
"""
from __future__ import annotations

import json
from pathlib import Path

from kbreport.errors import Problem
from kbreport.ingest import bounds, schema
from kbreport.text.messages import SEVERITY, message, reason

__all__ = ["read_metadata"]


def read_metadata(data_dir: Path, lang: str = "id") -> tuple[dict, list[Problem]]:
    """sumber.json (optional): {"sumber": str, "sintetis": bool, …}; problems if malformed."""
    path = Path(data_dir) / schema.METADATA_FILE
    if path.is_symlink():
        return {}, [Problem(path.name, None, None, None, "file_symlink", message("file_symlink", lang),
                            SEVERITY["file_symlink"])]
    if not path.is_file():
        return {}, []

    def fail(key, **fields):
        code = "sumber_invalid"
        return {}, [Problem(path.name, None, None, None, code,
                            message(code, lang, reason=reason(key, lang, **bounds.reason_fields(lang, fields))),
                            SEVERITY[code])]

    size = path.stat().st_size
    if size > bounds.MAX_METADATA_BYTES:
        return fail("too_large", size=size, limit=bounds.MAX_METADATA_BYTES)
    try:
        meta = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return fail("json", detail=str(e))
    if not isinstance(meta, dict):
        return fail("json_object")
    if "sintetis" in meta and not isinstance(meta["sintetis"], bool):
        return fail("sintetis_bool")
    if "sumber" in meta and not isinstance(meta["sumber"], str):
        return fail("sumber_text")
    return meta, []
