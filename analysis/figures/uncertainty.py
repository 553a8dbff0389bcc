"""Uncertainty studies (tsunagu uncertainty; uncertainty_results.Uncertainty): P(breach) by fiscal
year, and fan charts of the busy hour across samples against its limit."""

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

import style

BAND_OUTER = "5–95%"    # labels of the fan's bands and line, also read by the tests
BAND_INNER = "25–75%"
MEDIAN = "median"
LIMIT = "limit"
FAN_COLOUR = style.OKABE_ITO[4]   # blue
LIMIT_COLOUR = style.OKABE_ITO[5]  # vermillion
UNSTABLE = "unstable (∞)"
LOG_SPAN = 20.0   # a response axis spanning more than this factor is drawn on a log scale


def quantile_columns(levels):
    """Indices of the 5, 25, 50, 75 and 95% levels in uncertainty/quantile_levels."""
    want = (0.05, 0.25, 0.5, 0.75, 0.95)
    found = [int(np.argmin(np.abs(levels - w))) for w in want]
    if not np.allclose(levels[found], want):
        raise ValueError(f"the file's quantile levels {levels} lack one of {want}")
    return found


def bit_rate_scale(max_bps):
    for divisor, unit in ((1e12, "Tbit/s"), (1e9, "Gbit/s"), (1e6, "Mbit/s"), (1e3, "kbit/s")):
        if max_bps >= divisor:
            return divisor, unit
    return 1.0, "bit/s"


def _year_axis(ax, u):
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"FY{int(v)}"))
    if len(u.fiscal_years) > 6:
        for label in ax.get_xticklabels():
            label.set_rotation(45)
            label.set_ha("right")
    ax.set_xlim(u.fiscal_years[0] - 0.3, u.fiscal_years[-1] + 0.3)


def breach_probability(u, links=4, pools=4):
    """P(breach) of the top `links` links (solid) and `pools` pools (dashed) by fiscal year, each
    point with ±1 standard error, sqrt(p (1 - p) / N). Elements are ranked as in
    Uncertainty.ranked; a panel says so when no element breaches in any sample."""
    fig, ax = plt.subplots(layout="constrained", figsize=(9.0, 4.6))
    years = u.fiscal_years
    series = [(u.links["name"][i], u.links["p_breach"][i], u.links["p_breach_se"][i], "-", "o")
              for i in u.ranked("links", links)]
    series += [(u.pools["name"][i], u.pools["p_miss"][i], u.pools["p_miss_se"][i], "--", "s")
               for i in u.ranked("pools", pools)]
    series = [s for s in series if s[1].max(initial=0) > 0]
    if not series:
        style.no_data(ax, f"No link breaches and no pool misses its level in any of the "
                          f"{u.samples:,} samples, in any fiscal year")
        ax.set_title(f"{u.label}: P(breach) by fiscal year")
        return fig
    for k, (name, p, se, line, marker) in enumerate(series):
        colour = style.OKABE_ITO[k % len(style.OKABE_ITO)]
        ax.errorbar(years, p, yerr=se, color=colour, linestyle=line, marker=marker, markersize=5,
                    capsize=3, linewidth=1.4, label=name)
    ax.set_ylim(-0.02, 1.02)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.1f}"))
    _year_axis(ax, u)
    ax.set_xlabel("Fiscal year (April–March)")
    ax.set_ylabel(f"P(breach): share of the {u.samples:,} samples")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(title="links (solid), pools (dashed)", loc="upper left",
              bbox_to_anchor=(1.02, 1.0), frameon=False)
    ax.set_title(f"{u.label}: P(breach) by fiscal year, ±1 standard error")
    return fig


def _two_and_five(v, _):
    """Labels of the minor ticks 2 and 5 of each decade of a log axis."""
    if v <= 0:
        return ""
    return f"{v:g}" if round(v / 10 ** math.floor(math.log10(v) + 1e-9)) in (2, 5) else ""


def _fan(ax, years, q, limit, scale, cols):
    """Draws one fan: bands between the 5/95 and 25/75% columns of q, the median, the limit."""
    c05, c25, c50, c75, c95 = cols
    ax.fill_between(years, q[:, c05] / scale, q[:, c95] / scale, color=FAN_COLOUR, alpha=0.22,
                    linewidth=0, label=BAND_OUTER)
    ax.fill_between(years, q[:, c25] / scale, q[:, c75] / scale, color=FAN_COLOUR, alpha=0.45,
                    linewidth=0, label=BAND_INNER)
    ax.plot(years, q[:, c50] / scale, color=FAN_COLOUR, linewidth=1.6, marker="o", markersize=3,
            label=MEDIAN)
    if limit is not None:
        ax.step(years, limit / scale, where="mid", color=LIMIT_COLOUR, linestyle="--",
                linewidth=1.2, label=LIMIT)


