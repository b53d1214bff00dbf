"""Every exception kbreport defines survives a pickle round-trip (Dask hands errors back that way) with its
message and attributes, and kbreport.errors imports nothing of the package."""
from __future__ import annotations

import ast
import importlib
import inspect
import pickle
import pkgutil
import re
from pathlib import Path

import pytest

import kbreport
from kbreport import errors
from kbreport.errors import (DataValidationError, MasterError, ParamsError, Problem, ReportError, ReportTimeout,
                             UnknownRegionError)

PKG = Path(kbreport.__file__).parent
P = Problem("kampung_kb.csv", 7, "kode_desa", "16.10.05.9999", "kode_unknown", "kode desa tidak ada", "error")

# One instance of each error type, built as kbreport builds it. A class missing here fails the test below.
SAMPLES = {
    "KbreportError": lambda c: c("sesuatu gagal"),
    "DataValidationError": lambda c: c([P], "1 kesalahan pada data:\n  kampung_kb.csv, baris 7: …"),
    "MasterError": lambda c: c("m.csv: file kosong", "m.csv", [P]),
    "UnknownRegionError": lambda c: c("99.01", "kode wilayah '99.01' tidak ada di master Kemendagri"),
    "ParamsError": lambda c: c("params/17.yaml", "as_of", "bukan tanggal"),
    "ReportError": lambda c: c("17-bengkulu: waktu habis"),
    "ReportTimeout": lambda c: c("waktu habis setelah 600 detik"),
    "WarmKernelError": lambda c: c("kernel tidak dapat dimulai"),
    "Structural": lambda c: c("quote_unbalanced", line=3, lines=1530),
    "Unreadable": lambda c: c("too_large", size=300, limit=200),
    "KeyedError": lambda c: c("as_of", "params.future", date="2030-01-01"),
    "RuleError": lambda c: c("params.kode_float", got="16.1"),
    "_KeyNotHashable": lambda c: c(None),
    "_DuplicateKeyError": lambda c: c("kode", 2, None),
    "Fail": lambda c: c("kode wilayah '99' tidak ada di master", "en"),  # kbreport.cli_help
}


def _exception_classes():
    """Every Exception subclass defined in a kbreport module (found by reading the source, then imported)."""
    found = {}
    for info in pkgutil.walk_packages([str(PKG)], "kbreport."):
        path = PKG.joinpath(*info.name.split(".")[1:])
        src = path.with_suffix(".py") if path.with_suffix(".py").exists() else path / "__init__.py"
        if not re.search(r"^class \w+\(.*(Error|Exception|Timeout|Structural|\w+Error)\b.*\):", src.read_text(), re.M):
            continue
        mod = importlib.import_module(info.name)
        for name, obj in vars(mod).items():
            if inspect.isclass(obj) and issubclass(obj, Exception) and obj.__module__ == info.name:
                found[name] = obj
    return found


CLASSES = _exception_classes()


def test_every_exception_class_is_found_and_has_a_sample():
    assert {"DataValidationError", "ParamsError", "UnknownRegionError", "Structural", "WarmKernelError"} <= set(CLASSES)
    assert set(CLASSES) == set(SAMPLES)  # a new exception class needs a sample here


def _attrs(e) -> dict:
    return {k: v for k, v in vars(e).items() if not k.startswith("__")}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_pickle_round_trip_keeps_message_and_attributes(name):
    cls = CLASSES[name]
    e = SAMPLES[name](cls)
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is cls
    assert str(back) == str(e)
    assert _attrs(back) == _attrs(e)
    assert back.args == e.args


def test_the_two_that_failed_and_the_one_that_doubled():
    e = ParamsError("params/17.yaml", "as_of", "bukan tanggal")
    back = pickle.loads(pickle.dumps(e))
    assert (back.file, back.key, back.reason) == ("params/17.yaml", "as_of", "bukan tanggal")
    assert str(back) == "params/17.yaml: as_of: bukan tanggal"
    d = pickle.loads(pickle.dumps(DataValidationError([P], "1 kesalahan pada data")))
    assert d.problems == [P] and d.errors == [P] and str(d) == "1 kesalahan pada data"
    u = pickle.loads(pickle.dumps(UnknownRegionError("99.01", "kode wilayah '99.01' tidak ada")))
    assert str(u) == "kode wilayah '99.01' tidak ada" and u.kode == "99.01"  # once, not nested in itself
    assert isinstance(u, KeyError) and isinstance(pickle.loads(pickle.dumps(ReportTimeout("x"))), TimeoutError)
    assert issubclass(ReportTimeout, ReportError) and issubclass(MasterError, errors.KbreportError)


def test_a_params_error_keeps_its_catalogue_entry_across_pickling():
    from kbreport.text.params_text import params_error, params_error_text

    e = params_error("p.yaml", "kode", "params.kode_float", also=[("as_of", "params.future", {"date": "2030-01-01"})],
                     got="16.1")
    back = pickle.loads(pickle.dumps(e))
    assert str(back) == str(e) == ("p.yaml: kode: kode wilayah 16.1 terbaca sebagai angka; tulis dalam tanda kutip, "
                                   "mis. kode: \"16.10\" — juga: as_of: 2030-01-01 masih di masa depan")
    assert params_error_text(back, "en") == ("p.yaml: kode: region code 16.1 was read as a number; write it in quotes, "
                                             "e.g. kode: \"16.10\" — also: as_of: 2030-01-01 is in the future")


def test_errors_module_is_a_leaf():
    tree = ast.parse(Path(errors.__file__).read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m and m.startswith("kbreport")]


def test_data_validation_error_from_the_library_pickles(tmp_path):
    from kbreport.ingest.dataset import load_data

    with pytest.raises(DataValidationError) as info:
        load_data(tmp_path / "tidak_ada")
    back = pickle.loads(pickle.dumps(info.value))
    assert str(back) == str(info.value) and str(back).startswith("1 kesalahan pada data:")
    assert [p.code for p in back.problems] == ["folder_missing"]
