"""Write notebooks/wilayah_briefing.ipynb and notebooks/event_briefing.ipynb (no outputs, fixed cell ids).

    .venv/bin/python scripts/make_notebooks.py          # regenerate both
    .venv/bin/python scripts/make_notebooks.py --check  # exit 1 if the committed notebooks differ

The notebooks are thin: analyst-facing markdown (tagged `remove-cell`, so it never reaches the document:
the document's words come from kbreport in the report's language), a `parameters` cell whose defaults
run on the demo data (one line per parameter, `name: type = value  # help`, no other "=" on the
line: papermill skips such a line, and build_report would then refuse the parameter), and short calls into kbreport.briefing. Edit this script, not the notebooks.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
HIDDEN = ["remove-cell"]  # markdown for the analyst only

WILAYAH_PARAMETERS = '''\
kode: "Optional[str]" = "17"  # kode wilayah Kemendagri: "17" provinsi, "18.04" kabupaten/kota, None untuk Indonesia
as_of: str = "2024-06-04"  # tanggal angka, YYYY-MM-DD (Kampung KB yang dicanangkan sampai hari itu)
bahasa: str = "id"  # bahasa dokumen: "id" (Indonesia) atau "en" (English)
judul: "Optional[str]" = None  # judul dokumen; None: "Kampung KB di <wilayah>"
target_tanggal: str = "2024-12-31"  # batas waktu target cakupan, YYYY-MM-DD (Inpres 3/2022: akhir 2024)
target_persen: float = 100.0  # target desa/kelurahan ber-Kampung KB, persen
rdk_target_persen: float = 75.0  # target Kampung KB yang memiliki Rumah DataKu, persen
catatan: list = []  # catatan yang dicetak di akhir dokumen (daftar teks)
sumber: list = []  # sumber berita/dokumen yang dikutip (daftar teks)
data_dir: "Optional[str]" = None  # folder data; None: data/demo (dibuat otomatis bila belum ada)
out_dir: str = "."  # folder tempat annex.xlsx dan figures.json ditulis
annex: bool = True  # tulis juga annex.xlsx (kbreport run: hanya bila format xlsx diminta)'''

EVENT_PARAMETERS = '''\
jenis: str = "fasilitasi"  # jenis kegiatan: workshop, rakorda, mou atau fasilitasi
judul: str = "Fasilitasi Teknis Manajemen Rumah DataKu di Kampung KB"  # judul kegiatan
penyelenggara: str = "Perwakilan BKKBN Provinsi Bengkulu"  # penyelenggara kegiatan
kode: str = "17"  # kode wilayah Kemendagri: "17" provinsi atau "18.04" kabupaten/kota
mulai: str = "2024-06-04"  # hari pertama, YYYY-MM-DD
selesai: "Optional[str]" = "2024-06-05"  # hari terakhir, YYYY-MM-DD; None: kegiatan sehari
as_of: "Optional[str]" = None  # tanggal angka wilayah, YYYY-MM-DD; None: hari pertama kegiatan
tempat: "Optional[str]" = None  # tempat kegiatan
peserta: list = [{"unsur": "Operator SIGA", "jumlah": 10}, {"unsur": "Ketua IPeKB", "jumlah": 10}, {"unsur": "OPD KB", "jumlah": 10}]  # peserta per unsur: unsur, jumlah (boleh None), keterangan
peserta_total: "Optional[int]" = None  # jumlah seluruh peserta bila tidak dirinci per unsur
pihak: list = []  # para pihak MoU: nama, wakil, jabatan
narasumber: list = []  # narasumber: nama, jabatan
tujuan: list = ["Meningkatkan cakupan Rumah DataKu di Kampung KB."]  # tujuan kegiatan (daftar teks)
target: list = [{"uraian": "Seluruh desa/kelurahan menjadi Kampung KB", "tanggal": "2024-07-31", "nilai": 1514, "satuan": "Kampung KB"}]  # target yang disebut: uraian, tanggal, nilai, satuan
tindak_lanjut: list = ["Pembentukan Rumah DataKu di Kampung KB yang belum memilikinya."]  # tindak lanjut (daftar teks)
agenda: list = []  # agenda kegiatan (daftar teks)
kunjungan_lapangan: list = []  # kunjungan lapangan: nama, kode_desa, tanggal, keterangan
bahasa: str = "id"  # bahasa dokumen: "id" (Indonesia) atau "en" (English)
target_tanggal: str = "2024-07-31"  # batas waktu target cakupan, YYYY-MM-DD
target_persen: float = 100.0  # target desa/kelurahan ber-Kampung KB, persen
rdk_target_persen: float = 75.0  # target Kampung KB yang memiliki Rumah DataKu, persen
catatan: list = []  # catatan yang dicetak di akhir dokumen (daftar teks)
sumber: list = []  # sumber berita/dokumen yang dikutip (daftar teks)
data_dir: "Optional[str]" = None  # folder data; None: data/demo (dibuat otomatis bila belum ada)
out_dir: str = "."  # folder tempat annex.xlsx dan figures.json ditulis
annex: bool = True  # tulis juga annex.xlsx (kbreport run: hanya bila format xlsx diminta)'''


def md(cid: str, source: str):
    c = new_markdown_cell(source.strip(), id=cid)
    c.metadata["tags"] = list(HIDDEN)
    return c


def code(cid: str, source: str, tags: list[str] | None = None):
    c = new_code_cell(source.strip(), id=cid)
    if tags:
        c.metadata["tags"] = tags
    return c


def _notebook(cells) -> nbformat.NotebookNode:
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def wilayah_notebook() -> nbformat.NotebookNode:
    return _notebook([
        md("intro", """
