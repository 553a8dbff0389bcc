"""The report's sections for a failures results file (tsunagu_results.Failures).
`show(fig, name, alt, caption)` saves a figure and returns its embedded HTML (from report.py)."""

import numpy as np

import figures as F
import style
from figures.failures import KINDS
from report_html import N, Cell, Name, esc, note, num, pct, table
from tsunagu_results import rows

TOP_CASES = 30
TOP_BARS = 15
CUT_OFF_ROWS = 50
FACILITY_KINDS = ("hospital", "clinic", "dental-clinic", "pharmacy")


def duration(seconds):
    if seconds <= 0:
        return "–"
    if seconds % 3600 == 0:
        return f"{seconds / 3600:g} h"
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 60:g} min"


def _simulated(value, fmt):
    return "not simulated" if value < 0 else fmt(value)


def _ratio(value):
    """p99 / target: orange above 1 (the target is missed)."""
    if value < 0:
        return N("not simulated")
    text = "∞" if not np.isfinite(value) else f"{value:,.2f}×"
    return Cell(text, "num pos" if value > 1 else "num")


def _conserved(flag):
    if flag < 0:
        return Cell("not simulated")
    return Cell("holds") if flag == 1 else Cell("violated", "pos")


def _services(text):
    return ", ".join(s for s in str(text).split(";") if s) or "–"


def headline(fl):
    c = fl.cases
    n = rows(c)
    window = (f"over the window {esc(fl.window)} (Japan time, {duration(fl.duration_seconds)})"
              if fl.window else "")
    text = f"<p><strong>{esc(fl.label)}</strong> (failures): {n:,} failure case(s) {window}"
    if n:
        text += (f". The worst, <strong>{esc(c['name'][0])}</strong> ({esc(c['kind'][0])}, "
                 f"re-routing: {esc(c['rerouting'][0])}), fails about "
                 f"{num(float(c['transactions_failed'][0]))} transactions and cuts off "
                 f"{int(c['facilities_cut_off'][0]):,} facilities")
    spof = rows(fl.spof)
    text += (f"; <strong>{spof:,} single point(s) of failure</strong> cut off facilities"
             if spof else "; no single element cuts off a facility")
    st = fl.structure
    if {"articulation_points", "bridges"} <= set(st):
        text += (f" (the infrastructure graph has {int(st['articulation_points']):,} "
                 f"articulation point(s) and {int(st['bridges']):,} bridge(s)")
        if "single_homed_facilities" in st:
            text += (f"; {int(st['single_homed_facilities']):,} facilities hang on a single "
                     "line")
        text += ")"
    return text + ".</p>"


def ranked_table(fl, n=TOP_CASES):
    c = fl.cases
    if rows(c) == 0:
        return note("The file holds no failure cases (failures/cases is empty).")
    body = [[N(f"{int(c['rank'][i])}"), Name(c["name"][i]), c["kind"][i], c["rerouting"][i],
             N(f"{int(c['facilities_cut_off'][i]):,}"),
             N(num(float(c["transactions_failed"][i]))),
             N(_simulated(c["des_failed"][i], lambda v: num(float(v)))),
             _ratio(c["worst_response_ratio"][i]), _ratio(c["des_worst_response_ratio"][i]),
             c["worst_service"][i] or "–",
             N(num(float(c["late_claims"][i]))),
             N(_simulated(c["des_late_claims"][i], lambda v: num(float(v)))),
             N(pct(float(c["max_link_utilisation"][i]), 1)),
             _conserved(int(c["conserved"][i]))]
            for i in range(min(n, rows(c)))]
    html = table(["Rank", "Case", "Element", "Re-routing", "Facilities cut off (count)",
                  "Transactions failed (analytic)", "Transactions failed (DES)",
                  "Worst response ÷ target (analytic)", "Worst response ÷ target (DES)",
                  "Worst service", "Late claims (analytic, count)", "Late claims (DES, count)",
                  "Busiest link (% of capacity)", "Transactions conserved (DES)"], body)
    if rows(c) > n:
        html += note(f"The {rows(c) - n:,} lower-ranked cases are in the results file "
                     "(failures/cases).")
    return html


