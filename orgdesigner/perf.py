"""Small helpers for building large structures quickly."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects at once (a 100k
    org creates millions): it only finds nothing to collect and costs a third of the time.
    On the way out the new objects move straight to the oldest generation (``gc.freeze``
    + ``gc.unfreeze``: a constant-time splice), so the first allocation afterwards does not
    scan them all in a young-generation pass; a full collection still sees them. Nested
    inside another pause, it leaves the collector alone."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
