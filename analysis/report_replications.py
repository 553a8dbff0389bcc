"""The replicated peak day in the report's simulation section (group `replications`, see
tsunagu_results.py): a table of every figure as mean ± half-width of its confidence interval,
printed with no more digits than the half-width supports, and the chart of response times with
error bars (figures/replications.py)."""

import math

import figures as F
import style
from estimate_format import format_estimate
from report_html import N, Name, esc, note, pct, table


def _relative(value):
    value = float(value)
    if math.isnan(value):
        return "–"
    return "∞" if math.isinf(value) else pct(value, 1)


def figures_table(rep):
    """One row per figure of the group, in file order: the figure and its unit, mean ±
    half-width, the half-width relative to the mean, and the replications that measured it."""
    rows = []
    for i, name in enumerate(rep.figure):
        unit = rep.unit[i]
        label = f"{name} ({unit})" if unit and unit != "1" else name
        rows.append([Name(label), N(format_estimate(rep.mean[i], rep.half_width[i])),
                     N(_relative(rep.relative_half_width[i])), N(f"{int(rep.count[i]):,}")])
    return table(["Figure (peak day)", f"Mean ± half-width ({rep.confidence:.0%})",
                  "Relative half-width", "Replications (n)"], rows)


def _how(rep):
    seeds = ", ".join(str(s) for s in rep.seeds[:3]) + (", …" if len(rep.seeds) > 3 else "")
    text = (f"The peak day was simulated {rep.runs} times with independent seeds ({esc(seeds)}). "
            f"Each figure is the mean over the replications ± the half-width of its "
            f"{rep.confidence:.0%} Student t confidence interval, rounded to one significant "
            "digit, with the mean to the same decimal place; “± ?”: measured once, so the "
            "spread is unknown.")
    if rep.precision_target > 0:
        text += (f" The replications stopped when the watched figures were within "
                 f"{pct(rep.precision_target, 1)} of their means"
                 + (f" (reached; the last to get there: {esc(rep.decided_by)})."
                    if rep.precision_reached else " — <strong>not reached</strong>."))
    if rep.transient_end_seconds > 0:
        text += (f" MSER-5 finds a transient in the first {rep.transient_end_seconds / 60:,.0f} "
                 "minutes of the replications' mean queue; a longer warm-up would remove it.")
    return f"<p>{text}</p>"


def section(r, show):
    """HTML of the replicated figures of a plan results file; "" without the group."""
    rep = r.replications
    if rep is None:
        return ""
    out = [_how(rep), figures_table(rep)]
    if rep.services():
        out.append(show(F.replicated_response(r), f"{style.slug(r.label)}-replicated-response",
                        f"{r.label}: mean, p50, p95 and p99 response time per service with "
                        "confidence intervals",
                        "Response time of each service on the peak day: the bar is the mean "
                        f"over {rep.runs} replications, the error bar its {rep.confidence:.0%} "
                        "confidence interval; dashed: the service's target where it is near "
                        "the bars."))
    else:
        out.append(note("The replicated figures hold no response times, so the chart is left "
                        "out."))
    return "\n".join(out)
