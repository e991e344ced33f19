"""What every app's API shares: strict, bounded input types (no NUL bytes), the error shape and the
status codes every endpoint documents. Each app's own inputs and outputs live in its api.py."""

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from clearpath.errors import InvalidInput


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Remove the hidden control characters from this text")
    return value.strip()


def clean_text(value: str, *, field: str) -> str:
    """`_no_nul` for a query parameter: a 422 naming `field`, like the body fields get."""
    try:
        return _no_nul(value)
    except ValueError as e:
        raise InvalidInput([(field, str(e))]) from None


def Text(max_length: int, min_length: int = 0):  # noqa: N802 - reads like a type
    return Annotated[
        str, Field(min_length=min_length, max_length=max_length), AfterValidator(_no_nul)
    ]


# Inputs that the web forms also validate: the form gives the plain, field-by-field messages, so
# pydantic only bounds their size and refuses NUL bytes.
Loose = Annotated[str, Field(max_length=10_000), AfterValidator(_no_nul)]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldError(BaseModel):
    field: str
    message: str


class ErrorOut(BaseModel):
    detail: str
    errors: list[FieldError] = []


class MeOut(BaseModel):
    username: str
    name: str
    role: str
    team: str | None
    weekly_limit: Decimal


# 400: the request could not be read (body not JSON, too big); 401: no valid token or session;
# 404: missing or not yours; 409: stale row_version; 422: the input was refused (field errors).
ERRORS = {code: ErrorOut for code in (400, 401, 404, 409, 422)}
# Changes can also be refused with 403 when a signed-in browser session omits the CSRF token.
WRITE_ERRORS = {**ERRORS, 403: ErrorOut}
# Bounds on paging through lists: validated (422), never silently changed.
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000
