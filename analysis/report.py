#!/usr/bin/python3
"""Writes a report of one or more tsunagu results files: one self-contained HTML page.

    /usr/bin/python3 analysis/report.py --out DIR RESULT.h5 [MORE.h5 ...]
        [--top-links N] [--window YYYY-MM-DD[:DAYS]]

Writes DIR/index.html (figures embedded as PNG data: URIs, no external requests) and
DIR/figures/*.png and *.svg. Everything is first written to a hidden sibling directory
(.DIR.XXXX.partial) that is renamed to DIR at the end, so a failure leaves no partial report and
an existing DIR is replaced only on success. An existing DIR is replaced only if it is empty or
is an earlier report (its index.html names this generator); anything else is refused.

Results files of kind plan (tsunagu plan/run) get the costs, breaches, links, map and
simulation sections; files of kind sizing (tsunagu size), failures, sensitivity and uncertainty
get sections of their own (report_sizing.py, report_failures.py, report_sensitivity.py,
report_uncertainty.py). Only plan results
are compared with each other, and --top-links and --window apply to them only.

Exit status: 0 on success (the path of index.html is printed on stdout); 2 for bad input (one
sentence on stderr): a file that is missing or not a tsunagu results file (root attributes
format, format_version, kind), results with different horizons, a bad option or output
directory; 3 if numpy, matplotlib or h5py cannot be imported; 1 for anything unexpected.
Without --out the report goes to NAME-report/ beside the first results file.
"""

import argparse
import datetime
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
DEBIAN_PACKAGES = "python3-matplotlib python3-h5py python3-numpy"


class BadInput(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):   # one sentence instead of argparse's usage block
        sys.stderr.write(f"report.py: {message} (usage: report.py --out DIR RESULT.h5 "
                         f"[MORE.h5 ...]).\n")
        sys.exit(2)


def parse(argv):
    p = Parser(description="Write an HTML report of tsunagu results files.")
    p.add_argument("results", nargs="+", help="results files written by tsunagu plan/run "
                   "(kind plan), tsunagu size (kind sizing), tsunagu failures, tsunagu "
                   "sensitivity or tsunagu uncertainty")
    p.add_argument("-o", "--out", help="report directory (default: NAME-report beside the "
                   "first results file)")
    p.add_argument("--top-links", type=int, default=20, metavar="N",
                   help="links in the heatmap and the ranking (default 20)")
    p.add_argument("--lang", choices=("en", "ja"), default="en",
                   help="the report's language (default en; ja: Japanese, with the glossary's "
                   "terms, yen in 万/億 and dates as 2026年2月9日)")
    p.add_argument("--window", metavar="YYYY-MM-DD[:DAYS]",
                   help="heatmap window: DAYS (default 7) from 00:00 of that day, Japan time "
                   "(default: the busiest week of the last fiscal year)")
    args = p.parse_args(argv)
    if args.top_links < 1:
        p.error("--top-links must be at least 1")
    return args


def window_hours(r, spec):
    if not spec:
        return None
    day, _, days = spec.partition(":")
    try:
        a = r.hour_index(datetime.date.fromisoformat(day).isoformat())
        b = a + 24 * (int(days) if days else 7)
    except ValueError:
        raise BadInput(f"--window {spec} is not of the form YYYY-MM-DD or YYYY-MM-DD:DAYS.")
    if a < 0 or b > r.hours or b <= a:
        raise BadInput(f"--window {spec} is not inside the horizon of {r.path} "
                       f"({r.start_date}, {r.hours} hours).")
    return a, b


def check_out(out):
    if os.path.exists(out) and not os.path.isdir(out):
        raise BadInput(f"{out} exists and is not a directory.")
    if os.path.isdir(out) and os.listdir(out):
        index = os.path.join(out, "index.html")
        from report_html import GENERATOR
        try:
            with open(index, encoding="utf-8") as f:
                earlier = f'content="{GENERATOR}"' in f.read(4096)
        except OSError:
            earlier = False
        if not earlier:
            raise BadInput(f"{out} exists and is not an earlier tsunagu report, so it is not "
                           f"replaced; choose another directory with --out.")


