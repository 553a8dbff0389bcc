"""Costs per fiscal year: stacked by component, one panel per results file; and a comparison."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Patch

import style


def components_union(results):
    """Every cost component of the results, in the files' (alphabetical) order."""
    names = []
    for r in results:
        names += [c for c in r.costs["component"] if c not in names]
    return sorted(names)


def cost_per_year(results):
    """One panel per results file; each bar is a fiscal year, stacked by cost component
    (setup + running). Components keep one colour across panels."""
    components = components_union(results)
    top = max(float(np.max(r.costs["total"], initial=0)) for r in results)
    divisor, unit = style.money_scale(top)
    n = len(results)
    years = max(len(r.fiscal_years) for r in results)
    fig, axes = plt.subplots(1, n, sharey=True, squeeze=False, layout="constrained",
                             figsize=(min(4.6, 1.2 + 0.42 * years) * n + 2.6, 4.8))
    for ax, r in zip(axes[0], results):
        x = np.arange(len(r.fiscal_years))
        bottom = np.zeros(len(x))
        cost = r.cost_by_component()
        for comp in components:
            if comp not in r.costs["component"]:
                continue
            values = cost[r.costs["component"].index(comp)] / divisor
            colour, hatch, edge = style.category_style(components.index(comp))
            ax.bar(x, values, bottom=bottom, width=0.75, color=colour, hatch=hatch,
                   edgecolor=edge, linewidth=0, label=comp)
            bottom += values
        if len(x) <= 12:
            for xi, total in zip(x, r.costs["total"] / divisor):
                ax.text(xi, total, f"{total:,.3g}", ha="center", va="bottom", fontsize=7.5)
        ax.set_xticks(x, r.fy_labels(), rotation=45 if len(x) > 5 else 0,
                      ha="right" if len(x) > 5 else "center")
        ax.set_title(r.label)
        ax.set_xlabel("Fiscal year (April–March)")
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    axes[0][0].set_ylabel(f"Cost per fiscal year ({unit})")
    axes[0][0].set_ylim(0, top / divisor * 1.12 if top > 0 else 1)
    handles = []
    for comp in reversed(components):   # top of the stack first, as drawn
        colour, hatch, edge = style.category_style(components.index(comp))
        handles.append(Patch(facecolor=colour, hatch=hatch, edgecolor=edge, linewidth=0,
                             label=comp))
    axes[0][-1].legend(handles=handles, title="Cost component", loc="upper left",
                       bbox_to_anchor=(1.02, 1.0), frameon=False)
    fig.suptitle("Cost per fiscal year by component (setup + running)")
    return fig


def cost_comparison(results):
    """Total cost per fiscal year of each results file side by side (top) and each file's
    difference from the first (bottom)."""
    base = results[0]
    totals = np.array([r.costs["total"] for r in results])
    divisor, unit = style.money_scale(float(np.abs(totals).max(initial=0)))
    x = np.arange(len(base.fiscal_years))
    width = 0.8 / len(results)
    fig, (top, bottom) = plt.subplots(2, 1, sharex=True, layout="constrained",
                                      figsize=(max(6.5, 1.5 + 0.75 * len(x)), 6.4),
                                      height_ratios=[3, 2])
    for i, r in enumerate(results):
        offset = (i - (len(results) - 1) / 2) * width
        colour = style.OKABE_ITO[(4, 0, 2, 5, 6, 1, 3, 7)[i % 8]]
        top.bar(x + offset, totals[i] / divisor, width=width, color=colour, label=r.label)
        if i:
            diff = (totals[i] - totals[0]) / divisor
            bottom.bar(x + offset, diff, width=width, color=colour,
                       label=f"{r.label} − {base.label}")
    top.set_ylabel(f"Total cost ({unit})")
    top.set_title("Total cost per fiscal year")
    top.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    bottom.axhline(0, color="black", linewidth=0.8)
    bottom.set_ylabel(f"Difference ({unit})")
    bottom.set_title(f"Difference from {base.label}")
    bottom.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    bottom.set_xticks(x, base.fy_labels(), rotation=45 if len(x) > 5 else 0,
                      ha="right" if len(x) > 5 else "center")
    bottom.set_xlabel("Fiscal year (April–March)")
    for ax in (top, bottom):
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    return fig
