"""The loaded data: four validated tables, the region master, and where the data came from.

    ds = load_data("data/demo")        # raises DataValidationError listing every error
    ds.kampung_kb, ds.profil, ds.kkbpk, ds.desa_cantik, ds.master, ds.warnings

Tables have the canonical columns of kbreport.ingest.schema in schema order, with these dtypes:
code/str/category -> str (NA when blank), date/month -> datetime64[us], bool -> boolean, int -> Int64,
and a plain RangeIndex (row i is spreadsheet row i + 2 of its file).
"""
from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from kbreport.ingest import bounds
from kbreport.ingest import schema
from kbreport.errors import Problem
from kbreport.text.messages import data_validation_error
from kbreport.ingest.metadata import read_metadata
from kbreport.ingest.readers import find_table_files
from kbreport.ingest.validate import validate_folder_master

__all__ = ["Dataset", "load_data", "load_data_cached", "data_checksum", "data_checksum_cached", "folder_state",
           "with_master_on", "translated_codes"]


@dataclass(eq=False)
class Dataset:
    kampung_kb: pd.DataFrame
    profil: pd.DataFrame
    kkbpk: pd.DataFrame
    desa_cantik: pd.DataFrame  # empty, with its columns, when the folder has no desa_cantik file
    master: pd.DataFrame
    data_dir: Path
    sumber: str  # sumber.json "sumber", else the folder name
    sintetis: bool  # sumber.json "sintetis"; synthetic data must say so on every artifact
    checksum: str  # sha256 of the table files (see data_checksum); print checksum[:12]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in schema.TABLES}

    @property
    def checksum_short(self) -> str:
        return self.checksum[:12]

    @property
    def master_wilayah(self) -> str | None:
        """The bundled decree the master is (its stem, e.g. "permendagri-56-2015"); None for a user's master."""
        from kbreport.ingest.wilayah import decree_of

        return decree_of(self.master)

    def __repr__(self) -> str:
        rows = ", ".join(f"{n}={len(t)}" for n, t in self.tables.items())
        return (f"Dataset({str(self.data_dir)!r}, sumber={self.sumber!r}, sintetis={self.sintetis}, {rows}, "
                f"warnings={len(self.warnings)}, checksum={self.checksum_short})")


