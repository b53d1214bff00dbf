"""Reading a params file: bounded YAML (size, no anchors or aliases, a time bound), duplicate keys refused.

Every problem is a ParamsError naming the file (and the key, for a duplicate), its reason a catalogue
entry (params.*; kbreport.text.params_text); the reason for a bound that is hit comes from
kbreport.text.messages. PyYAML's own words for a syntax error are quoted as it writes them.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from kbreport.ingest.bounds import Deadline, Unreadable, reason_fields
from kbreport.text.catalogue import LANGS
from kbreport.text.messages import reason as reason_text
from kbreport.text.params_text import both, params_error

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


class _KeyNotHashable(yaml.constructor.ConstructorError):
    def __init__(self, mark):
        self.mark = mark
        super().__init__(None, None, "kunci tidak boleh berupa daftar/pemetaan", mark)

    def __reduce__(self):
        return type(self), (self.mark,)


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
            raise _KeyNotHashable(key_node.start_mark) from None
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
                raise params_error(name, None, "params.yaml_alias", line=line)
    except yaml.YAMLError:
        return  # a syntax error: yaml.load reports it, with its line


def _read_yaml(path: Path, seconds: float | None = None) -> Any:
    name = str(path)
    deadline = Deadline(MAX_READ_SECONDS if seconds is None else seconds)
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)  # never more than the bound into memory
    except FileNotFoundError:
        raise params_error(name, None, "params.file_missing") from None
    except OSError as e:
        from kbreport.text.messages import os_error_reason

        why = {lang: os_error_reason(e, lang) for lang in LANGS}
        raise params_error(name, None, "params.file_unreadable", why=why) from None
    if len(raw) > MAX_FILE_BYTES:
        size = max(len(raw), path.stat().st_size)
        raise params_error(name, None, "params.file_too_large", size=size, limit=MAX_FILE_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise params_error(name, None, "params.not_utf8", pos=e.start) from None
    try:
        _refuse_aliases(text, name, deadline)
        loader = _UniqueKeyLoader(text)  # what yaml.load does, with a deadline
        loader.deadline = deadline
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except Unreadable as e:
        text = {lang: reason_text(e.key, lang, **reason_fields(lang, e.fields)) for lang in LANGS}
        raise params_error(name, None, "params.raw", text=text) from None
    except _DuplicateKeyError as e:
        raise params_error(name, str(e.key), "params.duplicate_key", first=e.first_line,
                           line=e.problem_mark.line + 1) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = both("params.yaml_at", line=mark.line + 1, column=mark.column + 1) if mark else ""
        if isinstance(e, _KeyNotHashable):
            what = both("params.key_not_hashable")
        else:  # PyYAML's own words ("while scanning a simple key … could not find expected ':'")
            what = " ".join(str(x) for x in (e.context, e.problem) if x)
        ctx = e.context_mark
        started = ""
        if ctx is not None and mark is not None and ctx.line != mark.line:
            started = both("params.yaml_started", line=ctx.line + 1)
        raise params_error(name, None, "params.yaml_invalid", where=where, what=what, started=started) from None
    except yaml.YAMLError as e:
        raise params_error(name, None, "params.yaml_other", text=str(e)) from None


def read_params_file(path: str | os.PathLike, seconds: float | None = None) -> Any:
    """The parsed YAML of a params file (safe loader, bounded; ParamsError naming the file).
    `seconds`: the time bound (default MAX_READ_SECONDS)."""
    return _read_yaml(Path(path), seconds)
