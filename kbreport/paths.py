"""Safe output paths and atomic file writes.

A name that comes from a params file (its stem) must never make a path outside the output
folder: `..`, absolute paths, separators and symlinks are refused or neutralised here, so the
rest of kbreport can join names without thinking about it. Files appear only complete: they
are written under a hidden temporary name in the target folder, then `os.replace`d.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from .exceptions import ReportError

MAX_STEM = 100
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Names Windows refuses whatever the extension; an analyst may copy outputs there.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_stem(name: str) -> str:
    """A file-system-safe folder name from a params file stem (or any text).

    Accents are folded to ASCII, anything but letters, digits, `.`, `_`, `-` becomes `_`,
    leading dots are dropped (no hidden folders, no `..`), the length is capped. Never empty.
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    text = _UNSAFE.sub("_", text).strip("_")
    text = text.lstrip(".")
    text = re.sub(r"\.{2,}", ".", text).strip("._-")
    text = text[:MAX_STEM].rstrip("._-")
    if not text:
        return "laporan"
    if text.split(".")[0].lower() in _RESERVED:
        text = "_" + text
    return text


def within(root: str | os.PathLike, path: str | os.PathLike) -> bool:
    """True when `path`, with symlinks resolved, lies inside `root` (also resolved)."""
    root_r = Path(root).resolve()
    path_r = Path(path).resolve()
    return path_r == root_r or root_r in path_r.parents


def safe_join(root: str | os.PathLike, *parts: str) -> Path:
    """Join `parts` under `root`, refusing absolute parts, `..`, and symlinks that lead outside.

    Raises ReportError naming the offending part. `root` itself may be a symlink (the user chose it).
    """
    root = Path(root)
    path = root
    for part in parts:
        p = str(part)
        if not p or p in (".", "..") or os.path.isabs(p) or "/" in p or "\\" in p or "\x00" in p:
            raise ReportError(f"unsafe path component {p!r} under {root}")
        path = path / p
        if path.is_symlink():
            raise ReportError(f"{path} is a symbolic link; refusing to write through it")
    if not within(root, path):
        raise ReportError(f"{path} resolves outside {root}")
    return path


def report_dir(out_root: str | os.PathLike, params_path: str | os.PathLike, *, create: bool = True) -> Path:
    """`out_root/<sanitised params file stem>/`, guaranteed inside `out_root`."""
    out_root = Path(out_root)
    if create:
        out_root.mkdir(parents=True, exist_ok=True)
    folder = safe_join(out_root, safe_stem(Path(params_path).stem))
    if create:
        folder.mkdir(exist_ok=True)
        if folder.is_symlink() or not within(out_root, folder):  # raced in between
            raise ReportError(f"{folder} is not a plain folder inside {out_root}")
    return folder


def _tmp_name(dst: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent)
    os.close(fd)
    return Path(name)


@contextmanager
def replacing(dst: Path):
    """Yield a temporary path beside `dst`; on success it replaces `dst` in one rename, on any
    error it is removed (readers see the old file or the complete new one, never a part)."""
    if dst.is_symlink():
        raise ReportError(f"{dst} is a symbolic link; refusing to write through it")
    tmp = _tmp_name(dst)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(dst: str | os.PathLike, data: bytes) -> Path:
    """Write `data` to `dst` so that readers only ever see the old or the complete new file."""
    dst = Path(dst)
    with replacing(dst) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return dst


def atomic_write_text(dst: str | os.PathLike, text: str) -> Path:
    return atomic_write_bytes(dst, text.encode("utf-8"))


def atomic_copy(src: str | os.PathLike, dst: str | os.PathLike) -> Path:
    """Copy `src` to `dst` atomically (works across file systems, unlike a bare rename)."""
    dst = Path(dst)
    with replacing(dst) as tmp:
        shutil.copyfile(src, tmp)
    return dst


def remove_stale_temps(folder: str | os.PathLike) -> int:
    """Delete leftovers of interrupted atomic writes (`.<name>.*.tmp`) in `folder`; returns how many."""
    n = 0
    for p in Path(folder).glob(".*.tmp"):
        if p.is_file() and not p.is_symlink():
            p.unlink(missing_ok=True)
            n += 1
    return n