def folder_state(data_dir: str | Path) -> tuple:
    """(name, size, mtime, ctime, inode) of every file directly in `data_dir`: changes whenever a
    file is edited, added, removed, renamed or replaced, also by a copy that keeps the old
    modification time (`cp -p`, `rsync -t`: ctime and inode still change). The key of the caches below."""
    data_dir = Path(data_dir).resolve()
    out = []
    for p in sorted(data_dir.iterdir()):
        if p.is_file():
            st = p.stat()
            out.append((p.name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    return (str(data_dir), tuple(out))


_CHECKSUMS: dict[tuple, str] = {}


def data_checksum(data_dir: str | Path) -> str:
    """sha256 over the table files in schema order (kampung_kb, profil, kkbpk, desa_cantik).

    Each present file contributes its name, its size and its bytes, so renaming a file or moving
    bytes between files changes the sum. sumber.json is not included: it describes, it is not data.
    A symbolic link contributes its name only, a file above its size bound (bounds.max_table_bytes) its name and size:
    validation refuses both, so neither is read.
    Files are read in blocks, so a huge file costs time but not memory.
    """
    h = hashlib.sha256()
    data_dir = Path(data_dir)
    for table in schema.TABLES.values():
        for path in find_table_files(data_dir, table, links=True):
            if path.is_symlink():
                h.update(f"{path.name}\0symlink\0".encode())
                continue
            with path.open("rb") as f:
                size = os.fstat(f.fileno()).st_size
                h.update(f"{path.name}\0{size}\0".encode())
                if size > bounds.max_table_bytes(path):  # refused by validation: not worth reading
                    continue
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
    return h.hexdigest()


def data_checksum_cached(data_dir: str | Path) -> str:
    """data_checksum, computed once per state of the folder (see folder_state)."""
    state = folder_state(data_dir)
    value = _CHECKSUMS.get(state)
    if value is None:
        value = data_checksum(data_dir)
        if folder_state(data_dir) == state:  # not changed while it was read
            if len(_CHECKSUMS) > 8:
                _CHECKSUMS.clear()
            _CHECKSUMS[state] = value
    return value


_DATASETS: OrderedDict[tuple, Dataset] = OrderedDict()
DATASET_CACHE_SIZE = 2


def load_data_cached(data_dir: str | Path, master=None, lang: str = "id", today: date | None = None,
                     store=None) -> Dataset:
    """load_data, parsed once per state of the folder (see folder_state) and kept for the next call.

    `store` (a kbreport.ingest.dataset_store.DatasetStore, bundled master only): on a miss here, the
    parse another process left on disk, if it is of the folder as it is now; else the parse is left there.

    Each call returns its own Dataset whose tables are copy-on-write copies (pandas 3): changing
    them changes nothing another caller sees. A master given as a DataFrame is not cached (it
    has no state to compare); the bundled master and a master file are.
    """
    if master is not None and not isinstance(master, (str, Path)):
        return load_data(data_dir, master=master, lang=lang, today=today)
    master_key = None if master is None else folder_state(Path(master).parent) + (Path(master).name,)
    key = (folder_state(data_dir), master_key, lang, today or date.today())
    ds = _DATASETS.get(key)
    if ds is None:
        ds = store.load(data_checksum_cached(data_dir)) if store is not None and master is None else None
        if ds is not None:
            ds = replace(ds, data_dir=Path(data_dir))  # as this caller names the folder
        else:
            ds = load_data(data_dir, master=master, lang=lang, today=today)
            if store is not None and master is None and folder_state(data_dir) == key[0]:
                store.save(ds)
        if folder_state(data_dir) == key[0]:  # a file written while it was read: do not keep that
            _DATASETS[key] = ds
            while len(_DATASETS) > DATASET_CACHE_SIZE:
                _DATASETS.popitem(last=False)
    else:
        _DATASETS.move_to_end(key)
    return replace(ds, **{name: getattr(ds, name).copy(deep=False) for name in (*schema.TABLES, "master")},
                   warnings=list(ds.warnings))


def load_data(data_dir: str | Path, master=None, lang: str = "id", today: date | None = None) -> Dataset:
    """Read and validate a data folder.

    `master`: None for the bundled Kemendagri decree the export's desa codes match best (today's when
    tied; kbreport.ingest.validate.matching_master), a path to a `kode,nama` CSV, or a master DataFrame
    (kbreport.ingest.wilayah.load_master()). Raises DataValidationError carrying every problem
    (errors and warnings) when there is any error; otherwise warnings are kept in Dataset.warnings.
    """
    data_dir = Path(data_dir)
    tables, problems, master = validate_folder_master(data_dir, master, lang=lang, today=today)
    if any(p.severity == "error" for p in problems):
        raise data_validation_error(problems, lang)
    meta, _ = read_metadata(data_dir, lang)
    clean = {name: df.reset_index(drop=True) for name, df in tables.items()}
    return Dataset(
        **clean,
        master=master,
        data_dir=data_dir,
        sumber=meta.get("sumber") or data_dir.resolve().name,
        sintetis=bool(meta.get("sintetis", False)),
        checksum=data_checksum(data_dir),
        warnings=[p for p in problems if p.severity == "warning"],
    )


def with_master_on(ds: Dataset, day, translate=None) -> Dataset:
    """`ds` with the region master of the decree in force on `day` (kbreport.ingest.decrees.decree_in_force),
    its kampung_kb and desa_cantik desa codes rewritten into that decree (translate_desa). A code with no
    certain counterpart becomes NA, so the analyses leave it out; the codes are listed in
    master.attrs["tidak_terpetakan"]. A user's own master, or `day` None, leaves `ds` as it is.
    `translate(col, src, dst, table)` -> (codes on col's index and dtype, codes lost) replaces the
    translation (kbreport.build.decree_view keeps it per run)."""
    from kbreport.ingest.decrees import decree_in_force
    from kbreport.ingest.wilayah import load_master

    src = ds.master_wilayah
    if src is None or day is None:
        return ds
    dst = decree_in_force(day)
    if dst.stem == src:
        return ds
    master = load_master(decree=dst)
    lost: set[str] = set()
    tables = {}
    for name in ("kampung_kb", "desa_cantik"):
        df = getattr(ds, name)
        codes, gone = (translate or translated_codes)(df["kode_desa"], src, dst, name)
        lost.update(gone)
        tables[name] = df.assign(kode_desa=codes)
    master.attrs.update(dibaca_dengan=src, tidak_terpetakan=sorted(lost))
    return replace(ds, master=master, **tables)


def translated_codes(col: pd.Series, src: str, dst, table: str = "") -> tuple[pd.Series, set[str]]:
    """translate_desa(col, src, dst) as a Series on col's index and dtype, and the codes lost."""
    from kbreport.ingest.decrees import translate_desa

    codes, gone = translate_desa(col.astype(object), src, dst)
    return pd.Series(codes.to_numpy(), index=col.index).astype(col.dtype), gone
