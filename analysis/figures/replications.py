"""The response times of the replicated peak day (group `replications`, see
tsunagu_results.py): each service's mean, p50, p95 and p99 over the replications, with the 95%
confidence interval of each as an error bar."""

import math

import matplotlib.pyplot as plt
import numpy as np

import style

STATISTICS = ("mean", "p50", "p95", "p99")


def response_bars(rep, service):
    """(labels, means, half-widths) of a service's response statistics present in `rep`;
    a missing figure has mean NaN, an unknown half-width (one replication) is NaN too."""
    labels, means, half = [], [], []
    for stat in STATISTICS:
        i = rep.index(f"{service} {stat}")
        labels.append(stat)
        means.append(np.nan if i is None else float(rep.mean[i]))
        hw = np.nan if i is None else float(rep.half_width[i])
        half.append(hw if math.isfinite(hw) else np.nan)
    return labels, np.array(means), np.array(half)


def replicated_response(r, columns=3):
    """One panel per service: bars of the mean over the replications of its mean, p50, p95
    and p99 response time, with the 95% confidence interval as an error bar; the dashed line is
    the service's target response time where it is near the bars (otherwise the panel's title
    names it). Bars are in STATISTICS order, the
    error bars are the bar container's `errorbar`."""
    rep = r.replications
    services = rep.services()
    targets = {lat.service: lat.target_response for lat in (r.des.latency if r.des else [])}
    n = max(len(services), 1)
    cols = min(columns, n)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, squeeze=False, layout="constrained",
                             figsize=(3.4 * cols + 0.4, 2.9 * rows + 0.7))
    for k, ax in enumerate(axes.flat):
        if k >= len(services):
            if services or k:
                ax.set_visible(False)
            else:
                style.no_data(ax, "No response times among the replicated figures")
            continue
        service = services[k]
        labels, means, half = response_bars(rep, service)
        shown = np.isfinite(means)
        x = np.arange(len(labels))
        ax.bar(x[shown], means[shown], yerr=np.where(np.isfinite(half), half, 0)[shown],
               color=style.OKABE_ITO[4], edgecolor="white", width=0.6,
               error_kw=dict(ecolor="#333333", capsize=4, elinewidth=1.2))
        for i in np.flatnonzero(shown & ~np.isfinite(half)):
            ax.text(x[i], means[i], "?", ha="center", va="bottom", fontsize=9)
        for i in np.flatnonzero(~shown):
            ax.text(x[i], 0, "not\nmeasured", ha="center", va="bottom", fontsize=7,
                    color="#555555")
        target = targets.get(service)
        top = np.nanmax(np.concatenate([means + np.nan_to_num(half), [0.0]]))
        title = service
        if target is not None and target <= 1.5 * top:
            ax.axhline(target, color="#D55E00", linestyle="--", linewidth=1.1)
            ax.text(1.0, target, f"target {target:g} s", transform=ax.get_yaxis_transform(),
                    ha="right", va="bottom", fontsize=7.5, color="#D55E00")
        elif target is not None:   # far above the bars: named, not drawn
            title += f" (target {target:g} s)"
        ax.set_xticks(x, labels)
        ax.set_title(title, fontsize=10)
        ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
        ax.set_axisbelow(True)
        if k % cols == 0:
            ax.set_ylabel("Response time (s)")
    fig.suptitle(f"{r.label}: peak-day response times over {rep.runs} replications\n"
                 f"(bar: mean; error bar: {rep.confidence:.0%} confidence interval)",
                 fontsize=10)
    return fig
