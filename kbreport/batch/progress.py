"""Progress of a batch run: a bar over the whole run plus one line per finished report.

The bar is drawn only on a terminal; the lines are always written, so a log file or CI output
still tells which report finished how.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from kbreport.text.catalogue import LANGS, t

# A report's status as a progress line says it (catalogue keys status.*), {lang: {status: label}}.
STATUS_LABEL = {lang: {s: t(f"status.{s}", lang) for s in ("ok", "failed", "skipped", "interrupted")}
                for lang in LANGS}


def format_seconds(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}m{s:02d}s"


def report_line(name: str, status: str, seconds: float, reason: str | None = None, lang: str = "id") -> str:
    label = STATUS_LABEL.get(lang, STATUS_LABEL["id"]).get(status, status)
    line = f"{label:<10} {name:<40} {format_seconds(seconds):>8}"
    if status == "failed" and reason:
        first = reason.strip().splitlines()[0] if reason.strip() else ""
        line += f"  {first[:160]}"
    return line


def bar_text(done: int, total: int, elapsed: float, width: int = 30, failed: int = 0, lang: str = "id") -> str:
    frac = done / total if total else 1.0
    filled = int(round(width * frac))
    bar = "█" * filled + "░" * (width - filled)
    extra = t("status.bar_failed", lang, n=failed) if failed else ""
    return f"[{bar}] {done}/{total}{extra} · {format_seconds(elapsed)}"


class Progress:
    """`lines` go to `out` (stdout); the bar goes to `err` (stderr) and only if it is a terminal."""

    def __init__(
        self,
        total: int,
        *,
        enabled: bool = True,
        out: TextIO | None = None,
        err: TextIO | None = None,
        lang: str = "id",
        bar: bool | None = None,
    ) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self.enabled = enabled
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        self.lang = lang
        isatty = getattr(self.err, "isatty", lambda: False)
        self.bar = enabled and (bar if bar is not None else bool(isatty()))
        self._t0 = time.monotonic()
        self._lock = threading.Lock()
        self._drawn = False

    def _clear_bar(self) -> None:
        if self._drawn:
            self.err.write("\r\x1b[2K")
            self._drawn = False

    def _draw_bar(self) -> None:
        if self.bar:
            self.err.write("\r" + bar_text(self.done, self.total, time.monotonic() - self._t0, failed=self.failed,
                                              lang=self.lang))
            self.err.flush()
            self._drawn = True

    def message(self, text: str) -> None:
        """A free line (e.g. "12 laporan mutakhir, dilewati")."""
        if not self.enabled:
            return
        with self._lock:
            self._clear_bar()
            self.out.write(text + "\n")
            self.out.flush()
            self._draw_bar()

    def advance(self, n: int = 1) -> None:
        """Count finished reports without printing a line for each (used for skipped reports)."""
        with self._lock:
            self.done += n
            if self.enabled:
                self._draw_bar()

    def finished(self, name: str, status: str, seconds: float, reason: str | None = None) -> None:
        with self._lock:
            self.done += 1
            if status == "failed":
                self.failed += 1
            if not self.enabled:
                return
            self._clear_bar()
            self.out.write(report_line(name, status, seconds, reason, self.lang) + "\n")
            self.out.flush()
            self._draw_bar()

    def tick(self) -> None:
        """Redraw the bar so elapsed time moves while long reports run."""
        if self.bar:
            with self._lock:
                self._draw_bar()

    def close(self) -> None:
        with self._lock:
            if self.bar and self._drawn:
                self.err.write("\n")
                self.err.flush()
                self._drawn = False
