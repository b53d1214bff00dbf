"""kbreport.paths: a name from params never makes a path outside its output folder; writes are atomic."""
from __future__ import annotations

import os

import pytest

from kbreport.errors import ReportError
from kbreport.paths import (
    atomic_copy,
    atomic_write_bytes,
    atomic_write_text,
    describe_os_error,
    folder_problem,
    make_folder,
    remove_stale_temps,
    report_dir,
    safe_join,
    safe_stem,
    within,
)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("17-bengkulu", "17-bengkulu"),
        ("2024-06-04-fasilitasi.v2", "2024-06-04-fasilitasi.v2"),
        ("..", "laporan"),
        ("../../etc/passwd", "etc_passwd"),
        ("/abs/path", "abs_path"),
        ("a/../b", "a_.._b".replace("..", ".")),  # dots collapsed: no ".." survives
        (".hidden", "hidden"),
        ("Kab. Lampung Barat (SK) — 2024", "Kab._Lampung_Barat_SK_2024"),
        ("Ñgawi é", "Ngawi_e"),
        ("", "laporan"),
        ("___", "laporan"),
        ("con", "_con"),
        ("NUL.txt", "_NUL.txt"),
        ("x" * 300, "x" * 100),
    ],
)
def test_safe_stem(name, expected):
    assert safe_stem(name) == expected


def test_safe_stem_never_escapes():
    for name in ["..", "../x", "x/..", "./.", "a\\..\\b", "\x00", "....", ". .", "~/x"]:
        s = safe_stem(name)
        assert s and "/" not in s and "\\" not in s and ".." not in s and not s.startswith(".")


def test_safe_join_refuses_escapes(tmp_path):
    assert safe_join(tmp_path, "a", "b.txt") == tmp_path / "a" / "b.txt"
    for bad in ["..", ".", "", "/etc", "a/b", "a\\b", "x\x00y"]:
        with pytest.raises(ReportError):
            safe_join(tmp_path, bad)


def test_safe_join_refuses_symlink_leading_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "out"
    root.mkdir()
    (root / "evil").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ReportError) as e:
        safe_join(root, "evil", "briefing.html")
    assert str(e.value) == f"{root / 'evil'} adalah tautan simbolik; kbreport tidak menulis melaluinya"
    # a symlink inside the root is refused too: a writer must never follow one
    (root / "inner").mkdir()
    (root / "alias").symlink_to(root / "inner", target_is_directory=True)
    with pytest.raises(ReportError):
        safe_join(root, "alias")


