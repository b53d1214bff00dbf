"""The `kbreport` command: a thin Click layer over the library API."""
from __future__ import annotations

import sys

import click

from kbreport import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbreport")
def main() -> None:
    """Briefings on the Kampung KB programme: data, validation, analyses, HTML/PDF reports."""


# --- commands are registered below, one block per concern -------------------------------

# [wilayah]
_MASTER_OPTION = click.option("--master", "master_path", type=click.Path(dir_okay=False),
                              help="CSV master wilayah baru (kolom kode,nama), mis. Kepmendagri 2025.")


def _wilayah_master(master_path):
    from kbreport.errors import MasterError
    from kbreport.ingest.wilayah import load_master

    try:
        return load_master(master_path)
    except MasterError as e:
        raise click.ClickException(str(e)) from e


def _n(value: int) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale="id")


def _split(counts, kinds) -> str:
    parts = [f"{_n(int(counts.get(k, 0)))} {k}" for k in kinds if counts.get(k, 0) or k in kinds[:2]]
    return ", ".join(parts)


@main.group()
def wilayah() -> None:
    """Master wilayah Kemendagri: kode dan nama provinsi sampai desa/kelurahan."""


@wilayah.command("ringkasan")
@_MASTER_OPTION
def wilayah_ringkasan(master_path) -> None:
    """Jumlah wilayah per tingkat."""
    from kbreport.ingest.decrees import TODAY

    m = _wilayah_master(master_path)
    if master_path:
        click.echo(f"Master wilayah: {master_path}")
    else:
        click.echo(f"Master wilayah: bawaan ({TODAY.judul}, cahyadsn/wilayah)")
    by_level = m["tingkat"].value_counts()
    by_jenis = m["jenis"].value_counts()
    rows = [("Provinsi", "provinsi", None), ("Kab/kota", "kabkota", ("kabupaten", "kota")),
            ("Kecamatan", "kecamatan", None), ("Desa/kelurahan", "desa", ("desa", "kelurahan", "desa adat"))]
    for label, level, kinds in rows:
        line = f"{label:<15}{_n(int(by_level.get(level, 0))):>8}"
        if kinds:
            line += f"  ({_split(by_jenis, kinds)})"
        click.echo(line)


@wilayah.command("show")
@click.argument("kode")
@_MASTER_OPTION
def wilayah_show(kode, master_path) -> None:
    """Nama, tingkat, induk dan jumlah wilayah di bawah KODE (mis. 17 atau 16.10.05.2041)."""
    from kbreport.errors import UnknownRegionError
    from kbreport.ingest.wilayah import LEVELS, region

    m = _wilayah_master(master_path)
    try:
        r = region(m, kode)
    except UnknownRegionError as e:
        raise click.ClickException(f"kode wilayah {kode!r} tidak ada di master") from e
    click.echo(f"{r.kode}  {r.nama_lengkap}")
    click.echo(f"Tingkat : {r.tingkat} ({r.jenis})")
    row = m.loc[m["kode"] == r.kode].iloc[0]
    if row["nama_resmi"] != row["nama"]:
        click.echo(f"Nama resmi: {row['nama_resmi']}")
    parents = [row[c] for c in ("kode_kecamatan", "kode_kabkota", "kode_provinsi")
               if isinstance(row[c], str) and row[c] != r.kode]
    if parents:
        click.echo("Induk   : " + " › ".join(f"{region(m, p).nama_lengkap} ({p})" for p in parents))
    below = m.loc[m["kode"].str.startswith(r.kode + ".")]
    labels = {"kabkota": ("Kab/kota", ("kabupaten", "kota")), "kecamatan": ("Kecamatan", ()),
              "desa": ("Desa/kelurahan", ("desa", "kelurahan", "desa adat"))}
    for level in LEVELS[LEVELS.index(r.tingkat) + 1:]:
        sub = below.loc[below["tingkat"] == level]
        label, kinds = labels[level]
        line = f"{label + ' ':.<16} {_n(len(sub)):>7}"
        if kinds:
            line += f"  ({_split(sub['jenis'].value_counts(), kinds)})"
        click.echo(line)