def _panels(n, columns=2):
    cols = min(columns, n)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, layout="constrained", squeeze=False,
                             figsize=(max(5.0 * cols + 1.6, 9.0), 3.3 * rows + 0.5))
    flat = list(axes.flat)
    for ax in flat[n:]:
        ax.set_axis_off()
    return fig, flat[:n]


def load_fan(u, n=4):
    """One panel per link of the top `n` (Uncertainty.ranked): its busy-hour load in each fiscal
    year across the samples (5–95% and 25–75% bands, the median) against its limit, the
    utilisation target of the capacity it is judged with (dashed)."""
    rows = u.ranked("links", n)
    if not rows:
        fig, ax = plt.subplots(layout="constrained", figsize=(6, 3))
        style.no_data(ax, "No link carries load in any sample")
        ax.set_title(f"{u.label}: busy-hour load across samples")
        return fig
    cols = quantile_columns(u.quantile_levels)
    fig, axes = _panels(len(rows))
    for ax, i in zip(axes, rows):
        q, limit = u.links["busy_quantiles"][i], u.links["limit"][i]
        scale, unit = bit_rate_scale(max(float(q.max()), float(limit.max())))
        _fan(ax, u.fiscal_years, q, limit, scale, cols)
        ax.set_ylim(0, max(float(q.max()), float(limit.max())) / scale * 1.1)
        _year_axis(ax, u)
        ax.set_ylabel(f"Busy-hour load ({unit})")
        ax.set_title(f"{u.links['name'][i]}\nP(breach) up to {u.links['p_breach'][i].max():.2f}",
                     fontsize=9.5, loc="left")
        ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
    axes[0].legend(loc="upper left", frameon=False, fontsize=8)
    fig.suptitle(f"{u.label}: busy-hour load of the links most likely to breach, across "
                 f"{u.samples:,} samples")
    return fig


def response_fan(u, n=4):
    """One panel per pool of the top `n`: the response at its target percentile at the busy
    hour, across samples, against the target (dashed); on a log scale when it spans more than
    LOG_SPAN. Samples in which the pool is unstable have an infinite response: a band that
    reaches them is drawn to the top of the panel and marked with a triangle there."""
    rows = u.ranked("pools", n)
    if not rows:
        fig, ax = plt.subplots(layout="constrained", figsize=(6, 3))
        style.no_data(ax, "No server pool has arrivals in any sample")
        ax.set_title(f"{u.label}: response across samples")
        return fig
    cols = quantile_columns(u.quantile_levels)
    fig, axes = _panels(len(rows))
    for ax, i in zip(axes, rows):
        q = u.pools["at_target_quantiles"][i].copy()
        target = float(u.pools["target_response"][i])
        finite = q[np.isfinite(q)]
        top = max(float(finite.max(initial=0)), target) * 1.15 or 1.0
        unstable = ~np.isfinite(q[:, cols[-1]])
        q[~np.isfinite(q)] = top
        limit = np.full(len(u.fiscal_years), target) if target > 0 else None
        _fan(ax, u.fiscal_years, q, limit, 1.0, cols)
        if unstable.any():
            ax.plot(u.fiscal_years[unstable], np.full(int(unstable.sum()), top), linestyle="none",
                    marker="^", color=LIMIT_COLOUR, markersize=7, label=UNSTABLE)
        # Zoomed on the band and the target: the response moves little until it breaks.
        low = min(float(finite.min(initial=top)), target if target > 0 else top)
        ax.set_ylim(low * 0.9, top * 1.05)
        if low > 0 and top / low > LOG_SPAN:   # near instability the response soars
            ax.set_yscale("log")
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
            ax.yaxis.set_minor_formatter(FuncFormatter(_two_and_five))
        _year_axis(ax, u)
        ax.set_ylabel("Response at the target percentile (s)")
        ax.set_title(f"{u.pools['name'][i]} ({u.pools['level'][i]})\nP(miss) up to "
                     f"{u.pools['p_miss'][i].max():.2f}", fontsize=9.5, loc="left")
        ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
        ax.legend(loc="upper left", frameon=False, fontsize=8)
    fig.suptitle(f"{u.label}: response of the pools most likely to miss their level, across "
                 f"{u.samples:,} samples")
    return fig
