"""Schemathesis fuzzes every API operation from the OpenAPI schema: no input may cause a 500."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from clearpath.platform.accounts.services import create_api_token
from tests.builders import approved


@pytest.mark.django_db(transaction=True)
def test_no_generated_request_to_any_operation_causes_a_server_error(practitioner):
    from clearpath.wsgi import application

    approved(by=practitioner)  # real ids for the paths to find
    token = create_api_token(staff=practitioner, name="fuzz", by=None)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    failures, statuses, operations = [], [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=20,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
            response = case.call()
            statuses.append(response.status_code)
            if response.status_code >= 500:
                failures.append((case.operation.label, case.path_parameters, case.query, case.body))

        call()
    assert operations >= 20
    assert failures == []
    assert {200, 404, 422} <= set(statuses)  # the fuzzing reached real records and refusals
