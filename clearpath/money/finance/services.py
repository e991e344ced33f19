"""Money services: direct payment agreements, payment runs that pay exactly once, budget
revisions and uplifts, contributions, statement imports, exceptions and recoveries.

Each state change is one function here, in a transaction, with an audit row. The payment run
commits in chunks: each chunk marks its payments paid, writes their export lines and posts their
ledger entries in one transaction, so a run stopped at any moment has either paid a payment
completely or not at all; running again carries on from there. Three guards make double payment
impossible: the row lock and status check on each scheduled payment, the unique payment on an
export line, and the unique idempotency key on a ledger entry.
"""

from clearpath.money.finance.agreements import (
    accept_agreement,  # noqa: F401
    agreement_terms,  # noqa: F401
    commitment_parts,  # noqa: F401
    set_up_agreement,  # noqa: F401
    update_bank_details,  # noqa: F401
)
from clearpath.money.finance.contributions import record_contribution  # noqa: F401
from clearpath.money.finance.monitoring import (
    StatementRefused,  # noqa: F401
    import_statement,  # noqa: F401
    ledger_position,  # noqa: F401
    record_recovery,  # noqa: F401
    resolve_exception,  # noqa: F401
    surplus_for,  # noqa: F401
)
from clearpath.money.finance.payment_runs import (
    CRASH_ENV,  # noqa: F401
    EXPORT_HEADER,  # noqa: F401
    RunAlreadyDone,  # noqa: F401
    export_rows,  # noqa: F401
    process_payment_run,  # noqa: F401
    request_payment_run,  # noqa: F401
    run_totals,  # noqa: F401
)
from clearpath.money.finance.revisions import (
    current_shares,  # noqa: F401
    paid_weekly,  # noqa: F401
    revise_budget,  # noqa: F401
    set_deployment,  # noqa: F401
)
from clearpath.money.finance.run_queue import (
    progress,  # noqa: F401
    queue_payment_run,  # noqa: F401
    recover_stalled_runs,  # noqa: F401
    stalled,  # noqa: F401
)
from clearpath.money.finance.uplifts import apply_uplift, uplift_preview  # noqa: F401

# The money services live by responsibility in agreements, payment_runs, revisions, monitoring
# and contributions; this module is the one place the rest of Clearpath imports them from.
