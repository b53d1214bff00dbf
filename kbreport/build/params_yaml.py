"""Reading a params file: bounded YAML (size, no anchors or aliases, a time bound), duplicate keys refused.

Every problem is a ParamsError naming the file (and the key, for a duplicate), in Indonesian like
every params message; the reason for a bound that is hit comes from kbreport.text.messages.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from kbreport.errors import ParamsError
from kbreport.ingest.bounds import Deadline, Unreadable, reason_fields
from kbreport.text.messages import reason as reason_text

__all__ = ["MAX_FILE_BYTES", "MAX_READ_SECONDS", "read_params_file"]

MAX_FILE_BYTES = 256 * 1024  # a params file is a page of text; refuse anything huge
# Wall-clock seconds to scan and load one params file; one at the 256 KB bound loads in about 3 s.
MAX_READ_SECONDS = 30.0
CHECK_TOKENS = 500  # YAML tokens scanned between two looks at the clock


class _DuplicateKeyError(yaml.constructor.ConstructorError):
    def __init__(self, key, first_line: int, mark):
        self.key, self.first_line, self.mark = key, first_line, mark
        super().__init__(None, None, f"kunci ganda (sudah ada di baris {first_line})", mark)

    def __reduce__(self):
        return type(self), (self.key, self.first_line, self.mark)


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (PyYAML silently keeps the last one) and looks at its
    deadline before each node it composes."""

    deadline: Deadline | None = None

    def compose_node(self, parent, index):
        if self.deadline is not None:
            self.deadline.check()
        return super().compose_node(parent, index)


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "kunci tidak boleh berupa daftar/pemetaan",
                                                    key_node.start_mark) from None
        if key in seen:
            raise _DuplicateKeyError(key, seen[key], key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _refuse_aliases(text: str, name: str, deadline: Deadline) -> None:
    """A params file never needs YAML anchors (&) or aliases (*); refusing them before any object is
    built bounds the work (a 600-byte "billion laughs" file otherwise expands to gigabytes)."""
    try:
        for n, token in enumerate(yaml.scan(text, Loader=yaml.SafeLoader), start=1):
            if n % CHECK_TOKENS == 0:
                deadline.check()
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                line = token.start_mark.line + 1
                raise ParamsError(name, None, f"YAML memakai alias/anchor (&/*), yang tidak diizinkan; baris {line}: "
                                              "tulis nilainya langsung (teks yang diawali & atau * diberi tanda kutip)")
    except yaml.YAMLError:
        return  # a syntax error: yaml.load reports it, with its line


def _read_yaml(path: Path, seconds: float | None = None) -> Any:
    name = str(path)
    deadline = Deadline(MAX_READ_SECONDS if seconds is None else seconds)
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)  # never more than the bound into memory
    except FileNotFoundError:
        raise ParamsError(name, None, "file tidak ditemukan") from None
    except OSError as e:
        from kbreport.text.messages import os_error_reason

        raise ParamsError(name, None, f"file tidak dapat dibaca ({os_error_reason(e)})") from None
    if len(raw) > MAX_FILE_BYTES:
        size = max(len(raw), path.stat().st_size)
        raise ParamsError(name, None, f"file terlalu besar ({size} byte; batas {MAX_FILE_BYTES})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ParamsError(name, None, f"bukan teks UTF-8 (byte {e.start})") from None
    try:
        _refuse_aliases(text, name, deadline)
        loader = _UniqueKeyLoader(text)  # what yaml.load does, with a deadline
        loader.deadline = deadline
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except Unreadable as e:
        raise ParamsError(name, None, reason_text(e.key, "id", **reason_fields("id", e.fields))) from None
    except _DuplicateKeyError as e:
        raise ParamsError(name, str(e.key), f"{e.problem}; baris {e.problem_mark.line + 1}") from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"di baris {mark.line + 1}, kolom {mark.column + 1}: " if mark else ""
        what = " ".join(str(x) for x in (e.context, e.problem) if x)
        ctx = e.context_mark
        if ctx is not None and mark is not None and ctx.line != mark.line:
            what += f" (yang dimulai di baris {ctx.line + 1})"
        raise ParamsError(name, None, f"YAML tidak valid {where}{what}") from None
    except yaml.YAMLError as e:
        raise ParamsError(name, None, f"YAML tidak valid: {e}") from None


def read_params_file(path: str | os.PathLike, seconds: float | None = None) -> Any:
    """The parsed YAML of a params file (safe loader, bounded; ParamsError naming the file).
    `seconds`: the time bound (default MAX_READ_SECONDS)."""
    return _read_yaml(Path(path), seconds)
