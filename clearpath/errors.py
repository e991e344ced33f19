"""Errors raised by services, shown to users as plain messages (web) or 409/422 (API)."""


class ServiceError(Exception):
    """A state change was refused; `message` says why in plain English, `field` names the input."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StaleRecord(ServiceError):
    """Someone else changed the record since it was read (optimistic locking)."""

    def __init__(self, what: str = "record"):
        super().__init__(
            f"Someone else changed this {what} while you were working on it. "
            "Check the latest version and make your change again."
        )


class InvalidInput(ServiceError):
    """Input failed validation; `errors` lists (field, message) for every problem."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__(errors[0][1], field=errors[0][0])
        self.errors = errors
