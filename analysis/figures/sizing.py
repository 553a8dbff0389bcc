"""Sizing results (tsunagu size): cost per fiscal year, and cost against performance of the
server counts the search visited for each pool."""

import math
import re

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, ScalarFormatter

import style

MILLION = 1e6
# The three parts of a fiscal year's cost, bottom to top: (sizing/years column, label, colour).
COST_PARTS = (("links_yearly_cost", "links (running)", style.OKABE_ITO[4]),
              ("servers_yearly_cost", "servers (running)", style.OKABE_ITO[0]),
              ("setup_cost", "set-up (one-off)", style.OKABE_ITO[2]))
ANALYTIC_COLOUR = style.OKABE_ITO[4]   # blue
FRONT_COLOUR = style.OKABE_ITO[4]
CHOSEN_COLOUR = style.OKABE_ITO[5]     # vermillion
DES_COLOUR = style.OKABE_ITO[6]        # reddish purple
TARGET_COLOUR = "#000000"
LOG_SPAN = 8.0   # a p99 axis spanning more than this factor is drawn on a log scale

_LEVEL = re.compile(r"p(\d+(?:\.\d+)?)\s*<=\s*(\d+(?:\.\d+)?(?:e[-+]?\d+)?)\s*(ms|s|min)\b")
_UNIT = {"ms": 1e-3, "s": 1.0, "min": 60.0}


def parse_level(level):
    """(percentile, seconds) of a level such as "p99 <= 2.8 s" or "p95 <= 3600 s, by the 10th
    24:00"; None when it names no response-time percentile ("utilisation")."""
    m = _LEVEL.search(level or "")
    if not m:
        return None
    return float(m.group(1)), float(m.group(2)) * _UNIT[m.group(3)]


def _millions(v, _):
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.3g}"


def _plain(v, _):
    return f"{v:g}"


def _plain_235(v, _):
    """Labels of the minor ticks 2, 3 and 5 of each decade of a log axis."""
    if v <= 0:
        return ""
    return f"{v:g}" if round(v / 10 ** math.floor(math.log10(v) + 1e-9)) in (2, 3, 5) else ""


def sizing_costs(s):
    """Stacked bars, one per fiscal year of sizing/years: links running, servers running and
    set-up, in ¥ million; the total above each bar."""
    y = s.years
    n = len(y["fiscal_year"])
    fig, ax = plt.subplots(layout="constrained", figsize=(max(5.5, 2.6 + 0.6 * n), 4.6))
    if n == 0:
        style.no_data(ax, "No fiscal years in sizing/years")
        ax.set_title(f"{s.label}: cost per fiscal year")
        return fig
    x = np.arange(n)
    bottom = np.zeros(n)
    for column, label, colour in COST_PARTS:
        values = y[column] / MILLION
        ax.bar(x, values, bottom=bottom, width=0.7, color=colour, linewidth=0, label=label)
        bottom += values
    total = y["total_cost"] / MILLION
    if n <= 16:
        for xi, t in zip(x, total):
            ax.text(xi, t, _millions(t, None), ha="center", va="bottom", fontsize=7.5)
    ax.set_xticks(x, [f"FY{v}" for v in y["fiscal_year"]], rotation=45 if n > 6 else 0,
                  ha="right" if n > 6 else "center")
    ax.set_xlabel("Fiscal year (April–March)")
    ax.set_ylabel("Cost per fiscal year (¥ million)")
    ax.yaxis.set_major_formatter(FuncFormatter(_millions))
    top = max(float(total.max(initial=0)), float(bottom.max(initial=0)))
    ax.set_ylim(0, top * 1.12 if top > 0 else 1)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], title="Cost", loc="upper left",
              bbox_to_anchor=(1.02, 1.0), frameon=False)   # top of the stack first
    ax.set_title(f"{s.label}: cost per fiscal year of the sized design")
    return fig


