"""Finance over the API: payment runs, a direct payment account's position, surplus recovery.

`router` is mounted by api/api.py. Finance officers (and administrators) only: anyone else gets
the same 404 as a missing record. Errors use the API's shared handlers (422 with field errors).
"""

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from pydantic import BaseModel, ConfigDict, Field

from clearpath.journey.people.access import get_record_for
from clearpath.money.finance import services
from clearpath.money.finance.models import DirectPaymentAgreement, PaymentRun
from clearpath.platform.api.schemas import ERRORS, WRITE_ERRORS, Text

router = Router(tags=["Finance"])
FINANCE_ROLES = ("finance_officer", "administrator")


class RunIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    through: date


class RunOut(BaseModel):
    id: int
    through: date
    status: str
    payments: int
    total: Decimal
    skipped: int
    expected: int  # payments the run has to make in all; `payments` is how many it has made
    stalled: bool  # its worker stopped part-way: POST the run again to carry on
    error: str
    created_at: datetime
    finished_at: datetime | None


class AccountOut(BaseModel):
    id: int
    person_id: int
    has_bank_details: bool
    paid_in: Decimal
    contributions: Decimal
    spent: Decimal
    recovered: Decimal
    balance: Decimal
    contingency: Decimal
    surplus: Decimal
    open_exceptions: int


class RecoveryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    reasons: Text(2000, min_length=1)


def _finance(request):
    if getattr(request.auth, "role", None) not in FINANCE_ROLES:
        raise Http404("No such record")


def run_out(run: PaymentRun) -> dict:
    totals = services.run_totals(run)
    progress = services.progress(run)
    return {
        "expected": progress["expected"],
        "stalled": progress["stalled"],
        "error": run.error,
        "id": run.pk,
        "through": run.through,
        "status": run.status,
        "payments": totals["paid"],
        "total": totals["total"],
        "skipped": totals["skipped"],
        "created_at": run.created_at,
        "finished_at": run.finished_at,
    }


def account_out(agreement) -> dict:
    pos = services.ledger_position(agreement.personal_budget)
    figures = services.surplus_for(agreement)
    return {
        "id": agreement.pk,
        "person_id": agreement.person_id,
        "has_bank_details": agreement.has_bank_details,
        "paid_in": pos.paid_in,
        "contributions": pos.contributions,
        "spent": pos.spent,
        "recovered": pos.recovered,
        "balance": pos.balance,
        "contingency": figures["contingency"],
        "surplus": figures["surplus"],
        "open_exceptions": agreement.exceptions.filter(status="open").count(),
    }


@router.post("/finance/payment-runs", response={202: RunOut, **WRITE_ERRORS})
def start_run(request, payload: RunIn):
    """Pay everything due up to `through`, exactly once, in the background; poll the run."""
    _finance(request)
    run = services.request_payment_run(through=payload.through, by=request.auth)
    return Status(202, run_out(services.queue_payment_run(run, by=request.auth)))


@router.get("/finance/payment-runs/{run_id}", response={200: RunOut, **ERRORS})
def get_run(request, run_id: int):
    _finance(request)
    return run_out(get_object_or_404(PaymentRun, pk=run_id))


def _account(request, agreement_id: int):
    _finance(request)
    return get_record_for(
        request.auth,
        DirectPaymentAgreement,
        agreement_id,
        what="direct payment account",
        related=["personal_budget"],
    )


@router.get("/finance/accounts/{agreement_id}", response={200: AccountOut, **ERRORS})
def get_account(request, agreement_id: int):
    """A direct payment account's position from the ledger, and any surplus above the contingency."""
    return account_out(_account(request, agreement_id))


@router.post(
    "/finance/accounts/{agreement_id}/recoveries", response={201: AccountOut, **WRITE_ERRORS}
)
def recover(request, agreement_id: int, payload: RecoveryIn):
    """Recover part of a surplus with reasons: never more than what is above the contingency."""
    agreement = _account(request, agreement_id)
    services.record_recovery(agreement=agreement, by=request.auth, **payload.model_dump())
    return Status(201, account_out(agreement))
