"""Build one report: params → executed notebook → HTML + PDF (+ annex.xlsx, figures.json).

    result = build_report("params/wilayah/17-bengkulu.yaml", "outputs")
    result.status, result.reason, result.files

Steps: validate params (no kernel starts when they are wrong; region codes against the master,
as_of against the data's date range), pick the notebook by `laporan`, check that every parameter
passed is declared in the notebook's `parameters` cell, execute with papermill in a working
folder (the notebook writes annex.xlsx and figures.json there, via its `out_dir` parameter),
validate figures.json, stamp report metadata into the notebook, render HTML and PDF, then move
every file into `out_dir/<params file stem>/` atomically (temporary name + os.replace).

`build_report` never raises for a report that fails: it returns status "failed" with a reason
naming the file and key, or the cell, line and error. Only KeyboardInterrupt/SystemExit propagate
(after the kernel is shut down and the working folder removed).

What a briefing notebook must do (notebooks/wilayah_briefing.ipynb, notebooks/event_briefing.ipynb):
- a cell tagged `parameters` declaring its parameters (name: annotation = default  # help; see
  kbreport.build.notebooks), with defaults that run on the demo data; params files are validated against it;
- put content on the page with kbreport.elements, one element per cell (title_block, headline_cards,
  talking_points, a chart, a table …), and markdown cells starting at `##` (the template prints
  the title, region and date as the masthead); never print;
- write `annex.xlsx` and `figures.json` (kbreport.build.figures.write_figures) into `out_dir`;
- say `data_contoh` truthfully: the build fails if sumber.json says the data are synthetic and
  figures.json does not.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from kbreport import __version__
from kbreport.errors import ReportError
from kbreport.build.failures import describe_failure
from kbreport.build.figures import FIGURES_FILE
from kbreport.build.formats import ALL_FORMATS, OUTPUT_FILES
from kbreport.paths import atomic_copy, remove_stale_temps, report_dir, safe_stem

__all__ = [
    "ReportResult", "build_report", "notebook_for", "check_coverage",
    "default_data_dir", "data_date_range", "check_notebook_parameters", "report_metadata",
    "ALL_FORMATS", "OUTPUT_FILES",
]


@dataclass
class ReportResult:
    """Outcome of one report. `files`: absolute paths of the files now in the output folder."""

    name: str
    status: str  # "ok" | "failed"
    reason: str | None = None
    seconds: float = 0.0
    files: list[str] = field(default_factory=list)
    out_dir: str | None = None
    timings: dict[str, float] = field(default_factory=dict)  # params, execute, html, pdf, publish

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict:
        return asdict(self)


# --- locations ------------------------------------------------------------------------------------


def notebook_for(params, params_path: str | os.PathLike | None = None,
                 notebooks: str | os.PathLike | None = None) -> Path:
    """The notebook these params run: `notebooks/<name>.ipynb` when a folder is given (a Dask
    worker's shipped copy), else as kbreport.build.notebooks finds it from the params file."""
    from kbreport.build.notebooks import BUILTIN, find_notebook

    if notebooks is not None:
        return Path(notebooks) / f"{params.notebook}.ipynb"
    return find_notebook({"notebook": params.notebook or BUILTIN[params.laporan]}, params_path, str(params_path))


def default_data_dir() -> Path:
    """$KBREPORT_DATA, else data/demo (what `kbreport demo` writes) of the project (kbreport.build.notebooks.
    project_root of the working folder: JupyterLab runs a notebook inside notebooks/), else of the
    working folder. Never a folder inside the installed package."""
    from kbreport.build.notebooks import project_root

    if os.environ.get("KBREPORT_DATA"):
        return Path(os.environ["KBREPORT_DATA"])
    root = project_root(Path.cwd())
    return (root if root is not None else Path(".")) / "data" / "demo"


def check_coverage(params, data_dir: str | os.PathLike, master, lang: str = "id") -> None:
    """ReportError unless the report's region lies wholly inside the data's coverage (never a
    briefing of zeros for regions the export does not hold)."""
    from kbreport.ingest.coverage import data_coverage, refusal

    try:
        why = refusal(params.kode, data_coverage(data_dir), master, data_dir, lang)
    except ValueError as e:
        raise ReportError(str(e)) from None
    if why:
        raise ReportError(why)


_RANGE_CACHE: dict[tuple, tuple[date | None, date | None]] = {}


def _launch_dates(path: Path):
    """The tanggal_pencanangan column of a kampung_kb file, parsed (only that column is read from a CSV)."""
    import pandas as pd

    from kbreport.ingest import schema
    from kbreport.ingest.readers import parse_date, read_column

    s = read_column(path, schema.KAMPUNG_KB, "tanggal_pencanangan")
    if s is None:
        return None
    iso = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")  # fast path: ISO dates
    rest = iso.isna() & (s != "")
    if rest.any():  # dd/mm/yyyy, "14 Januari 2016", Excel serials: the full parser
        iso[rest] = pd.to_datetime(parse_date(s[rest])[0], errors="coerce")
    return iso


def data_date_range(data_dir: str | os.PathLike) -> tuple[date | None, date | None]:
    """(first, last) date the data describes: the earliest and latest Kampung KB launch; the last is
    extended to sumber.json's "tanggal_data" (the export date) when given. Cached per file state."""
    import pandas as pd

    from kbreport.ingest import schema
    from kbreport.ingest.readers import find_table_files, read_metadata

    data_dir = Path(data_dir)
    files = find_table_files(data_dir, schema.KAMPUNG_KB)
    meta_file = data_dir / schema.METADATA_FILE
    key = tuple((str(f.resolve()), f.stat().st_mtime_ns, f.stat().st_size)
                for f in [*files, *([meta_file] if meta_file.is_file() else [])])
    if key in _RANGE_CACHE:
        return _RANGE_CACHE[key]
    lo = hi = None
    if files:
        dates = _launch_dates(files[0])
        if dates is not None:
            dates = pd.to_datetime(dates, errors="coerce").dropna()
            if len(dates):
                lo, hi = dates.min().date(), dates.max().date()
    meta, _ = read_metadata(data_dir)
    extra = meta.get("tanggal_data")
    if isinstance(extra, str):
        try:
            d = date.fromisoformat(extra[:10])
            hi = d if hi is None or d > hi else hi
        except ValueError:
            pass
    _RANGE_CACHE[key] = (lo, hi)
    return lo, hi


# --- parameters against the notebook --------------------------------------------------------------

_INSPECT_CACHE: dict[tuple[str, int, int], dict] = {}


def _declared_parameters(nb_path: Path) -> dict:
    import papermill

    st = nb_path.stat()
    key = (str(nb_path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _INSPECT_CACHE:
        _INSPECT_CACHE[key] = papermill.inspect_notebook(str(nb_path))
    return _INSPECT_CACHE[key]


def check_notebook_parameters(nb_path: str | os.PathLike, parameters: dict) -> None:
    """ReportError unless the notebook has a `parameters` cell declaring every name passed.

    Papermill only warns about an unknown parameter and runs on with the default: a typo would
    silently build the wrong report.
    """
    nb_path = Path(nb_path)
    if not nb_path.is_file():
        raise ReportError(f"notebook {nb_path} tidak ditemukan")
    declared = _declared_parameters(nb_path)
    if not declared:
        raise ReportError(f"{nb_path.name}: tidak ada sel bertag 'parameters'")
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise ReportError(f"{nb_path.name}: parameter tidak dikenal oleh notebook: {', '.join(unknown)} "
                          f"(dideklarasikan: {', '.join(sorted(declared))})")


# --- metadata for the template --------------------------------------------------------------------


def report_metadata(params, figures: dict, region, sumber: str, checksum: str) -> dict:
    """nb.metadata["kbreport"]: what the template prints in the masthead, running header and footer."""
    from kbreport.text import fmt
    from kbreport.build.render import WORDS

    lang = params.bahasa
    nama = region.nama_lengkap if region is not None else figures["wilayah"]["nama"]
    if lang == "en" and region is not None and region.jenis == "provinsi":
        nama = f"{region.nama} Province"
    as_of_teks = fmt.date(params.as_of, lang)
    meta = {
        "laporan": params.laporan,
        "wilayah": nama,
        "tingkat": figures["wilayah"]["tingkat"],
        "kode": figures["wilayah"]["kode"],
        "as_of": params.as_of.isoformat(),
        "as_of_teks": as_of_teks,
        "bahasa": lang,
        "versi": __version__,
        "sumber": sumber,
        "checksum": checksum,
        "data_contoh": bool(figures["data_contoh"]),
    }
    if params.laporan == "event":
        meta["judul"] = params.judul or figures.get("judul")  # None: the notebook's title for the event type
        when = fmt.date_range(params.mulai, params.selesai, lang)
        parts = [nama, when, params.tempat]
        if params.as_of != params.mulai:  # figures of another day than the first: say which
            parts.append(f"{WORDS[lang]['as_of']} {as_of_teks}")
        meta["subjudul"] = " · ".join(x for x in parts if x)
    else:
        meta["judul"] = params.judul or (f"Kampung KB di {nama}" if lang == "id" else f"Kampung KB in {nama}")
        parts = ["" if nama in meta["judul"] else nama, f"{WORDS[lang]['as_of']} {as_of_teks}"]
        meta["subjudul"] = " · ".join(x for x in parts if x)
    return meta


# --- one report -----------------------------------------------------------------------------------


def _execute(nb_path: Path, work: Path, parameters: dict, kernel_name: str, timeout: float, kernel=None):
    """Papermill in `work`: on `kernel` (a WarmKernel of that kernel name) when given, else on a new kernel."""
    import papermill

    common = dict(parameters=parameters, progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                  execution_timeout=timeout, start_timeout=60)
    if kernel is not None and kernel.kernel_name == kernel_name:
        from kbreport.build.warm_kernel import execute_notebook

        return execute_notebook(kernel, str(nb_path), str(work / OUTPUT_FILES["ipynb"]), cwd=work, **common)
    return papermill.execute_notebook(str(nb_path), str(work / OUTPUT_FILES["ipynb"]), kernel_name=kernel_name,
                                      cwd=str(work), **common)


def build_report(params_path: str | os.PathLike, out_dir: str | os.PathLike, data_dir: str | os.PathLike | None = None,
                 formats: Sequence[str] = ALL_FORMATS, timeout: float = 600, kernel_name: str = "python3",
                 work_dir: str | os.PathLike | None = None, notebooks: str | os.PathLike | None = None,
                 kernel=None, kode: str | None = None, name: str | None = None, lang: str = "id",
                 runtime: dict | None = None) -> ReportResult:
    """Build one report into `out_dir/<sanitised params file stem>/`; see the module docstring.

    `timeout`: seconds per notebook cell. `work_dir`: the working folder to execute in (created if
    missing and kept; default a temporary folder, removed afterwards). `notebooks`: folder holding
    the two briefing notebooks (default: the repository's notebooks/). `kernel`: a
    kbreport.build.warm_kernel.WarmKernel to run on (reset first, discarded if the report fails);
    default a new kernel for this report alone. `kode`, `name`: a fan-out member's region and
    output folder name (kbreport.batch.plan), in place of the file's own `kode` and stem. `lang`: the
    language of the failure reason (the run's; the report's own language is its params' `bahasa`). `runtime`: more
    runtime parameters the run sets (kbreport.build.params_rules.RUNTIME, e.g. pembanding_tanggal), passed
    to the notebook when it declares them.
    """
    import nbformat

    from kbreport.ingest import wilayah
    from kbreport.ingest.dataset import data_checksum_cached
    from kbreport.build.figures import read_figures
    from kbreport.ingest.readers import read_metadata
    from kbreport.build.params import (check_against_data, check_regions, load_params, parse_params, read_params_file,
                         to_notebook_parameters)

    t0 = time.perf_counter()
    params_path = Path(params_path)
    name = safe_stem(name or params_path.stem)
    formats = tuple(dict.fromkeys(formats))
    timings: dict[str, float] = {}
    result = ReportResult(name=name, status="failed")
    own_work = work_dir is None
    work: Path | None = None

    def lap(key: str, since: float) -> float:
        now = time.perf_counter()
        timings[key] = round(now - since, 3)
        return now

    try:
        bad = [f for f in formats if f not in ALL_FORMATS]
        if bad:
            raise ReportError(f"format tidak dikenal: {', '.join(bad)} (pilih dari {', '.join(ALL_FORMATS)})")
        # 1. params: schema, regions, data range — all before any kernel starts
        master = wilayah.load_master()
        if kode is None:
            params = load_params(params_path, master=master)
        else:
            file = f"{params_path} (kode {kode})"
            params = parse_params(dict(read_params_file(params_path), kode=kode), file, params_path=params_path)
            check_regions(params, master, file)
        data = Path(data_dir) if data_dir is not None else default_data_dir()
        if not data.is_dir():
            raise ReportError(f"folder data {data} tidak ditemukan (buat dengan `kbreport demo --out {data}`)")
        check_coverage(params, data, master, lang)
        lo, hi = data_date_range(data)
        check_against_data(params, lo, hi, file=str(params_path))
        nb_path = notebook_for(params, params_path, notebooks)
        out_folder = report_dir(out_dir, Path(name + ".yaml"), create=False)
        work = Path(work_dir) if work_dir is not None else Path(tempfile.mkdtemp(prefix=f"kbreport-{name}-"))
        work.mkdir(parents=True, exist_ok=True)
        for stale in (*OUTPUT_FILES.values(), FIGURES_FILE):  # a reused folder must not lend old results
            (work / stale).unlink(missing_ok=True)
        parameters = to_notebook_parameters(params, data.resolve(), out_dir=work.resolve(), annex="xlsx" in formats)
        if runtime:
            declared = _declared_parameters(nb_path) if nb_path.is_file() else {}
            parameters.update({k: v for k, v in runtime.items() if k in declared and k not in parameters})
        check_notebook_parameters(nb_path, parameters)
        t = lap("params", t0)

        # 2. execute
        nb = _execute(nb_path, work, parameters, kernel_name, timeout, kernel)
        t = lap("execute", t)

        # 3. figures.json (the notebook's contract) and metadata for the template
        figures = read_figures(work / FIGURES_FILE, params)
        meta_data, _ = read_metadata(data)
        sumber = meta_data.get("sumber") or data.resolve().name
        if meta_data.get("sintetis") is True and not figures["data_contoh"]:
            # the label on every page must not depend on the notebook remembering it
            raise ReportError("figures.json: data_contoh false, padahal sumber.json menyatakan data sintetis")
        if wilayah.decree_of(master) is not None:  # names as the decree in force on as_of writes them
            master = wilayah.load_master(decree=params.as_of)
        region = wilayah.region(master, params.kode)
        if figures["wilayah"]["nama"] != region.nama:
            raise ReportError(f"figures.json: wilayah.nama {figures['wilayah']['nama']!r} bukan nama master "
                              f"({region.nama!r})")
        from kbreport.build.render import METADATA_KEY, render_html, render_pdf

        nb.metadata[METADATA_KEY] = report_metadata(params, figures, region, sumber, data_checksum_cached(data))
        nb.metadata["title"] = nb.metadata[METADATA_KEY]["judul"]
        produced: dict[str, Path] = {}
        if "ipynb" in formats:
            p = work / OUTPUT_FILES["ipynb"]
            nbformat.write(nb, str(p))
            produced["ipynb"] = p
        if "xlsx" in formats:
            p = work / OUTPUT_FILES["xlsx"]
            if not p.is_file():
                raise ReportError(f"notebook {nb_path.name} tidak menulis {OUTPUT_FILES['xlsx']}")
            produced["xlsx"] = p
        if "html" in formats or "pdf" in formats:
            html = render_html(nb, notebook_dir=nb_path.parent)
            t = lap("html", t)
            if "html" in formats:
                p = work / OUTPUT_FILES["html"]
                p.write_text(html, encoding="utf-8")
                produced["html"] = p
            if "pdf" in formats:
                p = work / OUTPUT_FILES["pdf"]
                render_pdf(html, p)
                produced["pdf"] = p
                t = lap("pdf", t)

        # 4. publish: every file complete under its final name, figures.json last
        out_folder = report_dir(out_dir, Path(name + ".yaml"), create=True)
        remove_stale_temps(out_folder)
        files = []
        for fmt_, src in produced.items():
            files.append(str(atomic_copy(src, out_folder / OUTPUT_FILES[fmt_])))
        files.append(str(atomic_copy(work / FIGURES_FILE, out_folder / FIGURES_FILE)))
        for fmt_, fname in OUTPUT_FILES.items():  # outputs of an earlier build that this one replaces
            if fmt_ not in produced:
                (out_folder / fname).unlink(missing_ok=True)
        lap("publish", t)
        result.status, result.files, result.out_dir = "ok", files, str(out_folder)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # noqa: BLE001 - every failure becomes a reason; the batch goes on
        result.reason = describe_failure(e, timeout, lang)
    finally:
        if own_work and work is not None:
            shutil.rmtree(work, ignore_errors=True)
        result.seconds = round(time.perf_counter() - t0, 3)
        result.timings = timings
    return result