def frontier_elements(s, year):
    """The pools sized in fiscal year `year` that have visited options, in file order."""
    p, o = s.pools, s.options
    names = []
    for name, fy in zip(p["name"], p["fiscal_year"]):
        if fy == year and name not in names and np.any((o["element"] == name)
                                                       & (o["fiscal_year"] == year)):
            names.append(name)
    return names


def frontier_points(s, element, year):
    """Index arrays into sizing/options of one element and year: (analytic, des, pareto,
    chosen), each keeping only finite performance; pareto is sorted by cost, then p99."""
    o = s.options
    rows = np.flatnonzero((o["element"] == element) & (o["fiscal_year"] == year)
                          & np.isfinite(o["performance"]))
    analytic = rows[o["source"][rows] == "analytic"]
    des = rows[o["source"][rows] == "des"]
    pareto = rows[o["pareto"][rows] == 1]
    pareto = pareto[np.lexsort((o["performance"][pareto], o["yearly_cost"][pareto]))]
    chosen = rows[o["chosen"][rows] == 1]
    return analytic, des, pareto, chosen


def cost_performance_frontier(s, year=None, columns=3):
    """One panel per server pool sized in `year` (default: the last fiscal year with pools):
    yearly cost (x, ¥ million/year) against the end-to-end p99 (y, s) of every server count the
    search visited. Small circles: analytic options (hollow: misses the level); line: the
    Pareto front (options flagged pareto, any source); star: the chosen count (from
    sizing/pools when no visited option is flagged chosen); diamonds: DES checks; dashed
    line: the service's p99 target when its level is a p99 one. Options whose p99 is infinite
    (an unstable pool) are left out."""
    if year is None:
        years = s.pools["fiscal_year"]
        year = int(years.max()) if len(years) else None
    elements = frontier_elements(s, year) if year is not None else []
    if not elements:
        fig, ax = plt.subplots(layout="constrained", figsize=(6, 3))
        style.no_data(ax, "No server pools with visited options"
                      + (f" in FY{year}" if year is not None else ""))
        ax.set_title(f"{s.label}: cost–performance frontier of the server pools")
        return fig
    # The legend goes into a spare cell of the grid (beside a lone panel), or else into a low
    # row of its own underneath.
    cells = len(elements)
    cols = cells + 1 if cells < columns else columns
    nrows = math.ceil((cells + (cells < columns)) / cols)
    spare = nrows * cols - cells
    heights = [3.5] * nrows + ([] if spare else [0.9])
    fig = plt.figure(layout="constrained", figsize=(3.9 * cols + 0.6, sum(heights) + 0.5))
    grid = fig.add_gridspec(len(heights), cols, height_ratios=heights)
    flat = [fig.add_subplot(grid[i // cols, i % cols]) for i in range(cells)]
    key = fig.add_subplot(grid[nrows - 1, cols - spare:] if spare else grid[nrows, :])
    key.set_axis_off()
    o, p = s.options, s.pools
    legend = {}
    for ax, element in zip(flat, elements):
        analytic, des, pareto, chosen = frontier_points(s, element, year)
        cost, perf = o["yearly_cost"] / MILLION, o["performance"]
        meets = analytic[o["meets"][analytic] == 1]
        misses = analytic[o["meets"][analytic] != 1]
        if len(pareto):
            ax.plot(cost[pareto], perf[pareto], color=FRONT_COLOUR, linewidth=1.4, zorder=2,
                    label="Pareto front")
        if len(meets):
            ax.plot(cost[meets], perf[meets], linestyle="none", marker="o", markersize=4,
                    color=ANALYTIC_COLOUR, zorder=3, label="analytic option, meets the level")
        if len(misses):
            ax.plot(cost[misses], perf[misses], linestyle="none", marker="o", markersize=4,
                    markerfacecolor="white", markeredgecolor=ANALYTIC_COLOUR, zorder=3,
                    label="analytic option, misses the level")
        if len(des):   # hollow and above the star, so that both show where they meet
            ax.plot(cost[des], perf[des], linestyle="none", marker="D", markersize=8,
                    markerfacecolor="none", markeredgecolor=DES_COLOUR, markeredgewidth=1.6,
                    zorder=6, label="DES check (simulated p99)")
        row = np.flatnonzero((p["name"] == element) & (p["fiscal_year"] == year))
        stars = [(cost[i], perf[i], o["option"][i]) for i in chosen]
        if not stars and len(row) and np.isfinite(p["p99"][row[0]]):
            # the search did not record the chosen count among its options: take it from pools
            servers = int(p["servers"][row[0]])
            stars = [(p["yearly_cost"][row[0]] / MILLION, p["p99"][row[0]],
                      f"{servers} server{'s' if servers != 1 else ''} (sizing/pools)")]
        for x, y, text in stars:
            ax.plot([x], [y], linestyle="none", marker="*", markersize=14,
                    color=CHOSEN_COLOUR, markeredgecolor="black", markeredgewidth=0.5,
                    zorder=5, label="chosen")
            ax.annotate(text, (x, y), xytext=(6, 6), textcoords="offset points", fontsize=8,
                        color="#333333")
        level = p["level"][row[0]] if len(row) else ""
        target = parse_level(level)
        values = list(perf[np.r_[analytic, des]]) + [y for _, y, _ in stars]
        title = f"{element} (FY{year})\nlevel: {level or '–'}"
        if target and abs(target[0] - 99) < 1e-9:
            ax.axhline(target[1], color=TARGET_COLOUR, linestyle="--", linewidth=1, zorder=1,
                       label="target (p99)")
            values.append(target[1])
        elif target:
            title += f"\n(a p{target[0]:g} target: not drawn on the p99 axis)"
        positive = [v for v in values if v > 0]
        if positive and max(positive) / min(positive) > LOG_SPAN:
            ax.set_yscale("log")
            ax.yaxis.set_major_formatter(FuncFormatter(_plain))
            ax.yaxis.set_minor_formatter(FuncFormatter(_plain_235))
        else:
            ax.yaxis.set_major_formatter(ScalarFormatter(useOffset=False))
            lo, hi = (min(values), max(values)) if values else (0.0, 0.0)
            if values and hi - lo < 1e-3 * abs(hi):   # flat: the differences are noise
                ax.set_ylim((hi + lo) / 2 * 0.95, (hi + lo) / 2 * 1.05)
        if not values:
            style.no_data(ax, "every option visited has an unbounded p99")
        ax.margins(y=0.08)
        ax.set_title(title, fontsize=9.5, loc="left")
        ax.set_xlabel("Yearly cost (¥ million/year)")
        ax.set_ylabel("End-to-end p99 response (s)")
        ax.grid(color="#eeeeee", linewidth=0.6)
        ax.set_axisbelow(True)
        for h, lab in zip(*ax.get_legend_handles_labels()):
            legend.setdefault(lab, h)
    order = ["Pareto front", "analytic option, meets the level",
             "analytic option, misses the level", "DES check (simulated p99)", "chosen",
             "target (p99)"]
    labels = [lab for lab in order if lab in legend]
    key.legend([_legend_handle(legend[lab]) for lab in labels], labels,
               loc="center left" if spare else "center", ncol=1 if spare else 3,
               frameon=False, fontsize=8.5)
    fig.suptitle(f"{s.label}: cost–performance frontier of the server pools, FY{year}")
    return fig


def _legend_handle(artist):
    """A legend handle without the data (the figure legend copies the style only)."""
    return Line2D([], [], color=artist.get_color(), linestyle=artist.get_linestyle(),
                  linewidth=artist.get_linewidth(), marker=artist.get_marker(),
                  markersize=artist.get_markersize(),
                  markerfacecolor=artist.get_markerfacecolor(),
                  markeredgecolor=artist.get_markeredgecolor())
