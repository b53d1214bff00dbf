"""User-facing text of validation and of a batch run, looked up in the catalogue (kbreport.text.catalogue).

`message(code, lang, **fields)` fills the template of a validation rule (`rule.<code>`), `reason`,
`run_message`, `os_reason`, `ui` the other sections; `SEVERITY` says which rules are errors and which are
warnings; `format_problem` / `capped_lines` print problems, `data_validation_error` makes the error that
carries them. Keep the Indonesian plain: a district analyst must know what to fix.
"""
from __future__ import annotations

import errno

from kbreport.errors import DataValidationError, Problem
from kbreport.text import fmt
from kbreport.text.catalogue import LANGS, check_lang, plural, section, t, template

# The catalogue's sections in the shape these tables always had: key -> {"id": ..., "en": ...}.
MESSAGES: dict[str, dict[str, str]] = section("rule.")
REASONS: dict[str, dict[str, str]] = section("reason.")
RUN_MESSAGES: dict[str, dict[str, str]] = section("run.")
OS_REASONS: dict[str, dict[str, str]] = section("os.")
UI: dict[str, dict[str, str]] = section("ui.")
_SEPARATOR_KEYS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}

# Warnings keep the row and are counted; any error makes load_data raise and `validate` exit 1.
WARNINGS = frozenset({
    "file_encoding", "column_unknown", "rumah_dataku_no_date", "rumah_dataku_tanggal_absent", "rumah_dataku_date_unexpected",
    "pokja_terlatih_gt_jumlah", "tidak_kb_gt_pus", "desa_two_kampung_kb",
    "rw_after_inpres", "no_profil", "no_kkbpk", "nonaktif_no_date",
})
SEVERITY: dict[str, str] = {code: ("warning" if code in WARNINGS else "error") for code in MESSAGES}
MAX_LINES_PER_RULE = 20  # printed per rule code; the rest are counted (kbreport validate --semua shows all)

# Counted nouns a run message names: template key -> (field holding the count, noun filled in as {<noun>s}).
_COUNTED = {"summary": ("total", "report"), "skipped_up_to_date": ("n", "report"),
            "data_invalid": ("n", "error"), "data_more": ("n", "error")}


def _lang(lang: str) -> str:
    return check_lang(lang)


def message(code: str, lang: str = "id", **fields) -> str:
    """The message of rule `code` in `lang`, with `fields` filled in."""
    return t(f"rule.{code}", lang, **fields)


def reason(key: str, lang: str = "id", **fields) -> str:
    return t(f"reason.{key}", lang, **fields)


def run_message(key: str, lang: str = "id", **fields) -> str:
    """A batch-run message; a counted noun ("1 report", "2 reports") follows the count it goes with."""
    if key in _COUNTED:
        count, noun = _COUNTED[key]
        fields.setdefault(noun + "s", plural(int(fields[count]), noun, lang))
    return t(f"run.{key}", lang, **fields)


def os_reason(key: str, lang: str = "id", **fields) -> str:
    return t(f"os.{key}", lang, **fields)


# Why a file system call failed, by errno: the os.* key filled in as {why}.
OS_REASON_BY_ERRNO = {errno.EACCES: "denied", errno.EPERM: "denied", errno.EROFS: "read_only", errno.ENOSPC: "full",
                      errno.EDQUOT: "full", errno.ENOENT: "missing", errno.EBUSY: "busy", errno.ETXTBSY: "busy"}


def os_error_reason(e: OSError, lang: str = "id") -> str:
    """Why `e` happened in `lang` ("izin ditolak", "disk penuh"), never Python's "[Errno 13] …"."""
    key = OS_REASON_BY_ERRNO.get(e.errno, "other") if e.errno is not None else "unknown"
    return os_reason(key, lang, code=errno.errorcode.get(e.errno, e.errno))


def ui(key: str, lang: str = "id") -> str:
    """A word of the validation report, as written (templates among them are filled by the caller)."""
    return template(f"ui.{key}", lang)


def format_megabytes(n: int, lang: str = "id") -> str:
    """Kept for callers: kbreport.text.fmt.megabytes."""
    return fmt.megabytes(n, lang)


def separator_name(sep: str, lang: str = "id") -> str:
    key = _SEPARATOR_KEYS.get(sep)
    return t(f"separator.{key}", lang) if key else repr(sep)


def data_validation_error(problems: list[Problem], lang: str = "id") -> DataValidationError:
    """The error load_data raises: every problem, and a message listing the errors in `lang`, at most 20
    per rule ("… dan 3.046 lagi"), like `kbreport validate`."""
    errors = [p for p in problems if p.severity == "error"]
    shown = "\n".join(f"  {line}" for line in capped_lines(errors, lang))
    n = len(errors)
    head = t("ui.errors_in_data", lang, n=fmt.number(n, lang), errors=plural(n, "error", lang))
    return DataValidationError(problems, f"{head}:\n{shown}")


def capped_lines(problems, lang: str = "id", limit: int | None = MAX_LINES_PER_RULE) -> list[str]:
    """One line per problem, at most `limit` per rule code (None: all); after the last one shown of a
    rule, "… dan 3.046 lagi (code)". Problems keep their order."""
    total: dict[str, int] = {}
    for p in problems:
        total[p.code] = total.get(p.code, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for p in problems:
        k = seen[p.code] = seen.get(p.code, 0) + 1
        if limit is not None and k > limit:
            continue
        out.append(format_problem(p, lang))
        if limit is not None and k == limit and total[p.code] > limit:
            out.append(t("ui.more", lang, n=fmt.number(total[p.code] - limit, lang), code=p.code))
    return out


def format_problem(p: Problem, lang: str = "id") -> str:
    """One line: "file, baris R, kolom C: [value] reason" ("row"/"column" in English)."""
    where = p.file
    if p.row is not None:
        where += f", {t('ui.row', lang)} {p.row}"
    if p.column:
        where += f", {t('ui.column', lang)} {p.column}"
    val = f" [{p.value}]" if p.value not in (None, "") else ""
    return f"{where}:{val} {p.message}"

