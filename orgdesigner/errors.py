"""Errors a user sees: one clear sentence with where the problem is, never a traceback."""

from __future__ import annotations


class OrgDesignerError(Exception):
    """A problem with the user's input or files. ``str(err)`` is the whole message,
    naming the file, row and field where it can."""


class LoadError(OrgDesignerError):
    """A file could not be read: it is corrupt, too large, too new, or not valid."""


class SaveError(OrgDesignerError):
    """A file could not be written; the file that was there before is untouched."""


class ImportProblems(OrgDesignerError):
    """An import found problems; nothing was imported. ``problems`` lists every one."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(
            f"{source}: {len(problems)} problem(s), nothing was imported:\n{shown}{more}"
        )
