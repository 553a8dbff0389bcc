"""Figures of discrete-event simulation (DES) results: latency CDFs and queues over a window.

They read the proposed `des` group (see tsunagu_results.py). Plan files have none; callers check
`r.des` first (the report skips these figures with a note)."""

import math

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np

import style
from tsunagu_results import to_datetime


def duration(seconds):
    """3 s, 5 min, 1 h: a target as people say it."""
    if seconds >= 3600 and seconds % 3600 == 0:
        return f"{seconds / 3600:g} h"
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s"


def latency_cdf(r, columns=3):
    """One panel per service: the cumulative share of requests answered within x seconds, with
    the service level (percentile within response time) marked."""
    services = r.des.latency
    n = max(len(services), 1)
    cols = min(columns, n)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, squeeze=False, layout="constrained",
                             figsize=(3.6 * cols + 0.4, 2.9 * rows + 0.6))
    for i, ax in enumerate(axes.flat):
        if i >= len(services):
            ax.set_visible(False)
            continue
        lat = services[i]
        cdf = lat.cdf()
        # A log axis: the tails (retries, time-outs) are decades above the median. Edge 0 is
        # 0 s, which a log axis cannot show; the axis starts a little below the first count.
        shown = lat.edges > 0
        x, y = lat.edges[shown], cdf[shown] * 100
        ax.plot(x, y, color="#0072B2", linewidth=1.6, label="simulated")
        ax.set_xscale("log")
        first = np.flatnonzero(lat.counts > 0)
        left = lat.edges[first[0] + 1] / 1.5 if len(first) else x[0]
        right = max(x[-1], (lat.target_response or 0) * 1.5)
        ax.set_xlim(max(left, x[0]), right)
        style.plain_log_axis(ax.xaxis, max(left, x[0]), right)
        ax.set_ylim(0, 101)
        ax.set_title(lat.service, fontsize=10)
        ax.grid(color="#eeeeee", linewidth=0.6)
        median = np.interp(0.5, cdf, lat.edges) if cdf[-1] >= 0.5 else lat.edges[-1]
        middle = np.sqrt(max(left, x[0]) * right)
        # the empty corner: lower right if most requests are fast, else upper left
        where = dict(x=0.03, y=0.93, ha="left", va="top") if median > middle else \
            dict(x=0.97, y=0.05, ha="right", va="bottom")
        box = dict(facecolor="white", edgecolor="none", alpha=0.8)
        if lat.target_response is not None and lat.target_percentile is not None:
            p = lat.target_percentile * 100
            ax.axvline(lat.target_response, color="#D55E00", linestyle="--", linewidth=1.2)
            ax.axhline(p, color="#D55E00", linestyle=":", linewidth=1.0)
            achieved = np.interp(lat.target_response, lat.edges, cdf) * 100
            verdict = "met" if achieved >= p else "missed"
            ax.text(s=f"target: {p:g}% within {duration(lat.target_response)}\n"
                    f"achieved {achieved:.1f}% ({verdict})", transform=ax.transAxes,
                    fontsize=7.5, color="#D55E00", bbox=box, **where)
        elif lat.target_rate is not None or lat.target_latency is not None:
            level = [f"{lat.target_rate / 1e6:g} Mb/s" if lat.target_rate else "",
                     f"≤ {duration(lat.target_latency)} one way" if lat.target_latency else ""]
            ax.text(s="stream level: " + ", ".join(t for t in level if t) +
                    "\n(a rate, not a response time)", transform=ax.transAxes, fontsize=7.5,
                    color="#555555", bbox=box, **where)
        else:
            ax.text(0.97, 0.05, "no service-level target", transform=ax.transAxes,
                    ha="right", va="bottom", fontsize=7.5, color="#555555")
        if i % cols == 0:
            ax.set_ylabel("Requests answered within x (%)")
        ax.set_xlabel("Response time x (s, log scale)")
    fig.suptitle(f"{r.label}: response-time distribution per service (simulated)")
    return fig


def default_window(times, values):
    """Whole run if it spans at most 31 days, else the 7 days from the midnight before the
    largest value."""
    if len(times) == 0 or times[-1] - times[0] <= np.timedelta64(31, "D"):
        return (times[0], times[-1]) if len(times) else (None, None)
    peak = times[int(np.nanargmax(values))] if values is not None else times[0]
    start = peak.astype("datetime64[D]").astype(times.dtype)
    return start, start + np.timedelta64(7, "D")


