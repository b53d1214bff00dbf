"""Report parameters: a YAML file per report, validated before any kernel starts against the
parameters its notebook declares.

A notebook declares its parameters once, in its cell tagged `parameters` (name, annotation, default,
one-line help; read with papermill's inspection, see kbreport.build.notebooks). A params file names the
notebook (`notebook: monev_kampung_kb`, or a path relative to the params file; `laporan: wilayah` /
`laporan: event` name the two shipped briefings) and sets some of those parameters. Each value is
checked against its annotation and against what its *name* means (NAME_RULES: `kode` is a
Kemendagri code in the master, dates are ISO and not in the future, `bahasa` is id or en, `peserta`
is a list of elements …), plus the rules between parameters (an event does not end before it
starts; an MoU has two parties). Unknown keys are errors. Every problem is raised as
`ParamsError(file, key, reason)`; `key` is a dotted path with list items numbered from 1 as a user
counts them ("peserta[2].jumlah").

Region names are never typed in params: they come from the master.
`to_notebook_parameters()` turns params into the plain JSON-able dict papermill injects; inside a
notebook `from_notebook_parameters()` applies the same rules to the cell's values.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from collections.abc import Mapping
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kbreport.errors import ParamsError, UnknownRegionError

__all__ = [
    "ReportParams", "Peserta", "Pihak", "Orang", "Target", "Kunjungan", "NAME_RULES", "RUNTIME", "RESERVED",
    "load_params", "parse_params", "validate_values", "field_type", "check_regions", "check_against_data",
    "read_params_file", "to_notebook_parameters", "from_notebook_parameters",
    "DEFAULT_TARGET_TANGGAL", "DEFAULT_TARGET_PERSEN", "DEFAULT_RDK_TARGET_PERSEN",
]

DEFAULT_TARGET_TANGGAL = date(2024, 12, 31)  # Inpres 3/2022: every desa/kelurahan by 2024
DEFAULT_TARGET_PERSEN = 100.0
DEFAULT_RDK_TARGET_PERSEN = 75.0  # Rumah DataKu in 75% of Kampung KB (e.g. Banten 2023)
JENIS_EVENT = ("workshop", "rakorda", "mou", "fasilitasi")
MAX_FILE_BYTES = 256 * 1024  # a params file is a page of text; refuse anything huge

Text = Annotated[str, Field(min_length=1, max_length=2000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _kode(value: Any, *, allow_empty: bool, levels: tuple[int, ...]) -> str | None:
    """A region code from YAML: "17", "18.04", or 17 (an int is unambiguous; a float is not)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if allow_empty:
            return None
        raise ValueError("wajib diisi: kode wilayah Kemendagri, mis. \"17\" atau \"18.04\"")
    if isinstance(value, bool):
        raise ValueError(f"kode wilayah harus teks, bukan {value!r}")
    if isinstance(value, int):
        value = f"{value:02d}" if 0 < value < 100 else str(value)
    elif isinstance(value, float):
        # YAML reads 16.10 as the number 16.1: the code is lost, so ask for quotes.
        raise ValueError(f"kode wilayah {value!r} terbaca sebagai angka; tulis dalam tanda kutip, mis. kode: \"16.10\"")
    if not isinstance(value, str):
        raise ValueError(f"kode wilayah harus teks, bukan {type(value).__name__}")
    s = value.strip()
    parts = s.split(".")
    sizes = (2, 2, 2, 4)
    if not (1 <= len(parts) <= 4 and all(p.isdigit() and p.isascii() and len(p) == n for p, n in zip(parts, sizes))):
        raise ValueError(f"kode wilayah {s!r} tidak berbentuk kode Kemendagri (PP, PP.KK, PP.KK.CC atau PP.KK.CC.DDDD)")
    if len(parts) not in levels:
        allowed = {1: "provinsi (PP)", 2: "kabupaten/kota (PP.KK)", 3: "kecamatan", 4: "desa/kelurahan (PP.KK.CC.DDDD)"}
        raise ValueError(f"kode wilayah {s!r}: harus kode {' atau '.join(allowed[n] for n in levels)}")
    return s


class Peserta(_Strict):
    """One element (unsur) of the participants; jumlah may be unknown when the report does not say."""

    unsur: ShortText
    jumlah: int | None = Field(default=None, ge=0, le=100_000)
    keterangan: Text | None = None


