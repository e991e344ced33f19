"""Small helpers shared by the thin web views."""

from django.contrib.auth.decorators import login_required

from clearpath.errors import ServiceError


def apply_service_error(form, error: ServiceError) -> None:
    """Show a refused state change on the form, against the field it concerns where there is one."""
    if error.field and error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        form.add_error(None, error.message)


staff_required = login_required
