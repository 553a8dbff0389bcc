"""The report's sections (HTML strings). `show(fig, name, alt, caption)` saves a figure and
returns its embedded HTML; it is passed in by report.py."""

import numpy as np

import figures as F
import japan_map
import report_replications
import style
from report_html import (N, Cell, Name, bit_rate, esc, million, note, num, pct, signed,
                         table)


def _fy_span(r):
    return f"FY{r.fiscal_years[0]}–FY{r.fiscal_years[-1]}"


def _plan(get):
    """A field that only plan results have ("–" for sizing and failures files)."""
    return lambda r: get(r) if r.kind == "plan" else "–"


def _horizon(r):
    if r.kind == "sizing":
        years = r.fiscal_years
        return f"{_fy_span(r)} (fiscal years sized)" if len(years) else "–"
    if r.kind == "failures":
        return f"failure window {r.window or '–'} (Japan time)"
    if r.kind == "uncertainty":
        return f"{_fy_span(r)} ({r.samples:,} samples)"
    return f"{r.start_date} + {r.hours:,} h ({_fy_span(r)}, Japan time)"


def runs(results):
    """The scenario and manifest of each results file, one column per file."""
    fields = [("Scenario", lambda r: r.manifest.get("scenario_name", "")),
              ("Results file", lambda r: r.path),
              ("Kind", lambda r: r.kind),
              ("Scenario SHA-256", lambda r: r.manifest.get("scenario_sha256", "")),
              ("Scenario files", lambda r: ", ".join(r.scenario_files)),
              ("Seed", lambda r: r.manifest.get("seed", "")),
              ("tsunagu version", lambda r: r.manifest.get("tsunagu_version", "")),
              ("Git commit", lambda r: r.manifest.get("git_commit") or "(not a git checkout)"),
              ("Host", lambda r: r.manifest.get("host", "")),
              ("Start time", lambda r: r.manifest.get("start_time", "")),
              ("Wall time (s)", lambda r: num(float(r.manifest.get("wall_time_seconds", 0)), 1)),
              ("Command", lambda r: r.manifest.get("command", "")),
              ("Data tables", lambda r: r.manifest.get("data_directory", "")),
              ("Data SHA-256", lambda r: r.manifest.get("data_sha256", "")),
              ("Horizon", _horizon),
              ("Rollout states", _plan(lambda r: f"{r.rollout_states:,}")),
              ("Utilisation target", lambda r: pct(r.utilisation_target, 0)
               if r.kind != "failures" else "–"),
              ("Discount rate (a year)", _plan(lambda r: pct(r.costs["discount_rate"], 1)))]
    code = {"Results file", "Scenario SHA-256", "Scenario files", "Command", "Data tables",
            "Data SHA-256"}
    rows = [[name] + [Cell(get(r), "code" if name in code else "") for r in results]
            for name, get in fields]
    return table([""] + [r.label for r in results], rows, row_headers=True)


def _busiest(r, col):
    peak = r.links["peak_utilisation"][:, col] if len(r.links["name"]) else np.zeros(0)
    if peak.size == 0 or peak.max() <= 0:
        return "", None
    i = int(np.argmax(peak))
    return r.links["name"][i], float(peak[i])


def _largest_pool(r, col):
    servers = r.pools["servers"][:, col] if len(r.pools["name"]) else np.zeros(0)
    if servers.size == 0 or servers.max() <= 0:
        return "", None, None
    i = int(np.argmax(servers))
    return r.pools["name"][i], float(servers[i]), float(r.pools["utilisation"][i, col])


def headline(r):
    """One paragraph: what a reader should take away from one results file."""
    c = r.costs
    peak = float(r.links["peak_utilisation"].max(initial=0))
    links, pools = r.link_breaches(), r.pool_breaches()
    breaches = (f"<strong>{len(links)} link(s) and {len(pools)} server pool(s) breach their "
                f"target</strong>, the first on {esc(_first_breach(links, pools))}"
                if links or pools else "no link or server pool breaches its target")
    return (f"<p><strong>{esc(r.label)}</strong>: over {_fy_span(r)} the network costs "
            f"¥{million(c['total'].sum())} million in all (net present value "
            f"¥{million(c['net_present_value'])} million at {pct(c['discount_rate'], 1)} a "
            f"year) for {num(c['transactions'].sum() / 1e6, 1)} million transactions. The "
            f"busiest infrastructure link peaks at {esc(pct(peak))} of its capacity (target "
            f"{pct(r.utilisation_target, 0)}); {breaches}.</p>")


def _first_breach(links, pools):
    found = [(t, f"{str(t).replace('T', ' ')}:00 (link {name})") for name, t in links[:1]]
    found += [(np.datetime64(f"{fy}-04-01T00", "h"), f"FY{fy} (pool {name})")
              for name, fy in pools[:1]]
    return min(found)[1] if found else ""


