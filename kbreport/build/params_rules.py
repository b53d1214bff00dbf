"""What a report parameter's name means, and the rules between parameters.

A notebook declares its parameters (name, annotation, default) in its `parameters` cell. What follows
from a parameter's *name* — `kode` is a Kemendagri region code, a date is ISO, `bahasa` is id or en,
`peserta` is a list of elements — is NAME_RULES here; any other parameter is checked against its
annotation only (field_type). cross_checks holds the rules between parameters (an event does not end
before it starts; an MoU has two parties). Each reason is a catalogue entry (params.* of
kbreport.text.words.params) with its fields, carried by RuleError; its str() is the Indonesian text.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kbreport.text.params_text import joined, render

__all__ = [
    "DEFAULT_TARGET_TANGGAL", "DEFAULT_TARGET_PERSEN", "DEFAULT_RDK_TARGET_PERSEN", "JENIS_EVENT", "Text", "ShortText",
    "Peserta", "Orang", "Pihak", "Target", "Kunjungan", "NAME_RULES", "RUNTIME", "RESERVED", "field_type", "derive",
    "cross_checks", "KeyedError", "RuleError",
]

# Inpres 3/2022 (every desa/kelurahan by 2024), in force from 20 May 2022: kbreport.analysis.targets
from kbreport.analysis.targets import DEFAULT_TARGET_PERSEN, DEFAULT_TARGET_TANGGAL  # noqa: E402
DEFAULT_RDK_TARGET_PERSEN = 75.0  # Rumah DataKu in 75% of Kampung KB (e.g. Banten 2023)
JENIS_EVENT = ("workshop", "rakorda", "mou", "fasilitasi")

Text = Annotated[str, Field(min_length=1, max_length=2000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _kode(value: Any, *, allow_empty: bool, levels: tuple[int, ...]) -> str | None:
    """A region code from YAML: "17", "18.04", or 17 (an int is unambiguous; a float is not)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if allow_empty:
            return None
        raise RuleError("params.kode_required")
    if isinstance(value, bool):
        raise RuleError("params.kode_type", got=repr(value))
    if isinstance(value, int):
        value = f"{value:02d}" if 0 < value < 100 else str(value)
    elif isinstance(value, float):
        # YAML reads 16.10 as the number 16.1: the code is lost, so ask for quotes.
        raise RuleError("params.kode_float", got=repr(value))
    if not isinstance(value, str):
        raise RuleError("params.kode_type", got=type(value).__name__)
    s = value.strip()
    parts = s.split(".")
    sizes = (2, 2, 2, 4)
    if not (1 <= len(parts) <= 4 and all(p.isdigit() and p.isascii() and len(p) == n for p, n in zip(parts, sizes))):
        raise RuleError("params.kode_malformed", kode=repr(s))
    if len(parts) not in levels:
        raise RuleError("params.kode_level", kode=repr(s), levels=joined([f"params.level.{n}" for n in levels]))
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
# Set by the runner, never by a params file: where the data are and where the outputs go, and the date of the
# previous event of the same kind for the same region in the run (kbreport.batch.previous; an event notebook
# compares with it when set).
RUNTIME = ("data_dir", "out_dir", "annex", "pembanding_tanggal")
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


def derive(values: dict) -> dict:
    """Defaults that follow from other parameters: a one-day event ends the day it starts; an event's
    figures are as of its first day."""
    v = dict(values)
    if "mulai" in v and v.get("mulai") is not None:
        for k in ("selesai", "as_of"):
            if k in v and v[k] is None:
                v[k] = v["mulai"]
    return v


def cross_checks(v: dict) -> None:
    """Rules between parameters (each raises KeyedError naming the key to blame)."""
    if v.get("mulai") and v.get("selesai") and v["selesai"] < v["mulai"]:
        raise KeyedError("selesai", "params.selesai_before_mulai", selesai=v["selesai"].isoformat(),
                         mulai=v["mulai"].isoformat())
    peserta = v.get("peserta") or []
    total = v.get("peserta_total")
    known = [p.jumlah for p in peserta if p.jumlah is not None]
    if total is not None and known and len(known) == len(peserta) and sum(known) != total:
        raise KeyedError("peserta_total", "params.peserta_total_differs", total=total, sum=sum(known))
    if total is not None and sum(known) > total:
        raise KeyedError("peserta_total", "params.peserta_total_smaller", total=total, sum=sum(known))
    if v.get("jenis") == "mou" and len(v.get("pihak") or []) < 2:
        raise KeyedError("pihak", "params.mou_two_parties")
    kode = v.get("kode")
    for i, k in enumerate(v.get("kunjungan_lapangan") or [], start=1):
        if k.kode_desa and kode and not k.kode_desa.startswith(kode + "."):
            raise KeyedError(f"kunjungan_lapangan[{i}].kode_desa", "params.desa_outside", desa=k.kode_desa, kode=kode)
    if v.get("as_of") is not None and v.get("as_of") > date.today():
        raise KeyedError("as_of", "params.future", date=v["as_of"].isoformat())


class RuleError(ValueError):
    """A value refused by a rule: catalogue entry `msg` (params.*) and its `fields`; str() and `reason`
    are the Indonesian text (pydantic wraps it; kbreport.build.params_reasons unwraps it)."""

    def __init__(self, msg: str, **fields):
        self.msg, self.fields = msg, fields
        self.reason = render(msg, fields, "id")
        super().__init__(self.reason)

    def __reduce__(self):
        return _rebuild, (type(self), (), self.msg, self.fields)


class KeyedError(RuleError):
    """A cross-field error that knows which key to blame."""

    def __init__(self, key: str, msg: str, **fields):
        self.key = key
        super().__init__(msg, **fields)

    def __reduce__(self):
        return _rebuild, (type(self), (self.key,), self.msg, self.fields)


def _rebuild(cls, args: tuple, msg: str, fields: dict):
    return cls(*args, msg, **fields)
