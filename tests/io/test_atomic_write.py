"""Atomic writes: the old file survives any failure byte for byte."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from orgdesigner.errors import SaveError
from orgdesigner.io import atomic
from orgdesigner.io.atomic import atomic_output, atomic_write_bytes, backup_path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(atomic.TEMP_PREFIX))


def test_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert _leftovers(tmp_path) == []
    assert not backup_path(target).exists()


def test_keep_backup_keeps_previous_version(tmp_path: Path) -> None:
    target = tmp_path / "chart.orgchart"
    atomic_write_bytes(target, b"first", keep_backup=True)
    assert not backup_path(target).exists()  # nothing to keep yet
    atomic_write_bytes(target, b"second", keep_backup=True)
    atomic_write_bytes(target, b"third", keep_backup=True)
    assert target.read_bytes() == b"third"
    assert (tmp_path / "chart.orgchart.bak").read_bytes() == b"second"


def test_new_file_gets_umask_permissions(tmp_path: Path) -> None:
    target = tmp_path / "perm.txt"
    atomic_write_bytes(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_exception_in_block_leaves_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_bytes(b"original")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"half a new file")
        raise RuntimeError("renderer failed")
    assert target.read_bytes() == b"original"
    assert _leftovers(tmp_path) == []


def test_failed_replace_raises_save_error_and_keeps_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "doc.orgchart"
    target.write_bytes(b"precious bytes")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(SaveError, match="permission denied.*unchanged"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"precious bytes"
    assert _leftovers(tmp_path) == []


def test_disk_full_during_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "doc.orgchart"
    target.write_bytes(b"precious bytes")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(SaveError, match="disk is full"):
        atomic_write_bytes(target, b"new" * 1000)
    assert target.read_bytes() == b"precious bytes"
    assert _leftovers(tmp_path) == []


def test_missing_folder_and_folder_target(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="folder does not exist"):
        atomic_write_bytes(tmp_path / "nope" / "x.csv", b"x")
    with pytest.raises(SaveError, match="is a folder"):
        atomic_write_bytes(tmp_path, b"x")


def test_stale_temp_files_are_cleaned(tmp_path: Path) -> None:
    target = tmp_path / "doc.orgchart"
    stale = tmp_path / f"{atomic.TEMP_PREFIX}doc.orgchart.deadbeef.tmp"
    fresh = tmp_path / f"{atomic.TEMP_PREFIX}doc.orgchart.cafebabe.tmp"
    other = tmp_path / f"{atomic.TEMP_PREFIX}other.orgchart.deadbeef.tmp"
    for p in (stale, fresh, other):
        p.write_bytes(b"left by a crash")
    old = time.time() - 2 * atomic.STALE_AFTER_SECONDS
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    atomic_write_bytes(target, b"ok")
    assert not stale.exists()
    assert fresh.exists()  # may belong to a save still running elsewhere
    assert other.exists()  # another target's temp is not ours to clean
    assert target.read_bytes() == b"ok"


def _mount_tmpfs(folder: Path, size: str) -> bool:
    if shutil.which("mount") is None or os.geteuid() != 0:
        return False
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                             str(folder)], capture_output=True)
    return result.returncode == 0


def test_real_disk_full_on_tiny_tmpfs(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    folder.mkdir()
    if not _mount_tmpfs(folder, "64k"):
        pytest.skip("cannot mount a tmpfs here (needs root and mount permission)")
    try:
        target = folder / "doc.orgchart"
        atomic_write_bytes(target, b"small original\n" * 100)
        before = target.read_bytes()
        with pytest.raises(SaveError, match="disk is full"):
            atomic_write_bytes(target, os.urandom(256 * 1024), keep_backup=True)
        assert target.read_bytes() == before
        assert _leftovers(folder) == []
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def test_real_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if not _mount_tmpfs(folder, "64k"):
        pytest.skip("cannot mount a tmpfs here (needs root and mount permission)")
    try:
        target = folder / "doc.orgchart"
        target.write_bytes(b"original")
        remount = subprocess.run(["mount", "-o", "remount,ro", str(folder)],
                                 capture_output=True)
        if remount.returncode != 0:
            pytest.skip("cannot remount read-only here")
        with pytest.raises(SaveError, match="read-only"):
            atomic_write_bytes(target, b"new")
        assert target.read_bytes() == b"original"
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def test_write_through_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.orgchart"
    real.write_bytes(b"old")
    link = tmp_path / "link.orgchart"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new", keep_backup=True)
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert (tmp_path / "real.orgchart.bak").read_bytes() == b"old"