# Briefing wilayah Kampung KB

Notebook ini menyusun briefing 2–4 halaman untuk **Indonesia, satu provinsi atau satu kabupaten/kota**, dengan
rincian satu tingkat di bawahnya (provinsi, kabupaten/kota, atau kecamatan). Jalankan semua sel (*Run All*):
dengan nilai bawaan, notebook memakai data contoh (sintetis) di `data/demo`.

* Ubah parameter di sel berikutnya, atau buat file `params/wilayah/*.yaml` lalu
  `kbreport run params/wilayah/17-bengkulu.yaml --out outputs` (HTML + PDF + `annex.xlsx` + `figures.json`).
* Sel markdown seperti ini hanya untuk analis (tag `remove-cell`) dan tidak ikut dicetak. Semua kata di dokumen
  berasal dari `kbreport` dalam bahasa yang dipilih (`bahasa = "id"` atau `"en"`).
* Untuk menelusuri angka: `B.headline` (angka utama) dan `B.tables["cakupan"]`, `["tren"]`, `["rumah_dataku"]`,
  `["kesiapan"]`, `["hasil_kb"]`, `["klasifikasi"]` adalah tabel hasil `kbreport.analysis`.
"""),
        code("parameters", WILAYAH_PARAMETERS, ["parameters"]),
        md("about-setup", """
## Persiapan

Parameter diperiksa (kode wilayah, tanggal), data dimuat dan divalidasi, lalu seluruh tabel analisis dihitung
per tanggal `as_of` oleh `kbreport.briefing.prepare_wilayah`.
"""),
        code("setup", """
from kbreport import briefing
from kbreport.params import WILAYAH_NOTEBOOK_PARAMETERS

B = briefing.prepare_wilayah({k: globals()[k] for k in WILAYAH_NOTEBOOK_PARAMETERS})
"""),
        md("about-ringkasan", """
## Angka utama dan pokok pembicaraan

Empat angka utama terhadap target (Kampung KB, cakupan desa/kelurahan, kekurangan menuju target, Rumah DataKu)
dan 3–6 kalimat yang dapat dibacakan pimpinan (`kbreport.talking_points`).
"""),
        code("ringkasan", 'briefing.show(B.section("ringkasan"))'),
        md("about-cakupan", """
## Cakupan per sub-wilayah dan tren menuju target

Peringkat cakupan desa/kelurahan ber-Kampung KB dengan garis target; untuk Indonesia peta petak 38 provinsi
ditambah grafik batang ringkas. Lalu perkembangan bulanan sejak 2016 menuju target (`target_tanggal`,
`target_persen`).
"""),
        code("cakupan", 'briefing.show(B.section("cakupan"))'),
        md("about-rdk", """
## Rumah DataKu dan kesiapan kelembagaan

Status Rumah DataKu per sub-wilayah terhadap `rdk_target_persen`, dan persentase Kampung KB yang memiliki Pokja,
SK, PLKB/PKB pendamping, regulasi, rencana kerja, sekretariat dan tiap poktan.
"""),
        code("rumah-dataku", 'briefing.show(B.section("rumah_dataku"))'),
        md("about-hasil", """
## Hasil program KB

CPR, porsi MKJP, unmet need dan partisipasi poktan dari data KB bulanan Kampung KB (`kbreport.analysis.kb_outcomes`).
Bila sub-wilayah lebih dari 20, rinciannya masuk ke tabel lampiran.
"""),
        code("hasil-kb", 'briefing.show(B.section("hasil_kb"))'),
        md("about-klasifikasi", """
