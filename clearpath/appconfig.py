"""What each app declares about itself, so no shared file grows by appending.

Every Clearpath app's `apps.py` subclasses `ClearpathApp` and says, in one place:

- `stage`: its place in the journey (docs/architecture.md). An app may import apps with a lower
  stage, never a higher one; tests/test_architecture.py checks every import.
- `urls`: where its URL modules are mounted (`{"people/": "urls"}`); clearpath/urls.py mounts them all.
- `nav`: its entries in the staff menu, with the roles that see them; base.html shows them in order.
- `person_page`: a function ("selectors.money_context") that adds this app's part of a person's
  record page, so the people stage shows later stages' parts without importing them.
- `provides`: functions an earlier stage's page may ask for by name, e.g. the sign-off route that
  the plan's submit page previews (`{"route_preview": "services.route_for"}`).
- `on_worker_start`: a function ("run_queue.worker_started") that `manage.py worker` calls as
  it starts, e.g. to queue again work a stopped worker left part-done; it returns what it did.
- a `handlers.py` module, if it reacts to an earlier stage's events (clearpath/events.py): every
  function there decorated with `@handles(SomeEvent)` is subscribed when the app is ready.
- an `api.py` module with a `router`, if it has JSON endpoints: the API (clearpath/platform/api)
  adds every app's router, in stage order.
"""

from dataclasses import dataclass, field
from importlib import import_module, util

from django.apps import AppConfig, apps

from clearpath import events


@dataclass(frozen=True)
class NavItem:
    """One entry of the staff menu."""

    text: str
    url_name: str  # a URL name, or a path starting with "/"
    order: int  # place in the menu, left to right
    roles: frozenset[str] | None = None  # the staff roles that see it; None: every member of staff
    namespaces: tuple[str, ...] = field(default=())  # URL namespaces where it shows as current

    def shown_to(self, user) -> bool:
        if self.roles is None or getattr(user, "role", None) in self.roles:
            return True
        return "administrator" in self.roles and getattr(user, "is_superuser", False)


def handles(event_type: type):
    """Mark a function in an app's handlers.py as the app's reaction to `event_type`."""

    def mark(function):
        function.handles = event_type
        return function

    return mark


class ClearpathApp(AppConfig):
    # Django picks the one AppConfig subclass in an apps.py: not this base class, which every
    # apps.py imports, but the app's own subclass of it.
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.default = True

    stage: int = 0
    urls: dict[str, str] = {}
    nav: tuple[NavItem, ...] = ()
    person_page: str = ""
    provides: dict[str, str] = {}
    on_worker_start: str = ""

    def ready(self) -> None:
        name = f"{self.name}.handlers"
        if util.find_spec(name) is None:
            return
        for value in vars(import_module(name)).values():
            event_type = getattr(value, "handles", None)
            if callable(value) and event_type is not None:
                events.subscribe(event_type, value, stage=self.stage)


def clearpath_apps() -> list[ClearpathApp]:
    """Clearpath's own apps, in journey order."""
    found = [a for a in apps.get_app_configs() if isinstance(a, ClearpathApp)]
    return sorted(found, key=lambda a: a.stage)


def app_modules(module: str) -> list[tuple[ClearpathApp, object]]:
    """Each app's `module` (e.g. "api"), for the apps that have one, in journey order."""
    found = []
    for app in clearpath_apps():
        name = f"{app.name}.{module}"
        if util.find_spec(name) is not None:
            found.append((app, import_module(name)))
    return found


def person_page_context(person) -> dict:
    """What the later stages add to a person's record page (each app's `person_page`)."""
    context = {}
    for app in clearpath_apps():
        if app.person_page:
            module, function = app.person_page.rsplit(".", 1)
            context.update(getattr(import_module(f"{app.name}.{module}"), function)(person))
    return context


def provided(name: str):
    """The function a later stage provides under `name` (its apps.py `provides`); one app each."""
    found = [(app, app.provides[name]) for app in clearpath_apps() if name in app.provides]
    if len(found) != 1:
        raise LookupError(f"{len(found)} apps provide {name!r}; exactly one must")
    app, path = found[0]
    module, function = path.rsplit(".", 1)
    return getattr(import_module(f"{app.name}.{module}"), function)