@wilayah.command("cari")
@click.argument("teks")
@click.option("--tingkat", type=click.Choice(["provinsi", "kabkota", "kecamatan", "desa"]), help="Batasi ke satu tingkat.")
@click.option("--limit", default=50, show_default=True, help="Jumlah hasil paling banyak.")
@_MASTER_OPTION
def wilayah_cari(teks, tingkat, limit, master_path) -> None:
    """Cari wilayah menurut nama (tanpa membedakan huruf besar/kecil)."""
    m = _wilayah_master(master_path)
    needle = " ".join(teks.split()).casefold()
    hit = m.loc[m["nama"].str.casefold().str.contains(needle, regex=False)
                | m["nama_resmi"].str.casefold().str.contains(needle, regex=False)]
    if tingkat:
        hit = hit.loc[hit["tingkat"] == tingkat]
    if hit.empty:
        click.echo(f"Tidak ada wilayah dengan nama yang memuat {teks!r}.")
        return
    names = dict(zip(m["kode"], m["nama"]))
    for _, r in hit.head(limit).iterrows():
        up = [names[r[c]] for c in ("kode_kecamatan", "kode_kabkota", "kode_provinsi")
              if isinstance(r[c], str) and r[c] != r["kode"]]
        where = f"  — {', '.join(up)}" if up else ""
        click.echo(f"{r['kode']:<14} {r['jenis']:<10} {r['nama']}{where}")
    if len(hit) > limit:
        click.echo(f"… {_n(len(hit) - limit)} hasil lain (gunakan --limit).")


# [validate]
from pathlib import Path  # noqa: E402  (kept in this block: other blocks are edited concurrently)


def _master_lines(master, master_csv, tables, lang: str, show_all: bool) -> list[str]:
    """Which master the codes were read with; for an older decree, the codes today's decree writes otherwise."""
    from kbreport.ingest.decrees import TODAY, get_decree, translate_desa
    from kbreport.ingest.wilayah import decree_of
    from kbreport.text.messages import MAX_LINES_PER_RULE, format_int, ui

    stem = decree_of(master)
    if stem is None:
        return [ui("master_file", lang).format(file=master_csv or "DataFrame")]
    found, total = master.attrs.get("decree_match", (0, 0))
    lines = [ui("master_decree", lang).format(decree=get_decree(stem).judul, found=format_int(found, lang),
                                              total=format_int(total, lang))]
    if stem != TODAY.stem:
        codes = tables["kampung_kb"]["kode_desa"].dropna().drop_duplicates()
        mapped, lost = translate_desa(codes, stem, TODAY)
        moved = int((mapped.notna() & (mapped != codes)).sum())
        if moved:
            lines.append(ui("master_moved", lang).format(n=format_int(moved, lang), today=TODAY.judul))
        if lost:
            shown = lost if show_all else lost[:MAX_LINES_PER_RULE]
            more = "" if len(shown) == len(lost) else f" …(+{format_int(len(lost) - len(shown), lang)})"
            lines.append(ui("master_lost", lang).format(n=format_int(len(lost), lang), today=TODAY.judul,
                                                        codes=", ".join(shown) + more))
    return lines


@main.command("validate")
@click.option("--data", "data_dir", default="data/demo", show_default=True, type=click.Path(path_type=Path),
              help="Folder berisi kampung_kb, profil, kkbpk (dan desa_cantik bila ada) sebagai .csv atau .xlsx.")
@click.option("--master", "master_csv", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Master wilayah sebagai CSV kode,nama (bawaan: master Kemendagri yang disertakan).")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Bahasa pesan: id (Indonesia) atau en (Inggris).")
@click.option("--semua", "show_all", is_flag=True,
              help="Tampilkan semua masalah. Tanpa ini paling banyak 20 baris per aturan, sisanya dihitung "
                   "(\"… dan 3.046 lagi\").")
