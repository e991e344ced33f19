"""Read-only figures for managers: committed spend against each team's budget, and the numbers
that show how sign-off by exception works (who decides, how fast, why the panel sees a plan).

Each report runs a fixed number of queries whatever the size of the caseload.
"""

from collections import defaultdict
from datetime import date

from clearpath.journey.approvals.models import Decision
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.platform.accounts.models import StaffMember, Team
from domain import rulepacks
from domain.signoff_numbers import committed, financial_year, percentile, share

Role = StaffMember.Role
ROUTES = [r.value for r in Decision.Route]
MAY_SEE_SPENDING = (Role.TEAM_MANAGER, Role.FINANCE_OFFICER, Role.ADMINISTRATOR)


def spending(user, today: date) -> dict:
    """Committed spend by team and by decision-maker, against each team's yearly budget (entered
    by the council), so far this financial year and projected to its end. A team manager sees
    their own team; finance officers and administrators see every team."""
    teams = Team.objects.order_by("name")
    budgets = PersonalBudget.objects.filter(status=PersonalBudget.Status.ACTIVE)
    if user.role == Role.TEAM_MANAGER:
        teams = teams.filter(pk=user.team_id)
        budgets = budgets.filter(decision__team_id=user.team_id)
    rows = budgets.values_list(
        "weekly_gross",
        "starts_on",
        "decision__team_id",
        "decision__route",
        "decision__decided_by_id",
        "decision__decided_by__first_name",
        "decision__decided_by__last_name",
    )
    by_team, by_decider, names = defaultdict(list), defaultdict(list), {}
    for weekly, starts_on, team_id, route, who, first, last in rows:
        by_team[team_id].append((weekly, starts_on))
        key = (team_id, who, route)
        by_decider[key].append((weekly, starts_on))
        names[key] = f"{first} {last}".strip()
    out = []
    for team in teams:
        so_far, projected = committed(by_team[team.pk], today=today)
        deciders = []
        for key in sorted(k for k in by_decider if k[0] == team.pk):
            d_so_far, d_projected = committed(by_decider[key], today=today)
            deciders.append(
                {
                    "name": names[key],
                    "route": Decision.Route(key[2]).label,
                    "budgets": len(by_decider[key]),
                    "so_far": d_so_far,
                    "projected": d_projected,
                }
            )
        deciders.sort(key=lambda d: -d["projected"])
        out.append(
            {
                "team": team,
                "annual_budget": team.annual_budget,
                "budgets": len(by_team[team.pk]),
                "so_far": so_far,
                "projected": projected,
                "remaining": team.annual_budget - projected,
                "used_share": share(int(projected * 100), int(team.annual_budget * 100)),
                "deciders": deciders,
            }
        )
    start, end = financial_year(today)
    return {"teams": out, "year_start": start, "year_end": end, "today": today}


def numbers() -> dict:
    """Who decided plans (share by route), days from submission to decision (median and 90th
    percentile, by route) and what sent plans to the panel (by trigger)."""
    decided = Decision.objects.filter(
        status__in=[Decision.Status.APPROVED, Decision.Status.RETURNED]
    ).values_list("route", "status", "submitted_at", "decided_at")
    counts = {r: 0 for r in ROUTES}
    approved = {r: 0 for r in ROUTES}
    days = {r: [] for r in ROUTES}
    for route, status, submitted, decided_at in decided:
        counts[route] += 1
        approved[route] += status == Decision.Status.APPROVED
        if decided_at and submitted:
            days[route].append((decided_at - submitted).total_seconds() / 86400)
    total = sum(counts.values())
    routes = []
    for r in ROUTES:
        median, p90 = percentile(days[r], 50), percentile(days[r], 90)
        routes.append(
            {
                "route": r,
                "label": Decision.Route(r).label,
                "decided": counts[r],
                "approved": approved[r],
                "share": share(counts[r], total),
                "median_days": None if median is None else round(median, 1),
                "p90_days": None if p90 is None else round(p90, 1),
            }
        )
    by_trigger: dict[str, int] = defaultdict(int)
    panel = Decision.objects.filter(route=Decision.Route.PANEL).exclude(
        status=Decision.Status.REFERRED
    )
    for triggers in panel.values_list("triggers", flat=True):
        for t in triggers or ["(none recorded)"]:
            by_trigger[t] += 1
    policy = rulepacks.delegation_policy()
    triggers = [
        {
            "code": code,
            "wording": policy.panel_triggers.get(code, code),
            "referrals": n,
        }
        for code, n in sorted(by_trigger.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return {
        "total": total,
        "routes": routes,
        "triggers": triggers,
        "panel_referrals": panel.count(),
    }
