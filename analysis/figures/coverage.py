"""Rollout coverage: facilities using each service at the end of each fiscal year, by kind."""

import math

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, MaxNLocator

import style

KIND_COLOURS = {"hospital": "#0072B2", "clinic": "#D55E00", "dental-clinic": "#009E73",
                "pharmacy": "#CC79A7"}
KIND_MARKERS = {"hospital": "o", "clinic": "s", "dental-clinic": "^", "pharmacy": "D"}


def used_services(r):
    """Indices of the services some facility uses in some fiscal year: the others get no
    panel (a panel that only says "no facility users" tells nothing a sentence cannot)."""
    users = r.users_by_kind()
    return [i for i in range(len(r.services["name"])) if users[i].max(initial=0) > 0]


def coverage_left_out(r):
    """The sentence naming the services left out of the coverage figure, or ""."""
    used = set(used_services(r))
    unused = [n for i, n in enumerate(r.services["name"]) if i not in used]
    if not unused:
        return ""
    return (f"Not drawn: {', '.join(unused)} — no facility uses "
            f"{'it' if len(unused) == 1 else 'them'} in any fiscal year of the horizon.")


def coverage(r, columns=4):
    """One small panel per service that some facility uses, one line per facility kind
    (services/users_by_kind); the services nobody uses are left out (coverage_left_out)."""
    keep = used_services(r) or list(range(len(r.services["name"])))
    users = r.users_by_kind()[keep]
    services, kinds = [r.services["name"][i] for i in keep], r.services["kinds"]
    n = max(len(services), 1)
    cols = min(columns, n)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, sharex=True, squeeze=False, layout="constrained",
                             figsize=(max(6.0, 2.9 * cols + 0.4), 2.2 * rows + 1.0))
    years = r.fiscal_years
    for i, ax in enumerate(axes.flat):
        if i >= len(services):
            ax.set_visible(False)
            continue
        for k, kind in enumerate(kinds):
            ax.plot(years, users[i, k], color=KIND_COLOURS.get(kind, style.OKABE_ITO[k % 8]),
                    marker=KIND_MARKERS.get(kind, "o"), markersize=3.5, linewidth=1.4,
                    label=kind)
        ax.set_title(services[i], fontsize=10)
        top = float(users[i].max(initial=0))
        ax.set_ylim(0, top * 1.08 if top > 0 else 1)
        if top == 0:
            ax.text(0.5, 0.5, "no facility users", ha="center", va="center",
                    transform=ax.transAxes, color="#555555", fontsize=8)
        ax.yaxis.set_major_locator(MaxNLocator(4, integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"FY{int(v)}"))
        ax.tick_params(labelsize=7.5)
        ax.grid(color="#eeeeee", linewidth=0.6)
        if i % cols == 0:
            ax.set_ylabel("Facilities (count)")
        if i >= len(services) - cols:
            ax.set_xlabel("Fiscal year")
            ax.tick_params(axis="x", labelbottom=True)
    handles = [plt.Line2D([], [], color=KIND_COLOURS.get(k, style.OKABE_ITO[j % 8]),
                          marker=KIND_MARKERS.get(k, "o"), label=k) for j, k in enumerate(kinds)]
    spare = [ax for ax in axes.flat if not ax.get_visible()]
    if spare:   # an empty grid cell holds the legend
        spare[0].set_visible(True)
        spare[0].axis("off")
        spare[0].legend(handles=handles, title="Facility kind", loc="center", frameon=False)
    else:
        axes.flat[len(services) - 1].legend(handles=handles, title="Facility kind",
                                            fontsize=7, title_fontsize=8, loc="best")
    fig.suptitle(f"{r.label}: facilities using each service\n(at the end of each fiscal year)")
    return fig