@click.option("--ke", "out_file", default=None, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Tulis daftar lengkap semua masalah beserta ringkasannya ke FILE (teks UTF-8, satu masalah per "
                   "baris); layar tetap menampilkan daftar yang dipotong.")
def validate_cmd(data_dir: Path, master_csv: Path | None, lang: str, show_all: bool, out_file: Path | None) -> None:
    """Periksa folder data: cetak setiap masalah, lalu ringkasan; keluar dengan kode 1 bila ada kesalahan."""
    import time
    from collections import Counter

    from kbreport.ingest import schema
    from kbreport.ingest.dataset import data_checksum
    from kbreport.errors import KbreportError
    from kbreport.ingest.readers import read_metadata
    from kbreport.text.messages import MAX_LINES_PER_RULE, capped_lines, format_int, ui
    from kbreport.paths import atomic_write_text
    from kbreport.ingest.validate import validate_folder_master

    start = time.perf_counter()
    data_files = {schema.METADATA_FILE, *(f"{t}{ext}" for t in schema.TABLES for ext in (".csv", ".xlsx"))}
    if out_file is not None and out_file.name.lower() in data_files and out_file.resolve().parent == data_dir.resolve():
        raise click.ClickException(ui("not_a_data_file", lang).format(file=out_file))  # never overwrite the data
    try:
        tables, problems, master = validate_folder_master(data_dir, master_csv, lang=lang)
    except KbreportError as e:
        raise click.ClickException(str(e)) from e
    shown = capped_lines(problems, lang, None if show_all else MAX_LINES_PER_RULE)
    for line in shown:
        click.echo(line)
    per_rule = Counter(p.code for p in problems)
    if not show_all and any(n > MAX_LINES_PER_RULE for n in per_rule.values()):  # the list is cut
        click.echo(ui("capped", lang).format(limit=MAX_LINES_PER_RULE))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    meta, _ = read_metadata(data_dir, lang) if data_dir.is_dir() else ({}, [])
    if problems:
        click.echo()
    sumber = meta.get("sumber") or data_dir.resolve().name
    synthetic = meta.get("sintetis") is True and ui("synthetic", lang).lower() not in sumber.lower()
    label = f" · {ui('synthetic', lang)}" if synthetic else ""
    checksum = data_checksum(data_dir)[:12] if data_dir.is_dir() else "-"
    summary = [f"{ui('source', lang)}: {sumber}{label} · {data_dir} · sha256 {checksum}"]
    counts = ", ".join(f"{name} {format_int(len(df), lang)} {ui('rows', lang)}" for name, df in tables.items())
    summary.append(f"{ui('summary', lang)}: {counts}")
    elapsed = f"{time.perf_counter() - start:.1f}".replace(".", "," if lang == "id" else ".")
    summary.append(f"{format_int(errors, lang)} {ui('errors', lang)}, {format_int(warnings, lang)} "
                   f"{ui('warnings', lang)} ({elapsed} {ui('seconds', lang)})")
    summary.extend(_master_lines(master, master_csv, tables, lang, show_all))
    summary.append(ui("not_ok" if errors else "ok", lang))
    if not errors:
        summary.append(_coverage_line(data_dir, master, lang))
    for line in summary:
        click.echo(line)
    if out_file is not None:
        full = capped_lines(problems, lang, None) + ([""] if problems else []) + summary
        try:
            atomic_write_text(out_file, "\n".join(full) + "\n")
        except OSError as e:
            raise click.ClickException(ui("cannot_write", lang).format(file=out_file, reason=e.strerror or e)) from e
        click.echo(ui("written", lang).format(n=format_int(len(problems), lang), file=out_file))
    if errors:
        sys.exit(1)


def _coverage_line(data_dir: Path, master, lang: str) -> str:
    """The regions the export covers: reports of regions outside it are refused by `kbreport run`."""
    from kbreport.ingest.coverage import data_coverage

    try:
        cov = data_coverage(data_dir)
    except (ValueError, OSError) as e:
        return str(e)
    how = {("id", True): "dinyatakan di sumber.json", ("id", False): "disimpulkan dari baris kampung_kb",
           ("en", True): "declared in sumber.json", ("en", False): "inferred from the kampung_kb rows"}[(lang, cov.declared)]
    head = "Cakupan wilayah" if lang == "id" else "Regions covered"
    return f"{head}: {cov.describe(master)} ({how})"


# [demo]
@main.command("demo")
@click.option("--out", "out_dir", default="data/demo", show_default=True, type=click.Path(file_okay=False),
              help="Folder tujuan data contoh (dibuat bila belum ada; berkas lama ditimpa).")
@click.option("--seed", default=None, type=int, help="Benih acak (bawaan 20160114); benih sama = berkas identik.")
@click.option("--lang", "demo_lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
def demo_cmd(out_dir: str, seed: int | None, demo_lang: str) -> None:
    """Buat data contoh (sintetis) yang dikalibrasi ke angka-angka publikasi, lalu cetak ringkasannya."""
    from kbreport.ingest import demo as _demo
    from kbreport.errors import KbreportError

    try:
        summary = _demo.generate(out_dir, seed=_demo.SEED if seed is None else seed)
    except (KbreportError, OSError, ValueError) as e:
        raise click.ClickException(str(e)) from e
    click.echo(_demo.format_summary(summary, demo_lang))


# [run]
from pathlib import Path  # noqa: E402,F811  (each block keeps its own imports)


def _parse_formats(value: str) -> tuple[str, ...]:
    from kbreport.build.report import ALL_FORMATS

    fmts = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    bad = [f for f in fmts if f not in ALL_FORMATS]
    if bad or not fmts:
        raise click.BadParameter(f"choose from {','.join(ALL_FORMATS)} (got {value!r})", param_hint="--formats")
    return fmts


@main.command("run")
@click.argument("params", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", default="outputs", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder keluaran; setiap laporan masuk ke OUT/<nama file params>/.")
@click.option("--data", "data", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="Folder data (bawaan: $KBREPORT_DATA atau data/demo proyek ini).")
@click.option("--formats", "formats", default="ipynb,html,pdf,xlsx", show_default=True,
              help="Dipisah koma: ipynb, html, pdf, xlsx (figures.json selalu ditulis).")
@click.option("--timeout", default=600, show_default=True, type=float,
              help="Detik yang diizinkan per laporan (dan per sel notebook).")
@click.option("--jobs", "-j", default=None, type=click.IntRange(min=1),
              help="Laporan yang dibangun bersamaan (bawaan: jumlah core mesin).")
@click.option("--force", is_flag=True, help="Bangun ulang laporan yang masukannya tidak berubah sejak build terakhir.")
@click.option("--dask", "dask", default=None, metavar="ALAMAT",
              help="Jalankan di klaster Dask yang sudah ada (mis. tcp://host:8786), bukan proses lokal.")
@click.option("--fresh-kernels", is_flag=True,
              help="Kernel baru untuk setiap laporan, bukan satu kernel hangat per pekerja (lebih lambat).")
@click.option("--bahasa", "lang", type=click.Choice(["id", "en"]), envvar="KBREPORT_BAHASA", default="id",
              show_default=True, help="Bahasa pesan, kemajuan dan indeks (atau $KBREPORT_BAHASA).")
def run_cmd(params, out, data, formats, timeout, jobs, force, dask, fresh_kernels, lang) -> None:
    """Bangun briefing setiap file PARAMS (atau setiap *.yaml di folder PARAMS; tanpa PARAMS: params/),
    secara paralel; lewati yang sudah mutakhir; tulis OUT/manifest.json dan OUT/index.html. Keluar
    dengan kode 1 bila ada yang gagal."""
    from kbreport.batch.runner import EXIT_FAILED, run_batch
    from kbreport.errors import KbreportError
    from kbreport.paths import describe_os_error

    fmts = _parse_formats(formats)
    if not params:  # `kbreport run` in a project folder builds its params/
        if not Path("params").is_dir():
            raise click.UsageError("sebutkan file atau folder params (tidak ada folder params/ di sini)")
        params = (Path("params"),)
    try:
        result = run_batch(params, out, data_dir=data, jobs=jobs, formats=fmts, force=force, timeout=timeout,
                           dask_address=dask, warm_kernels=not fresh_kernels, lang=lang)
    except (KbreportError, OSError) as e:  # the message says it all: no "Error:", no traceback
        click.echo(str(e) if isinstance(e, KbreportError) else describe_os_error(e), err=True)
        sys.exit(EXIT_FAILED)
    if result.exit_code:
        sys.exit(result.exit_code)


# [new]
@main.command("new")
@click.argument("name")
def new_cmd(name: str) -> None:
    """Buat laporan baru: notebooks/NAME.ipynb (parameter, data, judul, angka utama, satu grafik,
    keluaran) dan params/NAME.yaml, yang langsung dapat dibangun dengan `kbreport run params/NAME.yaml`."""
    from kbreport.errors import KbreportError
    from kbreport.build.scaffold import new_report

    try:
        nb, params = new_report(name)
    except (KbreportError, OSError) as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"{nb}\n{params}\nBangun: kbreport run {params} --out outputs")


# [template]
@main.command("template")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
def template_cmd(folder: Path, lang: str) -> None:
    """Tulis keempat tabel kosong (judul kolom saja) ke FOLDER: CSV, dan template.xlsx dengan satu
    lembar per tabel serta lembar penjelasan setiap kolom. Berkas yang sudah ada tidak ditimpa."""
    from kbreport.ingest.blank_tables import write_blank_tables
    from kbreport.errors import KbreportError

    try:
        for p in write_blank_tables(folder, lang):
            click.echo(str(p))
    except (KbreportError, OSError) as e:
        raise click.ClickException(str(e)) from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
