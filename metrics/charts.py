"""Bar charts as plain data for an inline SVG template (no JavaScript, no CDN).

`bar_chart` lays out vertical bars, one group per label and one bar per
series; templates/metrics/_bar_chart.html draws it.
"""

import math

PALETTE = ["#1f5f8b", "#e07b24", "#3a9a5b", "#8e44ad"]


def _nice_max(value: int) -> int:
    """The smallest 4 x (1, 2, 3 or 5 x 10^k) at or above `value`, so that the
    four gridlines fall on round whole numbers."""
    magnitude = 1
    while True:
        for step in (1, 2, 3, 5):
            if 4 * step * magnitude >= value:
                return 4 * step * magnitude
        magnitude *= 10


def bar_chart(
    *,
    labels: list[str],
    series: list[tuple[str, list[int]]],
    title: str,
    width: int = 720,
    height: int = 260,
) -> dict:
    left, right, top, bottom = 48, 12, 12, 56
    plot_w = width - left - right
    plot_h = height - top - bottom
    peak = max([v for _, values in series for v in values] or [0])
    y_max = _nice_max(peak)
    groups = max(len(labels), 1)
    group_w = plot_w / groups
    bar_w = max(min(group_w * 0.8 / max(len(series), 1), 40), 1.5)
    bars = []
    for s_index, (name, values) in enumerate(series):
        for g_index, value in enumerate(values):
            h = plot_h * value / y_max if y_max else 0
            x = (
                left
                + g_index * group_w
                + (group_w - bar_w * len(series)) / 2
                + s_index * bar_w
            )
            bars.append(
                {
                    "x": round(x, 1),
                    "y": round(top + plot_h - h, 1),
                    "w": round(bar_w, 1),
                    "h": round(h, 1),
                    "value": value,
                    "label": labels[g_index] if g_index < len(labels) else "",
                    "series": name,
                    "colour": PALETTE[s_index % len(PALETTE)],
                }
            )
    ticks = [
        {"value": y_max * i // 4, "y": round(top + plot_h - plot_h * i / 4, 1)}
        for i in range(5)
    ]
    # Label every group when they fit, otherwise every n-th.
    every = max(1, math.ceil(groups / 12))
    x_labels = [
        {
            "text": label,
            "x": round(left + i * group_w + group_w / 2, 1),
            "y": top + plot_h + 16,
        }
        for i, label in enumerate(labels)
        if i % every == 0
    ]
    return {
        "title": title,
        "width": width,
        "height": height,
        "left": left,
        "right_edge": width - right,
        "baseline": top + plot_h,
        "bars": bars,
        "ticks": ticks,
        "x_labels": x_labels,
        "legend": [
            {"name": name, "colour": PALETTE[i % len(PALETTE)]}
            for i, (name, _) in enumerate(series)
        ],
    }


def share_bars(rows: list[tuple[str, int]]) -> list[dict]:
    """Rows for a table with proportional bars (percent of the largest)."""
    peak = max([n for _, n in rows] or [0])
    return [
        {"label": label, "count": n, "percent": round(100 * n / peak) if peak else 0}
        for label, n in rows
    ]