class Orang(_Strict):
    """A person named in an event (speaker, signatory)."""

    nama: ShortText
    jabatan: ShortText | None = None


class Pihak(_Strict):
    """A party to an MoU and who signed for it."""

    nama: ShortText
    wakil: ShortText | None = None  # who signs/represents the party
    jabatan: ShortText | None = None


class Target(_Strict):
    """A target quoted by the event: what, by when, how much."""

    uraian: Text
    tanggal: date | None = None
    nilai: float | None = None
    satuan: ShortText | None = None


class Kunjungan(_Strict):
    """A field visit: the Kampung KB visited and the desa/kelurahan it is in (name from the master)."""

    nama: ShortText
    kode_desa: str | None = None
    tanggal: date | None = None
    keterangan: Text | None = None

    @field_validator("kode_desa", mode="before")
    @classmethod
    def _v_kode_desa(cls, v):
        return _kode(v, allow_empty=True, levels=(4,))


# --- what a parameter's name means -----------------------------------------------------------------
# A notebook declares its parameters once, in its `parameters` cell (name, annotation, default, help).
# What follows from a parameter's *name* — a date is ISO, `bahasa` is id or en, `peserta` is a list of
# elements — is this one table; any other parameter is checked against its annotation only.

NAME_RULES: dict[str, Any] = {
    "bahasa": Literal["id", "en"],
    "jenis": Literal[JENIS_EVENT],
    "as_of": date,
    "mulai": date,
    "selesai": date,
    "target_tanggal": date,
    "target_persen": Annotated[float, Field(gt=0, le=100)],
    "rdk_target_persen": Annotated[float, Field(gt=0, le=100)],
    "judul": ShortText,
    "penyelenggara": ShortText,
    "tempat": ShortText,
    "catatan": Annotated[list[Text], Field(max_length=20)],
    "sumber": Annotated[list[Text], Field(max_length=20)],
    "tujuan": Annotated[list[Text], Field(max_length=20)],
    "tindak_lanjut": Annotated[list[Text], Field(max_length=20)],
    "agenda": Annotated[list[Text], Field(max_length=40)],
    "peserta": Annotated[list[Peserta], Field(max_length=50)],
    "peserta_total": Annotated[int, Field(ge=0, le=1_000_000)],
    "pihak": Annotated[list[Pihak], Field(max_length=20)],
    "narasumber": Annotated[list[Orang], Field(max_length=30)],
    "target": Annotated[list[Target], Field(max_length=20)],
    "kunjungan_lapangan": Annotated[list[Kunjungan], Field(max_length=10)],
}
# Set by the runner, never by a params file: where the data are and where the outputs go.
RUNTIME = ("data_dir", "out_dir", "annex")
# Keys of a params file that are not notebook parameters.
RESERVED = ("notebook", "laporan")
_ANNOTATIONS = {"str": Text, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}


def _annotation_type(annotation: str | None) -> Any:
    """A pydantic type from the annotation papermill read ("str", "Optional[int]", "list" …); Any if unknown."""
    a = (annotation or "").strip().strip("'\"").replace(" ", "")
    optional = False
    for pre, post in (("Optional[", "]"), ("typing.Optional[", "]")):
        if a.startswith(pre) and a.endswith(post):
            a, optional = a[len(pre):-len(post)], True
    if a.endswith("|None"):
        a, optional = a[:-5], True
    base = _ANNOTATIONS.get(a.split("[")[0], Any)
    return base | None if optional and base is not Any else base


def _kode_type(levels: tuple[int, ...], allow_empty: bool) -> Any:
    from pydantic import BeforeValidator

    return Annotated[str | None, BeforeValidator(lambda v: _kode(v, allow_empty=allow_empty, levels=levels))]


def field_type(name: str, annotation: str | None, default: Any, kode_levels: tuple[int, ...] = (1, 2)) -> Any:
    """The type a parameter is validated as: by its name (NAME_RULES), else by its annotation.
    A parameter whose default is None (or whose annotation is Optional) may be None."""
    if name == "kode":
        return _kode_type(kode_levels, allow_empty=default is None or "Optional" in str(annotation))
    t = NAME_RULES.get(name)
    if t is None:
        return _annotation_type(annotation)
    if default is None or "Optional" in str(annotation):
        return t | None
    return t


