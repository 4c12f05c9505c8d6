"""Analysis off the GUI thread: debounced, on a snapshot of the scenario, latest wins.

The checks and metrics docks re-run after every edit. At 20,000 positions ``run_checks``
takes about a third of a second here, so the work runs on a worker thread over a snapshot
(the scenario with its item lists copied: the items are frozen, so this is cheap and the
worker never sees an edit half-made). Edits in quick succession restart a single-shot
timer; a result computed from an older snapshot than the last one asked for is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from orgdesigner.model.document import OrgDocument, Scenario

__all__ = ["DebouncedJob", "scenario_snapshot", "DEBOUNCE_MS"]

#: Quiet time after the last edit before the analysis starts again.
DEBOUNCE_MS = 300

_LISTS = ("units", "positions", "lines", "teams", "processes", "notes")


def scenario_snapshot(scenario: Scenario) -> Scenario:
    """A copy that later edits cannot touch: new lists holding the same frozen items."""
    return scenario.model_copy(update={name: list(getattr(scenario, name)) for name in _LISTS})


def document_snapshot(doc: OrgDocument) -> tuple[Scenario, Any]:
    """The active scenario and the check profile, as a worker may read them."""
    return scenario_snapshot(doc.scenario()), doc.check_profile.model_copy()


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits through it (a queued connection)."""

    done = Signal(int, object, object)  # generation, result, error message or None


class _Run(QRunnable):
    def __init__(self, relay: _Relay, generation: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self.relay = relay
        self.generation = generation
        self.work = work

    def run(self) -> None:
        try:
            result, error = self.work(), None
        except Exception as err:  # shown in the dock, never a crash of the window
            result, error = None, f"{type(err).__name__}: {err}"
        try:
            self.relay.done.emit(self.generation, result, error)
        except RuntimeError:  # the dock was closed while the worker ran
            pass


class DebouncedJob(QObject):
    """``schedule()`` after each change; ``finished(result)`` with the newest result.

    ``prepare`` runs on the GUI thread when the timer fires and returns the argument (a
    snapshot); ``compute(argument)`` runs on a worker thread. ``threaded=False`` computes
    on the GUI thread (still debounced), for comparison in the benchmarks."""

    #: The result of the newest run.
    finished = Signal(object)
    #: The newest run raised: its message.
    failed = Signal(str)
    #: Work started (True) or no run is pending any more (False).
    busy_changed = Signal(bool)

    def __init__(self, prepare: Callable[[], Any], compute: Callable[[Any], Any], *,
                 delay_ms: int = DEBOUNCE_MS, threaded: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._prepare = prepare
        self._compute = compute
        self.threaded = threaded
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.run_now)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._generation = 0
        self.busy = False

    def schedule(self) -> None:
        """Ask for a fresh result once the changes stop for ``delay_ms``."""
        self._generation += 1  # anything still running is stale now
        self._set_busy(True)
        self._timer.start()

    def run_now(self) -> None:
        """Start at once (the first run, or a test that does not want to wait)."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        self._set_busy(True)
        argument = self._prepare()
        if not self.threaded:
            try:
                result, error = self._compute(argument), None
            except Exception as err:
                result, error = None, f"{type(err).__name__}: {err}"
            self._on_done(generation, result, error)
            return
        self._pool.start(_Run(self._relay, generation, lambda: self._compute(argument)))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker is idle (closing, tests)."""
        return self._pool.waitForDone(msecs)

    def _on_done(self, generation: int, result: object, error: object) -> None:
        if generation != self._generation:
            return  # an edit came after this snapshot; its own run is on the way
        self._set_busy(False)
        if error is not None:
            self.failed.emit(str(error))
        else:
            self.finished.emit(result)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)