## Klasifikasi

Kelas Dasar, Berkembang, Mandiri, Berkelanjutan dihitung ulang dengan aturan portal (`kbreport.classification`)
dan dibandingkan dengan kelas yang dilaporkan.
"""),
        code("klasifikasi", 'briefing.show(B.section("klasifikasi"))'),
        md("about-lampiran", """
## Lampiran, `annex.xlsx` dan `figures.json`

Tabel sub-wilayah, catatan dan sumber dari parameter. Sel terakhir menulis `annex.xlsx` (semua tabel, judul kolom
dalam bahasa dokumen) dan `figures.json` (angka utama untuk dasbor dan pengujian) ke `out_dir`.
"""),
        code("lampiran", 'briefing.show(B.section("lampiran"))'),
        code("outputs", "B.write_outputs(out_dir, annex=annex)"),
    ])


def event_notebook() -> nbformat.NotebookNode:
    return _notebook([
        md("intro", """
# Briefing kegiatan Kampung KB

Notebook ini menyusun briefing 2–3 halaman untuk satu kegiatan: **workshop, rakorda, mou atau fasilitasi**, yang
diselenggarakan oleh/untuk satu provinsi atau kabupaten/kota. Jalankan semua sel (*Run All*): dengan nilai bawaan,
notebook memakai data contoh (sintetis) di `data/demo` dan fasilitasi Rumah DataKu BKKBN Bengkulu, 4–5 Juni 2024.

* Isi kegiatan (judul, tempat, peserta, pihak, tujuan, target, tindak lanjut) ditulis di `params/events/*.yaml`
  lalu `kbreport run params/events/<file>.yaml --out outputs`.
* Angka wilayah dihitung per `as_of` (bawaan: hari pertama kegiatan).
* Setiap jenis kegiatan punya bagiannya sendiri; bagian jenis lain tidak mencetak apa pun.
* Sel markdown seperti ini hanya untuk analis (tag `remove-cell`) dan tidak ikut dicetak.
"""),
        code("parameters", EVENT_PARAMETERS, ["parameters"]),
        code("setup", """
from kbreport import briefing
from kbreport.params import EVENT_NOTEBOOK_PARAMETERS

B = briefing.prepare_event({k: globals()[k] for k in EVENT_NOTEBOOK_PARAMETERS})
"""),
        md("about-kegiatan", """
## Apa, kapan, di mana, siapa

Jenis, waktu, tempat, wilayah, penyelenggara, para pihak, peserta, narasumber, tujuan, agenda dan kunjungan
lapangan; grafik komposisi peserta bila jumlah setiap unsur diketahui.
"""),
        code("kegiatan", 'briefing.show(B.section("kegiatan"))'),
        md("about-angka", """
## Angka wilayah per tanggal kegiatan

Angka utama terhadap target dan pokok pembicaraan, dengan topik jenis kegiatan didahulukan.
"""),
        code("angka", 'briefing.show(B.section("angka"))'),
        md("about-jenis", """
## Bagian menurut jenis kegiatan

* **mou**: para pihak dan irisan Desa Cantik dengan Kampung KB dan Rumah DataKu per sub-wilayah;
* **workshop** dan **rakorda**: peringkat cakupan sub-wilayah dan pokok pembicaraan untuk agenda;
* **fasilitasi**: kesenjangan Rumah DataKu per sub-wilayah.
"""),
        code("mou", 'briefing.show(B.section("mou"))'),
        code("workshop", 'briefing.show(B.section("workshop"))'),
        code("rakorda", 'briefing.show(B.section("rakorda"))'),
        code("fasilitasi", 'briefing.show(B.section("fasilitasi"))'),
        md("about-tindak-lanjut", """
## Tindak lanjut dan target

Target yang disebut sumber, posisi wilayah per `as_of` (bila satuannya terukur dari data), tindak lanjut, catatan
dan sumber. Sel terakhir menulis `annex.xlsx` dan `figures.json` ke `out_dir`.
"""),
        code("tindak-lanjut", 'briefing.show(B.section("tindak_lanjut"))'),
        code("outputs", "B.write_outputs(out_dir, annex=annex)"),
    ])


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name, nb in (("wilayah_briefing.ipynb", wilayah_notebook()), ("event_briefing.ipynb", event_notebook())):
        nbformat.validate(nb)
        text = nbformat.writes(nb) + "\n"
        path = NOTEBOOKS / name
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print("out of date (run scripts/make_notebooks.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
