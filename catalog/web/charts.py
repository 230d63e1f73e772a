"""Charts as inline SVG, drawn at build time: no chart script, readable on a 412 px phone and on paper.

Each chart is 360 units wide, about its width on a phone, so 12-unit text reads as about 12 px there;
the page keeps charts from growing much wider on a desktop. A chart is an image (`role="img"` with a
title): its numbers are in the table beside it, which is what a screen reader reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from catalog.fmt import LEGAL_LABELS, MONTHS
from catalog.web.stats import MonthCount, Statistics

WIDTH = 360
BAR = 13  # height of a bar
GAP = 4  # between the bars of a group
GROUP_GAP = 10  # above each group after the first
HEADING = 17  # a group's heading line
VALUE_SPACE = 70  # room right of the longest bar for its number
LABEL_CHARS = 20  # longer labels are cut with "…" in the chart; the table has them whole
SHADES = 4  # map classes above zero


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # written at the bar's end
    series: int = 0  # colour: 0 dark, 1 light, 2 the group's total


@dataclass(frozen=True)
class Group:
    label: str | None
    bars: list[Bar]


def _text(x: float, y: float, text: str, css: str, anchor: str = "start") -> str:
    anchor_attr = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text class="{css}" x="{x:g}" y="{y:g}"{anchor_attr}>{escape(text)}</text>'


def _cut(label: str, chars: int = LABEL_CHARS) -> str:
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def _svg(title: str, title_id: str, height: float, parts: list[str]) -> str:
    return (f'<svg class="rk-chart" viewBox="0 0 {WIDTH} {math.ceil(height)}" role="img" '
            f'aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{title_id}">{escape(title)}</title>' + "".join(parts) + "</svg>")


def _legend(names: list[tuple[str, int]], y: float) -> list[str]:
    """A line of coloured squares naming the series (name, colour), from the left edge."""
    parts, x = [], 0.0
    for name, series in names:
        parts.append(f'<rect class="rk-chart__bar rk-chart__bar--{series}" x="{x:g}" y="{y - 10:g}" '
                     'width="11" height="11"/>')
        parts.append(_text(x + 15, y, name, "rk-chart__label"))
        x += 15 + 7 * len(name) + 14
    return parts


def bar_chart(title: str, title_id: str, groups: list[Group], top: float, label_width: int = 130,
              legend: list[tuple[str, int]] | None = None) -> str:
    """Horizontal bars in groups, each bar `value / top` of the bar area long, its text at its end."""
    parts = _legend(legend, 11) if legend else []
    y = 22.0 if legend else 0.0
    span = WIDTH - label_width - VALUE_SPACE
    for index, group in enumerate(groups):
        if index:
            y += GROUP_GAP
        if group.label:
            parts.append(_text(0, y + 12, _cut(group.label, 40), "rk-chart__group"))
            y += HEADING
        first = y
        for bar in group.bars:
            length = span * bar.value / top if top > 0 else 0
            parts.append(_text(label_width - 6, y + 10.5, _cut(bar.label), "rk-chart__label", "end"))
            parts.append(f'<rect class="rk-chart__bar rk-chart__bar--{bar.series}" x="{label_width}" y="{y:g}" '
                         f'width="{max(length, 0.5):.1f}" height="{BAR}"/>')
            parts.append(_text(label_width + length + 4, y + 10.5, bar.text, "rk-chart__value"))
            y += BAR + GAP
        parts.append(f'<line class="rk-chart__axis" x1="{label_width}" y1="{first - 2:g}" '
                     f'x2="{label_width}" y2="{y - GAP + 2:g}"/>')
    return _svg(title, title_id, y, parts)


# --- Price ranges on a logarithmic axis: food at Rp10.000 and teak furniture at Rp3.000.000 on one line ---

@dataclass(frozen=True)
class Spread:
    label: str
    low: int
    middle: int
    high: int


def short_rupiah(amount: float) -> str:
    """Write an axis amount the short Indonesian way: `10 rb`, `1 jt`, `2,5 jt`."""
    for size, unit in ((1_000_000_000, "M"), (1_000_000, "jt"), (1_000, "rb")):
        if amount >= size:
            return f"{amount / size:g} {unit}".replace(".", ",")
    return f"{amount:g}"


def range_chart(title: str, title_id: str, spreads: list[Spread]) -> str:
    """Per row its label, then a line from lowest to highest price with a dot at the median, on a log axis."""
    low = 10 ** math.floor(math.log10(min(s.low for s in spreads)))
    high = 10 ** math.ceil(math.log10(max(s.high for s in spreads)))
    high = high * 10 if high == low else high
    left, right = 16, WIDTH - 16  # room for the first and last axis label, centred on their lines
    span = math.log10(high) - math.log10(low)

    def x(amount: float) -> float:
        return round(left + (right - left) * (math.log10(amount) - math.log10(low)) / span, 1)

    row = 36
    bottom = len(spreads) * row + 2
    parts = []
    decade = low
    while decade <= high:
        for step in (1, 2, 5):
            amount = decade * step
            if amount > high:
                break
            css = "rk-chart__grid" if step == 1 else "rk-chart__grid rk-chart__grid--minor"
            parts.append(f'<line class="{css}" x1="{x(amount)}" y1="0" x2="{x(amount)}" y2="{bottom}"/>')
        parts.append(_text(x(decade), bottom + 14, short_rupiah(decade), "rk-chart__tick", "middle"))
        decade *= 10
    for index, spread in enumerate(spreads):
        top = index * row
        line = top + 25
        parts.append(_text(left, top + 12, _cut(spread.label, 40), "rk-chart__group"))
        parts.append(f'<line class="rk-chart__range" x1="{x(spread.low)}" y1="{line}" '
                     f'x2="{x(spread.high)}" y2="{line}"/>')
        for end in (spread.low, spread.high):
            parts.append(f'<line class="rk-chart__range" x1="{x(end)}" y1="{line - 5}" x2="{x(end)}" y2="{line + 5}"/>')
        parts.append(f'<circle class="rk-chart__median" cx="{x(spread.middle)}" cy="{line}" r="4.5"/>')
    return _svg(title, title_id, bottom + 20, parts)


# --- Counts per month: two series side by side ---

def nice_step(top: float, lines: int = 4) -> int:
    """A round gridline step (1, 2, 5, 10, 20, …) giving at most `lines` lines up to `top`."""
    raw = max(top, 1) / lines
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return max(1, int(factor * magnitude))
    return int(10 * magnitude)


@dataclass(frozen=True)
class Column:
    label: str  # under the axis, where there is room ("" for none)
    year: str  # on the second line at a year's first column ("" elsewhere)
    values: tuple[int, ...]  # one per series


def column_chart(title: str, title_id: str, columns: list[Column], legend: list[tuple[str, int]]) -> str:
    """Vertical bars per column, one per series (named and coloured by `legend`), with round gridlines."""
    left, right, top_space, bottom_space = 26, 4, 24, 30
    height = 190
    plot_bottom = height - bottom_space
    top = max((v for c in columns for v in c.values), default=0)
    step = nice_step(top)
    top_line = step * math.ceil(max(top, 1) / step)
    slot = (WIDTH - left - right) / max(len(columns), 1)
    width = slot * 0.8 / len(legend)

    def y(value: float) -> float:
        return round(plot_bottom - (plot_bottom - top_space) * value / top_line, 1)

    parts = _legend(legend, 11)
    for value in range(0, top_line + 1, step):
        parts.append(f'<line class="rk-chart__grid" x1="{left}" y1="{y(value)}" x2="{WIDTH - right}" y2="{y(value)}"/>')
        parts.append(_text(left - 4, y(value) + 4, str(value), "rk-chart__tick", "end"))
    for index, column in enumerate(columns):
        x0 = left + index * slot + slot * 0.1
        for place, (value, (_, series)) in enumerate(zip(column.values, legend, strict=True)):
            if value:
                parts.append(f'<rect class="rk-chart__bar rk-chart__bar--{series}" x="{x0 + place * width:.1f}" '
                             f'y="{y(value)}" width="{width:.1f}" height="{plot_bottom - y(value):.1f}"/>')
        middle = left + (index + 0.5) * slot
        if column.label:
            parts.append(_text(middle, plot_bottom + 12, column.label, "rk-chart__tick", "middle"))
        if column.year:
            parts.append(_text(left + index * slot, plot_bottom + 26, column.year, "rk-chart__tick rk-chart__year"))
    return _svg(title, title_id, height, parts)


# --- Map shading: a few classes of equal width ---

@dataclass(frozen=True)
class Shade:
    low: int
    high: int
    css: str

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


def shades(top: int) -> list[Shade]:
    """Split 0 and 1…`top` into classes of equal width (at most SHADES above zero), darkest for the most."""
    if top <= SHADES:
        ranges = [(n, n) for n in range(1, top + 1)]
    else:
        edges = [round(i * top / SHADES) for i in range(SHADES + 1)]
        ranges = [(edges[i] + 1, edges[i + 1]) for i in range(SHADES)]
    return [Shade(0, 0, "rk-shade-0")] + [Shade(low, high, f"rk-shade-{round((i + 1) * SHADES / len(ranges))}")
                                          for i, (low, high) in enumerate(ranges)]


def shade_of(count: int, classes: list[Shade]) -> Shade:
    return next(s for s in classes if s.low <= count <= s.high)


def swatch(css: str) -> str:
    """A small coloured square for a legend (SVG, so it prints even without background colours)."""
    return (f'<svg class="rk-swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
            f'<rect class="{css}" width="10" height="10"/></svg>')


# --- The statistics page's charts, from its figures ---

def _count(n: int, what: str) -> str:
    return f"{n} {what}"


def statistics_charts(figures: Statistics) -> dict[str, str]:
    """Draw every chart of /statistik/ from its figures: {name: SVG}."""
    charts = {}
    categories = [Group(c.label, [Bar("UKM", c.ukms, _count(c.ukms, "UKM"), 1),
                                  Bar("Produk", c.products, _count(c.products, "produk"))])
                  for c in figures.categories]
    charts["kategori"] = bar_chart("Diagram batang: UKM dan produk per kategori", "grafik-kategori", categories,
                                   max((c.products for c in figures.categories), default=0), label_width=56)
    legality = [Group(f"{g.label} ({g.ukms} UKM)", [Bar(label, g.share(key), f"{g.percent(key)}%", 0 if i else 2)
                                                    for key, label in LEGAL_LABELS.items()])
                for i, g in enumerate(figures.legality) if g.ukms]  # a category no UKM sells in has no share
    charts["legalitas"] = bar_chart("Diagram batang: persentase UKM yang memiliki NIB, P-IRT, halal dan BPOM",
                                    "grafik-legalitas", legality, 1.0, label_width=56)
    if figures.prices:
        spreads = [Spread(p.label, p.lowest, p.median, p.highest) for p in figures.prices]
        charts["harga"] = range_chart("Diagram rentang harga per kategori: garis dari harga terendah ke tertinggi, "
                                      "titik di median", "grafik-harga", spreads)
    if figures.communities:
        communities = [Group(c.label, [Bar("UKM", c.ukms, _count(c.ukms, "UKM"), 1),
                                       Bar("Produk", c.products, _count(c.products, "produk"))])
                       for c in figures.communities]
        charts["komunitas"] = bar_chart("Diagram batang: UKM dan produk per komunitas", "grafik-komunitas",
                                        communities, max(c.products for c in figures.communities), label_width=56)
    if figures.additions.months:
        charts["bulan"] = column_chart("Diagram kolom: UKM dan produk baru per bulan", "grafik-bulan",
                                       month_columns(figures.additions.months), [("UKM baru", 1), ("Produk baru", 0)])
    return charts


def month_columns(months: list[MonthCount]) -> list[Column]:
    """One column per month; a month's name where there is room, the year under each year's first month."""
    # At most 8 month names fit on a phone's axis: name every month, or every 2nd, 3rd … (a divisor of 12,
    # so the same months are named each year).
    every = next((d for d in (1, 2, 3, 4, 6) if len(months) / d <= 8), 12)
    columns = []
    for index, month in enumerate(months):
        label = MONTHS[month.month.month - 1][:3] if (month.month.month - 1) % every == 0 else ""
        year = str(month.month.year) if index == 0 or month.month.month == 1 else ""
        columns.append(Column(label, year, (month.ukms, month.products)))
    return columns