def spof_table(fl):
    p = fl.spof
    if rows(p) == 0:
        return note("No single point of failure: every facility keeps a route when any one "
                    "element fails.", "ok")
    order = np.lexsort((p["name"], -p["facilities_cut_off"]))
    body = [[Name(p["name"][i]), p["kind"][i], N(f"{int(p['facilities_cut_off'][i]):,}"),
             _services(p["services"][i])] for i in order]
    return table(["Element", "Kind", "Facilities cut off (count)", "Services lost"], body)


def cut_off_counts(fl):
    """{case: (facilities, {facility kind: facilities}, prefectures)} from failures/cut_off
    (each row counts `count` facilities), in the order of the cases' rank, then any other case
    names."""
    co, c = fl.cut_off, fl.cases
    names = [n for n in c["name"] if n in set(co["case"])]
    names += sorted(set(co["case"]) - set(names))
    out = {}
    for name in names:
        sel = co["case"] == name
        count = co["count"][sel]
        kinds = {k: int(count[co["kind"][sel] == k].sum()) for k in set(co["kind"][sel])}
        out[name] = (int(count.sum()), kinds, len(set(co["prefecture"][sel].tolist())))
    return out


def cut_off_part(fl, n=CUT_OFF_ROWS):
    co = fl.cut_off
    if rows(co) == 0:
        return note("No failure case cuts off a facility (failures/cut_off is empty).", "ok")
    counts = cut_off_counts(fl)
    kinds = [k for k in FACILITY_KINDS if any(k in v[1] for v in counts.values())]
    kinds += sorted({k for v in counts.values() for k in v[1]} - set(kinds))
    body = [[Name(name), N(f"{total:,}")] + [N(f"{by.get(k, 0):,}") for k in kinds]
            + [N(f"{prefs:,}")] for name, (total, by, prefs) in counts.items()]
    out = [table(["Case", "Facilities cut off (count)"] + [f"of which {k}" for k in kinds]
                 + ["Prefectures (count)"], body)]
    listed = [[Name(co["case"][i]), Name(co["facility"][i]), co["kind"][i],
               N(f"{int(co['count'][i]):,}"), N(f"{int(co['prefecture'][i])}"),
               _services(co["services"][i])]
              for i in range(min(n, rows(co)))]
    out.append(f"<p>The first {len(listed)} of {rows(co):,} rows of the cut-off list (a row "
               "is a facility, or a group of facilities when the scenario aggregates them):</p>")
    out.append(table(["Case", "Facility", "Kind", "Facilities (count)", "Prefecture (code)",
                      "Services lost"], listed))
    if rows(co) > n:
        out.append(note(f"The other {rows(co) - n:,} are in the results file (failures/cut_off)."))
    return "\n".join(out)


def section(fl, show):
    a = style.slug(fl.label) + "-failures"
    k = min(TOP_BARS, rows(fl.cases))
    return "\n".join([
        f"<h3>Failure cases, ranked (top {min(TOP_CASES, rows(fl.cases))})</h3>",
        ranked_table(fl),
        "<h3>Transactions failed</h3>",
        show(F.failed_transactions_bar(fl, TOP_BARS), f"{a}-transactions",
             f"{fl.label}: bar chart of the failure cases with the most transactions failed",
             f"The {k} failure cases with the most transactions failed during the window "
             "(analytic estimate), most at the top, coloured by the kind of element that fails "
             f"({', '.join(KINDS)}); black diamonds: the simulated count where the DES ran."),
        "<h3>Single points of failure</h3>", spof_table(fl),
        "<h3>Facilities cut off</h3>", cut_off_part(fl)])