# Pools drawn one by one in the queue figure; the rest are summed into one line. At national
# scale the regional hubs alone are 277 pools, far too many lines and legend entries to read.
TOP_QUEUES = 8


def top_queues(names, lengths, n=TOP_QUEUES):
    """The rule of the queue figure: the n pools with the longest queue at any sample in the
    window (ties: the larger mean queue, then the name), longest first; returns (indices of
    those, indices of the rest)."""
    if lengths is None or len(names) == 0:
        return [], []
    peak = lengths.max(axis=1)
    mean = lengths.mean(axis=1)
    order = sorted(range(len(names)), key=lambda i: (-peak[i], -mean[i], names[i]))
    return order[:n], order[n:]


def queues(r, window=None, n=TOP_QUEUES):
    """Requests waiting in the server pools (the n with the longest queues, the rest summed),
    and the claims backlog below when the results have one. `window` is a (start, end) pair of
    numpy datetime64 (default: see default_window). Returns None when there is neither."""
    des = r.des
    # A panel of flat zeros says less than its caption's one sentence (queues_caption).
    has_queues = (des.queue_length is not None and len(des.queue_names) > 0
                  and float(np.nanmax(des.queue_length, initial=0)) > 0)
    has_backlog = des.claims_backlog is not None
    if not has_queues and not has_backlog:
        return None
    samples = des.queue_length.shape[1] if has_queues else len(des.claims_backlog)
    times = des.sample_times(samples)
    if window is None:
        key = des.claims_backlog if has_backlog else des.queue_length.sum(axis=0)
        window = default_window(times, key)
    keep = (times >= window[0]) & (times <= window[1]) if samples else np.zeros(0, bool)
    when = [to_datetime(t) for t in times[keep]]
    panels = int(has_queues) + int(has_backlog)
    fig, axes = plt.subplots(panels, 1, sharex=True, squeeze=False, layout="constrained",
                             figsize=(10, 2.9 * panels + 0.4))
    axes = list(axes.flat)
    if has_queues:
        top = axes[0]
        lengths = des.queue_length[:, keep]
        shown, rest = top_queues(des.queue_names, lengths, n)
        for k, i in enumerate(shown):
            top.plot(when, lengths[i], color=style.OKABE_ITO[k % 8],
                     linestyle="-" if k < 8 else "--", linewidth=1.2, label=des.queue_names[i])
        if rest:
            top.plot(when, lengths[rest].sum(axis=0), color=style.GREY, linewidth=1.2,
                     label=f"the other {len(rest)} pools, summed")
        # Below the axes, in columns: a legend beside them would be wider than the figure.
        top.legend(fontsize=7.5, loc="upper center", bbox_to_anchor=(0.5, -0.12),
                   ncol=3, frameon=False)
        top.set_ylabel("Requests waiting (count)")
        top.set_ylim(bottom=0)
        rule = (f"the {len(shown)} pools with the longest queue" +
                (f", the other {len(rest)} summed" if rest else ""))
        top.set_title(f"{r.label}: server-pool queues (simulated; {rule})")
    if has_backlog:
        bottom = axes[-1]
        bottom.plot(when, des.claims_backlog[keep], color="#D55E00", linewidth=1.4,
                    label="claims backlog")
        bottom.set_ylabel("Claims not yet processed\n(count)")
        bottom.set_ylim(bottom=0)
        bottom.set_title("Claims backlog")
    axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(
        axes[-1].xaxis.get_major_locator()))
    axes[-1].set_xlabel("Date and time (Japan time, UTC+9)")
    return fig


def queues_caption(r, n=TOP_QUEUES):
    """The caption of the queue figure: the rule that picked the pools, and one sentence for a
    panel left out."""
    des = r.des
    count = len(des.queue_names) if des.queue_length is not None else 0
    parts = []
    if count and float(np.nanmax(des.queue_length, initial=0)) == 0:
        parts.append(f"No request waited in any of the {count} server pools, so the queue "
                     "panel is left out.")
    elif count:
        parts.append(f"Requests waiting in the {min(n, count)} server pools with the longest "
                     f"queue at any time of the window" +
                     (f"; the other {count - n} pools are summed in grey." if count > n else "."))
    else:
        parts.append("No server-pool queue was sampled in these results, so that panel is "
                     "left out.")
    if des.claims_backlog is not None:
        parts.append("Below: claims not yet processed.")
    else:
        parts.append("There is no claims backlog in these results (no claims in the window), "
                     "so that panel is left out.")
    return " ".join(parts)