def key_figures(r):
    """Per fiscal year: costs, transactions, busiest link, largest pool, new breaches."""
    c = r.costs
    setup = c["initial"].sum(axis=0)
    new = {y: 0 for y in r.fiscal_years}
    for _, t in r.link_breaches():
        y = t.astype(object).year
        y = y if t.astype(object).month >= 4 else y - 1
        new[y] = new.get(y, 0) + 1
    rows = []
    for j, y in enumerate(r.fiscal_years):
        link, peak = _busiest(r, j)
        pool, servers, util = _largest_pool(r, j)
        rows.append([f"FY{y}", N(million(c["total"][j])), N(million(setup[j])),
                     N(num(c["transactions"][j] / 1e6, 2)), N(num(c["yen_per_transaction"][j], 2)),
                     Name(link), N(pct(peak) if peak is not None else "–"), Name(pool),
                     N(num(servers) if servers is not None else "–"),
                     N(pct(util, 1) if util is not None else "–"), N(str(new.get(y, 0))),
                     N(million(c["consolidation_saving"][j]))])
    return table(["Fiscal year", "Total cost (¥M)", "of which setup (¥M)", "Transactions (M)",
                  "Cost per transaction (¥)", "Busiest link", "Its busy-hour utilisation, hourly mean (%)",
                  "Largest server pool", "Its servers (count)", "Its utilisation (%)",
                  "Links first breaching (count)", "Consolidation saving (¥M)"], rows)


def cost_table(r):
    cost = r.cost_by_component()
    rows = [[comp] + [N(million(v)) for v in cost[i]] + [N(million(cost[i].sum()))]
            for i, comp in enumerate(r.costs["component"])]
    rows.append([Cell("<strong>total</strong>", raw=True)]
                + [N(million(v)) for v in r.costs["total"]] + [N(million(r.costs["total"].sum()))])
    return table(["Component (¥M, setup + running)"] + r.fy_labels() + ["All years"], rows)


def comparison(results, show):
    base = results[0]
    heads = ["Fiscal year", f"{base.label} (¥M)"]
    for r in results[1:]:
        heads += [f"{r.label} (¥M)", f"{r.label} − {base.label} (¥M)", "difference (%)"]
    rows = []
    totals = [r.costs["total"] for r in results]
    for j, y in enumerate(base.fiscal_years):
        row = [f"FY{y}", N(million(totals[0][j]))]
        for t in totals[1:]:
            d = t[j] - totals[0][j]
            cls = "num pos" if d > 0 else ("num neg" if d < 0 else "num")
            rel = d / totals[0][j] if totals[0][j] else 0.0
            row += [N(million(t[j])), Cell(signed(d / 1e6), cls), Cell(signed(rel * 100, 1), cls)]
        rows.append(row)
    metrics = [
        ("Total cost, all years (¥M)", lambda r: million(r.costs["total"].sum())),
        ("Net present value (¥M)", lambda r: million(r.costs["net_present_value"])),
        ("Transactions, all years (M)", lambda r: num(r.costs["transactions"].sum() / 1e6, 1)),
        ("Cost per transaction, all years (¥)",
         lambda r: num(r.costs["total"].sum() / max(r.costs["transactions"].sum(), 1), 2)),
        ("Busiest link, busy-hour utilisation, hourly mean (%)", lambda r: pct(float(r.links["peak_utilisation"].max(
            initial=0)))),
        ("Links breaching (count)", lambda r: str(len(r.link_breaches()))),
        ("Server pools breaching (count)", lambda r: str(len(r.pool_breaches()))),
        (f"Servers in FY{base.fiscal_years[-1]} (count)",
         lambda r: num(float(r.pools["servers"][:, -1].sum()) if len(r.pools["name"]) else 0)),
        ("Infrastructure links (count)", lambda r: str(len(r.links["name"]))),
    ]
    side = table(["Measure"] + [r.label for r in results],
                 [[name] + [N(get(r)) for r in results] for name, get in metrics],
                 row_headers=True)
    return ("<p>Each results file side by side; differences are against the first, "
            f"<strong>{esc(base.label)}</strong>. Positive differences (orange) cost more.</p>"
            + side + table(heads, rows)
            + show(F.cost_comparison(results), "comparison-total-cost",
                   "Total cost per fiscal year of each results file, and the differences",
                   "Total cost per fiscal year side by side (top) and each file's difference "
                   f"from {esc(base.label)} (bottom)."))


