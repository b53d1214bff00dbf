"""The typed records of a batch run: a job, the settings its jobs share, a job's result, each report's outcome, the run's result.

    Job          one report to build (planned by kbreport.batch.discovery)
    RunSettings  what every job of a run shares: the builder, folders, formats, time limit, kernel
    JobResult    what an executor hands back for a job: plain data, safe to pickle across processes
    ReportOutcome, BatchResult   what the runner records, in manifest.json and the summary

The builder (`RunSettings.builder`) is a picklable callable with the signature of
kbreport.build.report.build_report, and is always called with all of its keywords:
`builder(params_path, out_dir, data_dir=, formats=, timeout=, kernel_name=, work_dir=, notebooks=,
kernel=, kode=, name=, lang=, runtime=)` (`lang`: the run's language, of the reason a report fails with; `runtime`: more runtime parameters, e.g. pembanding_tanggal). It returns a kbreport.build.report.ReportResult (status "ok"/"failed",
reason, seconds, timings) or raises; on success it has put the report's files in `out_dir/<name>/`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kbreport.batch.progress import format_seconds
from kbreport.text.messages import run_message

if TYPE_CHECKING:
    from kbreport.build.report import ReportResult

__all__ = ["Builder", "Job", "RunSettings", "JobResult", "ReportOutcome", "BatchResult"]

Builder = Callable[..., "ReportResult"]


@dataclass
class Job:
    """One report of a run. `error`: why it fails before any worker sees it (then it is never built)."""

    name: str  # its output folder, OUT/<name>/
    params_path: Path
    notebook: Path | None = None
    inputs: dict | None = None  # what its stamp hashes (kbreport.batch.stamps.build_inputs)
    error: str | None = None
    kode: str | None = None  # a fan-out member's region (kbreport.batch.plan); None: the file's own
    group: str | None = None  # the params stem a fan-out member came from
    # runtime parameters the run sets for this report beyond data_dir/out_dir/annex, e.g. pembanding_tanggal
    # (the previous event of its kind for its region, kbreport.batch.previous); plain JSON values
    runtime: dict | None = None


@dataclass(frozen=True)
class RunSettings:
    """What every job of a run shares; shipped as is to local and Dask workers (so: picklable)."""

    builder: Builder
    out_dir: Path
    data_dir: Path | None
    formats: tuple[str, ...]
    timeout: float = 600
    kernel_name: str = "python3"
    warm_kernels: bool = True  # local workers keep one kernel warm across their reports
    lang: str = "id"  # of the reasons a report fails with (the run's language)
    data_store: tuple[str, str] | None = None  # (folder, key): the parsed data kept for local kernels


@dataclass
class JobResult:
    """One job's result, as an executor hands it back. Plain data only: it crosses process
    boundaries, so a failure is its one-line `reason`, never an exception object or a traceback."""

    name: str
    status: str  # "ok" | "failed"
    reason: str | None = None
    seconds: float = 0.0
    files: list[dict] = field(default_factory=list)  # [{"path": "<name>/briefing.html", "sha256": ..., "bytes": ...}]
    log: str | None = None  # ".logs/<name>.log" of a failed report, relative to the output folder
    timings: dict[str, float] = field(default_factory=dict)  # the builder's own split (params, execute, html, …)
    payload: dict[str, bytes] | None = None  # a Dask worker's output files, until installed in the output folder

    @classmethod
    def failed(cls, name: str, reason: str, seconds: float = 0.0) -> JobResult:
        return cls(name=name, status="failed", reason=reason, seconds=seconds)


@dataclass
class ReportOutcome:
    """One report of a batch run. status: ok (built now) | skipped (up to date) | failed | interrupted."""

    name: str
    params: str
    status: str
    reason: str | None = None
    seconds: float = 0.0
    files: list[dict] = field(default_factory=list)  # [{"path": "<name>/briefing.html", "sha256": ..., "bytes": ...}]
    notebook: str | None = None
    inputs_digest: str | None = None
    log: str | None = None  # "<.logs/name.log>" for a failed report, relative to the output folder
    timings: dict = field(default_factory=dict)  # the builder's own split (params, execute, html, pdf, …)
    group: str | None = None  # the params file stem of a fan-out member (the index groups them)

    def to_json(self) -> dict:
        d = asdict(self)
        d["seconds"] = round(self.seconds, 3)
        return d


@dataclass
class BatchResult:
    out_dir: Path
    reports: list[ReportOutcome]
    seconds: float
    exit_code: int
    mode: str = "local"
    interrupted: str | None = None  # "SIGINT"/"SIGTERM" when the run was stopped
    problems: list[str] = field(default_factory=list)  # run-level, e.g. a manifest that could not be written
    lang: str = "id"  # of the summary

    def by_status(self, status: str) -> list[ReportOutcome]:
        return [r for r in self.reports if r.status == status]

    @property
    def built(self) -> list[ReportOutcome]:
        return self.by_status("ok")

    @property
    def skipped(self) -> list[ReportOutcome]:
        return self.by_status("skipped")

    @property
    def failed(self) -> list[ReportOutcome]:
        return self.by_status("failed")

    def summary(self) -> str:
        L = self.lang
        n_int = len(self.by_status("interrupted"))
        head = run_message("summary", L, built=len(self.built), skipped=len(self.skipped), failed=len(self.failed),
                           interrupted=run_message("summary_interrupted", L, n=n_int) if n_int else "",
                           total=len(self.reports), time=format_seconds(self.seconds))
        if self.interrupted:
            head = run_message("summary_stopped", L, signal=self.interrupted, head=head)
        lines = [head]
        if self.failed:
            lines.append(run_message("summary_failed", L))
            for r in self.failed:
                reason = (r.reason or "").replace("\n", "\n      ")
                log = f" [log: {self.out_dir / r.log}]" if r.log else ""
                lines.append(f"  - {r.name} ({r.params}): {reason}{log}")
        lines.extend(self.problems)
        lines.append(run_message("summary_index", L, path=self.out_dir / "index.html"))
        return "\n".join(lines)
