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
        ax.plot(lat.edges, cdf * 100, color="#0072B2", linewidth=1.6, label="simulated")
        if lat.edges[0] > 0 and lat.edges[-1] / lat.edges[0] > 100:
            ax.set_xscale("log")
        ax.set_ylim(0, 101)
        ax.set_title(lat.service, fontsize=10)
        ax.grid(color="#eeeeee", linewidth=0.6)
        if lat.target_response is not None and lat.target_percentile is not None:
            p = lat.target_percentile * 100
            ax.axvline(lat.target_response, color="#D55E00", linestyle="--", linewidth=1.2)
            ax.axhline(p, color="#D55E00", linestyle=":", linewidth=1.0)
            achieved = np.interp(lat.target_response, lat.edges, cdf) * 100
            verdict = "met" if achieved >= p else "missed"
            # the empty corner: lower right if most requests are fast, else upper left
            median = np.interp(0.5, cdf, lat.edges) if cdf[-1] >= 0.5 else lat.edges[-1]
            left, right = lat.edges[0], lat.edges[-1]
            middle = np.sqrt(left * right) if ax.get_xscale() == "log" else (left + right) / 2
            where = dict(x=0.03, y=0.93, ha="left", va="top") if median > middle else \
                dict(x=0.97, y=0.05, ha="right", va="bottom")
            ax.text(s=f"target: {p:g}% within {duration(lat.target_response)}\n"
                    f"achieved {achieved:.1f}% ({verdict})", transform=ax.transAxes,
                    fontsize=7.5, color="#D55E00",
                    bbox=dict(facecolor="white", edgecolor="none", alpha=0.8), **where)
        else:
            ax.text(0.97, 0.05, "no service-level target", transform=ax.transAxes,
                    ha="right", va="bottom", fontsize=7.5, color="#555555")
        if i % cols == 0:
            ax.set_ylabel("Requests answered within x (%)")
        ax.set_xlabel("Response time x (s)")
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


def queues(r, window=None):
    """Top: requests waiting in each server pool; bottom: the claims backlog. `window` is a
    (start, end) pair of numpy datetime64 (default: see default_window)."""
    des = r.des
    n = des.queue_length.shape[1] if des.queue_length is not None else \
        (len(des.claims_backlog) if des.claims_backlog is not None else 0)
    times = des.sample_times(n)
    if window is None:
        key = des.claims_backlog if des.claims_backlog is not None else \
            (des.queue_length.sum(axis=0) if des.queue_length is not None else None)
        window = default_window(times, key)
    keep = (times >= window[0]) & (times <= window[1]) if n else np.zeros(0, bool)
    when = [to_datetime(t) for t in times[keep]]
    fig, (top, bottom) = plt.subplots(2, 1, sharex=True, layout="constrained", figsize=(10, 5.6))
    if des.queue_length is not None and keep.any():
        for i, name in enumerate(des.queue_names):
            top.plot(when, des.queue_length[i, keep], color=style.OKABE_ITO[i % 8],
                     linewidth=1.2, label=name)
        top.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        top.set_ylabel("Requests waiting (count)")
        top.set_ylim(bottom=0)
    else:
        style.no_data(top, "No queue lengths in these results")
    top.set_title(f"{r.label}: server-pool queues (simulated)")
    if des.claims_backlog is not None and keep.any():
        bottom.plot(when, des.claims_backlog[keep], color="#D55E00", linewidth=1.4,
                    label="claims backlog")
        bottom.set_ylabel("Claims not yet processed\n(count)")
        bottom.set_ylim(bottom=0)
        bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(
            bottom.xaxis.get_major_locator()))
    else:
        style.no_data(bottom, "No claims backlog in these results")
    bottom.set_title("Claims backlog")
    bottom.set_xlabel("Date and time (Japan time, UTC+9)")
    return fig
