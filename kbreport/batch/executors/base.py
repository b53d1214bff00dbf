"""The one interface the runner builds jobs through: `Executor.map(jobs)` yields a JobResult per job, as each finishes.

    with LocalExecutor(settings, n_workers=2, tick=prog.tick) as ex:
        for res in ex.map(jobs):
            ...

An executor runs every job it is given once and yields exactly one JobResult for each (matched to
its job by `name`, unique among the jobs of a run), in the order they finish. It never raises for a
job that fails: a failure is a result with status "failed" and a one-line reason. Leaving the
`with` block — normally, on an error, or on SIGINT/SIGTERM turned into an exception by the runner —
stops whatever still runs and removes what the executor made (processes, kernels, temp folders).
`tick()` is called about every quarter second while waiting (the runner's progress bar).
Stamps, logs of the run and the manifest are the runner's, not the executor's.
"""
from __future__ import annotations

import abc
from collections.abc import Callable, Iterator, Sequence

from kbreport.batch.jobs import Job, JobResult, RunSettings

__all__ = ["Executor"]


class Executor(abc.ABC):
    """Builds jobs with the settings of one run; see the module docstring."""

    mode: str = ""  # as recorded in manifest.json: "local" | "dask"

    def __init__(self, settings: RunSettings, tick: Callable[[], None] | None = None):
        self.settings = settings
        self.tick = tick or (lambda: None)

    @abc.abstractmethod
    def map(self, jobs: Sequence[Job]) -> Iterator[JobResult]:
        """Build `jobs`; yield one JobResult per job as it finishes."""

    def close(self) -> None:
        """Stop what still runs and remove what this executor made; safe to call twice."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
