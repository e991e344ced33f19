"""Charts of a back-test as inline SVG, drawn on the server (no JavaScript), each with the table a
screen reader reads instead: predicted against agreed, and the error by group."""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from xml.sax.saxutils import escape, quoteattr

from clearpath.insight.raslab.report import signed_pct
from domain.money import format_money
from domain.raslab import NOT_RECORDED, LabResult

MAX_DOTS = 2000  # a scatter with more dots is no clearer, only heavier
BLUE, BLACK, GREY = "#1d70b8", "#0b0c0c", "#505a5f"
FONT = 'font-family="GDS Transport, arial, sans-serif"'


@dataclass(frozen=True)
class Chart:
    """An SVG chart, its short description, and the same facts as a table."""

    svg: str
    label: str
    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    text_columns: int = 1  # the columns before these are words; the rest are numbers


def _nice_top(value: Decimal) -> Decimal:
    """The axis end: 1, 2 or 5 times a power of ten, at or above `value`."""
    if value <= 0:
        return Decimal(10)
    power = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= power * step:
            return power * step
    return value.to_integral_value(ROUND_CEILING)


def _median(values: list[Decimal]) -> Decimal:
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def scatter(result: LabResult) -> Chart:
    """Each case as a dot, agreed weekly cost across and predicted up, with the line where the
    two are equal. The table gives the same picture in bands of agreed cost."""
    cases = result.cases
    top = _nice_top(max(max(c.agreed for c in cases), max(c.predicted for c in cases)))
    left, pad, plot = 72, 16, 400

    def x(v: Decimal) -> float:
        return left + float(v / top) * plot

    def y(v: Decimal) -> float:
        return pad + plot - float(v / top) * plot

    step = max(1, -(-len(cases) // MAX_DOTS))  # rounded up, so never more than MAX_DOTS
    shown = cases[::step]
    parts = [
        f'<line x1="{x(Decimal(0)):.1f}" y1="{y(Decimal(0)):.1f}" x2="{x(top):.1f}" '
        f'y2="{y(top):.1f}" stroke="{GREY}" stroke-width="2" stroke-dasharray="6 4"/>'
    ]
    for i in range(6):
        tick = top * i / 5
        parts.append(
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{left + plot}" y2="{y(tick):.1f}" '
            f'stroke="#b1b4b6" stroke-width="0.5"/>'
            f'<text x="{left - 6}" y="{y(tick) + 5:.1f}" text-anchor="end" font-size="14" '
            f'{FONT} fill="{BLACK}">£{tick:,.0f}</text>'
            f'<text x="{x(tick):.1f}" y="{pad + plot + 20}" text-anchor="middle" font-size="14" '
            f'{FONT} fill="{BLACK}">£{tick:,.0f}</text>'
        )
    parts.extend(
        f'<circle cx="{x(c.agreed):.1f}" cy="{y(c.predicted):.1f}" r="3.5" fill="{BLUE}" '
        f'fill-opacity="0.6"/>'
        for c in shown
    )
    parts.append(
        f'<text x="{left + plot / 2:.0f}" y="{pad + plot + 46}" text-anchor="middle" '
        f'font-size="15" {FONT} fill="{BLACK}">Agreed weekly cost</text>'
        f'<text x="16" y="{pad + plot / 2:.0f}" text-anchor="middle" font-size="15" {FONT} '
        f'fill="{BLACK}" transform="rotate(-90 16 {pad + plot / 2:.0f})">Predicted weekly</text>'
    )
    sample = f" (1 case in every {step} is drawn)" if step > 1 else ""
    label = (
        f"Scatter chart of predicted against agreed weekly cost for {len(cases):,} cases"
        f"{sample}, for {result.model_ref}. Dots above the dashed line were predicted more than "
        f"was agreed; dots below it, less. The table below gives the same figures."
    )
    bands = 5
    width = top / bands
    rows = []
    for i in range(bands):
        low, high = width * i, width * (i + 1)
        inside = [
            c for c in cases if low <= c.agreed < high or (i == bands - 1 and c.agreed == high)
        ]
        if not inside:
            continue
        rows.append(
            (
                f"{format_money(low)} to {format_money(high)}",
                f"{len(inside):,}",
                format_money(_median([c.predicted for c in inside])),
                signed_pct(_median([c.error_pct for c in inside])),
            )
        )
    return Chart(
        svg=_svg(left + plot + pad + 24, pad + plot + 56, label, parts, viewbox_x=0),
        label=label,
        caption=f"Predicted against agreed weekly cost, by agreed cost ({result.model_ref})",
        head=("Agreed weekly cost", "Cases", "Median predicted", "Median error"),
        rows=tuple(rows),
    )


def errors_by_group(result: LabResult) -> Chart | None:
    """A bar for each group: half its cases are within this % of what was agreed. None when the
    file had no group columns."""
    groups = result.groups
    if not groups:
        return None
    top = _nice_top(max((g.median_abs_error_pct for g in groups), default=Decimal(0)))
    width, left, bar, gap = 380, 8, 16, 14
    row_h = bar + gap + 16
    parts, y = [], 8
    for heading in dict.fromkeys(g.heading for g in groups):
        parts.append(
            f'<text x="{left}" y="{y + 14}" font-size="15" font-weight="bold" {FONT} '
            f'fill="{BLACK}">{escape(heading)}</text>'
        )
        y += 26
        for g in (g for g in groups if g.heading == heading):
            length = float(g.median_abs_error_pct / top) * (width - left - 70)
            parts.append(
                f'<text x="{left}" y="{y + 12}" font-size="14" {FONT} fill="{BLACK}">'
                f"{escape(_short(g.value))} ({g.cases:,})</text>"
                f'<rect x="{left}" y="{y + 18}" width="{max(length, 1):.1f}" height="{bar}" '
                f'fill="{GREY if g.value == NOT_RECORDED else BLUE}"/>'
                f'<text x="{left + max(length, 1) + 6:.1f}" y="{y + 31}" font-size="14" {FONT} '
                f'fill="{BLACK}">{g.median_abs_error_pct}%</text>'
            )
            y += row_h
        y += 8
    label = (
        f"Bar chart of the median error for each group of people, for {result.model_ref}: "
        "a longer bar means predictions further from what was agreed. "
        "The table below gives the same figures."
    )
    rows = tuple(
        (
            g.heading,
            g.value,
            f"{g.cases:,}",
            f"{g.median_abs_error_pct}%",
            f"{g.under_funded_pct}%",
            f"{g.over_funded_pct}%",
        )
        for g in groups
    )
    return Chart(
        svg=_svg(width, y, label, parts, viewbox_x=0),
        label=label,
        caption=f"Median error by group ({result.model_ref})",
        head=("Group", "Value", "Cases", "Median error", "Under-funded", "Over-funded"),
        rows=rows,
        text_columns=2,
    )


def _short(text: str, most: int = 40) -> str:
    """A label short enough for the chart; the table beside it has it in full."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _svg(width: float, height: float, label: str, parts: list[str], *, viewbox_x: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label={quoteattr(label)} '
        f'viewBox="{viewbox_x} 0 {width:.0f} {height:.0f}" width="100%" '
        f'style="max-width:{width:.0f}px;height:auto" class="app-chart">'
        + "".join(parts)
        + "</svg>"
    )
