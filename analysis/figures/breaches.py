"""First-breach timeline: when each link and pool first misses its target, on a date axis."""

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

import style
from tsunagu_results import to_datetime

LINK_COLOUR = "#D55E00"
POOL_COLOUR = "#0072B2"


def _fy_span(year):
    return (to_datetime(np.datetime64(f"{year}-04-01T00", "h")),
            to_datetime(np.datetime64(f"{year + 1}-04-01T00", "h")))


def no_breach_message(r):
    return (f"No breaches: no link exceeds {r.utilisation_target:.0%} of its capacity in any "
            f"hour and every server pool meets its target,\nFY{r.fiscal_years[0]}–"
            f"FY{r.fiscal_years[-1]}")


def breach_timeline(results, max_rows=30):
    """One panel per results file. A link's first breach is a diamond at its hour; a pool's is
    a bar over the fiscal year whose busy hour first misses the target. Earliest at the top."""
    rows_per = []
    for r in results:
        n = len(r.link_breaches()) + len(r.pool_breaches())
        rows_per.append(min(n, max_rows) if n else 2)
    heights = [max(1.6, 0.28 * n + 1.0) for n in rows_per]
    fig, axes = plt.subplots(len(results), 1, squeeze=False, layout="constrained",
                             figsize=(10, sum(heights) + 0.4), height_ratios=heights)
    for ax, r in zip(axes[:, 0], results):
        links, pools = r.link_breaches(), r.pool_breaches()
        if not links and not pools:
            style.no_data(ax, no_breach_message(r))
            ax.set_title(f"{r.label}: first breaches — none", loc="left")
            continue
        items = [("link", name, to_datetime(t), None) for name, t in links]
        items += [("pool", name, _fy_span(fy)[0], fy) for name, fy in pools]
        items.sort(key=lambda x: (x[2], x[0], x[1]))
        hidden = len(items) - max_rows
        items = items[:max_rows]
        y_link = [y for y, it in enumerate(items) if it[0] == "link"]
        if y_link:
            ax.plot([items[y][2] for y in y_link], y_link, linestyle="none", marker="D",
                    markersize=7, color=LINK_COLOUR, label="link: first hour above target")
        y_pool = [y for y, it in enumerate(items) if it[0] == "pool"]
        if y_pool:
            spans = [_fy_span(items[y][3]) for y in y_pool]
            ax.barh(y_pool, [mdates.date2num(e) - mdates.date2num(s) for s, e in spans],
                    left=[mdates.date2num(s) for s, _ in spans], height=0.55,
                    color=POOL_COLOUR, alpha=0.75, label="pool: first fiscal year missing target")
        ax.set_yticks(range(len(items)), [f"{it[0]} {it[1]}" for it in items],
                      fontsize=8)
        ax.set_ylim(len(items) - 0.5, -0.5)
        ax.set_xlim(to_datetime(r.start_hour), to_datetime(r.end_hour))
        for year in r.fiscal_years[1:]:
            ax.axvline(_fy_span(year)[0], color="#dddddd", linewidth=0.8, zorder=0)
        ax.xaxis.set_major_locator(mdates.YearLocator(month=4, day=1))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
        ax.set_xlabel("Date of first breach (Japan time; grid lines at fiscal-year starts)")
        title = f"{r.label}: first breaches — {len(links)} link(s), {len(pools)} pool(s)"
        if hidden > 0:
            title += f" (the {hidden} latest not shown)"
        ax.set_title(title, loc="left")
        handles = []
        if y_link:
            handles.append(Line2D([], [], linestyle="none", marker="D", color=LINK_COLOUR,
                                  label=f"link: first hour above {r.utilisation_target:.0%}"))
        if y_pool:
            handles.append(Patch(color=POOL_COLOUR, alpha=0.75,
                                 label="pool: first fiscal year missing its target"))
        ax.legend(handles=handles, loc="lower right", fontsize=8)
    return fig
