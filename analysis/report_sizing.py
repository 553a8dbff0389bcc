"""The report's sections for a sizing results file (tsunagu size; tsunagu_results.Sizing).
`show(fig, name, alt, caption)` saves a figure and returns its embedded HTML (from report.py)."""

import os

import numpy as np

import figures as F
import style
from report_html import N, Cell, Name, bit_rate, esc, million, note, num, pct, table
from tsunagu_results import rows

TOP_LINKS = 30   # new link options listed per fiscal year; the rest are in the CSV


def _span(years):
    return f"FY{years[0]}–FY{years[-1]}" if len(years) else "no fiscal years"


def _yes_no(flag):
    return "yes" if flag else "no"


def _met(flag):
    return Cell("met") if flag else Cell("not met", "pos")


def _seconds(value):
    if value is None or value < 0:
        return "not run"
    return "∞" if not np.isfinite(value) else f"{value:,.3f}"


def _servers(n):
    return f"{int(n):,} servers" if n != 1 else "1 server"


def headline(s):
    y, links, pools = s.years, s.links, s.pools
    new_links = int(np.sum(links["new_purchase"] == 1))
    changed = int(np.sum(pools["servers"] != pools["servers_before"]))
    missed = int(np.sum(links["met"] == 0) + np.sum(pools["met"] == 0)
                 + np.sum(s.checks["met"] == 0))
    des_years = int(np.sum(y["des_rounds"] > 0))
    text = (f"<p><strong>{esc(s.label)}</strong> (sizing, {_span(s.fiscal_years)}): the least-cost "
            f"design costs ¥{million(y['total_cost'].sum())} million in all (links "
            f"¥{million(y['links_yearly_cost'].sum())} million and servers "
            f"¥{million(y['servers_yearly_cost'].sum())} million running, "
            f"¥{million(y['setup_cost'].sum())} million set-up). It buys {new_links:,} new or "
            f"changed link option(s) and changes {changed:,} server pool size(s); ")
    text += (f"<strong>{missed} level(s) are not met</strong> (see the tables below)" if missed
             else "every service level and link utilisation target is met in every year sized")
    if des_years:
        agrees = int(np.sum((y["des_rounds"] > 0) & (y["des_agrees"] == 1)))
        text += (f". The discrete-event simulation checked {des_years} fiscal year(s) and agrees "
                 f"with the analytic sizing in {agrees}.</p>")
    else:
        text += ". The discrete-event simulation check was not run (tsunagu size --no-des).</p>"
    return text


def _before(s):
    """(link name, fiscal year) -> the option that link had that year."""
    return {(n, int(fy)): s.link_option(i)
            for i, (n, fy) in enumerate(zip(s.links["name"], s.links["fiscal_year"]))}


def _previous(have, name, year):
    earlier = [fy for (n, fy) in have if n == name and fy < year]
    return have[(name, max(earlier))] if earlier else "–"


def purchases(s, limit=TOP_LINKS):
    """(a) What to buy and when: per fiscal year, server pools whose size changes and links
    with a new option (at most `limit` per year, the busiest first)."""
    links, pools = s.links, s.pools
    have = _before(s)
    target = f"utilisation ≤ {pct(s.utilisation_target, 0)}"
    out_rows, hidden = [], {}
    for year in s.fiscal_years:
        for i in np.flatnonzero((pools["fiscal_year"] == year)
                                & (pools["servers"] != pools["servers_before"])):
            choice = _servers(pools["servers"][i])
            if pools["added_by_des"][i] > 0:
                choice += f" (+{int(pools['added_by_des'][i])} by the DES)"
            before = pools["servers_before"][i]
            out_rows.append([f"FY{year}", Name(pools["name"][i]), "server pool",
                             Cell(choice, "num"), N(_servers(before) if before else "–"),
                             N(f"{pools['busy_arrivals'][i]:,.3g} /s"),
                             N(_seconds(pools["at_target"][i]) + " s"),
                             N(_seconds(pools["des_at_target"][i])
                               + ("" if pools["des_at_target"][i] < 0 else " s")),
                             pools["level"][i], _met(pools["met"][i]),
                             N(million(pools["yearly_cost"][i], 2)),
                             N(million(pools["setup_cost"][i], 2))])
        new = np.flatnonzero((links["fiscal_year"] == year) & (links["new_purchase"] == 1))
        new = new[np.lexsort((links["name"][new], -links["busy"][new]))]
        if len(new) > limit:
            hidden[int(year)] = len(new) - limit
        for i in new[:limit]:
            des = links["des_utilisation"][i]
            out_rows.append([f"FY{year}", Name(links["name"][i]), f"link ({links['role'][i]}, "
                             f"{links['technology'][i]})",
                             Cell(s.link_option(i), "num"),
                             N(_previous(have, links["name"][i], int(year))),
                             N(bit_rate(links["busy"][i])),
                             N(pct(float(links["utilisation"][i]), 1)),
                             N("not run" if des < 0 else pct(float(des), 1)),
                             target, _met(links["met"][i]),
                             N(million(links["yearly_cost"][i], 2)), N("–")])
    if not out_rows:
        return note("Nothing to buy: no link gets a new option and no server pool changes size "
                    "in any fiscal year sized.")
    html = table(["Fiscal year", "Element", "Kind", "Choice (from this fiscal year)", "Before",
                  "Busy hour (load)", "Analytic (utilisation or response at the target "
                  "percentile)", "DES (same measure)", "Level", "Met",
                  "Yearly cost (¥M/year)", "Set-up (¥M)"], out_rows)
    if hidden:
        csv = os.path.basename(s.csv_path)
        more = ", ".join(f"{n:,} more in FY{y}" for y, n in sorted(hidden.items()))
        html += note(f"Only the {limit} new link options with the highest busy-hour load are "
                     f"listed per fiscal year: {more}. Every purchase is in "
                     f"<code>{esc(csv)}</code> (written beside the results file by "
                     f"<code>tsunagu size</code>; rows with kind <code>link</code> and new "
                     f"= 1).")
    return html


