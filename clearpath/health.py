"""Health checks for the load balancer and the platform, answered before any other middleware.

- `/healthz` (liveness): the process is up and answering. Always 200 "ok"; it touches nothing else,
  not even the database, so a database outage never gets healthy web processes restarted.
- `/readyz` (readiness): this process can do its work. It runs a database query, writes and reads
  back a value in the cache, checks every migration is applied and, when the job queue
  (`django_tasks_db`) is installed, reads its table. 200 with each check's answer as JSON, e.g.
  `{"database": "ok", "cache": "ok", "migrations": "ok"}`, or 503 with the failed check saying
  "failed" (the full reason goes to the log, never to the answer).

Neither needs signing in, neither says anything about people, and both are answered whatever the
Host header and over plain http (a probe calls the process by its address, inside the network), so
`HealthChecks` sits first in settings.MIDDLEWARE, before the host check and the https redirect.
"""

import json
import logging
from collections.abc import Callable
from uuid import uuid4

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse

log = logging.getLogger(__name__)

QUEUE_APP = "django_tasks_db"
# Once every migration is applied in this process it stays so (migrations are not unapplied under
# a running process), so readiness stops loading the migration files on every probe.
_migrated = {"yes": False}


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    key, value = f"readyz:{uuid4().hex}", uuid4().hex
    cache.set(key, value, 10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not give back what was written")
    finally:
        cache.delete(key)
    return "ok"


def _migrations() -> str:
    if not _migrated["yes"]:
        executor = MigrationExecutor(connection)
        waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if waiting:
            raise RuntimeError(f"{len(waiting)} migrations not applied")
        _migrated["yes"] = True
    return "ok"


def _queue() -> str:
    config = next(c for c in apps.get_app_configs() if c.name == QUEUE_APP)
    config.get_model("DBTaskResult").objects.exists()
    return "ok"


def checks() -> dict[str, Callable[[], str]]:
    """The readiness checks, by the name each has in the answer."""
    found = {"database": _database, "cache": _cache, "migrations": _migrations}
    if apps.is_installed(QUEUE_APP):
        found["queue"] = _queue
    return found


def readiness() -> tuple[bool, dict[str, str]]:
    """Run every check (all of them, even after one fails): whether all passed, and each answer."""
    answers = {}
    for name, check in checks().items():
        try:
            answers[name] = check()
        except Exception:
            log.warning("Readiness check %s failed", name, exc_info=True)
            answers[name] = "failed"
    return all(a == "ok" for a in answers.values()), answers


def healthz(request) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def readyz(request) -> HttpResponse:
    ready, answers = readiness()
    return HttpResponse(
        json.dumps(answers), content_type="application/json", status=200 if ready else 503
    )


PATHS = {"/healthz": healthz, "/readyz": readyz}


class HealthChecks:
    """Answer /healthz and /readyz at once; pass every other request on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = PATHS.get(request.path_info)
        if view is not None and request.method in {"GET", "HEAD"}:
            response = view(request)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
