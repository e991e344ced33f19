"""Finance over the API: the same services, 404 for anyone but finance, 422 with field errors."""

import json
from decimal import Decimal

from clearpath.money.finance.services import import_statement
from clearpath.money.finance.tests.test_monitoring import STATEMENT
from clearpath.platform.accounts.services import create_api_token


def headers(staff):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(staff=staff, name='t', by=None)}"}


def test_a_payment_run_and_a_recovery_over_the_api(
    client, finance_officer, practitioner, make_agreement
):
    agreement = make_agreement(weekly="20.00")
    h = headers(finance_officer)
    response = client.post(
        "/api/finance/payment-runs",
        json.dumps({"through": "2026-12-01"}),
        content_type="application/json",
        **h,
    )
    assert response.status_code == 202, response.content
    run = response.json()
    assert client.get(f"/api/finance/payment-runs/{run['id']}", **h).json()["payments"] == 2
    import_statement(
        agreement=agreement,
        by=finance_officer,
        filename="s.csv",
        content=STATEMENT,
        layout="generic",
    )
    account = client.get(f"/api/finance/accounts/{agreement.pk}", **h).json()
    assert Decimal(account["surplus"]) == Decimal("410.00")
    too_much = client.post(
        f"/api/finance/accounts/{agreement.pk}/recoveries",
        json.dumps({"amount": "500.00", "reasons": "x"}),
        content_type="application/json",
        **h,
    )
    assert too_much.status_code == 422
    ok = client.post(
        f"/api/finance/accounts/{agreement.pk}/recoveries",
        json.dumps({"amount": "410.00", "reasons": "Agreed"}),
        content_type="application/json",
        **h,
    )
    assert ok.status_code == 201 and Decimal(ok.json()["balance"]) == Decimal("160.00")
    assert (
        client.get(f"/api/finance/accounts/{agreement.pk}", **headers(practitioner)).status_code
        == 404
    )


def test_a_run_date_too_far_ahead_is_refused(client, finance_officer):
    response = client.post(
        "/api/finance/payment-runs",
        json.dumps({"through": "2099-01-01"}),
        content_type="application/json",
        **headers(finance_officer),
    )
    assert response.status_code == 422
