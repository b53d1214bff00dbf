"""The `kbreport` command: argument parsing and printing over the library, one library call per command.

Every word comes from the text catalogue (kbreport.text.catalogue, keys cli.*): help in the language of
$KBREPORT_BAHASA, messages and progress in the command's --bahasa (Indonesian by default); no raw Python
exception text is printed (kbreport errors carry their message, OSError goes through kbreport.paths).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kbreport import __version__
from kbreport.cli_help import Fail, Group, Option, bahasa_option, option
from kbreport.import_guards import skip_iri_grammars
from kbreport.text import fmt
from kbreport.text.catalogue import t
from kbreport.text.params_text import error_text


@click.group(cls=Group, help="cli.main", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kbreport", message="%(prog)s %(version)s",
                      cls=Option, help="cli.version_option")
def main() -> None:
    skip_iri_grammars()


def _os_error(e: OSError, path, lang: str, folder: bool = False) -> str:
    from kbreport.paths import describe_os_error

    return describe_os_error(e, e.filename or path, lang, folder=folder)


# [wilayah]
_MASTER_OPTION = option("--master", "master_path", type=click.Path(dir_okay=False), help="cli.wilayah.master")


def _wilayah_master(master_path, lang: str):
    from kbreport.errors import MasterError
    from kbreport.ingest.wilayah import load_master

    try:
        return load_master(master_path)
    except MasterError as e:
        raise Fail(str(e), lang) from e


def _split(kinds: dict[str, int], lang: str) -> str:
    """"1.341 desa, 172 kelurahan": every kind present, and the first two even when none."""
    names = list(kinds)
    return ", ".join(f"{fmt.number(n, lang)} {k}" for k, n in kinds.items() if n or k in names[:2])


@main.group(help="cli.wilayah")
def wilayah() -> None:
    pass


@wilayah.command("ringkasan", help="cli.wilayah.ringkasan")
@_MASTER_OPTION
@bahasa_option()
def wilayah_ringkasan(master_path, lang) -> None:
    from kbreport.ingest.decrees import TODAY
    from kbreport.ingest.wilayah_search import level_counts

    m = _wilayah_master(master_path, lang)
    if master_path:
        click.echo(t("cli.wilayah.source_user", lang, path=master_path))
    else:
        src = f"{TODAY.judul}, cahyadsn/wilayah"
        click.echo(t("cli.wilayah.source_bundled", lang, sources=src))
    for c in level_counts(m):
        line = f"{t(f'cli.wilayah.level.{c.level}', lang):<15}{fmt.number(c.n, lang):>8}"
        if c.kinds:
            line += f"  ({_split(c.kinds, lang)})"
        click.echo(line)


@wilayah.command("show", help="cli.wilayah.show")
@click.argument("kode")
@_MASTER_OPTION
@bahasa_option()
def wilayah_show(kode, master_path, lang) -> None:
    from kbreport.errors import UnknownRegionError
    from kbreport.ingest.wilayah_search import describe

    m = _wilayah_master(master_path, lang)
    try:
        info = describe(m, kode)
    except UnknownRegionError as e:
        raise Fail(t("cli.wilayah.unknown", lang, kode=kode), lang) from e
    r = info.region
    click.echo(f"{r.kode}  {r.nama_lengkap}")
    click.echo(t("cli.wilayah.tingkat_line", lang, tingkat=r.tingkat, jenis=r.jenis))
    if info.nama_resmi:
        click.echo(t("cli.wilayah.nama_resmi", lang, nama=info.nama_resmi))
    if info.parents:
        click.echo(t("cli.wilayah.induk", lang, induk=" › ".join(f"{n} ({k})" for n, k in info.parents)))
    for c in info.below:
        line = f"{t(f'cli.wilayah.level.{c.level}', lang) + ' ':.<16} {fmt.number(c.n, lang):>7}"
        if c.kinds:
            line += f"  ({_split(c.kinds, lang)})"
        click.echo(line)


@wilayah.command("cari", help="cli.wilayah.cari")
@click.argument("teks")
@option("--tingkat", type=click.Choice(["provinsi", "kabkota", "kecamatan", "desa"]), help="cli.wilayah.tingkat")
@option("--limit", default=50, show_default=True, help="cli.wilayah.limit")
@_MASTER_OPTION
@bahasa_option()
def wilayah_cari(teks, tingkat, limit, master_path, lang) -> None:
    from kbreport.ingest.wilayah_search import search

    hit = search(_wilayah_master(master_path, lang), teks, tingkat)
    if hit.empty:
        click.echo(t("cli.wilayah.none", lang, teks=teks))
        return
    for r in hit.head(limit).itertuples():
        where = f"  — {', '.join(r.induk)}" if r.induk else ""
        click.echo(f"{r.kode:<14} {r.jenis:<10} {r.nama}{where}")
    if len(hit) > limit:
        click.echo(t("cli.wilayah.more", lang, n=fmt.number(len(hit) - limit, lang)))


# [validate]
@main.command("validate", help="cli.validate")
@option("--data", "data_dir", default="data/demo", show_default=True, type=click.Path(path_type=Path),
        help="cli.validate.data")
@option("--master", "master_csv", default=None, type=click.Path(dir_okay=False, path_type=Path),
        help="cli.validate.master")
@bahasa_option()
@option("--semua", "show_all", is_flag=True, help="cli.validate.semua")
@option("--ke", "out_file", default=None, type=click.Path(dir_okay=False, path_type=Path), metavar="file",
        help="cli.validate.ke")
def validate_cmd(data_dir: Path, master_csv: Path | None, lang: str, show_all: bool, out_file: Path | None) -> None:
    from kbreport.errors import KbreportError
    from kbreport.ingest.validate_summary import check_out_file, validation_report, write_report

    try:
        if out_file is not None:
            check_out_file(out_file, data_dir, lang)  # never overwrite the data
        rep = validation_report(data_dir, master_csv, lang, show_all)
    except KbreportError as e:
        raise Fail(str(e), lang) from e
    for line in rep.lines:
        click.echo(line)
    if rep.problems:
        click.echo()
    for line in rep.summary:
        click.echo(line)
    if out_file is not None:
        try:
            click.echo(write_report(rep, out_file, lang))
        except KbreportError as e:
            raise Fail(str(e), lang) from e
    if rep.errors:
        sys.exit(1)


# [demo]
@main.command("demo", help="cli.demo")
@option("--out", "out_dir", default="data/demo", show_default=True, type=click.Path(file_okay=False),
        help="cli.demo.out")
@option("--seed", default=None, type=int, help="cli.demo.seed")
@bahasa_option()
def demo_cmd(out_dir: str, seed: int | None, lang: str) -> None:
    from kbreport.errors import KbreportError
    from kbreport.demo import generator as _demo

    try:
        summary = _demo.generate(out_dir, seed=_demo.SEED if seed is None else seed)
    except (KbreportError, ValueError) as e:  # kbreport's own messages
        raise Fail(str(e), lang) from e
    except OSError as e:
        raise Fail(_os_error(e, out_dir, lang, folder=True), lang) from e
    click.echo(_demo.format_summary(summary, lang))


# [run]
def _parse_formats(value: str, lang: str) -> tuple[str, ...]:
    from kbreport.build.formats import ALL_FORMATS, check_formats

    try:
        return check_formats(value)
    except ValueError:
        raise click.BadParameter(t("cli.run.bad_formats", lang, choices=",".join(ALL_FORMATS), value=value),
                                 param_hint="--formats") from None


@main.command("run", help="cli.run")
@click.argument("params", nargs=-1, type=click.Path(exists=True, path_type=Path))
@option("--out", "out", default="outputs", show_default=True, type=click.Path(file_okay=False, path_type=Path),
        help="cli.run.out")
@option("--data", "data", default=None, type=click.Path(file_okay=False, path_type=Path), help="cli.run.data")
@option("--formats", "formats", default="ipynb,html,pdf,xlsx", show_default=True, help="cli.run.formats")
@option("--timeout", default=600, show_default=True, type=float, help="cli.run.timeout")
@option("--jobs", "-j", default=None, type=click.IntRange(min=1), help="cli.run.jobs")
@option("--force", is_flag=True, help="cli.run.force")
@option("--dask", "dask", default=None, metavar="address", help="cli.run.dask")
@option("--fresh-kernels", is_flag=True, help="cli.run.fresh_kernels")
@bahasa_option("cli.run.bahasa")
def run_cmd(params, out, data, formats, timeout, jobs, force, dask, fresh_kernels, lang) -> None:
    from kbreport.batch.runner import EXIT_FAILED, run_batch
    from kbreport.errors import KbreportError

    fmts = _parse_formats(formats, lang)
    if not params:  # `kbreport run` in a project folder builds its params/
        if not Path("params").is_dir():
            raise click.UsageError(t("cli.run.no_params", lang))
        params = (Path("params"),)
    try:
        result = run_batch(params, out, data_dir=data, jobs=jobs, formats=fmts, force=force, timeout=timeout,
                           dask_address=dask, warm_kernels=not fresh_kernels, lang=lang)
    except (KbreportError, OSError) as e:  # the message says it all: no "Error:", no traceback
        click.echo(error_text(e, lang) if isinstance(e, KbreportError) else _os_error(e, out, lang, folder=True), err=True)
        sys.exit(EXIT_FAILED)
    if result.exit_code:
        sys.exit(result.exit_code)


# [new]
@main.command("new", help="cli.new")
@click.argument("name")
@bahasa_option()
def new_cmd(name: str, lang: str) -> None:
    from kbreport.build.scaffold import new_report
    from kbreport.errors import KbreportError

    try:
        nb, params = new_report(name)
    except KbreportError as e:
        raise Fail(error_text(e, lang), lang) from None
    except OSError as e:
        raise Fail(_os_error(e, Path.cwd(), lang), lang) from None
    click.echo(t("cli.new.done", lang, notebook=nb, params=params))


# [template]
@main.command("template", help="cli.template")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@bahasa_option("cli.template.bahasa")
def template_cmd(folder: Path, lang: str) -> None:
    from kbreport.errors import KbreportError
    from kbreport.ingest.blank_tables import write_blank_tables

    try:
        for p in write_blank_tables(folder, lang):
            click.echo(str(p))
    except KbreportError as e:
        raise Fail(str(e), lang) from None
    except OSError as e:
        raise Fail(_os_error(e, folder, lang, folder=True), lang) from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
