"""Report parameters: one YAML file per report, validated before any kernel starts.

Two kinds, chosen by the `laporan` key:

- `WilayahParams` (`laporan: wilayah`): a briefing on Indonesia (kode null or ""), a province
  ("17") or a kab/kota ("18.04") as of a date.
- `EventParams` (`laporan: event`): a briefing for a workshop, rakorda, MoU or fasilitasi held
  by/for a region; its figures are as of `as_of` (default: the first day).

Region names are never typed in params: they come from the master. Unknown keys are errors.
Every problem is raised as `ParamsError(file, key, reason)`; `key` is a dotted path with list
items numbered from 1 as a user counts them ("peserta[2].jumlah").

`to_notebook_parameters()` turns params into the plain JSON-able dict papermill injects; the
notebooks rebuild validated params from their parameter values with
`from_notebook_parameters()`. `WILAYAH_NOTEBOOK_PARAMETERS` / `EVENT_NOTEBOOK_PARAMETERS` list
the names each notebook's `parameters` cell must define.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .exceptions import ParamsError, UnknownRegionError

__all__ = [
    "WilayahParams", "EventParams", "Params", "Peserta", "Pihak", "Orang", "Target", "Kunjungan",
    "load_params", "parse_params", "check_regions", "check_against_data", "to_notebook_parameters",
    "from_notebook_parameters", "notebook_name", "WILAYAH_NOTEBOOK_PARAMETERS",
    "EVENT_NOTEBOOK_PARAMETERS", "DEFAULT_TARGET_TANGGAL", "DEFAULT_TARGET_PERSEN",
    "DEFAULT_RDK_TARGET_PERSEN",
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


class _Common(_Strict):
    bahasa: Literal["id", "en"] = "id"
    target_tanggal: date = DEFAULT_TARGET_TANGGAL
    target_persen: float = Field(default=DEFAULT_TARGET_PERSEN, gt=0, le=100)
    rdk_target_persen: float = Field(default=DEFAULT_RDK_TARGET_PERSEN, gt=0, le=100)
    catatan: list[Text] = Field(default_factory=list, max_length=20)
    sumber: list[Text] = Field(default_factory=list, max_length=20)


class WilayahParams(_Common):
    """A region briefing: Indonesia (kode null/""), a province or a kab/kota, as of a date."""

    laporan: Literal["wilayah"]
    kode: str | None = None
    as_of: date
    judul: ShortText | None = None

    @field_validator("kode", mode="before")
    @classmethod
    def _v_kode(cls, v):
        return _kode(v, allow_empty=True, levels=(1, 2))


class EventParams(_Common):
    """An event briefing; the region's figures are as of `as_of` (default: the first day)."""

    laporan: Literal["event"]
    jenis: Literal["workshop", "rakorda", "mou", "fasilitasi"]
    judul: ShortText | None = None  # None: the event type's title (kbreport.briefing)
    penyelenggara: ShortText | None = None  # None: Perwakilan BKKBN Provinsi <province of kode>
    kode: str
    mulai: date
    selesai: date | None = None  # default: one-day event
    as_of: date | None = None
    tempat: ShortText | None = None
    peserta: list[Peserta] = Field(default_factory=list, max_length=50)
    peserta_total: int | None = Field(default=None, ge=0, le=1_000_000)
    pihak: list[Pihak] = Field(default_factory=list, max_length=20)
    narasumber: list[Orang] = Field(default_factory=list, max_length=30)
    tujuan: list[Text] = Field(default_factory=list, max_length=20)
    target: list[Target] = Field(default_factory=list, max_length=20)
    tindak_lanjut: list[Text] = Field(default_factory=list, max_length=20)
    agenda: list[Text] = Field(default_factory=list, max_length=40)
    kunjungan_lapangan: list[Kunjungan] = Field(default_factory=list, max_length=10)

    @field_validator("kode", mode="before")
    @classmethod
    def _v_kode(cls, v):
        return _kode(v, allow_empty=False, levels=(1, 2))

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data):
        if isinstance(data, dict):
            data = dict(data)
            if data.get("selesai") is None and "mulai" in data:
                data["selesai"] = data["mulai"]
            if data.get("as_of") is None and "mulai" in data:
                data["as_of"] = data["mulai"]
            # one visit may be written as a mapping rather than a list of one
            if isinstance(data.get("kunjungan_lapangan"), dict):
                data["kunjungan_lapangan"] = [data["kunjungan_lapangan"]]
        return data

    @model_validator(mode="after")
    def _consistent(self):
        if self.selesai < self.mulai:
            raise _KeyedError("selesai", f"selesai ({self.selesai.isoformat()}) lebih awal dari mulai ({self.mulai.isoformat()})")
        known = [p.jumlah for p in self.peserta if p.jumlah is not None]
        if self.peserta_total is not None and known and len(known) == len(self.peserta) and sum(known) != self.peserta_total:
            raise _KeyedError("peserta_total", f"peserta_total {self.peserta_total} tidak sama dengan jumlah per unsur ({sum(known)})")
        if self.peserta_total is not None and sum(known) > self.peserta_total:
            raise _KeyedError("peserta_total", f"peserta_total {self.peserta_total} lebih kecil dari jumlah per unsur ({sum(known)})")
        if self.jenis == "mou" and len(self.pihak) < 2:
            raise _KeyedError("pihak", "MoU memerlukan sedikitnya dua pihak (nama dan wakilnya)")
        for i, k in enumerate(self.kunjungan_lapangan, start=1):
            if k.kode_desa and not k.kode_desa.startswith(self.kode + "."):
                raise _KeyedError(f"kunjungan_lapangan[{i}].kode_desa",
                                  f"desa {k.kode_desa} tidak berada di wilayah {self.kode}")
        return self

    @property
    def jumlah_peserta(self) -> int | None:
        """peserta_total if given, else the sum per element when every element has a number, else None."""
        if self.peserta_total is not None:
            return self.peserta_total
        if self.peserta and all(p.jumlah is not None for p in self.peserta):
            return sum(p.jumlah for p in self.peserta)
        return None


