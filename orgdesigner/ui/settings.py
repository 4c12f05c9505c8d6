"""The user's settings kept between sessions (QSettings): recent files and the last folder.

One small typed wrapper so the rest of the GUI never spells a settings key: a key typo would
silently lose a setting. Tests pass their own ``QSettings`` (an INI file in a temp folder).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, QSettings

__all__ = ["APP_NAME", "ORG_NAME", "MAX_RECENT", "AppSettings"]

ORG_NAME = "OrgDesigner"
APP_NAME = "OrgDesigner"
#: How many files Open Recent remembers.
MAX_RECENT = 10

_RECENT_KEY = "files/recent"
_LAST_FOLDER_KEY = "files/last_folder"


def default_qsettings() -> QSettings:
    """The per-user settings store (INI format on every platform, so it is inspectable)."""
    org = QCoreApplication.organizationName() or ORG_NAME
    app = QCoreApplication.applicationName() or APP_NAME
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, org, app)


class AppSettings:
    """Recent files and the last folder used by a file dialog."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else default_qsettings()

    # -- recent files ------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        """Most recent first, without duplicates; at most ``MAX_RECENT``."""
        raw = self.store.value(_RECENT_KEY, [])
        if isinstance(raw, str):  # QSettings returns a lone string for a one-item list
            raw = [raw]
        if not isinstance(raw, list):
            return []
        seen: set[str] = set()
        files: list[Path] = []
        for item in raw:
            text = str(item)
            if text and text not in seen:
                seen.add(text)
                files.append(Path(text))
        return files[:MAX_RECENT]

    def add_recent(self, path: Path) -> None:
        """Put ``path`` at the top of the recent files."""
        text = str(Path(path).absolute())
        files = [str(p) for p in self.recent_files() if str(p) != text]
        self._store_recent([text, *files])

    def remove_recent(self, path: Path) -> None:
        text = str(Path(path).absolute())
        self._store_recent([str(p) for p in self.recent_files() if str(p) != text])

    def clear_recent(self) -> None:
        self._store_recent([])

    def _store_recent(self, files: list[str]) -> None:
        self.store.setValue(_RECENT_KEY, files[:MAX_RECENT])
        self.store.sync()

    # -- folders -----------------------------------------------------------------------
    def last_folder(self) -> Path:
        """The folder of the last file opened or saved; the home folder at first."""
        text = self.store.value(_LAST_FOLDER_KEY, "")
        folder = Path(str(text)) if text else Path(QDir.homePath())
        return folder if folder.is_dir() else Path(QDir.homePath())

    def set_last_folder(self, folder: Path) -> None:
        self.store.setValue(_LAST_FOLDER_KEY, str(Path(folder).absolute()))
        self.store.sync()
