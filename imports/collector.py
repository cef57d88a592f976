"""Python's cycle collector paused while an import reads and writes a table.

Reading a table allocates hundreds of thousands of objects (cells, rows, drafts, parsed units) and
keeps nearly all of them until it ends. Each time the count of new objects crosses the collector's
threshold, the collector walks them, and its full passes walk everything alive: about a tenth of
an import's time, and it frees nothing, since the objects are all still in use. An import makes
no reference cycles of its own. The few that a library may make are collected when the last
import running in the process ends, because then the collector is switched on again."""

import gc
import threading
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

_lock = threading.Lock()
_running = 0  # imports in this process's threads now
_was_enabled = False
P = ParamSpec("P")
R = TypeVar("R")


def paused_collector(function: Callable[P, R]) -> Callable[P, R]:
    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        _enter()
        try:
            return function(*args, **kwargs)
        finally:
            _leave()
    return wrapper


def _enter() -> None:
    global _running, _was_enabled
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1


def _leave() -> None:
    global _running
    with _lock:
        _running -= 1
        if _running == 0 and _was_enabled:
            gc.enable()