class ReportParams(Mapping):
    """Validated parameters of one report: attribute and mapping access (`p.as_of`, `p["kode"]`).

    `laporan` is the report's kind as figures.json states it ("wilayah" or "event"); `notebook` the
    notebook's stem. Derived values are filled in: `selesai` and `as_of` default to `mulai`.
    """

    def __init__(self, values: dict, laporan: str, notebook: str | None = None):
        object.__setattr__(self, "_values", dict(values))
        object.__setattr__(self, "laporan", laporan)
        object.__setattr__(self, "notebook", notebook)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        raise AttributeError("ReportParams is read-only")

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __reduce__(self):
        return (ReportParams, (self._values, self.laporan, self.notebook))

    def __repr__(self) -> str:
        return f"ReportParams({self.laporan!r}, {self._values!r})"

    @property
    def jumlah_peserta(self) -> int | None:
        """peserta_total if given, else the sum per element when every element has a number, else None."""
        total = self._values.get("peserta_total")
        if total is not None:
            return total
        p = self._values.get("peserta") or []
        if p and all(x.jumlah is not None for x in p):
            return sum(x.jumlah for x in p)
        return None

    def model_copy(self, update: dict | None = None) -> ReportParams:
        """A copy with some values replaced (already valid ones: derived defaults, say)."""
        return ReportParams({**self._values, **(update or {})}, self.laporan, self.notebook)

    def model_dump(self, mode: str = "python") -> dict:
        """Plain values; mode="json": dates as ISO text, elements as dicts (what papermill injects)."""
        if mode != "json":
            return dict(self._values)
        return {k: _jsonable(v) for k, v in self._values.items()}


def _jsonable(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, BaseModel):
        return v.model_dump(mode="json")
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    return v


def _derive(values: dict) -> dict:
    """Defaults that follow from other parameters: a one-day event ends the day it starts; an event's
    figures are as of its first day."""
    v = dict(values)
    if "mulai" in v and v.get("mulai") is not None:
        for k in ("selesai", "as_of"):
            if k in v and v[k] is None:
                v[k] = v["mulai"]
    return v


def _cross_checks(v: dict) -> None:
    """Rules between parameters (each raises _KeyedError naming the key to blame)."""
    if v.get("mulai") and v.get("selesai") and v["selesai"] < v["mulai"]:
        raise _KeyedError("selesai", f"selesai ({v['selesai'].isoformat()}) lebih awal dari mulai ({v['mulai'].isoformat()})")
    peserta = v.get("peserta") or []
    total = v.get("peserta_total")
    known = [p.jumlah for p in peserta if p.jumlah is not None]
    if total is not None and known and len(known) == len(peserta) and sum(known) != total:
        raise _KeyedError("peserta_total", f"peserta_total {total} tidak sama dengan jumlah per unsur ({sum(known)})")
    if total is not None and sum(known) > total:
        raise _KeyedError("peserta_total", f"peserta_total {total} lebih kecil dari jumlah per unsur ({sum(known)})")
    if v.get("jenis") == "mou" and len(v.get("pihak") or []) < 2:
        raise _KeyedError("pihak", "MoU memerlukan sedikitnya dua pihak (nama dan wakilnya)")
    kode = v.get("kode")
    for i, k in enumerate(v.get("kunjungan_lapangan") or [], start=1):
        if k.kode_desa and kode and not k.kode_desa.startswith(kode + "."):
            raise _KeyedError(f"kunjungan_lapangan[{i}].kode_desa", f"desa {k.kode_desa} tidak berada di wilayah {kode}")
    if v.get("as_of") is not None and v.get("as_of") > date.today():
        raise _KeyedError("as_of", f"{v['as_of'].isoformat()} masih di masa depan")


_MODEL_CACHE: dict[tuple, type[BaseModel]] = {}


def _model(fields: dict[str, tuple[str | None, Any]], kode_levels: tuple[int, ...]) -> type[BaseModel]:
    """A strict pydantic model (unknown keys refused) for these parameters: name -> (annotation, default)."""
    from pydantic import create_model

    key = (tuple((n, a, repr(d)) for n, (a, d) in sorted(fields.items())), kode_levels)
    if key not in _MODEL_CACHE:
        spec = {n: (field_type(n, a, d, kode_levels), Field(default=d)) for n, (a, d) in fields.items()}
        _MODEL_CACHE[key] = create_model("NotebookParameters", __config__=ConfigDict(
            extra="forbid", frozen=True, str_strip_whitespace=True, validate_default=True), **spec)
    return _MODEL_CACHE[key]