def test_root_may_be_a_symlink(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert report_dir(link, "params/x/17-bengkulu.yaml") == link / "17-bengkulu"
    assert (real / "17-bengkulu").is_dir()


def test_report_dir_uses_sanitised_stem(tmp_path):
    out = tmp_path / "outputs"
    d = report_dir(out, "/somewhere/else/../../17-bengkulu.yaml")
    assert d == out / "17-bengkulu" and d.is_dir()
    d2 = report_dir(out, "params/..yaml")  # stem "." -> safe default
    assert d2 == out / "laporan"
    assert within(out, d2)
    assert report_dir(out, "new.yaml", create=False) == out / "new" and not (out / "new").exists()


def test_report_dir_refuses_symlinked_report_folder(tmp_path):
    out = tmp_path / "outputs"
    out.mkdir()
    victim = tmp_path / "victim"
    victim.mkdir()
    (out / "17-bengkulu").symlink_to(victim, target_is_directory=True)
    with pytest.raises(ReportError):
        report_dir(out, "17-bengkulu.yaml")


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    p = tmp_path / "figures.json"
    atomic_write_text(p, "one")
    atomic_write_bytes(p, b"two")
    assert p.read_bytes() == b"two"
    assert sorted(os.listdir(tmp_path)) == ["figures.json"]
    assert oct(p.stat().st_mode & 0o777) == "0o644"


def test_atomic_write_refuses_symlink_target(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep")
    link = tmp_path / "briefing.html"
    link.symlink_to(target)
    with pytest.raises(ReportError):
        atomic_write_text(link, "overwrite")
    assert target.read_text() == "keep"


def test_atomic_copy_and_stale_temps(tmp_path):
    src = tmp_path / "src.bin"
    src.write_bytes(b"x" * 1000)
    dst_dir = tmp_path / "out"
    dst_dir.mkdir()
    (dst_dir / ".briefing.pdf.abc123.tmp").write_bytes(b"half")  # left by an interrupted write
    atomic_copy(src, dst_dir / "briefing.pdf")
    assert (dst_dir / "briefing.pdf").read_bytes() == b"x" * 1000
    assert remove_stale_temps(dst_dir) == 1
    assert sorted(os.listdir(dst_dir)) == ["briefing.pdf"]


# --- one line for a folder kbreport cannot write ------------------------------------------------


@pytest.mark.parametrize("lang, denied, not_folder", [
    ("id", "folder {p} tidak dapat ditulis (izin ditolak)", "{p} bukan folder; pindahkan atau hapus berkas itu"),
    ("en", "folder {p} cannot be written (permission denied)", "{p} is not a folder; move or delete that file"),
])
def test_os_errors_become_one_line_naming_the_path(tmp_path, lang, denied, not_folder):
    import errno

    d = tmp_path / "aceh"
    d.mkdir()
    line = describe_os_error(PermissionError(errno.EACCES, "Permission denied", str(d / "x")), d, lang, folder=True)
    assert line == denied.format(p=d)
    assert "Errno" not in line and "PermissionError" not in line
    f = tmp_path / "berkas"
    f.write_text("x")
    assert describe_os_error(NotADirectoryError(errno.ENOTDIR, "Not a directory"), f / "sub", lang,
                             folder=True) == not_folder.format(p=f)
    eio = describe_os_error(OSError(errno.EIO, "I/O error"), d, lang, folder=True)
    assert "EIO" in eio and "Errno" not in eio and str(d) in eio


def test_folder_problem_names_symlinks_files_and_unwritable_folders(tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir()
    assert folder_problem(real) is None
    assert folder_problem(tmp_path / "not-yet") is None  # made when needed
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert folder_problem(link) == f"{link} adalah tautan simbolik; kbreport tidak menulis melaluinya"
    assert folder_problem(link, "en") == f"{link} is a symbolic link; kbreport does not write through it"
    assert folder_problem(link, follow=True) is None  # the output folder the user chose may be a link
    (tmp_path / "file").write_text("x")
    assert folder_problem(tmp_path / "file") == f"{tmp_path / 'file'} bukan folder; pindahkan atau hapus berkas itu"
    monkeypatch.setattr(os, "access", lambda p, mode: False)  # what an immutable or read-only folder answers
    assert folder_problem(real) == f"folder {real} tidak dapat ditulis (izin ditolak)"


def test_make_folder_under_a_file_names_the_file(tmp_path):
    (tmp_path / "berkas").write_text("x")
    with pytest.raises(ReportError) as e:
        make_folder(tmp_path / "berkas" / "out", parents=True)
    assert str(e.value) == f"{tmp_path / 'berkas'} bukan folder; pindahkan atau hapus berkas itu"
    with pytest.raises(ReportError) as e:
        make_folder(tmp_path / "berkas", "en")
    assert str(e.value) == f"{tmp_path / 'berkas'} is not a folder; move or delete that file"


def test_a_refused_write_is_one_line_and_leaves_no_temp(tmp_path, monkeypatch):
    import errno

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ReportError) as e:
        atomic_write_text(tmp_path / "figures.json", "{}")
    assert str(e.value) == f"berkas {tmp_path / 'figures.json'} tidak dapat ditulis (izin ditolak)"
    assert os.listdir(tmp_path) == []
