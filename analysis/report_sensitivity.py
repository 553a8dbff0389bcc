"""The report's section for a sensitivity results file (tsunagu sensitivity;
sensitivity_results.Sensitivity). `show(fig, name, alt, caption)` saves a figure and returns its
embedded HTML (from report.py)."""

import os

import numpy as np

import figures as F
import style
from figures.sensitivity import TOP, scale_of
from report_html import N, Cell, Name, esc, note, table

ROWS = 10   # per figure in the tables; every input is in the CSV


def _figure_value(s, index, value):
    units = s.figures["units"][index]
    scale = scale_of(units, [s.figures["base"][index]])
    return f"{scale.text(value)} {scale.unit}"


def _tables(s):
    counts = {}
    for t in s.inputs["table"]:
        counts[t] = counts.get(t, 0) + 1
    return ", ".join(f"{t} {n}" for t, n in sorted(counts.items()))


def headline(s):
    n = len(s.inputs["id"])
    text = (f"<p><strong>{esc(s.label)}</strong> (sensitivity): {n:,} estimated [E] inputs "
            f"({esc(_tables(s))}), each varied one at a time by ±{s.default_range * 100:g}% "
            f"unless its row gives its own range. ")
    leaders = []
    for index, name in enumerate(s.figures["name"]):
        rows = s.moving(name)
        if len(rows):
            r = rows[0]
            leaders.append(f"the {esc(s.figures['label'][index])} most with "
                           f"<code>{esc(s.inputs['id'][int(s.effects['input'][r])])}</code> "
                           f"(swing {esc(_figure_value(s, index, s.effects['swing'][r]))})")
    text += ("It moves " + "; ".join(leaders) + ". ") if leaders else "No input moves any figure. "
    still = len(s.still())
    text += f"{still:,} of the inputs move none of the five figures.</p>"
    return text


def ranking_table(s, name, limit=ROWS):
    """The inputs that move figure `name` most: the numbers behind its tornado."""
    index = s.figure_index(name)
    e, i = s.effects, s.inputs
    rows = s.moving(name)
    if len(rows) == 0:
        return note(f"No estimated input moves the {esc(s.figures['label'][index])}.", "ok")
    body = []
    for r in rows[:limit]:
        k = int(e["input"][r])
        mu = e["mu_star"][r]
        body.append([N(f"{int(e['rank'][r])}"), Name(i["id"][k]),
                     N(f"{i['low'][k]:,.6g} … {i['high'][k]:,.6g}"), i["units"][k],
                     N(_figure_value(s, index, e["at_low"][r])),
                     N(_figure_value(s, index, e["at_high"][r])),
                     N(_figure_value(s, index, e["swing"][r])),
                     N("–" if not np.isfinite(mu) else _figure_value(s, index, mu)),
                     Cell(i["basis"][k], "note")])
    html = table(["Rank", "Input (table:row:field)", "Low … high", "Units", "Figure at low",
                  "Figure at high", "Swing", "Morris mu*", "Why it counts as [E]"], body)
    if len(rows) > limit:
        html += note(f"{len(rows) - limit:,} more inputs move it less; every input is in "
                     f"<code>{esc(os.path.basename(s.csv_path))}</code>.")
    return html


def _method(s):
    study = s.study
    text = (f"Figures of FY{s.fiscal_year}, except the net present value, which covers the "
            f"horizon. Each input is set to its low and then its high value with every other "
            f"input at its value in the scenario, and the analytic plan is run again "
            f"({int(study.get('plans_run', 0)):,} whole plans, "
            f"{int(study.get('shortcuts_run', 0)):,} re-evaluations of pools or costs alone). "
            f"The swing is the width of the bar: the largest less the smallest of the figure at "
            f"the low value, the base and the high value. ")
    zero = int(study.get("estimated_at_zero", 0))
    if zero:
        text += f"{zero:,} [E] fields at 0 are left out (a share of 0 cannot move them). "
    unmatched = int(study.get("estimated_unmatched", 0))
    if unmatched:
        text += f"{unmatched:,} [E] fields were left out by <code>--inputs</code>. "
    return note(text)


def _morris_note(s):
    study = s.study
    trajectories = int(study.get("morris_trajectories", 0))
    if trajectories == 0:
        return note("Morris screening was not run (<code>--morris 0</code>).")
    top = int(study.get("morris_top", 0))
    which = (f"among the first {top} of some figure's ranking" if top
             else "that move some figure")
    return note(f"Morris screening: {trajectories} trajectories on "
                f"{int(study.get('morris_levels', 0))} levels (step "
                f"{float(study.get('morris_delta', 0)):.3g} of each input's range) over the "
                f"{int(study.get('morris_screened', 0)):,} inputs {which}, the others at their "
                f"base values. mu* is the mean absolute "
                f"change of the figure over an input's whole range, sigma the spread of those "
                f"changes: above the dashed line sigma = mu*, an input's effect depends on where "
                f"the others are.")


def section(s, show):
    """The HTML of one sensitivity file (under its own h2, written by report.py)."""
    a = style.slug(s.label) + "-sensitivity"
    out = [_method(s)]
    for index, name in enumerate(s.figures["name"]):
        label = s.figures["label"][index]
        out += [f"<h3>{esc(label[0].upper() + label[1:])}</h3>",
                show(F.tornado(s, name), f"{a}-{name}",
                     f"{s.label}: tornado chart of the {label}",
                     f"The {label}: the {TOP} inputs that move it most, largest swing at the top; "
                     f"each bar runs from the base (dashed) to the figure with the input at its "
                     f"low value (blue) and at its high value (vermillion)."),
                ranking_table(s, name)]
    out += ["<h3>Morris screening</h3>",
            show(F.morris_plane(s), f"{a}-morris", f"{s.label}: Morris mu* against sigma",
                 "Each point an input Morris screened: mu* (x) against sigma (y), per headline "
                 "figure; the five largest mu* are named."),
            _morris_note(s)]
    still = s.still()
    if still:
        ids = ", ".join(f"<code>{esc(s.inputs['id'][k])}</code>" for k in still[:30])
        more = f" and {len(still) - 30:,} more" if len(still) > 30 else ""
        out.append("<h3>Inputs that move nothing</h3>"
                   + note(f"{len(still):,} inputs move none of the five figures at ±their range: "
                          f"{ids}{more}. Replacing these estimates with data would not change "
                          f"these results."))
    return "\n".join(out)
