"""Small helpers shared by the thin web views."""

from django.contrib.auth.decorators import login_required

from clearpath.errors import InvalidInput, ServiceError


def apply_service_error(form, error: ServiceError) -> None:
    """Show a refused state change on the form, against the field it concerns where there is one;
    for InvalidInput, every problem it lists."""
    problems = error.errors if isinstance(error, InvalidInput) else [(error.field, error.message)]
    for name, message in problems:
        form.add_error(name if name in form.fields else None, message)


staff_required = login_required
