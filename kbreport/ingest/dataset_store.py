"""A parsed data folder kept on disk for the next process: a kernel loads it in ~0.5 s instead of
reading and validating the folder again (~8 s for the demo data).

The file is a pickle of the Dataset (pickle keeps pandas' dtypes and attrs exactly, so a report built
from it is byte-identical to one built from a fresh parse). A pickle can run code when it is loaded,
so each file carries an HMAC-SHA256 of its bytes under a key that only this user can read (a 0600 file
in the store's folder, made on first use) and is unpickled only when the HMAC matches. Neither is read
or written through a link. The file's name is the caller's key (the runner's: sha256 of the data files,
the kbreport code, the language and the day), so a changed file, code or day is a miss, never a stale
dataset; a loaded dataset must also carry the data folder's current checksum. Only the newest entry is
kept: one parsed demo folder is ~80 MB.
"""
from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import re
import secrets
import stat
from pathlib import Path

__all__ = ["DatasetStore", "KEY_FILE_NAME"]

KEY_FILE_NAME = "hmac.key"
_SUFFIX = ".dataset"
_TAG_BYTES = hashlib.sha256().digest_size
_KEY_RE = re.compile(r"^[0-9a-f]{16,128}$")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class DatasetStore:
    """`folder`: where the entries live (made 0700 if missing); `key`: the entry's hex name."""

    def __init__(self, folder: str | os.PathLike, key: str):
        if not _KEY_RE.match(key):
            raise ValueError(f"not a hex key: {key!r}")
        self.folder, self.key = Path(folder), key
        self.path = self.folder / f"{key}{_SUFFIX}"

    def load(self, checksum: str | None = None):
        """The stored Dataset, or None when there is none, it fails its HMAC, or its checksum is not
        `checksum` (the data folder's now)."""
        secret = self._secret(create=False)
        if secret is None:
            return None
        blob = _read_regular(self.path)
        if blob is None or len(blob) <= _TAG_BYTES:
            return None
        tag, body = blob[:_TAG_BYTES], memoryview(blob)[_TAG_BYTES:]  # a view: no second copy of ~80 MB
        if not hmac.compare_digest(tag, hmac.new(secret, body, hashlib.sha256).digest()):
            return None
        try:
            ds = pickle.loads(body)  # noqa: S301 - authenticated above: written by this user's kbreport
        except Exception:  # noqa: BLE001 - an entry of another pandas or kbreport: a miss
            return None
        if checksum is not None and getattr(ds, "checksum", None) != checksum:
            return None
        return ds

    def save(self, ds) -> bool:
        """Store `ds` under the key (atomically), dropping older entries; False when the folder refuses."""
        try:
            secret = self._secret(create=True)
            if secret is None:
                return False
            body = pickle.dumps(ds, protocol=pickle.HIGHEST_PROTOCOL)
            tmp = self.folder / f".{self.key}.{secrets.token_hex(4)}.tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(hmac.new(secret, body, hashlib.sha256).digest())
                    f.write(body)
                os.replace(tmp, self.path)  # replaces a link at that name, never writes through it
            except BaseException:
                with contextlib.suppress(OSError):
                    tmp.unlink()
                raise
        except OSError:
            return False
        for old in self.folder.glob(f"*{_SUFFIX}"):
            if old.name != self.path.name:
                with contextlib.suppress(OSError):
                    old.unlink()  # unlinks a link itself, not what it points to
        return True

    def _secret(self, create: bool) -> bytes | None:
        """The HMAC key: a 32-byte regular file owned by this user and readable by no one else."""
        if self.folder.is_symlink():
            return None
        if not self.folder.is_dir():
            if not create:
                return None
            try:
                self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError:
                return None
        path = self.folder / KEY_FILE_NAME
        secret = _read_regular(path, private=True)
        if secret is None and create and not os.path.lexists(path):
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
            except OSError:
                return None
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(32))
            secret = _read_regular(path, private=True)
        return secret if secret is not None and len(secret) == 32 else None


def _read_regular(path: Path, private: bool = False) -> bytes | None:
    """The bytes of `path` if it is a regular file, not a link (and, `private`, this user's, mode 0600)."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            return None
        if private and (st.st_mode & 0o077 or (hasattr(os, "getuid") and st.st_uid != os.getuid())):
            return None
        return f.read()
