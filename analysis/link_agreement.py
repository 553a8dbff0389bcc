"""Planner and DES, link by link: the report section for results files that hold both the
planner's link loads and the DES's link series (`tsunagu run` writes the comparison into the
group `agreement`; docs/output-format.md).

For the DES's measured hours, per link: the planner's hourly mean and its busiest minute at
the peak percentile (p95 by default), beside the DES's mean and its busiest sampling step, all
as shares of capacity. A link is outside the tolerance when the means differ by more than
max(relative x planner, absolute floor), or when the DES's busiest step exceeds the planner's
peak at the step's interval by more than that; those links are listed first.
"""

import h5py
import matplotlib.pyplot as plt
import numpy as np

import report_html as H
import style

COLUMNS = ("link", "capacity", "planner_mean", "planner_peak_1min", "planner_peak_step",
           "des_mean", "des_busiest_step", "mean_outside", "peak_outside")


def read(path):
    """The agreement group as a dict of columns and its attributes, or None without one."""
    with h5py.File(path, "r") as f:
        if "agreement" not in f:
            return None
        g = f["agreement"]
        table = {c: (np.array(g[c].asstr()[:], dtype=object) if c == "link" else g[c][:])
                 for c in COLUMNS}
        table["attrs"] = {k: float(v) for k, v in g.attrs.items()}
        return table


def outside(table):
    return (table["mean_outside"] != 0) | (table["peak_outside"] != 0)


def figure(table, n=15):
    """The top links (the file's order: outside the tolerance first, then busiest): the
    planner's hourly mean and busiest-minute peak beside the DES's mean and busiest step."""
    rows = np.arange(min(n, len(table["link"])))
    fig, ax = plt.subplots(figsize=(9, 0.45 * max(len(rows), 2) + 1.6))
    if len(rows) == 0:
        style.no_data(ax, "No link is in both the planner's and the DES's results.")
        return fig
    y = np.arange(len(rows))[::-1]
    h = 0.2
    bars = [("planner_mean", "planner, hourly mean", "#9ecae1"),
            ("planner_peak_1min", "planner, busiest minute (p{:g})", "#3182bd"),
            ("des_mean", "DES, mean", "#fdae6b"),
            ("des_busiest_step", "DES, busiest {:g}-s step", "#e6550d")]
    attrs = table["attrs"]
    for k, (column, label, colour) in enumerate(bars):
        label = label.format(attrs.get("peak_percentile", 0.95) * 100
                             if "p{" in label else attrs.get("step_seconds", 300))
        ax.barh(y + (1.5 - k) * h, table[column][rows] * 100, h, label=label, color=colour)
    flagged = outside(table)[rows]
    ax.set_yticks(y)
    ax.set_yticklabels([("(!) " if f else "") + str(name)
                        for f, name in zip(flagged, table["link"][rows])], fontsize=8)
    ax.set_xlabel("share of capacity (%), busier direction")
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title("Planner and DES on the top links (flagged: outside the tolerance)", fontsize=10)
    fig.tight_layout()
    return fig


def section(r, show, n=15):
    """HTML for the section, or "" when the file has no comparison."""
    table = read(r.path)
    if table is None:
        return ""
    attrs = table["attrs"]
    rel, floor = attrs["relative_tolerance"], attrs["absolute_tolerance"]
    step, percentile = attrs["step_seconds"], attrs["peak_percentile"] * 100
    flags = outside(table)
    head = H.note(
        f"Over the DES's {int(attrs['hours'])} measured hours, {int(flags.sum())} of "
        f"{len(flags)} links differ beyond the tolerance: the means by more than "
        f"{rel * 100:g}% of the planner's (at least {floor * 100:g}% of capacity), or the "
        f"DES's busiest {step:g}-s step above the planner's p{percentile:g} peak of that "
        f"interval by more. The planner's peak is a p{percentile:g} bound from the arrival "
        f"process, so a quieter DES day agrees; a DES step far above it means bursts the "
        f"arrival model does not have (bulk flows at the bottleneck's rate, for example).",
        "note")
    rows = []
    for i in range(len(flags)):
        why = ", ".join(w for w, f in (("mean", table["mean_outside"][i]),
                                       ("peak", table["peak_outside"][i])) if f)
        rows.append([H.Name(table["link"][i]), H.bit_rate(table["capacity"][i]),
                     H.N(H.pct(table["planner_mean"][i])),
                     H.N(H.pct(table["planner_peak_1min"][i])),
                     H.N(H.pct(table["planner_peak_step"][i])),
                     H.N(H.pct(table["des_mean"][i])),
                     H.N(H.pct(table["des_busiest_step"][i])), why or "agrees"])
    headers = ["link", "capacity", "planner hourly mean",
               f"planner busiest minute (p{percentile:g})",
               f"planner busiest {step:g} s (p{percentile:g})", "DES mean",
               f"DES busiest {step:g}-s step", "outside the tolerance"]
    a = style.slug(r.label)
    return "\n".join([
        "<h3>Planner and DES, link by link</h3>", head,
        show(figure(table, n), f"{a}-planner-vs-des",
             f"{r.label}: planner and DES utilisation on the top links",
             "Per link (outside the tolerance first, then busiest): the planner's hourly mean "
             "and busiest minute at the peak percentile, and the DES's mean and busiest "
             "sampling step, over the DES's measured hours; busier direction, share of "
             "capacity."),
        H.table(headers, rows)])
