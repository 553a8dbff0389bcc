"""Sensitivity results (tsunagu sensitivity): a tornado chart per headline figure and the
Morris mu*-sigma plane."""

import dataclasses
import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

import style

TOP = 15                        # bars per tornado
LOW_COLOUR = style.OKABE_ITO[4]    # blue: the figure with the input at its low value
HIGH_COLOUR = style.OKABE_ITO[5]   # vermillion: at its high value
BASE_COLOUR = "#000000"
LABELLED = 5                    # points named on each Morris panel


@dataclasses.dataclass
class Scale:
    """How a figure's values are shown: value / divisor, in `unit`."""
    divisor: float
    unit: str
    decimals: int

    def text(self, value):
        if not np.isfinite(value):
            return "∞"
        return f"{value / self.divisor:,.{self.decimals}f}"


def scale_of(units, values):
    """A readable scale for a figure in `units` ("JPY", "1", "servers", "s") over `values`."""
    finite = np.abs(np.asarray(values, dtype=float))
    finite = finite[np.isfinite(finite)]
    top = float(finite.max(initial=0))
    if units == "JPY":
        divisor, name = style.money_scale(top)
        return Scale(divisor, name, 1 if divisor > 1 else 0)
    if units == "1":
        return Scale(0.01, "%", style.percent_decimals(top) + 1)
    if units == "s":
        return Scale(1e-3, "ms", 1) if top < 1 else Scale(1.0, "s", 2)
    return Scale(1.0, units, 0)


@dataclasses.dataclass
class Bar:
    """One bar of a tornado: an input and the figure at its low and high values."""
    input: int      # row of sensitivity/inputs
    label: str      # the input's id
    values: str     # its low and high values, as varied
    at_low: float
    at_high: float
    left: float     # the bar's extent: the least and the most of at_low, base and at_high
    right: float
    swing: float


def _value(v, units):
    if units.startswith("JPY"):
        return f"¥{v:,.0f}{units[3:]}"
    if units == "s":
        return f"{v * 1e3:,.4g} ms" if v < 1 else f"{v:,.4g} s"
    if units == "B":
        return f"{v:,.0f} B"
    if units == "1":
        return f"{v:.4g}"
    return f"{v:,.4g} {units}"


def tornado_bars(s, name, top=TOP):
    """The bars of figure `name`'s tornado: the `top` inputs with the largest swing that move
    it, largest first."""
    e, i = s.effects, s.inputs
    base = float(s.figures["base"][s.figure_index(name)])
    bars = []
    for row in s.moving(name)[:top]:
        k = int(e["input"][row])
        lo, hi = float(e["at_low"][row]), float(e["at_high"][row])
        bars.append(Bar(k, i["id"][k], f"{_value(i['low'][k], i['units'][k])} … "
                        f"{_value(i['high'][k], i['units'][k])}", lo, hi,
                        min(lo, base, hi), max(lo, base, hi), float(e["swing"][row])))
    return bars


def _segments(bar, base):
    """(start, end, colour) of the two halves, the longer drawn first so both show."""
    halves = [(base, bar.at_low, LOW_COLOUR), (base, bar.at_high, HIGH_COLOUR)]
    return sorted(halves, key=lambda h: -abs(h[1] - h[0]) if np.isfinite(h[1]) else -np.inf)


def tornado(s, name, top=TOP):
    """Horizontal bars, one per input (the largest swing at the top): from the base value of
    the headline figure `name` to its value with the input at its low value (blue) and at its
    high value (vermillion); the dashed line is the base. An infinite end (an unstable pool)
    runs to the edge, marked ∞."""
    index = s.figure_index(name)
    label, units = s.figures["label"][index], s.figures["units"][index]
    base = float(s.figures["base"][index])
    bars = tornado_bars(s, name, top)
    fig, ax = plt.subplots(layout="constrained", figsize=(10, max(2.8, 0.42 * len(bars) + 1.8)))
    title = f"{s.label}: {label}" + (f" (FY{s.fiscal_year})" if "fiscal year" in label else "")
    if not bars:
        style.no_data(ax, f"No estimated input moves the {label}")
        ax.set_title(title, loc="left")
        return fig
    ends = [base] + [v for b in bars for v in (b.at_low, b.at_high)]
    scale = scale_of(units, ends)
    finite = [v for v in ends if np.isfinite(v)]
    lo, hi = min(finite), max(finite)
    pad = (hi - lo) * 0.08 or abs(base) * 0.05 or 1.0
    edge = hi + pad
    y = np.arange(len(bars))
    for yi, bar in zip(y, bars):
        for start, end, colour in _segments(bar, base):
            stop = end if np.isfinite(end) else edge
            ax.barh(yi, (stop - start) / scale.divisor, left=start / scale.divisor, height=0.64,
                    color=colour, linewidth=0)
            if not np.isfinite(end):
                ax.text(edge / scale.divisor, yi, " ∞", va="center", ha="left", fontsize=9)
    ax.axvline(base / scale.divisor, color=BASE_COLOUR, linestyle="--", linewidth=1.0)
    ax.set_yticks(y, [f"{b.label}\n{b.values}" for b in bars], fontsize=7.5)
    ax.set_ylim(len(bars) - 0.5, -0.5)
    ax.set_xlim((lo - pad) / scale.divisor, (edge + pad) / scale.divisor)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.{scale.decimals}f}"))
    ax.set_xlabel(f"{label[0].upper()}{label[1:]} ({scale.unit})")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    handles = [Patch(color=LOW_COLOUR, label="input at its low value"),
               Patch(color=HIGH_COLOUR, label="input at its high value"),
               Line2D([], [], color=BASE_COLOUR, linestyle="--",
                      label=f"base: {scale.text(base)} {scale.unit}")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              fontsize=8)
    moving = len(s.moving(name))
    ax.set_title(f"{title}\nthe {len(bars)} of {moving} inputs that move it most, each from its "
                 f"low to its high value", loc="left", fontsize=10)
    return fig


