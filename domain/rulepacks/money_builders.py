"""Money rule packs: charging figures (SI 2014/2672, RULES.md section 5) and the council's money
policy (payment monitoring thresholds and statement layouts).

`charging`: capital limits, tariff income step and the Minimum Income Guarantee amounts of one
charging year. A figure not yet known (for example MIG amounts after 2023/24) is left out of the
pack: Clearpath then asks the council to enter it with the assessment, and never guesses it.

`money_policy`: council choices, not law: the contingency kept in a direct payment account, the
weeks without spending that count as "no activity", the overspend tolerance, how money paid in
is recognised, and the column mapping of each statement layout.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from domain.rulepacks.fields import need
from domain.rulepacks.types import Pack, RulePackError

MIG_BANDS = ("single_18_24", "single_25_to_pc_age", "single_pc_age")


@dataclass(frozen=True)
class ChargingRules:
    ref: str
    demo: bool
    source: str
    effective_from: object
    capital_upper: Decimal
    capital_lower: Decimal
    tariff_step: Decimal  # capital per £1 a week of tariff income
    tariff_part_step_counts: bool
    mig: Mapping[str, Decimal] = field(
        hash=False
    )  # band -> weekly amount; missing = council-entered
    mig_source: str = ""


@dataclass(frozen=True)
class StatementLayout:
    code: str
    title: str
    date_column: str
    date_format: str
    payee_column: str
    out_column: str  # "" when one signed/typed amount column is used
    in_column: str
    amount_column: str
    type_column: str
    debit_value: str
    credit_value: str


@dataclass(frozen=True)
class MoneyPolicy:
    ref: str
    demo: bool
    source: str
    contingency_weeks: int
    no_activity_weeks: int
    overspend_tolerance_percent: Decimal
    council_payee_words: tuple[str, ...]
    contribution_payee_words: tuple[str, ...]
    max_statement_lines: int
    layouts: Mapping[str, StatementLayout] = field(hash=False)
    agreement_terms: tuple[str, ...] = ()


def charging(pack: Pack, where: str) -> ChargingRules:
    c, cw = need(pack.data, "capital", where, Mapping), f"{where} [capital]"
    m, mw = need(pack.data, "mig", where, Mapping), f"{where} [mig]"
    amounts = {}
    for band in MIG_BANDS:
        if band in m:
            amounts[band] = need(m, band, mw, Decimal)
    rules = ChargingRules(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        effective_from=pack.effective_from,
        capital_upper=need(c, "upper", cw, Decimal),
        capital_lower=need(c, "lower", cw, Decimal),
        tariff_step=need(c, "tariff_step", cw, Decimal),
        tariff_part_step_counts=need(c, "tariff_part_step_counts", cw, bool),
        mig=MappingProxyType(amounts),
        mig_source=need(m, "source", mw),
    )
    if not rules.capital_lower < rules.capital_upper:
        raise RulePackError(f"{cw}: 'lower' must be less than 'upper'")
    if rules.tariff_step <= 0:
        raise RulePackError(f"{cw}: 'tariff_step' must be more than zero")
    return rules


def _layout(code: str, t: Mapping, where: str) -> StatementLayout:
    get = lambda key: str(t.get(key, ""))  # noqa: E731
    layout = StatementLayout(
        code=code,
        title=need(t, "title", where),
        date_column=need(t, "date_column", where),
        date_format=need(t, "date_format", where),
        payee_column=need(t, "payee_column", where),
        out_column=get("out_column"),
        in_column=get("in_column"),
        amount_column=get("amount_column"),
        type_column=get("type_column"),
        debit_value=get("debit_value"),
        credit_value=get("credit_value"),
    )
    split = layout.out_column and layout.in_column
    typed = layout.amount_column and layout.type_column and layout.debit_value
    if not (split or typed):
        raise RulePackError(
            f"{where}: give 'out_column' and 'in_column', or 'amount_column', 'type_column', "
            "'debit_value' and 'credit_value'"
        )
    return layout


def money_policy(pack: Pack, where: str) -> MoneyPolicy:
    mon, mw = need(pack.data, "monitoring", where, Mapping), f"{where} [monitoring]"
    lays = need(pack.data, "layouts", where, Mapping)
    policy = MoneyPolicy(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        contingency_weeks=need(mon, "contingency_weeks", mw, int),
        no_activity_weeks=need(mon, "no_activity_weeks", mw, int),
        overspend_tolerance_percent=need(mon, "overspend_tolerance_percent", mw, Decimal),
        council_payee_words=tuple(need(mon, "council_payee_words", mw, list)),
        contribution_payee_words=tuple(need(mon, "contribution_payee_words", mw, list)),
        max_statement_lines=need(mon, "max_statement_lines", mw, int),
        layouts=MappingProxyType(
            {code: _layout(code, t, f"{where} [layouts.{code}]") for code, t in lays.items()}
        ),
        agreement_terms=tuple(
            need(
                need(pack.data, "agreement", where, Mapping), "terms", f"{where} [agreement]", list
            )
        ),
    )
    for term in policy.agreement_terms:
        try:
            term.format(weekly="", every_days="", contingency_weeks="")
        except (KeyError, IndexError, ValueError, AttributeError):
            raise RulePackError(
                f"{where} [agreement]: a term may only use {{weekly}}, {{every_days}} and "
                "{contingency_weeks}"
            ) from None
    if policy.contingency_weeks < 0 or policy.no_activity_weeks < 1:
        raise RulePackError(f"{mw}: weeks must be zero or more (no activity: 1 or more)")
    if not policy.layouts:
        raise RulePackError(f"{where}: at least one statement layout is needed")
    return policy


MONEY_BUILDERS = {"charging": charging, "money_policy": money_policy}