def cost_table(s):
    y = s.years
    if rows(y) == 0:
        return note("The file has no per-year costs (sizing/years is empty).")
    body = [[f"FY{fy}", N(million(a)), N(million(b)), N(million(c)), N(million(t))]
            for fy, a, b, c, t in zip(y["fiscal_year"], y["links_yearly_cost"],
                                      y["servers_yearly_cost"], y["setup_cost"], y["total_cost"])]
    body.append([Cell("<strong>all years</strong>", raw=True)]
                + [N(million(y[c].sum())) for c in ("links_yearly_cost", "servers_yearly_cost",
                                                    "setup_cost", "total_cost")])
    return table(["Fiscal year", "Links, running (¥M)", "Servers, running (¥M)",
                  "Set-up (¥M)", "Total (¥M)"], body)


def pools_table(s):
    p = s.pools
    if rows(p) == 0:
        return note("No server pool carries load in the years sized (sizing/pools is empty).")
    body = [[f"FY{p['fiscal_year'][i]}", Name(p["name"][i]), p["level"][i],
             N(f"{int(p['servers'][i]):,}"), N(f"{p['busy_arrivals'][i]:,.3g}"),
             N(pct(float(p["utilisation"][i]), 1)), N(_seconds(p["at_target"][i])),
             N(_seconds(p["p99"][i])), N(_seconds(p["des_at_target"][i])),
             N(_seconds(p["des_p99"][i])), N(million(p["yearly_cost"][i], 2)),
             _met(p["met"][i])]
            for i in np.lexsort((p["fiscal_year"], p["name"]))]
    return table(["Fiscal year", "Pool", "Level", "Servers (count)", "Busy-hour arrivals (1/s)",
                  "Utilisation (%)", "Response at the target percentile (s)",
                  "p99 response (s)", "DES: at the target percentile (s)", "DES: p99 (s)",
                  "Yearly cost (¥M/year)", "Met"], body)


def des_table(s):
    y = s.years
    if rows(y) == 0:
        return note("The file has no per-year DES record (sizing/years is empty).")
    body = []
    for i, fy in enumerate(y["fiscal_year"]):
        run = y["des_rounds"][i] > 0
        body.append([f"FY{fy}", y["des_window"][i] or "not run", N(f"{int(y['des_rounds'][i])}"),
                     _yes_no(y["des_agrees"][i]) if run else "–",
                     (Cell("holds") if y["conserved"][i] else Cell("violated", "pos"))
                     if run else "–"])
    html = table(["Fiscal year", "DES window (Japan time)", "Rounds (count)",
                  "DES agrees with the analytic sizing", "Transactions conserved"], body)
    if not np.any(y["des_rounds"] > 0):
        html = note("No year was checked by the discrete-event simulation (tsunagu size "
                    "--no-des): the sizing is analytic only.") + html
    return html


def _check_value(level, value):
    if "b/s" in level:
        return bit_rate(value)
    if level.rstrip().endswith(" s"):
        return f"{value:,.4g} s"
    return num(float(value), 3)


def checks_table(s):
    c = s.checks
    if rows(c) == 0:
        return note("No service has a level that the capacity choices do not change (such as a "
                    "stream's latency or bit rate), so there is nothing to check here.", "ok")
    body = [[f"FY{c['fiscal_year'][i]}", c["service"][i], c["level"][i],
             N(_check_value(c["level"][i], c["value"][i])), _met(c["met"][i]), c["note"][i]]
            for i in range(rows(c))]
    return table(["Fiscal year", "Service", "Level", "Achieved", "Met", "Note"], body)


def section(s, show):
    """The HTML of one sizing file (under its own h2, written by report.py)."""
    a = style.slug(s.label) + "-sizing"
    years = s.pools["fiscal_year"]
    last = int(years.max()) if len(years) else None
    out = ["<h3>What to buy and when</h3>", purchases(s),
           "<h3>Cost per fiscal year</h3>",
           show(F.sizing_costs(s), f"{a}-costs",
                f"{s.label}: stacked bar chart of the sized design's cost per fiscal year",
                "Cost per fiscal year of the sized design: links and servers running and the "
                "one-off set-up, stacked; the number above each bar is its total (¥ million)."),
           cost_table(s),
           "<h3>Cost–performance frontier of the server pools</h3>",
           show(F.cost_performance_frontier(s, last), f"{a}-frontier",
                f"{s.label}: yearly cost against p99 response of each server pool's options",
                "Each panel is one server pool"
                + (f" in FY{last}" if last is not None else "")
                + ": every server count the search visited, at its yearly cost (x) and "
                "end-to-end p99 response (y; log scale when it spans a wide range). Circles: "
                "analytic estimates (hollow: misses the level); line: the Pareto front (no "
                "cheaper option is as fast); star: the chosen count (placed from the pool table "
                "when the search did not record it among its options); diamonds: the DES check; "
                "dashed: the p99 target (drawn only for p99 levels, since the axis is p99). "
                "Options with an unbounded p99 (an overloaded pool) are left out."),
           "<h3>Server pools per fiscal year</h3>", pools_table(s),
           "<h3>DES check per fiscal year</h3>", des_table(s),
           "<h3>Level checks</h3>", checks_table(s)]
    return "\n".join(out)