def morris_points(s, name):
    """Rows of the effects table for figure `name` that Morris screened, by mu*, largest
    first."""
    e = s.effects
    rows = s.ranked(name)
    rows = rows[np.isfinite(e["mu_star"][rows])]
    return rows[np.argsort(-e["mu_star"][rows], kind="stable")]


def morris_plane(s, columns=3):
    """One panel per headline figure: mu* (the mean absolute change of the figure over each
    input's whole range, x) against sigma (the spread of those changes, y) of every input Morris
    screened; the five largest mu* above 0 are named. Above the dashed line sigma = mu* the effect
    depends on where the other inputs are (curvature or interactions)."""
    names = list(s.figures["name"])
    trajectories = int(s.study.get("morris_trajectories", 0))
    if trajectories == 0 or not any(len(morris_points(s, n)) for n in names):
        fig, ax = plt.subplots(layout="constrained", figsize=(6, 2.6))
        style.no_data(ax, "Morris screening was not run (tsunagu sensitivity --morris 0)"
                      if trajectories == 0 else "Morris screened no input")
        ax.set_title(f"{s.label}: Morris screening", loc="left")
        return fig
    rows_n = math.ceil(len(names) / columns)
    fig, axes = plt.subplots(rows_n, columns, layout="constrained",
                             figsize=(4.2 * columns, 3.6 * rows_n), squeeze=False)
    e = s.effects
    for ax, name in zip(axes.flat, names):
        index = s.figure_index(name)
        label, units = s.figures["label"][index], s.figures["units"][index]
        rows = morris_points(s, name)
        rows = rows[np.isfinite(e["sigma"][rows])]
        ax.set_title(label, fontsize=9, loc="left")
        if len(rows) == 0:
            style.no_data(ax, "no screened input moves it")
            continue
        scale = scale_of(units, np.concatenate([e["mu_star"][rows], e["sigma"][rows]]))
        x, y = e["mu_star"][rows] / scale.divisor, e["sigma"][rows] / scale.divisor
        ax.scatter(x, y, s=18, color=style.OKABE_ITO[4], zorder=3)
        top = max(float(x.max(initial=0)), float(y.max(initial=0))) or 1.0
        ax.plot([0, top * 1.05], [0, top * 1.05], color=style.GREY, linestyle="--", linewidth=0.8)
        named = [(xi, yi, row) for xi, yi, row in zip(x, y, rows) if xi > 0][:LABELLED]
        for xi, yi, row in named:
            ax.annotate(s.inputs["id"][int(e["input"][row])].split(":", 1)[1], (xi, yi),
                        fontsize=6.5, xytext=(3, 3), textcoords="offset points")
        ax.set_xlim(0, top * 1.1)
        ax.set_ylim(0, top * 1.1)
        ax.set_xlabel(f"mu* ({scale.unit})", fontsize=8)
        ax.set_ylabel(f"sigma ({scale.unit})", fontsize=8)
        ax.grid(color="#eeeeee", linewidth=0.6)
        ax.set_axisbelow(True)
    for ax in axes.flat[len(names):]:
        ax.set_axis_off()
    fig.suptitle(f"{s.label}: Morris screening ({trajectories} trajectories, "
                 f"{int(s.study.get('morris_screened', 0))} inputs)", x=0.01, ha="left",
                 fontsize=11)
    return fig
