"""Reading a user's file with a size bound and one clear message for every way it fails."""

from __future__ import annotations

from pathlib import Path

from orgdesigner.errors import LoadError


def read_bounded(path: Path, max_bytes: int, verb: str = "imports") -> bytes:
    """The bytes of ``path``; ``LoadError`` naming the file when it is missing, a folder,
    unreadable or larger than ``max_bytes`` ("... larger than the N MB OrgDesigner
    {verb}")."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(f"{path}: the file is {size / 2**20:.0f} MB, larger than the "
                            f"{max_bytes // 2**20} MB OrgDesigner {verb}.")
        return path.read_bytes()
    except FileNotFoundError:
        raise LoadError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise LoadError(f"{path}: is a folder, not a file.") from None
    except PermissionError:
        raise LoadError(f"{path}: permission denied.") from None
    except OSError as err:
        raise LoadError(f"{path}: could not be read ({err.strerror or err}).") from None
