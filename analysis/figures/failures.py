"""Failure results: the failure cases that cost the most transactions."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

import style

# One colour per kind of failed element, the same in every report.
KINDS = ("backbone link", "pop", "core", "ix", "datacenter", "scenario")
KIND_COLOURS = dict(zip(KINDS, (style.OKABE_ITO[4], style.OKABE_ITO[0], style.OKABE_ITO[2],
                                style.OKABE_ITO[6], style.OKABE_ITO[5], style.OKABE_ITO[1])))
DES_MARK = "#000000"


def kind_colour(kind):
    if kind in KIND_COLOURS:
        return KIND_COLOURS[kind]
    return style.GREY   # a kind this report does not know yet


def top_by_transactions(fl, n=15):
    """Rows of failures/cases with the most transactions failed (analytic), most first; ties
    by rank."""
    c = fl.cases
    return np.lexsort((c["rank"], -c["transactions_failed"]))[:n]


def failed_transactions_bar(fl, n=15):
    """Horizontal bars: transactions failed during the window (analytic estimate) of the n
    cases with the most, most at the top, coloured by the kind of element that fails; a black
    diamond marks the simulated count where the DES ran."""
    rows = top_by_transactions(fl, n)
    fig, ax = plt.subplots(layout="constrained",
                           figsize=(9.5, max(2.6, 0.32 * len(rows) + 1.6)))
    title = f"{fl.label}: failure cases by transactions failed"
    if len(rows) == 0:
        style.no_data(ax, "No failure cases in failures/cases")
        ax.set_title(title, loc="left")
        return fig
    c = fl.cases
    y = np.arange(len(rows))
    values = c["transactions_failed"][rows]
    kinds = [c["kind"][i] for i in rows]
    ax.barh(y, values, height=0.7, color=[kind_colour(k) for k in kinds], linewidth=0)
    des = c["des_failed"][rows]
    simulated = des >= 0
    if simulated.any():
        ax.plot(des[simulated], y[simulated], linestyle="none", marker="D", markersize=6,
                color=DES_MARK, label="DES (simulated)")
    ax.set_yticks(y, [f"{int(c['rank'][i])}. {c['name'][i]}" for i in rows], fontsize=8.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    top = max(float(values.max(initial=0)), float(des.max(initial=0)))
    ax.set_xlim(0, top * 1.18 if top > 0 else 1)
    for yi, v, d, k in zip(y, values, des, kinds):
        if v > 0.25 * top:   # inside the end of the bar, clear of the DES mark
            colour = "#1a1a1a" if kind_colour(k) in style.LIGHT else "white"
            ax.text(v, yi, f"{v:,.0f}  ", va="center", ha="right", fontsize=7.5, color=colour)
        else:   # after the bar, or after the DES mark when that is just beyond the bar
            x = d if v < d < v + 0.15 * top else v
            ax.text(x, yi, f"  {v:,.0f}", va="center", ha="left", fontsize=7.5)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_xlabel("Transactions failed during the window (count, analytic estimate)")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    shown = [k for k in KINDS if k in kinds] + sorted({k for k in kinds if k not in KINDS})
    handles = [Patch(color=kind_colour(k), label=k) for k in shown]
    if simulated.any():
        handles.append(Line2D([], [], linestyle="none", marker="D", color=DES_MARK,
                              label="simulated (DES)"))
    ax.legend(handles=handles, title="Element that fails", loc="upper left",
              bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    window = f" ({fl.window}, Japan time)" if fl.window else ""
    ax.set_title(f"{title}{window}, top {len(rows)}", loc="left")
    return fig
