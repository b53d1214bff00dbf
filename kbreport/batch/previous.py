"""The previous event of the same kind for the same region among a run's reports: its date, for a comparison.

An event briefing compares its figures with those of the previous event of its `jenis` for its `kode` when the
run holds a params file for it (issue 13): among the run's event reports with the same jenis and kode, the one
with the latest `mulai` before this one's. Its figures date (`as_of`, by default its first day) is passed to the
notebook as the runtime parameter `pembanding_tanggal` (kbreport.build.params_rules.RUNTIME), so the briefing shows
the figures then — those the previous briefing printed — beside today's. A run without such a file sets nothing,
and the briefing does not compare (so does a notebook run alone).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kbreport.batch.jobs import Job
from kbreport.errors import KbreportError

__all__ = ["event_keys", "previous_dates", "assign_previous"]


def event_keys(job: Job) -> tuple[str, str, date, date] | None:
    """(jenis, kode, mulai, as_of) of an event report, None for any other report or one whose params fail
    (its own job reports that)."""
    from kbreport.build.params import parse_params, read_params_file

    try:
        raw = read_params_file(job.params_path)
        if not isinstance(raw, dict) or "jenis" not in raw:
            return None
        data = dict(raw, kode=job.kode) if job.kode is not None else raw
        p = parse_params(data, str(job.params_path), params_path=job.params_path)
    except (KbreportError, OSError, ValueError):
        return None
    jenis, mulai = p.get("jenis"), p.get("mulai")
    if not jenis or mulai is None:
        return None
    return str(jenis), str(p.kode or ""), mulai, p.get("as_of") or mulai


def previous_dates(events: Sequence[tuple[str, str, date, date] | None]) -> list[date | None]:
    """Per event (jenis, kode, mulai, as_of) or None: the as_of of the event with the same jenis and kode and the
    latest mulai before its own (None when there is none; events on the same day are not "previous")."""
    out: list[date | None] = []
    for e in events:
        best = None
        if e is not None:
            for o in events:
                if o is not None and o[:2] == e[:2] and o[2] < e[2] and (best is None or o[2] > best[2]):
                    best = o
        out.append(None if best is None else best[3])
    return out


def assign_previous(jobs: Sequence[Job]) -> None:
    """Set `runtime["pembanding_tanggal"]` (ISO text) on every event job that has a previous event in `jobs`."""
    keys = [None if j.error else event_keys(j) for j in jobs]
    for j, d in zip(jobs, previous_dates(keys)):
        if d is not None:
            j.runtime = {**(j.runtime or {}), "pembanding_tanggal": d.isoformat()}
