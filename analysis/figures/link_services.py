"""The busy hour of the busiest links split by service (links/busy_by_service): why one link
is busier than another."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Patch

import style

# Links in the chart: the busiest of the year by busy-hour utilisation.
TOP_LINKS = 15

BIT_RATES = ((1e9, "Gb/s"), (1e6, "Mb/s"), (1e3, "kb/s"))


def has_service_loads(r):
    return "busy_by_service" in r.links and len(r.links["name"]) > 0


def service_loads(r, year_index):
    """(links x services) bit/s at each link's busy hour of the year."""
    services = len(r.services["name"])
    return np.asarray(r.links["busy_by_service"])[:, year_index].reshape(-1, services)


def top_links(r, year_index, n=TOP_LINKS):
    """The rule: the n links with the highest busy-hour utilisation in the year, busiest
    first (ties by name)."""
    peak = np.asarray(r.links["peak_utilisation"])[:, year_index]
    names = r.links["name"]
    return sorted(range(len(names)), key=lambda i: (-peak[i], names[i]))[:n]


def links_by_service(r, n=TOP_LINKS, year=None):
    """Stacked horizontal bars, one per link (the n busiest of the fiscal year, busiest at the
    top): the busy hour's load in the busier direction, one segment per service. None when the
    results have no links/busy_by_service (files of older versions)."""
    if not has_service_loads(r):
        return None
    j = len(r.fiscal_years) - 1 if year is None else list(r.fiscal_years).index(year)
    loads = service_loads(r, j)
    rows = top_links(r, j, n)
    used = [s for s in range(loads.shape[1]) if loads[rows, s].sum() > 0]
    biggest = float(loads[rows].sum(axis=1).max(initial=0))
    divisor, unit = next(((d, u) for d, u in BIT_RATES if biggest >= d), (1.0, "b/s"))
    fig, ax = plt.subplots(figsize=(9, 1.8 + 0.32 * max(len(rows), 3)), layout="constrained")
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    services = r.services["name"]
    for k, s in enumerate(used):
        colour, hatch, edge = style.category_style(k)
        values = loads[rows, s] / divisor
        ax.barh(y, values, left=left, color=colour, hatch=hatch, edgecolor=edge, height=0.7,
                linewidth=0.3, label=services[s])
        left += values
    names = r.links["name"]
    peak = np.asarray(r.links["peak_utilisation"])[:, j]
    ax.set_yticks(y, [names[i] for i in rows], fontsize=8)
    ax.invert_yaxis()
    for yi, total, i in zip(y, left, rows):
        ax.text(total, yi, f" {peak[i] * 100:.1f}% of capacity", va="center", fontsize=7)
    ax.set_xlim(0, max(float(left.max(initial=0)), 1e-12) * 1.22)
    ax.set_xlabel(f"Load at the link's busy hour, busier direction ({unit})")
    ax.legend(handles=[Patch(facecolor=style.category_style(k)[0],
                             hatch=style.category_style(k)[1], label=services[s])
                       for k, s in enumerate(used)],
              title="Service", loc="lower right", fontsize=8, frameon=True)
    ax.set_title(f"{r.label}: the {len(rows)} busiest links of FY{r.fiscal_years[j]}, "
                 "load by service")
    return fig