def links_part(r, show, n, window):
    slug = style.slug(r.label)
    k = min(n, len(r.links["name"]))
    out = [show(F.busiest_links_bar(r, n), f"{slug}-busiest-links",
                f"{r.label}: bar chart of the busiest links' peak utilisation",
                f"The {k} links with the highest busy-hour utilisation in any fiscal year, "
                "busiest at the top; the label gives the fiscal year of the peak.")]
    out.append(show(F.utilisation_heatmap(r, n, window), f"{slug}-link-heatmap",
                    f"{r.label}: heatmap of hourly link utilisation",
                    f"Hourly utilisation of the {k} busiest links of FY{r.fiscal_years[-1]}, "
                    "one row per link; the window is "
                    + ("the one requested." if window else
                       "the calendar week (Monday–Sunday) with the highest total utilisation "
                       "of those links in that year.")))
    by_service = F.links_by_service(r)
    if by_service is not None:
        out.append(show(by_service, f"{slug}-links-by-service",
                        f"{r.label}: stacked bars of the busiest links' load by service",
                        f"The {min(F.link_services.TOP_LINKS, len(r.links['name']))} links with "
                        f"the highest busy-hour utilisation in FY{r.fiscal_years[-1]}, busiest "
                        "at the top; each bar is the link's load at its busy hour (busier "
                        "direction) split by service, with its utilisation at the end."))
    rows = []
    peak = r.links["peak_utilisation"]
    for i in np.argsort(-peak.max(axis=1), kind="stable")[:min(n, 10)]:
        rows.append([Name(r.links["name"][i]), r.links["role"][i], r.links["technology"][i],
                     N(bit_rate(r.links["capacity"][i])), N(pct(float(peak[i].max()))),
                     N(f"FY{r.fiscal_years[int(peak[i].argmax())]}"),
                     r.links["tier_needed"][i, -1], r.links["first_breach"][i] or "–"])
    out.append(table(["Link", "Role", "Technology", "Capacity (each direction)",
                      "Busy-hour utilisation, hourly mean (%)",
                      "Peak in", f"Tier needed in FY{r.fiscal_years[-1]}",
                      "First breach (Japan time)"], rows))
    return "\n".join(out)


def map_part(r, show):
    slug = style.slug(r.label)
    out = [show(japan_map.prefecture_map(r, "utilisation"), f"{slug}-map-utilisation",
                f"{r.label}: map of Japan with PoP uplink utilisation per prefecture",
                "One marker per prefecture at its capital, coloured by the peak busy-hour "
                "utilisation of its PoP uplink (pop-&lt;code&gt; -- core-…) over the horizon; "
                "hollow grey markers: no such link in these results.")]
    years = japan_map.uplink_breach_years(r)
    if any(v is not None for v in years.values()):
        out.append(show(japan_map.prefecture_map(r, "breach"), f"{slug}-map-breach",
                        f"{r.label}: map of Japan with the year of each PoP uplink's first breach",
                        "The fiscal year in which each prefecture's PoP uplink first exceeds the "
                        "utilisation target; white: no breach."))
    elif years:
        out.append(note(f"No PoP uplink breaches its {pct(r.utilisation_target, 0)} target, so "
                        "the map of first-breach years is left out.", "ok"))
    return "\n".join(out)


def pools_table(r):
    j = -1
    rows = [[Name(r.pools["name"][i]), N(num(r.pools["busy_arrivals"][i, j], 3)),
             N(num(r.pools["servers"][i, j])), N(num(r.pools["servers_needed"][i, j])),
             N(pct(float(r.pools["utilisation"][i, j]), 1)),
             N(num(float(r.pools["p95_response"][i, j]), 3)),
             N(num(float(r.pools["p99_response"][i, j]), 3)), r.pools["first_breach"][i] or "–"]
            for i in range(len(r.pools["name"]))]
    if not rows:
        return note("These results have no central server pools.")
    return table([f"Pool (FY{r.fiscal_years[j]}, busy hour)", "Arrivals (1/s)", "Servers (count)",
                  "Servers needed (count)", "Utilisation (%)", "p95 response (s)",
                  "p99 response (s)", "First breach"], rows)


def services_table(r):
    s, j = r.services, -1
    rows = [[name, N(num(s["users"][i, j])), N(num(s["transactions"][i, j] / 1e6, 3)),
             N(num(s["bytes"][i, j] / 1e9, 1)), N(num(s["network_latency"][i, j], 1)),
             N(num(s["response_p95"][i, j], 3))] for i, name in enumerate(s["name"])]
    return table([f"Service (FY{r.fiscal_years[j]})", "Facilities using it (count)",
                  "Transactions (M)", "Traffic (GB)", "Network latency, one way (ms)",
                  "Response estimate, p95 (s)"], rows)


def simulation_part(r, show):
    if r.des is None:
        return note("These results come from the analytic planner and hold no discrete-event "
                    "simulation data (no group <code>des</code>), so the response-time "
                    "distributions and the queue and claims-backlog plots are left out. "
                    "The busy-hour queueing estimates are in the server pool table above.")
    slug, out = style.slug(r.label), []
    if r.des.latency:
        out.append(show(F.latency_cdf(r), f"{slug}-latency-cdf",
                        f"{r.label}: response-time distribution per service",
                        "Share of requests answered within each response time, per service; "
                        "dashed: the service-level target."))
    queues = F.queues(r)
    if queues is not None:
        out.append(show(queues, f"{slug}-queues", f"{r.label}: queue lengths and backlog",
                        F.queues_caption(r)))
    if r.replications is not None:
        out += ["<h4>Replications of the peak day</h4>", report_replications.section(r, show)]
    return "\n".join(out) or note("The simulation results hold no latency or queue data.")
