"""Atomic file writes: a file on disk is either the old version or the new one, never half.

Everything OrgDesigner writes (documents, CSV, GraphML, PDF) goes through here: the bytes go
to a temp file in the target's folder, are flushed and fsynced, then ``os.replace`` swaps
the temp file in and the folder is fsynced so the rename itself survives a power cut. On
any failure the temp file is removed and the target is left byte-for-byte as it was.
Temp files left behind by a crash carry a recognisable prefix and are cleaned on the next
write to the same target once they are older than :data:`STALE_AFTER_SECONDS`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from orgdesigner.errors import SaveError

__all__ = [
    "BACKUP_SUFFIX",
    "STALE_AFTER_SECONDS",
    "TEMP_PREFIX",
    "atomic_output",
    "atomic_write_bytes",
    "backup_path",
    "clean_stale_temps",
]

#: Temp files are named ``.~od-<target name>.<random>.tmp`` beside the target.
TEMP_PREFIX = ".~od-"
TEMP_SUFFIX = ".tmp"
BACKUP_SUFFIX = ".bak"
#: A temp file this old cannot belong to a save still running: it is left from a crash.
STALE_AFTER_SECONDS = 600.0

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the folder is on a read-only disk",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "the folder does not exist",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long",
}


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of ``path`` is kept: ``NAME.bak`` beside it."""
    p = Path(path)
    return p.with_name(p.name + BACKUP_SUFFIX)


def describe_os_error(err: OSError) -> str:
    """A short plain-language reason for a failed write."""
    return _REASONS.get(err.errno or -1, err.strerror or str(err))


def _save_error(path: Path, err: OSError) -> SaveError:
    return SaveError(
        f"Could not save {path}: {describe_os_error(err)}. The existing file is unchanged."
    )


def _temp_glob_prefix(target: Path) -> str:
    return f"{TEMP_PREFIX}{target.name}."


def clean_stale_temps(target: str | os.PathLike[str], *,
                      older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Remove temp files an earlier crashed save of ``target`` left behind; return them.
    Only our own prefix for this very target is touched, and only files older than
    ``older_than`` seconds, so a save running in another process is never disturbed."""
    target = Path(target)
    folder = target.parent
    prefix = _temp_glob_prefix(target)
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX)):
            continue
        try:
            if now - entry.stat(follow_symlinks=False).st_mtime < older_than:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue  # somebody else's file or already gone: not ours to insist on
    return removed


def _open_temp(target: Path) -> tuple[Path, int]:
    """Create a fresh temp file beside ``target`` (permissions from the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = target.with_name(
            f"{_temp_glob_prefix(target)}{secrets.token_hex(4)}{TEMP_SUFFIX}"
        )
        try:
            return tmp, os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "could not create a temp file", str(target))


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable. Not possible (nor needed) on Windows."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_backup(target: Path) -> None:
    """Keep the current ``target`` as ``target.bak`` (atomically, never losing either)."""
    if not target.is_file():
        return
    bak = backup_path(target)
    tmp, fd = _open_temp(bak)
    os.close(fd)
    try:
        try:
            os.unlink(tmp)
            os.link(target, tmp)  # a hard link: instant, and the old bytes stay put
        except OSError:
            shutil.copyfile(target, tmp)
        os.replace(tmp, bak)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _copy_mode(source: Path, tmp: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(tmp, source.stat().st_mode & 0o7777)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], *,
                  keep_backup: bool = False) -> Iterator[BinaryIO]:
    """Write ``path`` atomically: ``with atomic_output(p) as f: f.write(...)``.

    Yields a binary file opened on a temp file in the same folder. When the block ends
    normally the data is fsynced and renamed over ``path`` (the previous version kept as
    ``path.bak`` when ``keep_backup``). When the block raises, the temp file is removed
    and ``path`` is untouched; an ``OSError`` becomes a :class:`SaveError` that says why.
    """
    shown = Path(path)
    target = Path(os.path.realpath(shown))  # through a symlink: replace the file it names
    if target.is_dir():
        raise SaveError(f"Could not save {shown}: it is a folder.")
    clean_stale_temps(target)
    try:
        tmp, fd = _open_temp(target)
    except OSError as err:
        raise _save_error(shown, err) from None
    done = False
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            _copy_mode(target, tmp)
        if keep_backup:
            _keep_backup(target)
        os.replace(tmp, target)
        done = True
        with contextlib.suppress(OSError):
            _fsync_folder(target.parent)
    except OSError as err:
        raise _save_error(shown, err) from None
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *,
                       keep_backup: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path, keep_backup=keep_backup) as handle:
        handle.write(data)
