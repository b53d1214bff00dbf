"""Safe output paths and atomic file writes.

A name that comes from a params file (its stem) must never make a path outside the output
folder: `..`, absolute paths, separators and symlinks are refused or neutralised here, so the
rest of kbreport can join names without thinking about it. Files appear only complete: they
are written under a hidden temporary name in the target folder, then `os.replace`d.

Nothing is written, removed or renamed through a symlink. A write that the file system refuses
raises ReportError with one line naming the path and the reason in the user's language
(`describe_os_error`, texts in kbreport.text.messages.RUN_MESSAGES), never a raw `[Errno 13]`.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from kbreport.errors import ReportError
from kbreport.text.messages import os_reason, run_message

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


# --- why a path cannot be written, in one line -------------------------------------------------

_REASON_BY_ERRNO = {errno.EACCES: "denied", errno.EPERM: "denied", errno.EROFS: "read_only", errno.ENOSPC: "full",
                    errno.EDQUOT: "full", errno.ENOENT: "missing", errno.EBUSY: "busy", errno.ETXTBSY: "busy"}


def _lang(lang: str) -> str:
    return lang if lang in ("id", "en") else "id"


def symlink_refusal(path: str | os.PathLike, lang: str = "id") -> str:
    return run_message("symlink", _lang(lang), path=path)


def refuse_symlink(path: str | os.PathLike, lang: str = "id") -> None:
    """ReportError if `path` itself is a symlink (checked before writing, removing or renaming it)."""
    if Path(path).is_symlink():
        raise ReportError(symlink_refusal(path, lang))


def _first_non_folder(path: Path) -> Path:
    """The file that stands where a folder of `path` should be (what ENOTDIR is about)."""
    for q in reversed([path, *path.parents]):
        if q.exists() and not q.is_dir():
            return q
    return path


def describe_os_error(e: OSError, path: str | os.PathLike | None = None, lang: str = "id", *,
                      folder: bool = False) -> str:
    """One line for a write, removal or rename of `path` that failed: the path and why, in `lang`.
    `folder`: `path` is the folder being written into (else the file being written)."""
    lang = _lang(lang)
    p = Path(path if path is not None else (e.filename or "?"))
    if e.errno == errno.ELOOP:
        return symlink_refusal(p, lang)
    if e.errno == errno.ENOTDIR or (e.errno == errno.EEXIST and folder and not p.is_dir()):
        return run_message("not_a_folder", lang, path=_first_non_folder(p))
    if e.errno == errno.EISDIR:
        return run_message("not_a_file", lang, path=p)
    key = _REASON_BY_ERRNO.get(e.errno, "other") if e.errno is not None else "unknown"
    why = os_reason(key, lang, code=errno.errorcode.get(e.errno, e.errno))
    return run_message("folder_unwritable" if folder or p.is_dir() else "file_unwritable", lang, path=p, why=why)


def _read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & getattr(os, "ST_RDONLY", 1))
    except (OSError, AttributeError):
        return False


def folder_problem(path: str | os.PathLike, lang: str = "id", *, follow: bool = False) -> str | None:
    """Why kbreport may not write into folder `path`, or None. A symlink is a reason (unless
    `follow`: the output folder the user chose may be one), so is a file in its place, a
    read-only file system or no write permission; a folder not there yet is not (it gets made)."""
    lang = _lang(lang)
    p = Path(path)
    if p.is_symlink() and not follow:
        return symlink_refusal(p, lang)
    if not p.exists():
        return None
    if not p.is_dir():
        return run_message("not_a_folder", lang, path=p)
    if _read_only_fs(p):
        return run_message("folder_unwritable", lang, path=p, why=os_reason("read_only", lang))
    if not os.access(p, os.W_OK | os.X_OK):  # also false for an immutable folder, even for root
        return run_message("folder_unwritable", lang, path=p, why=os_reason("denied", lang))
    return None


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
            raise ReportError(run_message("unsafe_name", "id", name=p.replace("\x00", "\\0"), root=root))
        path = path / p
        refuse_symlink(path)
    if not within(root, path):
        raise ReportError(run_message("outside", "id", path=path, root=root))
    return path


def report_dir(out_root: str | os.PathLike, params_path: str | os.PathLike, *, create: bool = True) -> Path:
    """`out_root/<sanitised params file stem>/`, guaranteed inside `out_root`."""
    out_root = Path(out_root)
    if create:
        make_folder(out_root, parents=True)
    folder = safe_join(out_root, safe_stem(Path(params_path).stem))
    if create:
        make_folder(folder)
        refuse_symlink(folder)  # raced in between
        if not within(out_root, folder):
            raise ReportError(run_message("outside", "id", path=folder, root=out_root))
    return folder


def make_folder(folder: str | os.PathLike, lang: str = "id", *, parents: bool = False) -> Path:
    """mkdir (an existing folder is fine); ReportError in one line, naming the folder that refused."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=parents, exist_ok=True)
    except OSError as e:
        where = folder if e.errno in (errno.EEXIST, errno.ENOTDIR, errno.ELOOP) else _existing_parent(folder)
        raise ReportError(describe_os_error(e, where, lang, folder=True)) from e
    return folder