Params = Union[WilayahParams, EventParams]


class _KeyedError(ValueError):
    """A cross-field error that knows which key to blame."""

    def __init__(self, key: str, reason: str):
        self.key, self.reason = key, reason
        super().__init__(reason)


# --- YAML --------------------------------------------------------------------------------------


class _DuplicateKeyError(yaml.constructor.ConstructorError):
    def __init__(self, key, first_line: int, mark):
        self.key = key
        super().__init__(None, None, f"kunci ganda (sudah ada di baris {first_line})", mark)


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


def _read_yaml(path: Path) -> Any:
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ParamsError(name, None, "file tidak ditemukan") from None
    except OSError as e:
        raise ParamsError(name, None, f"file tidak dapat dibaca ({e.strerror or e})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ParamsError(name, None, f"file terlalu besar ({len(raw)} byte; batas {MAX_FILE_BYTES})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ParamsError(name, None, f"bukan teks UTF-8 (byte {e.start})") from None
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


_MODELS: dict[str, type[BaseModel]] = {"wilayah": WilayahParams, "event": EventParams}


def parse_params(data: Any, file: str = "<params>") -> Params:
    """Validate an already-parsed mapping (from YAML or a notebook) into WilayahParams/EventParams."""
    if not isinstance(data, dict):
        kind = "kosong" if data is None else type(data).__name__
        raise ParamsError(file, None, f"isi file harus pemetaan (kunci: nilai), bukan {kind}")
    bad = [k for k in data if not isinstance(k, str)]
    if bad:
        raise ParamsError(file, str(bad[0]), "nama kunci harus teks")
    laporan = data.get("laporan")
    if laporan is None:
        raise ParamsError(file, "laporan", "wajib diisi: 'wilayah' atau 'event'")
    model = _MODELS.get(laporan) if isinstance(laporan, str) else None
    if model is None:
        raise ParamsError(file, "laporan", f"harus 'wilayah' atau 'event', bukan {_short(laporan)}")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        _raise_validation(file, e, model)
        raise  # pragma: no cover - _raise_validation always raises


# --- checks against the master and the data ------------------------------------------------------


def check_regions(params: Params, master=None, file: str = "<params>") -> None:
    """Every region code in params exists in the master (kbreport.wilayah). ParamsError otherwise."""
    from . import wilayah  # lazy: loading the master is only needed here

    if master is None:
        master = wilayah.load_master()
    codes: list[tuple[str, str]] = []
    if params.kode:
        codes.append(("kode", params.kode))
    if isinstance(params, EventParams):
        codes += [(f"kunjungan_lapangan[{i}].kode_desa", k.kode_desa)
                  for i, k in enumerate(params.kunjungan_lapangan, start=1) if k.kode_desa]
    for key, kode in codes:
        try:
            wilayah.region(master, kode)
        except UnknownRegionError:
            raise ParamsError(file, key, f"kode wilayah {kode!r} tidak ada di master wilayah Kemendagri") from None


def check_against_data(params: Params, min_date: date | None, max_date: date | None, file: str = "<params>") -> None:
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


def load_params(path: str | os.PathLike, *, master=None, regions: bool = True) -> Params:
    """Read and validate one params file. `regions=False` skips the master look-up (e.g. in unit tests)."""
    path = Path(path)
    file = str(path)
    data = _read_yaml(path)
    params = parse_params(data, file)
    if regions:
        check_regions(params, master, file)
    return params


# --- papermill ----------------------------------------------------------------------------------

_RUNTIME = ("data_dir", "out_dir", "annex")
WILAYAH_NOTEBOOK_PARAMETERS = ("kode", "as_of", "bahasa", "judul", "target_tanggal", "target_persen",
                               "rdk_target_persen", "catatan", "sumber", *_RUNTIME)
EVENT_NOTEBOOK_PARAMETERS = ("jenis", "judul", "penyelenggara", "kode", "mulai", "selesai", "as_of", "tempat",
                             "peserta", "peserta_total", "pihak", "narasumber", "tujuan", "target",
                             "tindak_lanjut", "agenda", "kunjungan_lapangan", "bahasa", "target_tanggal",
                             "target_persen", "rdk_target_persen", "catatan", "sumber", *_RUNTIME)
NOTEBOOKS = {"wilayah": "wilayah_briefing.ipynb", "event": "event_briefing.ipynb"}


def notebook_name(params: Params) -> str:
    return NOTEBOOKS[params.laporan]


def to_notebook_parameters(params: Params, data_dir: str | os.PathLike | None, out_dir: str | os.PathLike = ".",
                           annex: bool = True) -> dict:
    """The dict papermill injects: plain JSON values (dates as ISO strings, lists of dicts).
    `annex`: whether the notebook writes annex.xlsx (a run that asks for no xlsx skips it)."""
    names = WILAYAH_NOTEBOOK_PARAMETERS if params.laporan == "wilayah" else EVENT_NOTEBOOK_PARAMETERS
    dumped = params.model_dump(mode="json")
    out = {k: dumped[k] for k in names if k not in _RUNTIME}
    out["data_dir"] = None if data_dir is None else str(data_dir)
    out["out_dir"] = str(out_dir)
    out["annex"] = bool(annex)
    return out


def from_notebook_parameters(values: dict, laporan: str | None = None) -> Params:
    """Validated params from a notebook's parameter values (runtime keys data_dir/out_dir/annex ignored).

    In a notebook: `P = from_notebook_parameters({k: globals()[k] for k in EVENT_NOTEBOOK_PARAMETERS})`.
    """
    data = {k: v for k, v in values.items() if k not in _RUNTIME}
    if laporan is None:
        laporan = "event" if "jenis" in data else "wilayah"
    data["laporan"] = laporan
    return parse_params(data, "<notebook parameters>")
