"""Logs a machine can read: one JSON object a line, and one line for every request.

`JsonFormatter` writes each log record as a JSON object on one line: the time (UTC), level, logger,
message, the request's id when there is one, any simple extra fields the caller passed, and the
traceback for an error. settings.LOGGING uses it for the console with DEBUG off (`LOG_FORMAT`
chooses `json` or `text`).

`RequestLogMiddleware` writes one line for every request to the `clearpath.requests` logger: the
request id, the method, the path (never the query string, which can carry a name someone searched
for, and with the values of any text in the address, such as a sign-in link's token, replaced by
its name), the status, how long it took in milliseconds and the member of staff's id (the number
only, never a name). Nothing from the request's body or the page is ever logged.

The request id is the caller's `X-Request-ID` header when that is a plain token (a load balancer
or proxy usually sets one, so its logs and ours can be matched), otherwise a fresh uuid4; it is sent
back in the response's `X-Request-ID` header, and every other line logged while the request is
answered carries it too.
"""

import json
import logging
import re
import time
from contextvars import ContextVar
from datetime import UTC, datetime
from uuid import uuid4

REQUEST_ID_HEADER = "X-Request-ID"
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)
requests_log = logging.getLogger("clearpath.requests")

# What every LogRecord has: anything else on a record came from a caller's `extra`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
_SIMPLE = (str, int, float, bool, type(None))


class JsonFormatter(logging.Formatter):
    """One log record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = current_request_id.get()
        if request_id:
            line["request_id"] = request_id
        # Only plain values: Django's own loggers attach the whole request, whose text includes
        # the query string.
        line.update(
            (k, v) for k, v in vars(record).items() if k not in _STANDARD and isinstance(v, _SIMPLE)
        )
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def request_id_for(request) -> str:
    """The caller's request id if it is a plain token, else a new one."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if SAFE_REQUEST_ID.fullmatch(given) else str(uuid4())


def loggable_path(request) -> str:
    """The path without its query string, and with any text taken from the address (a token, a
    reference) replaced by the name the URL gives it: numbers (ids) stay."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    for name, value in (match.kwargs if match else {}).items():
        if isinstance(value, str) and value and not value.isdigit():
            path = path.replace(value, f"<{name}>")
    return path


class RequestLogMiddleware:
    """Write one line to the `clearpath.requests` log for every request answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request)
        request.request_id = request_id
        reset = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response[REQUEST_ID_HEADER] = request_id
            user = getattr(request, "user", None)
            path = loggable_path(request)
            requests_log.info(
                "%s %s %s %sms",
                request.method,
                path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": user.pk if getattr(user, "is_authenticated", False) else None,
                },
            )
            return response
        finally:
            current_request_id.reset(reset)