def validate_values(values: dict, fields: dict[str, tuple[str | None, Any]], file: str = "<params>",
                    laporan: str = "wilayah", notebook: str | None = None,
                    kode_levels: tuple[int, ...] = (1, 2)) -> ReportParams:
    """Validate parameter `values` against declared `fields` (name -> (annotation, default)):
    unknown names, wrong types and the rules of NAME_RULES raise ParamsError(file, key, reason)."""
    model = _model(fields, kode_levels)
    if isinstance(values.get("kunjungan_lapangan"), dict):  # one visit may be written as a mapping
        values = dict(values, kunjungan_lapangan=[values["kunjungan_lapangan"]])
    try:
        m = model.model_validate(values)
    except ValidationError as e:
        _raise_validation(file, e, model)
        raise  # pragma: no cover - _raise_validation always raises
    typed = _derive({n: getattr(m, n) for n in fields})
    try:
        _cross_checks(typed)
    except _KeyedError as e:
        raise ParamsError(file, e.key, e.reason) from None
    return ReportParams(typed, laporan, notebook)



class _KeyedError(ValueError):
    """A cross-field error that knows which key to blame."""

    def __init__(self, key: str, reason: str):
        self.key, self.reason = key, reason
        super().__init__(reason)

    def __reduce__(self):
        return type(self), (self.key, self.reason)


# --- YAML --------------------------------------------------------------------------------------