def _existing_parent(path: Path) -> Path:
    """The nearest folder above `path` that exists: the one a failed mkdir could not write into."""
    return next((q for q in path.parents if q.exists()), path.parent)


def _tmp_name(dst: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent)
    os.close(fd)
    return Path(name)


@contextmanager
def replacing(dst: Path, lang: str = "id"):
    """Yield a temporary path beside `dst`; on success it replaces `dst` in one rename, on any
    error it is removed (readers see the old file or the complete new one, never a part)."""
    refuse_symlink(dst, lang)
    try:
        tmp = _tmp_name(dst)
    except OSError as e:
        raise ReportError(describe_os_error(e, dst.parent, lang, folder=True)) from e
    try:
        yield tmp
    except BaseException:
        _discard(tmp)
        raise
    try:
        os.chmod(tmp, 0o644)
        os.replace(tmp, dst)
    except OSError as e:
        _discard(tmp)
        raise ReportError(describe_os_error(e, dst, lang)) from e


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:  # the folder became unwritable: the error that got us here is the one to report
        pass


def atomic_write_bytes(dst: str | os.PathLike, data: bytes, lang: str = "id") -> Path:
    """Write `data` to `dst` so that readers only ever see the old or the complete new file.
    `lang`: of the one-line ReportError when the file system refuses."""
    dst = Path(dst)
    with replacing(dst, lang) as tmp:
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as e:  # a full disk, a quota
            raise ReportError(describe_os_error(e, dst, lang)) from e
    return dst


def atomic_write_text(dst: str | os.PathLike, text: str) -> Path:
    return atomic_write_bytes(dst, text.encode("utf-8"))


def atomic_copy(src: str | os.PathLike, dst: str | os.PathLike) -> Path:
    """Copy `src` to `dst` atomically (works across file systems, unlike a bare rename)."""
    dst = Path(dst)
    with replacing(dst) as tmp:
        try:
            shutil.copyfile(src, tmp)
        except OSError as e:
            if e.filename is not None and Path(e.filename) == Path(src):
                raise  # reading the source failed: not a problem of the folder written
            raise ReportError(describe_os_error(e, dst)) from e
    return dst


def remove_stale_temps(folder: str | os.PathLike) -> int:
    """Delete leftovers of interrupted atomic writes (`.<name>.*.tmp`) in `folder`; returns how many."""
    n = 0
    for p in Path(folder).glob(".*.tmp"):
        if p.is_file() and not p.is_symlink():
            try:
                p.unlink(missing_ok=True)
            except OSError as e:
                raise ReportError(describe_os_error(e, folder, folder=True)) from e
            n += 1
    return n
