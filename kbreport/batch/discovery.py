"""Which reports a run builds: the params files found under the paths given, resolved into jobs.

- `discover_params`: params files given directly, or every `*.yaml`/`*.yml` under the folders given.
- `plan_jobs`: one job per file, or one per region of a fan-out (kbreport.batch.plan); a file
  whose params are wrong, or two reports with one output folder, fail before any worker starts.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from kbreport.batch.jobs import Job
from kbreport.errors import KbreportError, ParamsError, ReportError
from kbreport.paths import safe_stem
from kbreport.text.catalogue import t
from kbreport.text.params_text import params_failure

__all__ = ["PARAMS_SUFFIXES", "Resolver", "discover_params", "plan_jobs", "default_resolver",
           "default_resolver_for", "default_data_dir"]

PARAMS_SUFFIXES = (".yaml", ".yml")

Resolver = Callable[[Path], "Path | list | None"]


def discover_params(paths: Iterable[str | os.PathLike], lang: str = "id") -> list[Path]:
    """Params files from files and folders (folders: every *.yaml/*.yml below, hidden ones left out).
    Order: as given, each folder sorted; duplicates once. A missing path raises ReportError (in `lang`)."""
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            cands = sorted(
                q for q in p.rglob("*")
                if q.suffix.lower() in PARAMS_SUFFIXES and q.is_file()
                and not any(part.startswith(".") for part in q.relative_to(p).parts)
            )
        elif p.is_file():
            cands = [p]
        else:
            raise ReportError(t("params.path_missing", lang, path=p))
        for q in cands:
            key = q.resolve()
            if key not in seen:
                seen.add(key)
                found.append(q)
    return found


def plan_jobs(params_files: Sequence[Path], resolver: Resolver | None, lang: str = "id") -> list[Job]:
    """The jobs of these params files: one per file, or one per region of a fan-out.

    `resolver(params_path)` returns the notebook path (one report, named by the file's sanitised
    stem) or a list of kbreport.batch.plan.ReportSpec (a fan-out); a ParamsError or ReportError from it
    fails that file's report before any worker sees it. Two reports that would write the same output
    folder both fail (building either one would silently hide the other). Reasons are in `lang`."""
    jobs: list[Job] = []
    for p in params_files:
        if resolver is None:
            jobs.append(Job(name=safe_stem(p.stem), params_path=p))
            continue
        try:
            got = resolver(p)
        except ParamsError as e:
            jobs.append(Job(name=safe_stem(p.stem), params_path=p, error=params_failure(e, lang)))
            continue
        except ReportError as e:
            jobs.append(Job(name=safe_stem(p.stem), params_path=p, error=str(e)))
            continue
        except Exception as e:  # a resolver bug must not stop the other reports
            jobs.append(Job(name=safe_stem(p.stem), params_path=p, error=f"{type(e).__name__}: {e}"))
            continue
        if isinstance(got, list):
            jobs += [Job(name=r.name, params_path=p, notebook=r.notebook, kode=r.kode, group=r.group, error=r.error)
                     for r in got]
        else:
            jobs.append(Job(name=safe_stem(p.stem), params_path=p, notebook=Path(got) if got else None))
    by_name: dict[str, list[Job]] = {}
    for j in jobs:
        by_name.setdefault(j.name, []).append(j)
    for name, same in by_name.items():
        if len(same) > 1:
            files = ", ".join(dict.fromkeys(str(j.params_path) for j in same))
            for j in same:
                j.error = t("params.name_taken", lang, name=repr(name), files=files)
    return jobs


def default_resolver(params_path: Path, master=None, data_dir: Path | None = None, lang: str = "id") -> list:
    """The reports a params file asks for (kbreport.batch.plan.expand_params); one whose region is not wholly
    inside the data's coverage carries its refusal, so it fails before any worker or kernel starts."""
    from kbreport.batch.plan import expand_params
    from kbreport.ingest.coverage import data_coverage
    from kbreport.ingest.wilayah import load_master

    master = load_master() if master is None else master
    coverage = None
    if data_dir is not None and Path(data_dir).is_dir():
        try:
            coverage = data_coverage(data_dir)
        except ValueError as e:
            raise ReportError(str(e)) from None
        except KbreportError:
            coverage = None  # unreadable data: the run's data check reports it before any kernel starts
    return expand_params(params_path, master=master, coverage=coverage, data_dir=data_dir, lang=lang)


def default_resolver_for(data_dir, lang: str = "id") -> Resolver:
    from kbreport.ingest.wilayah import load_master

    master = load_master()
    return lambda p: default_resolver(p, master=master, data_dir=Path(data_dir) if data_dir else None, lang=lang)


def default_data_dir() -> Path | None:
    """The data `build_report` reads when `data_dir` is None (hashed for the incremental check)."""
    from kbreport.build.report import default_data_dir as _d

    return _d()