class _DuplicateKeyError(yaml.constructor.ConstructorError):
    def __init__(self, key, first_line: int, mark):
        self.key, self.first_line, self.mark = key, first_line, mark
        super().__init__(None, None, f"kunci ganda (sudah ada di baris {first_line})", mark)

    def __reduce__(self):
        return type(self), (self.key, self.first_line, self.mark)


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (PyYAML silently keeps the last one)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "kunci tidak boleh berupa daftar/pemetaan",
                                                    key_node.start_mark) from None
        if key in seen:
            raise _DuplicateKeyError(key, seen[key], key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _refuse_aliases(text: str, name: str) -> None:
    """A params file never needs YAML anchors (&) or aliases (*); refusing them before any object is
    built bounds the work (a 600-byte "billion laughs" file otherwise expands to gigabytes)."""
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                line = token.start_mark.line + 1
                raise ParamsError(name, None, f"YAML memakai alias/anchor (&/*), yang tidak diizinkan; baris {line}: "
                                              "tulis nilainya langsung (teks yang diawali & atau * diberi tanda kutip)")
    except yaml.YAMLError:
        return  # a syntax error: yaml.load reports it, with its line


def _read_yaml(path: Path) -> Any:
    name = str(path)
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)  # never more than the bound into memory
    except FileNotFoundError:
        raise ParamsError(name, None, "file tidak ditemukan") from None
    except OSError as e:
        from kbreport.text.messages import os_error_reason

        raise ParamsError(name, None, f"file tidak dapat dibaca ({os_error_reason(e)})") from None
    if len(raw) > MAX_FILE_BYTES:
        size = max(len(raw), path.stat().st_size)
        raise ParamsError(name, None, f"file terlalu besar ({size} byte; batas {MAX_FILE_BYTES})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ParamsError(name, None, f"bukan teks UTF-8 (byte {e.start})") from None
    _refuse_aliases(text, name)
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
    except _DuplicateKeyError as e:
        raise ParamsError(name, str(e.key), f"{e.problem}; baris {e.problem_mark.line + 1}") from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"di baris {mark.line + 1}, kolom {mark.column + 1}: " if mark else ""
        what = " ".join(str(x) for x in (e.context, e.problem) if x)
        ctx = e.context_mark
        if ctx is not None and mark is not None and ctx.line != mark.line:
            what += f" (yang dimulai di baris {ctx.line + 1})"
        raise ParamsError(name, None, f"YAML tidak valid {where}{what}") from None
    except yaml.YAMLError as e:
        raise ParamsError(name, None, f"YAML tidak valid: {e}") from None


# --- pydantic errors in plain Indonesian ---------------------------------------------------------


def _loc_to_key(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif part in ("function-after", "function-before") or str(part).startswith("function-"):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


def _short(v: Any) -> str:
    s = repr(v)
    return s if len(s) <= 60 else s[:57] + "…"


def _reason(err: dict, model: type[BaseModel]) -> str:
    t = err["type"]
    ctx = err.get("ctx") or {}
    got = err.get("input")
    if t == "extra_forbidden":
        allowed = ", ".join(sorted(model.model_fields))
        return f"kunci tidak dikenal (kunci yang boleh di tingkat atas: {allowed})" if len(err["loc"]) == 1 \
            else "kunci tidak dikenal"
    if t == "missing":
        return "wajib diisi"
    if t in ("int_type", "int_parsing", "int_from_float"):
        return f"harus bilangan bulat, bukan {_short(got)}"
    if t in ("float_type", "float_parsing"):
        return f"harus angka, bukan {_short(got)}"
    if t == "string_type":
        return f"harus teks, bukan {_short(got)}"
    if t in ("string_too_short",):
        return "tidak boleh kosong"
    if t in ("string_too_long", "too_long"):
        return f"terlalu panjang (batas {ctx.get('max_length')})"
    if t.startswith("date_") or t.startswith("datetime_"):
        return f"harus tanggal YYYY-MM-DD, bukan {_short(got)}"
    if t == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " atau ")
        return f"harus salah satu dari {expected}, bukan {_short(got)}"
    if t == "list_type":
        return f"harus daftar (list), bukan {_short(got)}"
    if t in ("model_type", "dict_type", "model_attributes_type"):
        return f"harus pemetaan (kunci: nilai), bukan {_short(got)}"
    if t in ("bool_type", "bool_parsing"):
        return f"harus true/false, bukan {_short(got)}"
    if t == "greater_than_equal":
        return f"harus ≥ {ctx.get('ge')}, bukan {_short(got)}"
    if t == "greater_than":
        return f"harus > {ctx.get('gt')}, bukan {_short(got)}"
    if t == "less_than_equal":
        return f"harus ≤ {ctx.get('le')}, bukan {_short(got)}"
    if t == "value_error":
        e = ctx.get("error")
        return str(e) if e is not None else err["msg"].removeprefix("Value error, ")
    return err["msg"]


def _raise_validation(file: str, e: ValidationError, model: type[BaseModel]) -> None:
    problems = []
    for err in e.errors(include_url=False):
        exc = (err.get("ctx") or {}).get("error")
        if isinstance(exc, _KeyedError):
            problems.append((exc.key, exc.reason))
        else:
            problems.append((_loc_to_key(err["loc"]) or None, _reason(err, model)))
    key, reason = problems[0]
    if len(problems) > 1:
        more = "; ".join(f"{k or '(berkas)'}: {r}" for k, r in problems[1:6])
        extra = f" (+{len(problems) - 6} lagi)" if len(problems) > 6 else ""
        reason = f"{reason} — juga: {more}{extra}"
    raise ParamsError(file, key, reason) from None


def parse_params(data: Any, file: str = "<params>", params_path: str | os.PathLike | None = None) -> ReportParams:
    """Validate an already-parsed params mapping against the parameters its notebook declares.

    The notebook is named by `notebook:` (a name in the params file's project `notebooks/` folder or
    the built-in ones, or a path relative to the params file) or, as before, by `laporan: wilayah` /
    `laporan: event`. Unknown keys, wrong types and the rules that follow from a name are errors
    naming `file` and the key.
    """
    from kbreport.build.notebooks import find_notebook, notebook_info

    if not isinstance(data, dict):
        kind = "kosong" if data is None else type(data).__name__
        raise ParamsError(file, None, f"isi file harus pemetaan (kunci: nilai), bukan {kind}")
    bad = [k for k in data if not isinstance(k, str)]
    if bad:
        raise ParamsError(file, str(bad[0]), "nama kunci harus teks")
    nb_path = find_notebook(data, params_path, file)
    info = notebook_info(nb_path)
    values = {k: v for k, v in data.items() if k not in RESERVED}
    runtime = [k for k in values if k in RUNTIME]
    if runtime:
        raise ParamsError(file, runtime[0], "diatur oleh kbreport run, bukan oleh file params")
    if isinstance(values.get("kode"), dict):
        raise ParamsError(file, "kode", "kumpulan wilayah (setiap/di) hanya dapat dibangun lewat kbreport run")
    return validate_values(values, info.fields, file, laporan=info.laporan, notebook=nb_path.stem,
                           kode_levels=info.kode_levels)


# --- checks against the master and the data ------------------------------------------------------


def check_regions(params: ReportParams, master=None, file: str = "<params>") -> None:
    """Every region code in params exists in the master (kbreport.ingest.wilayah). ParamsError otherwise."""
    from kbreport.ingest import wilayah  # lazy: loading the master is only needed here

    if master is None:
        master = wilayah.load_master()
    codes: list[tuple[str, str]] = []
    if params.kode:
        codes.append(("kode", params.kode))
    if params.get("kunjungan_lapangan"):
        codes += [(f"kunjungan_lapangan[{i}].kode_desa", k.kode_desa)
                  for i, k in enumerate(params.kunjungan_lapangan, start=1) if k.kode_desa]
    for key, kode in codes:
        try:
            wilayah.region(master, kode)
        except UnknownRegionError:
            raise ParamsError(file, key, f"kode wilayah {kode!r} tidak ada di master wilayah Kemendagri") from None


def check_against_data(params: ReportParams, min_date: date | None, max_date: date | None, file: str = "<params>") -> None:
    """`as_of` must lie within the data's date range (first launch .. last recorded date)."""
    as_of = params.as_of
    lo = _as_date(min_date)
    hi = _as_date(max_date)
    if lo is not None and as_of < lo:
        raise ParamsError(file, "as_of", f"{as_of.isoformat()} sebelum awal data ({lo.isoformat()}); "
                                         f"rentang data {lo.isoformat()} s.d. {hi.isoformat() if hi else '…'}")
    if hi is not None and as_of > hi:
        raise ParamsError(file, "as_of", f"{as_of.isoformat()} sesudah akhir data ({hi.isoformat()}); "
                                         f"rentang data {lo.isoformat() if lo else '…'} s.d. {hi.isoformat()}")


def _as_date(d) -> date | None:
    if d is None:
        return None
    if hasattr(d, "date") and callable(d.date):  # datetime, pandas Timestamp
        try:
            return d.date()
        except (TypeError, ValueError):
            return None
    if isinstance(d, date):
        return d
    return date.fromisoformat(str(d)[:10])


def read_params_file(path: str | os.PathLike) -> Any:
    """The parsed YAML of a params file (safe loader, bounded; ParamsError naming the file)."""
    return _read_yaml(Path(path))


def load_params(path: str | os.PathLike, *, master=None, regions: bool = True) -> ReportParams:
    """Read and validate one params file. `regions=False` skips the master look-up (e.g. in unit tests)."""
    path = Path(path)
    file = str(path)
    data = _read_yaml(path)
    params = parse_params(data, file, params_path=path)
    if regions:
        check_regions(params, master, file)
    return params


# --- papermill ----------------------------------------------------------------------------------


def to_notebook_parameters(params: ReportParams, data_dir: str | os.PathLike | None, out_dir: str | os.PathLike = ".",
                           annex: bool = True) -> dict:
    """The dict papermill injects: every validated parameter as plain JSON (dates as ISO text, elements
    as dicts) plus the runtime ones. `annex`: whether the notebook writes annex.xlsx."""
    out = {k: v for k, v in params.model_dump(mode="json").items() if k not in RUNTIME}
    out["data_dir"] = None if data_dir is None else str(data_dir)
    out["out_dir"] = str(out_dir)
    out["annex"] = bool(annex)
    return out


def from_notebook_parameters(values: dict, laporan: str | None = None,
                             kode_levels: tuple[int, ...] = (1, 2)) -> ReportParams:
    """Validated params inside a notebook, from its parameter values (runtime keys ignored):
    `P = from_notebook_parameters(dict(kode=kode, as_of=as_of, ...))`. The same rules as for a
    params file apply by name; names not given take the defaults of the shipped notebook of that
    kind; `laporan` defaults to "event" when `jenis` is given."""
    from kbreport.build.notebooks import BUILTIN, builtin_dir, notebook_info

    data = {k: v for k, v in values.items() if k not in RUNTIME and k not in RESERVED}
    if laporan is None:
        laporan = "event" if "jenis" in data else "wilayah"
    # names not passed take the shipped notebook of that kind's defaults; a misspelt name is refused
    if laporan in BUILTIN:
        fields = notebook_info(builtin_dir() / f"{BUILTIN[laporan]}.ipynb").fields
    else:
        fields = {n: (None, None) for n in data}
    return validate_values(data, fields, "<notebook parameters>", laporan=laporan, kode_levels=kode_levels)
