"""Small SVG charts drawn on the server (no script): bars for one measure and a line for
another, month by month. Colours come from page.css through classes, so the page's
Content-Security-Policy needs no inline style. A missing value (hidden) draws nothing."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 40


@dataclass(frozen=True)
class Point:
    label: str
    bar: int | None
    line: int | None


def nice_top(value: int) -> int:
    """The axis' top: 1, 2 or 5 times a power of ten, at least ``value`` (and 5)."""
    top = 1
    while True:
        for step in (1, 2, 5):
            if top * step >= max(value, 5):
                return top * step
        top *= 10


def bars_and_line(points: list[Point], title: str, description: str, chart_id: str) -> str:
    top = nice_top(max([p.bar or 0 for p in points] + [p.line or 0 for p in points] + [0]))
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = inner_w / max(len(points), 1)

    def y(value: int) -> float:
        return TOP + inner_h - inner_h * value / top

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{chart_id}-t {chart_id}-d">',
             f'<title id="{chart_id}-t">{escape(title)}</title>',
             f'<desc id="{chart_id}-d">{escape(description)}</desc>']
    for step in range(5):
        value = top * step // 4
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
                     f'y1="{y(value):.1f}" y2="{y(value):.1f}"/>')
        parts.append(f'<text class="axis" x="{LEFT - 6}" y="{y(value) + 4:.1f}" '
                     f'text-anchor="end">{value}</text>')
    line: list[str] = []
    for index, point in enumerate(points):
        x = LEFT + slot * index
        if point.bar is not None:
            parts.append(f'<rect class="bar" x="{x + slot * 0.15:.1f}" y="{y(point.bar):.1f}" '
                         f'width="{slot * 0.7:.1f}" height="{y(0) - y(point.bar):.1f}"/>')
        if point.line is not None:
            line.append(f"{x + slot / 2:.1f},{y(point.line):.1f}")
        parts.append(f'<text class="axis" x="{x + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                     f'text-anchor="middle">{escape(point.label)}</text>')
    if len(line) > 1:
        parts.append(f'<polyline class="line" points="{" ".join(line)}"/>')
    parts += [f'<circle class="dot" cx="{c.split(",")[0]}" cy="{c.split(",")[1]}" r="3"/>'
              for c in line]
    parts.append("</svg>")
    return "".join(parts)
