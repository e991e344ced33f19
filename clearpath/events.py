"""Journey events: how a stage tells the later stages that something happened, without importing them.

The journey flows one way (docs/architecture.md): a stage may call the stages before it, never after.
Where a later stage must react to an earlier one — an approved plan schedules payments and reviews; a
submitted plan opens a decision — the earlier stage `emit`s an event, and the later stage `subscribe`s
a handler in its `AppConfig.ready()` (the handlers live in that app's `handlers.py`).

Handlers run at once, inside the emitting service's transaction, in the journey's order (the subscribing
app's `stage` number, then the order they subscribed). A handler that raises rolls the whole change back,
so a handler may also refuse: the reviews stage refuses a plan that would cut a budget without a
reassessment. Events are plain frozen dataclasses defined by the stage that emits them (its `events.py`).
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

Handler = Callable[[Any], Any]

_handlers: dict[type, list[tuple[int, int, Handler]]] = defaultdict(list)


def subscribe(event_type: type, handler: Handler, *, stage: int) -> None:
    """Run `handler(event)` whenever an event of `event_type` is emitted (once, however often called)."""
    entries = _handlers[event_type]
    if any(h is handler for _, _, h in entries):
        return
    entries.append((stage, len(entries), handler))
    entries.sort(key=lambda entry: entry[:2])


def emit(event: Any) -> list[Any]:
    """Hand `event` to every subscribed handler in journey order; returns what each one returned."""
    return [handler(event) for _, _, handler in _handlers[type(event)]]


def handlers_of(event_type: type) -> list[Handler]:
    """The handlers an event reaches, in the order they run (for tests and docs/architecture.md)."""
    return [handler for _, _, handler in _handlers[event_type]]
