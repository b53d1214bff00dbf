"""Why a report failed, in one line for the run summary, the manifest and the index page.

    describe_failure(exc, timeout) -> "sel ke-4 (In [3]), baris 2: `x = 1 / 0` → ZeroDivisionError: …"
    describe_failure(params_error, lang="en") -> "invalid params — params/x.yaml: kode: …"

Used by kbreport.build.report.build_report (which never raises for a failed report) and by the batch
runner (for builders that raise, workers that die, and its own time limit).
"""
from __future__ import annotations

import re
from typing import Any

from kbreport.errors import KbreportError, ParamsError, ReportTimeout
from kbreport.text.catalogue import t
from kbreport.text.params_text import params_failure

__all__ = ["describe_failure", "describe_cell_error"]

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _class_names(exc: BaseException) -> set[str]:
    return {c.__name__ for c in type(exc).__mro__}


def _error_line(traceback: Any) -> int | None:
    """Line of the cell that raised, from an IPython traceback ("Cell In[3], line 5" or "----> 5 ...")."""
    text = _ANSI.sub("", "\n".join(traceback) if isinstance(traceback, (list, tuple)) else str(traceback or ""))
    m = re.search(r"Cell In\s*\[\d*\],\s*line (\d+)", text)
    if m:
        return int(m.group(1))
    m = re.search(r"^-+>\s*(\d+)", text, re.M)
    return int(m.group(1)) if m else None


def describe_cell_error(exc: Any, lang: str = "id") -> str:
    """'sel ke-4 (In [3]), baris 2: `x = 1 / 0` → ZeroDivisionError: division by zero'."""
    src = str(getattr(exc, "source", "") or "")
    lines = src.splitlines()
    n = _error_line(getattr(exc, "traceback", None))
    if n is not None and 1 <= n <= len(lines):
        code, where = lines[n - 1].strip(), t("run.fail_line", lang, n=str(n))
    else:
        code = next((ln.strip() for ln in reversed(lines) if ln.strip()), "")
        where = ""
    idx = getattr(exc, "cell_index", None)
    cnt = getattr(exc, "exec_count", None)
    cell = t("run.fail_cell", lang, n=str(idx + 1)) if isinstance(idx, int) else t("run.fail_cell_any", lang)
    if cnt is not None:
        cell += f" (In [{cnt}])"
    ename = getattr(exc, "ename", None) or type(exc).__name__
    evalue = str(getattr(exc, "evalue", "") or "").strip()
    if len(code) > 200:
        code = code[:197] + "…"
    return f"{cell}{where}: `{code}` → {ename}: {evalue}".rstrip(": ")


def describe_failure(exc: BaseException, timeout: float | None = None, lang: str = "id") -> str:
    """Why a report failed, in one line; a params error in `lang` (the run's language)."""
    names = _class_names(exc)
    if isinstance(exc, ParamsError):
        return params_failure(exc, lang)
    if "PapermillExecutionError" in names:
        return describe_cell_error(exc, lang)
    if "DeadKernelError" in names:
        return t("run.fail_dead_kernel", lang, what=str(exc).strip() or "DeadKernelError")
    if isinstance(exc, ReportTimeout) or "CellTimeoutError" in names or isinstance(exc, TimeoutError):
        limit = t("run.fail_timeout_limit", lang, s=f"{timeout:g}") if timeout else ""
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]  # nbclient appends a cell preview
        return t("run.fail_timeout", lang, limit=limit, what=first)
    if "PapermillMissingParameterException" in names or "PapermillParameterOverwriteWarning" in names:
        return t("run.fail_parameter", lang, what=str(exc))
    if isinstance(exc, KbreportError):  # our own messages already say what went wrong
        return str(exc)
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
