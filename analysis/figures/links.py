"""Link utilisation: an hourly heatmap of the busiest links over a window, and a ranking."""

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Patch

import style
from tsunagu_results import to_datetime

ROLES = ["backbone", "datacenter", "ix-port", "hub-uplink", "custom"]
WEEK = 168
MONDAY = np.datetime64("1970-01-05T00", "h")


def busiest_links(r, n=20, year=None):
    """Rows of the n links with the highest peak utilisation in fiscal year `year` (default:
    the last), busiest first; ties keep graph order."""
    col = -1 if year is None else list(r.fiscal_years).index(year)
    peak = r.links["peak_utilisation"][:, col] if len(r.links["name"]) else np.zeros(0)
    return np.argsort(-peak, kind="stable")[:n]


def busiest_week(r, rows, year=None):
    """Hour range [a, b) of the calendar week (Monday 00:00 to Sunday 24:00, Japan time) of
    fiscal year `year` (default: the last) in which the links `rows` have the highest summed
    hourly utilisation. Falls back to the whole year inside the horizon if no full week fits."""
    year = r.fiscal_years[-1] if year is None else year
    a, b = r.fiscal_year_hours(year)
    first = r.start_hour + a * np.timedelta64(1, "h")
    offset = int((MONDAY - first) // np.timedelta64(1, "h")) % WEEK
    starts = list(range(offset, b - a - WEEK + 1, WEEK))
    if not starts:
        return a, b
    if len(rows) == 0:
        return a + starts[0], a + starts[0] + WEEK
    util = r.link_utilisation(rows, a, b).astype(np.float64)
    hourly = util.sum(axis=0)
    sums = [hourly[s:s + WEEK].sum() for s in starts]
    best = starts[int(np.argmax(sums))]
    return a + best, a + best + WEEK


def utilisation_heatmap(r, n=20, window=None):
    """Links × hours of utilisation (busier direction, % of capacity) of the n busiest links of
    the last fiscal year over `window` (hour range; default the busiest week of that year)."""
    rows = busiest_links(r, n)
    a, b = window if window is not None else busiest_week(r, rows)
    fig, ax = plt.subplots(figsize=(10, 1.9 + 0.26 * max(len(rows), 3)), layout="constrained")
    if len(rows) == 0 or b <= a:
        style.no_data(ax, "No infrastructure links in these results")
        ax.set_title(f"{r.label}: hourly link utilisation")
        return fig
    u = r.link_utilisation(rows, a, b).astype(np.float64) * 100
    t0 = mdates.date2num(to_datetime(r.start_hour + a * np.timedelta64(1, "h")))
    t1 = mdates.date2num(to_datetime(r.start_hour + b * np.timedelta64(1, "h")))
    top = float(u.max()) if u.max() > 0 else 1e-9
    im = ax.imshow(u, aspect="auto", interpolation="nearest", cmap=style.SEQUENTIAL, vmin=0,
                   vmax=top, extent=(t0, t1, len(rows) - 0.5, -0.5))
    ax.set_yticks(np.arange(len(rows)), [r.links["name"][i] for i in rows], fontsize=8)
    ax.xaxis_date()
    days = (b - a) / 24
    ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, int(np.ceil(days / 10)))))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%a\n%Y-%m-%d"))
    ax.set_xlabel("Hour (Japan time, UTC+9)")
    ax.set_ylabel("Link (busiest first)")
    decimals = style.percent_decimals(top / 100)
    bar = fig.colorbar(im, ax=ax, format=style.percent_formatter(decimals), pad=0.01)
    label = "Utilisation of the busier direction\n(% of capacity, hourly mean)"
    target = r.utilisation_target * 100
    if target <= top:
        bar.ax.axhline(target, color="white", linewidth=2)
        label += f"; white line: {target:g}% target"
    bar.set_label(label)
    first = str(r.start_date + a // 24)
    last = str(r.start_date + (b - 1) // 24)
    ax.set_title(f"{r.label}: hourly utilisation of the {len(rows)} busiest links "
                 f"of FY{r.fiscal_years[-1]}, {first} – {last}")
    return fig


def busiest_links_bar(r, n=20):
    """Horizontal bars: the n links with the highest peak busy-hour utilisation over the whole
    horizon, busiest at the top, coloured by role; the utilisation target is marked."""
    names = r.links["name"]
    fig, ax = plt.subplots(figsize=(8.5, 1.6 + 0.3 * max(min(n, len(names)), 3)),
                           layout="constrained")
    if len(names) == 0:
        style.no_data(ax, "No infrastructure links in these results")
        return fig
    peak_all = r.links["peak_utilisation"]
    peak = peak_all.max(axis=1)
    year_of_peak = r.fiscal_years[peak_all.argmax(axis=1)]
    rows = np.argsort(-peak, kind="stable")[:n]
    roles = [r.links["role"][i] for i in rows]
    present = [x for x in ROLES if x in roles] + sorted({x for x in roles if x not in ROLES})
    colours = {role: style.OKABE_ITO[[4, 0, 2, 6, 5, 1, 3, 7][i % 8]]
               for i, role in enumerate(present)}
    y = np.arange(len(rows))
    values = peak[rows] * 100
    ax.barh(y, values, color=[colours[x] for x in roles], height=0.7)
    ax.set_yticks(y, [names[i] for i in rows], fontsize=8)
    ax.invert_yaxis()
    top = float(values.max()) if values.max() > 0 else 1e-9
    decimals = style.percent_decimals(top / 100)
    target = r.utilisation_target * 100
    xmax = top * 1.25
    if target <= top * 2:
        xmax = max(xmax, target * 1.1)
        ax.axvline(target, color="#D55E00", linestyle="--", linewidth=1.2)
        ax.text(target, -0.7, f"target {target:g}%", color="#D55E00", ha="center", va="bottom",
                fontsize=8)
    ax.set_xlim(0, xmax)
    for yi, v, i in zip(y, values, rows):
        ax.text(v + xmax * 0.005, yi, f" {v:.{decimals}f}% (FY{year_of_peak[i]})", va="center",
                fontsize=7)
    ax.xaxis.set_major_formatter(style.percent_formatter(decimals))
    xlabel = "Busy-hour utilisation, hourly mean, busier direction (% of capacity)"
    if target > xmax:
        xlabel += f"\nthe {target:g}% target is far beyond this scale"
    ax.set_xlabel(xlabel)
    ax.legend(handles=[Patch(color=colours[x], label=x) for x in present], title="Link role",
              loc="lower right", frameon=True)
    ax.set_title(f"{r.label}: the {len(rows)} busiest links, peak over "
                 f"FY{r.fiscal_years[0]}–FY{r.fiscal_years[-1]}")
    return fig
