"""The report's section for an uncertainty results file (tsunagu uncertainty;
uncertainty_results.Uncertainty). `show(fig, name, alt, caption)` saves a figure and returns its
embedded HTML (from report.py)."""

import math

import numpy as np

import figures as F
import style
from figures.uncertainty import quantile_columns
from report_html import N, Cell, Name, bit_rate, esc, note, table

TOP = 4   # links and pools in the figures and per fiscal year in the table


def _p(p, se):
    return f"{p:.3f} ± {se:.3f}"


def _se(p, n):
    return math.sqrt(p * (1 - p) / n)


def _value(units, v):
    """A sampled value in the scenario's terms: 3%/year, -6 months."""
    if units == "d":
        return f"{v / (365.25 / 12):.3g} months"
    return f"{v * 100:.3g}%/year"


def _seconds(s):
    return "unstable" if not np.isfinite(s) else f"{s:,.3g} s"


def headline(u):
    last = len(u.fiscal_years) - 1
    link = u.years["p_any_link_breach"][last]
    pool = u.years["p_any_pool_miss"][last]
    span = f"FY{u.fiscal_years[0]}–FY{u.fiscal_years[-1]}"
    text = (f"<p><strong>{esc(u.label)}</strong> (uncertainty, {span}, {u.samples:,} Latin "
            f"hypercube samples of {len(u.inputs['name'])} input(s)): in FY{u.fiscal_years[-1]} "
            f"some link breaches the utilisation target in a share {_p(link, _se(link, u.samples))}"
            f" of the samples, and some server pool misses its level in "
            f"{_p(pool, _se(pool, u.samples))}.")
    worst = [(u.links["p_breach"][i].max(), u.links["name"][i]) for i in u.ranked("links", 1)]
    worst += [(u.pools["p_miss"][i].max(), u.pools["name"][i]) for i in u.ranked("pools", 1)]
    worst = [w for w in worst if w[0] > 0]
    if worst:
        p, name = max(worst)
        text += f" The element most likely to breach is {esc(name)} (up to P = {p:.3f})."
    return text + "</p>"


def inputs_table(u):
    i = u.inputs
    rows = [[Name(i["name"][k]), Cell(i["key"][k], "code"), i["distribution"][k],
             N(_value(i["units"][k], i["mean"][k])), N(_value(i["units"][k], i["sample_mean"][k])),
             N(_value(i["units"][k], i["sd"][k])), N(_value(i["units"][k], i["sample_sd"][k]))]
            for k in range(len(i["name"]))]
    return table(["Input", "Scenario key", "Distribution", "Mean", "Sample mean",
                  "Standard deviation", "Sample standard deviation"], rows)


def years_table(u):
    n = u.samples
    rows = []
    for k, fy in enumerate(u.fiscal_years):
        link, pool = u.years["p_any_link_breach"][k], u.years["p_any_pool_miss"][k]
        rows.append([f"FY{fy}", N(_p(link, _se(link, n))),
                     N(f"{int(np.sum(u.links['p_breach'][:, k] > 0)):,}"),
                     N(_p(pool, _se(pool, n))), N(f"{int(np.sum(u.pools['p_miss'][:, k] > 0)):,}")])
    return table(["Fiscal year", "P(some link breaches)", "Links with P > 0",
                  "P(some pool misses its level)", "Pools with P > 0"], rows)


def top_table(u, n=TOP):
    """Per fiscal year the links and pools most likely to breach, with their busy hour across
    samples (5th, 50th and 95th percentiles) beside the limit."""
    lq, pq = u.links["busy_quantiles"], u.pools["at_target_quantiles"]
    c05, _, c50, _, c95 = quantile_columns(u.quantile_levels)
    rows = []
    for k, fy in enumerate(u.fiscal_years):
        for i in u.ranked("links", n, year=k):
            rows.append([f"FY{fy}", Name(u.links["name"][i]), "link",
                         N(_p(u.links["p_breach"][i, k], u.links["p_breach_se"][i, k])),
                         N(" / ".join(bit_rate(lq[i, k, c]) for c in (c05, c50, c95))),
                         N(bit_rate(u.links["limit"][i, k]))])
        for i in u.ranked("pools", n, year=k):
            target = u.pools["target_response"][i]
            rows.append([f"FY{fy}", Name(u.pools["name"][i]), "pool",
                         N(_p(u.pools["p_miss"][i, k], u.pools["p_miss_se"][i, k])),
                         N(" / ".join(_seconds(pq[i, k, c]) for c in (c05, c50, c95))),
                         N(u.pools["level"][i] if target > 0 else "stable")])
    return table(["Fiscal year", "Element", "Kind", "P(breach) ± standard error",
                  "Busy hour p5 / p50 / p95 (links: load; pools: response at the target "
                  "percentile)", "Limit"], rows)


def section(u, show):
    """The HTML of one uncertainty file (under its own h2, written by report.py)."""
    a = style.slug(u.label) + "-uncertainty"
    method = (f"Every input is a volume growth, so the planner ran {u.plans_run} times (every "
              f"sampled growth at 0, then each input alone) and each sample's hourly loads were "
              f"superposed from them, exactly." if u.method == "superposition" else
              f"Each sample was planned on its own ({u.plans_run:,} plans).")
    out = ["<h3>Sampled inputs</h3>", inputs_table(u),
           note(f"{u.samples:,} Latin hypercube samples (seed {u.seed}): each input's range is "
                f"cut into {u.samples:,} strata of equal probability, one value drawn in each. "
                f"{method} P(breach) is the share of samples in which a link's busy hour is above "
                f"{u.utilisation_target:.0%} of its capacity, or a pool misses its service level; "
                f"its standard error is sqrt(p(1 − p)/N), the bound for independent samples (Latin "
                f"hypercube sampling is usually closer). A P of 0 in N samples means below about "
                f"3/N = {3 / u.samples:.3f} with 95% confidence."),
           "<h3>P(breach) by fiscal year</h3>",
           show(F.breach_probability(u, TOP, TOP), f"{a}-p-breach",
                f"{u.label}: P(breach) by fiscal year of the links and pools most likely to "
                f"breach",
                "The share of samples in which each link's busy hour exceeds the utilisation "
                "target (solid) or each server pool misses its level (dashed), per fiscal year, "
                "with ±1 standard error; the links and pools most likely to breach, up to "
                f"{TOP} of each."),
           years_table(u),
           "<h3>Busy-hour load across samples</h3>",
           show(F.load_fan(u, TOP), f"{a}-load-fan",
                f"{u.label}: fan charts of the busy-hour load of the links most likely to breach",
                "Per link, the busy-hour load (busier direction) in each fiscal year across the "
                "samples: the light band holds 90% of them (5th to 95th percentile), the dark "
                "band 50% (25th to 75th), the line is the median; dashed, the limit (the "
                "utilisation target × the capacity judged). The load is above the limit in a "
                "year when the band crosses the dashed line."),
           "<h3>Response of the server pools across samples</h3>",
           show(F.response_fan(u, TOP), f"{a}-response-fan",
                f"{u.label}: fan charts of the busy-hour response of the pools most likely to "
                f"miss their level",
                "Per server pool, the response time at its target percentile at the busy hour, "
                "across samples (bands as above); dashed, the target. Triangles at the top: "
                "years in which the pool is unstable (infinite response) in some samples."),
           "<h3>The links and pools most likely to breach, per fiscal year</h3>", top_table(u)]
    if not np.any(u.pools["servers"] > 0):
        out.append(note("No server pool has arrivals in any sample."))
    return "\n".join(out)