def build(results, directory, args):
    """Renders every figure into directory/figures and writes directory/index.html."""
    import matplotlib.pyplot as plt

    import figures as F
    import link_agreement as LA
    import report_failures as FL
    import report_html as H
    import report_sections as S
    import report_sensitivity as SE
    import report_sizing as SZ
    import report_uncertainty as UN
    import style

    figdir = os.path.join(directory, "figures")

    import i18n

    i18n.set_language(args.lang)

    def show(fig, name, alt, caption):
        png, _ = style.save(i18n.translate_figure(fig), figdir, name)
        plt.close(fig)
        return H.figure(png, name, alt, caption)

    plans = [r for r in results if r.kind == "plan"]
    windows = [window_hours(r, args.window) for r in plans]
    n = args.top_links
    nav, body = [("runs", "Runs")], ['<h2 id="runs">Runs: scenario and manifest</h2>',
                                     S.runs(results), '<h2 id="summary">Summary</h2>']
    nav.append(("summary", "Summary"))
    headlines = {"plan": S.headline, "sizing": SZ.headline, "failures": FL.headline,
                 "sensitivity": SE.headline, "uncertainty": UN.headline}
    sections = {"sizing": SZ.section, "failures": FL.section, "sensitivity": SE.section,
                "uncertainty": UN.section}
    body += [headlines[r.kind](r) for r in results]
    if len(plans) > 1:
        nav.append(("comparison", "Comparison"))
        body += ['<h2 id="comparison">Comparison</h2>', S.comparison(plans, show)]
    if plans:
        nav.append(("costs", "Costs"))
        body += ['<h2 id="costs">Costs</h2>',
                 show(F.cost_per_year(plans), "costs-by-component",
                      "Stacked bar chart of cost per fiscal year by component",
                      "Cost per fiscal year (setup + running), stacked by component; one panel "
                      "per results file, same scale; the number above each bar is its total.")]
        for r in plans:
            body += [f"<h3>{H.esc(r.label)}: cost by component</h3>", S.cost_table(r)]
        nav.append(("breaches", "First breaches"))
        body += ['<h2 id="breaches">First breaches</h2>',
                 show(F.breach_timeline(plans), "first-breaches",
                      "Timeline of the first breach of each link and server pool",
                      "When each link first exceeds the utilisation target (diamond, at its "
                      "hour) and each server pool first misses its target (bar over that fiscal "
                      "year).")]
    for r in results:
        if r.kind == "plan":
            continue
        a = style.slug(r.label) + "-" + r.kind
        title = f"{r.label}: {r.kind}"
        nav.append((a, title))
        body += [f'<h2 id="{H.esc(a)}">{H.esc(title)}</h2>', sections[r.kind](r, show)]
    for r, window in zip(plans, windows):
        a = style.slug(r.label)
        nav.append((a, r.label))
        body += [f'<h2 id="{H.esc(a)}">{H.esc(r.label)}</h2>',
                 "<h3>Key figures per fiscal year</h3>", S.key_figures(r),
                 "<h3>Rollout coverage</h3>",
                 show(F.coverage(r), f"{a}-coverage",
                      f"{r.label}: facilities using each service by kind",
                      "Facilities using each service at the end of each fiscal year, one line "
                      "per facility kind. " + F.coverage_left_out(r)),
                 "<h3>Link utilisation</h3>", S.links_part(r, show, n, window),
                 "<h3>Prefectures</h3>", S.map_part(r, show),
                 "<h3>Server pools</h3>", S.pools_table(r),
                 "<h3>Services</h3>", S.services_table(r),
                 "<h3>Simulation</h3>", S.simulation_part(r, show), LA.section(r, show)]
    body.append('<h2 id="notes">Notes</h2><p>Times are Japan time (UTC+9). Fiscal years run '
                "April–March. ¥M = millions of yen. Utilisation is the busier direction's "
                "hourly mean load as a share of capacity. Each figure is also in "
                "<code>figures/</code> as PNG and SVG.</p>")
    nav.append(("notes", "Notes"))
    title = "tsunagu report: " + ", ".join(r.label for r in results)
    made = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    with open(os.path.join(directory, "index.html"), "w", encoding="utf-8") as f:
        f.write(i18n.translate_html(H.page(
            title, f"Written {H.esc(made)} from {len(results)} results file(s).", nav,
            "\n".join(body))))


def replace_directory(tmp, out):
    """Renames tmp to out; an existing out is moved aside first and removed afterwards."""
    old = None
    if os.path.exists(out):
        old = tmp[: -len(".partial")] + ".old"
        os.rename(out, old)
    try:
        os.rename(tmp, out)
    except OSError:
        if old:
            os.rename(old, out)
        raise
    if old:
        shutil.rmtree(old, ignore_errors=True)


def main(argv=None):
    args = parse(argv)
    try:
        import h5py  # noqa: F401
        import matplotlib  # noqa: F401
        import numpy  # noqa: F401
    except ImportError as error:
        sys.stderr.write(f"report.py: cannot import {error.name or error} with {sys.executable}; "
                         f"install the Debian packages {DEBIAN_PACKAGES} and run it with "
                         f"/usr/bin/python3.\n")
        return 3
    import tsunagu_results as tr

    try:
        for path in args.results:
            if not os.path.isfile(path):
                raise BadInput(f"{path} does not exist or is not a file.")
        results = tr.load_all(args.results)
        first = os.path.splitext(os.path.abspath(args.results[0]))[0]
        out = os.path.abspath(args.out or first + "-report")
        check_out(out)
        parent = os.path.dirname(out)
        os.makedirs(parent, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix=f".{os.path.basename(out)}.", suffix=".partial",
                               dir=parent)
        try:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o777 & ~umask)
            build(results, tmp, args)
            replace_directory(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    except (BadInput, tr.BadResults) as error:
        sys.stderr.write(f"report.py: {error}\n")
        return 2
    print(os.path.join(out, "index.html"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
