"""Catalogue entries of params-file errors: why a params file (or its notebook) is refused, in id and en.

Values such as {got}, {kode} and {path} arrive already quoted (`repr`), as the messages always showed them.
"""
from __future__ import annotations

# params.<key>: the reason of a kbreport.errors.ParamsError (kbreport.text.params_text renders it)
PARAMS: dict[str, dict[str, str]] = {
    # how a params error reaches the user, and the other problems of the same file
    "params.invalid": {"id": "params tidak valid — {error}", "en": "invalid params — {error}"},
    "params.also": {"id": "{reason} — juga: {more}{extra}", "en": "{reason} — also: {more}{extra}"},
    "params.also_extra": {"id": " (+{n} lagi)", "en": " (+{n} more)"},
    "params.whole_file": {"id": "(berkas)", "en": "(file)"},
    "params.or": {"id": " atau ", "en": " or "},
    "params.raw": {"id": "{text}", "en": "{text}"},
    # values of the wrong kind (pydantic's errors, kbreport.build.params_reasons)
    "params.unknown_key_top": {
        "id": "kunci tidak dikenal (kunci yang boleh di tingkat atas: {allowed})",
        "en": "unknown key (keys allowed at the top level: {allowed})",
    },
    "params.unknown_key": {"id": "kunci tidak dikenal", "en": "unknown key"},
    "params.unknown_key_of": {"id": "kunci tidak dikenal (yang boleh: {allowed})", "en": "unknown key (allowed: {allowed})"},
    "params.required": {"id": "wajib diisi", "en": "required"},
    "params.int": {"id": "harus bilangan bulat, bukan {got}", "en": "must be a whole number, not {got}"},
    "params.float": {"id": "harus angka, bukan {got}", "en": "must be a number, not {got}"},
    "params.text": {"id": "harus teks, bukan {got}", "en": "must be text, not {got}"},
    "params.empty": {"id": "tidak boleh kosong", "en": "must not be empty"},
    "params.too_long": {"id": "terlalu panjang (batas {limit})", "en": "too long (limit {limit})"},
    "params.date": {"id": "harus tanggal YYYY-MM-DD, bukan {got}", "en": "must be a date YYYY-MM-DD, not {got}"},
    "params.one_of": {"id": "harus salah satu dari {expected}, bukan {got}", "en": "must be one of {expected}, not {got}"},
    "params.list": {"id": "harus daftar (list), bukan {got}", "en": "must be a list, not {got}"},
    "params.mapping": {"id": "harus pemetaan (kunci: nilai), bukan {got}", "en": "must be a mapping (key: value), not {got}"},
    "params.bool": {"id": "harus true/false, bukan {got}", "en": "must be true or false, not {got}"},
    "params.ge": {"id": "harus ≥ {bound}, bukan {got}", "en": "must be ≥ {bound}, not {got}"},
    "params.gt": {"id": "harus > {bound}, bukan {got}", "en": "must be > {bound}, not {got}"},
    "params.le": {"id": "harus ≤ {bound}, bukan {got}", "en": "must be ≤ {bound}, not {got}"},
    # reading the file (kbreport.build.params_yaml)
    "params.file_missing": {"id": "file tidak ditemukan", "en": "file not found"},
    "params.file_unreadable": {"id": "file tidak dapat dibaca ({why})", "en": "the file cannot be read ({why})"},
    "params.file_too_large": {
        "id": "file terlalu besar ({size} byte; batas {limit})",
        "en": "file too large ({size} bytes; the limit is {limit})",
    },
    "params.not_utf8": {"id": "bukan teks UTF-8 (byte {pos})", "en": "not UTF-8 text (byte {pos})"},
    "params.yaml_alias": {
        "id": "YAML memakai alias/anchor (&/*), yang tidak diizinkan; baris {line}: tulis nilainya langsung "
              "(teks yang diawali & atau * diberi tanda kutip)",
        "en": "the YAML uses an alias/anchor (&/*), which is not allowed; line {line}: write the value itself "
              "(put text that starts with & or * in quotes)",
    },
    "params.duplicate_key": {
        "id": "kunci ganda (sudah ada di baris {first}); baris {line}",
        "en": "duplicate key (already on line {first}); line {line}",
    },
    "params.key_not_hashable": {"id": "kunci tidak boleh berupa daftar/pemetaan", "en": "a key cannot be a list or a mapping"},
    "params.yaml_invalid": {"id": "YAML tidak valid {where}{what}{started}", "en": "invalid YAML {where}{what}{started}"},
    "params.yaml_at": {"id": "di baris {line}, kolom {column}: ", "en": "on line {line}, column {column}: "},
    "params.yaml_started": {"id": " (yang dimulai di baris {line})", "en": " (which starts on line {line})"},
    "params.yaml_other": {"id": "YAML tidak valid: {text}", "en": "invalid YAML: {text}"},
    # the file's shape (kbreport.build.params)
    "params.not_mapping": {
        "id": "isi file harus pemetaan (kunci: nilai), bukan {kind}",
        "en": "the file must hold a mapping (key: value), not {kind}",
    },
    "params.kind_empty": {"id": "kosong", "en": "an empty file"},
    "params.key_not_text": {"id": "nama kunci harus teks", "en": "key names must be text"},
    "params.runtime_key": {"id": "diatur oleh kbreport run, bukan oleh file params", "en": "set by kbreport run, not by a params file"},
    "params.kode_set_run_only": {
        "id": "kumpulan wilayah (setiap/di) hanya dapat dibangun lewat kbreport run",
        "en": "a set of regions (setiap/di) can only be built through kbreport run",
    },
    # region codes (kbreport.build.params_rules, kbreport.build.params)
    "params.kode_required": {
        "id": "wajib diisi: kode wilayah Kemendagri, mis. \"17\" atau \"18.04\"",
        "en": "required: a Kemendagri region code, e.g. \"17\" or \"18.04\"",
    },
    "params.kode_type": {"id": "kode wilayah harus teks, bukan {got}", "en": "the region code must be text, not {got}"},
    "params.kode_float": {
        "id": "kode wilayah {got} terbaca sebagai angka; tulis dalam tanda kutip, mis. kode: \"16.10\"",
        "en": "region code {got} was read as a number; write it in quotes, e.g. kode: \"16.10\"",
    },
    "params.kode_malformed": {
        "id": "kode wilayah {kode} tidak berbentuk kode Kemendagri (PP, PP.KK, PP.KK.CC atau PP.KK.CC.DDDD)",
        "en": "region code {kode} is not shaped like a Kemendagri code (PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD)",
    },
    "params.kode_level": {"id": "kode wilayah {kode}: harus kode {levels}", "en": "region code {kode}: must be the code of a {levels}"},
    "params.level.1": {"id": "provinsi (PP)", "en": "province (PP)"},
    "params.level.2": {"id": "kabupaten/kota (PP.KK)", "en": "kabupaten/kota (PP.KK)"},
    "params.level.3": {"id": "kecamatan", "en": "kecamatan"},
    "params.level.4": {"id": "desa/kelurahan (PP.KK.CC.DDDD)", "en": "desa/kelurahan (PP.KK.CC.DDDD)"},
    "params.region_unknown": {
        "id": "kode wilayah {kode} tidak ada di master wilayah Kemendagri",
        "en": "region code {kode} is not in the Kemendagri region master",
    },
    "params.region_not_in_decree": {
        "id": "kode wilayah {kode} belum ada di {decree}, yang berlaku per {as_of}; briefing wilayah ini baru dapat "
              "dibuat per tanggal keputusan yang memuatnya",
        "en": "region code {kode} is not yet in {decree}, in force on {as_of}; a briefing of this region can only "
              "be made as of the date of the decree that lists it",
    },
    # rules between parameters (kbreport.build.params_rules.cross_checks) and against the data
    "params.selesai_before_mulai": {
        "id": "selesai ({selesai}) lebih awal dari mulai ({mulai})",
        "en": "selesai ({selesai}) is earlier than mulai ({mulai})",
    },
    "params.peserta_total_differs": {
        "id": "peserta_total {total} tidak sama dengan jumlah per unsur ({sum})",
        "en": "peserta_total {total} is not the sum per unsur ({sum})",
    },
    "params.peserta_total_smaller": {
        "id": "peserta_total {total} lebih kecil dari jumlah per unsur ({sum})",
        "en": "peserta_total {total} is smaller than the sum per unsur ({sum})",
    },
    "params.mou_two_parties": {
        "id": "MoU memerlukan sedikitnya dua pihak (nama dan wakilnya)",
        "en": "an MoU needs at least two parties (pihak: name and representative)",
    },
    "params.desa_outside": {"id": "desa {desa} tidak berada di wilayah {kode}", "en": "desa {desa} is not in region {kode}"},
    "params.future": {"id": "{date} masih di masa depan", "en": "{date} is in the future"},
    "params.before_data": {
        "id": "{as_of} sebelum awal data ({lo}); rentang data {lo} s.d. {hi}",
        "en": "{as_of} is before the start of the data ({lo}); the data run from {lo} to {hi}",
    },
    "params.after_data": {
        "id": "{as_of} sesudah akhir data ({hi}); rentang data {lo} s.d. {hi}",
        "en": "{as_of} is after the end of the data ({hi}); the data run from {lo} to {hi}",
    },
    # the notebook a params file names (kbreport.build.notebooks)
    "params.notebook_or_laporan": {
        "id": "tulis salah satu saja: notebook atau laporan",
        "en": "write only one of them: notebook or laporan",
    },
    "params.notebook_required": {
        "id": "wajib diisi: nama notebook (mis. monev_kampung_kb), atau laporan: wilayah / event",
        "en": "required: a notebook name (e.g. monev_kampung_kb), or laporan: wilayah / event",
    },
    "params.laporan_choice": {
        "id": "harus 'wilayah' atau 'event', bukan {got} (notebook lain: tulis notebook: NAMA)",
        "en": "must be 'wilayah' or 'event', not {got} (another notebook: write notebook: NAME)",
    },
    "params.notebook_text": {"id": "harus nama notebook (teks), bukan {got}", "en": "must be a notebook name (text), not {got}"},
    "params.notebook_name": {
        "id": "nama notebook {name} hanya boleh huruf, angka, '_' dan '-'",
        "en": "notebook name {name} may hold only letters, digits, '_' and '-'",
    },
    "params.notebook_not_found": {
        "id": "notebook {name} tidak ditemukan (dicari {stem}.ipynb di: {where})",
        "en": "notebook {name} not found (looked for {stem}.ipynb in: {where})",
    },
    "params.notebook_path_no_file": {
        "id": "path notebook hanya berlaku dari file params",
        "en": "a notebook path only works in a params file",
    },
    "params.notebook_path_absolute": {
        "id": "path notebook {path} harus relatif terhadap file params",
        "en": "notebook path {path} must be relative to the params file",
    },
    "params.notebook_symlink": {"id": "{path} adalah tautan simbolik; tidak dipakai", "en": "{path} is a symbolic link; not used"},
    "params.notebook_outside": {
        "id": "path notebook {path} keluar dari folder proyek {root}",
        "en": "notebook path {path} leads outside the project folder {root}",
    },
    "params.notebook_path_missing": {"id": "notebook {path} tidak ditemukan", "en": "notebook {path} not found"},
    "params.notebook_missing": {"id": "notebook tidak ditemukan", "en": "notebook not found"},
    "params.notebook_unreadable": {
        "id": "notebook tidak dapat dibaca ({kind})",
        "en": "the notebook cannot be read ({kind})",
    },
    "params.no_parameters_cell": {"id": "tidak ada sel bertag 'parameters'", "en": "no cell is tagged 'parameters'"},
    "params.parameters_cells": {"id": "lebih dari satu sel bertag 'parameters'", "en": "more than one cell is tagged 'parameters'"},
    "params.default_not_literal": {
        "id": "nilai bawaan {default} bukan nilai tetap (teks, angka, daftar, None)",
        "en": "default value {default} is not a constant (text, number, list, None)",
    },
    # a fan-out `kode: {setiap: …}` (kbreport.batch.plan)
    "params.fanout_di": {
        "id": "harus kode wilayah dalam tanda kutip, mis. \"16\", bukan {got}",
        "en": "must be a region code in quotes, e.g. \"16\", not {got}",
    },
    "params.fanout_not_above": {"id": "{nama} ({kode}) bukan wilayah di atas {setiap}", "en": "{nama} ({kode}) is not a region above {setiap}"},
    "params.fanout_no_coverage": {
        "id": "cakupan data tidak diketahui (jalankan lewat kbreport run --data)",
        "en": "the data's coverage is unknown (build it with kbreport run --data)",
    },
    "params.fanout_none": {"id": "tidak ada {setiap}{where}{why}", "en": "no {setiap}{where}{why}"},
    "params.fanout_in": {"id": " di {di}", "en": " in {di}"},
    "params.fanout_covered": {"id": " yang tercakup data", "en": " covered by the data"},
    # the run's params files (kbreport.batch.discovery)
    "params.name_taken": {
        "id": "nama laporan {name} dipakai lebih dari satu file params ({files}); ganti nama salah satunya",
        "en": "report name {name} is used by more than one params file ({files}); rename one of them",
    },
    "params.path_missing": {
        "id": "{path}: file atau folder params tidak ditemukan",
        "en": "{path}: params file or folder not found",
    },
}
