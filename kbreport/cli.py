"""The `kbreport` command: a thin Click layer over the library API."""
from __future__ import annotations

import sys

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbreport")
def main() -> None:
    """Briefings on the Kampung KB programme: data, validation, analyses, HTML/PDF reports."""


# --- commands are registered below, one block per concern -------------------------------

# [wilayah]
_MASTER_OPTION = click.option("--master", "master_path", type=click.Path(dir_okay=False),
                              help="CSV master wilayah baru (kolom kode,nama), mis. Kepmendagri 2025.")


def _wilayah_master(master_path):
    from .exceptions import MasterError
    from .wilayah import load_master

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
    from .wilayah import provenance

    m = _wilayah_master(master_path)
    if master_path:
        click.echo(f"Master wilayah: {master_path}")
    else:
        src = " + ".join(f"{s['name']} {s['version']}" for s in provenance()["sources"])
        click.echo(f"Master wilayah: bawaan ({src})")
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
    from .exceptions import UnknownRegionError
    from .wilayah import LEVELS, region

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
# [demo]
# [run]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
