"""A small log-scale line chart as inline SVG (no scripts, no external resources).

>>> svg = line_chart([Series("a", "#c00", [(1, 1e-2), (2, 1e-5)])], "ops", "error")
>>> svg.startswith("<svg") and "1e-05" in svg
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Series:
    """One line: a label, a colour, its points (x, y > 0); dashed or drawn thick."""

    label: str
    color: str
    points: list[tuple[float, float]] = field(default_factory=list)
    dashed: bool = False
    thick: bool = False


def line_chart(series: list[Series], x_label: str, y_label: str, *, width: int = 760,
               height: int = 440, log_y: bool = True) -> str:
    """The chart as an ``<svg>`` element: integer x ticks, powers of ten on a log y axis."""
    pts = [(x, y) for s in series for x, y in s.points if y > 0 and math.isfinite(y)]
    if not pts:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40">' \
               '<text x="10" y="25">no data</text></svg>'
    left, right, top, bottom = 70, 190, 20, 50
    xs = [x for x, _ in pts]
    x0, x1 = min(xs), max(xs)
    x1 = x1 if x1 > x0 else x0 + 1
    f = (lambda v: math.log10(v)) if log_y else (lambda v: v)
    ys = [f(y) for _, y in pts]
    y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
    y1 = y1 if y1 > y0 else y0 + 1
    pw, ph = width - left - right, height - top - bottom

    def px(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * pw

    def py(y: float) -> float:
        return top + (y1 - f(y)) / (y1 - y0) * ph

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>']
    step = max(1, (y1 - y0) // 12)
    for e in range(y0, y1 + 1, step):
        yy = top + (y1 - e) / (y1 - y0) * ph
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{yy:.1f}" y2="{yy:.1f}" '
                   'stroke="#eee"/>')
        label = f"1e{e:+03d}".replace("+", "") if log_y else f"{e:g}"
        out.append(f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end">{label}</text>')
    for xt in range(math.ceil(x0), math.floor(x1) + 1):
        out.append(f'<text x="{px(xt):.1f}" y="{top + ph + 18}" text-anchor="middle">{xt}</text>')
    out.append(f'<text x="{left + pw / 2:.1f}" y="{height - 10}" text-anchor="middle">'
               f'{escape(x_label)}</text>')
    out.append(f'<text transform="translate(16,{top + ph / 2:.1f}) rotate(-90)" '
               f'text-anchor="middle">{escape(y_label)}</text>')
    for k, s in enumerate(series):
        sp = [(x, y) for x, y in s.points if y > 0 and math.isfinite(y)]
        style = f'stroke="{s.color}" stroke-width="{3 if s.thick else 1.5}" fill="none"'
        if s.dashed:
            style += ' stroke-dasharray="5,4"'
        if sp:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in sp)
            out.append(f'<polyline points="{path}" {style}><title>{escape(s.label)}</title>'
                       '</polyline>')
            for x, y in sp:
                out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="{4 if s.thick else 3}" '
                           f'fill="{s.color}"><title>{escape(s.label)}: {x:g} ops, {y:.3g}'
                           '</title></circle>')
        ly = top + 14 + 18 * k
        lx = left + pw + 14
        out.append(f'<line x1="{lx}" x2="{lx + 24}" y1="{ly - 4}" y2="{ly - 4}" {style}/>')
        out.append(f'<text x="{lx + 30}" y="{ly}">{escape(s.label)}</text>')
    out.append("</svg>")
    return "\n".join(out)
