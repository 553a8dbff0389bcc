#!/usr/bin/python3
"""The report of sizing results (`tsunagu size`, root kind "sizing") and of failure results
(root kind "failures"): what analysis/ reads, draws and writes into the HTML page.

Usage: test_sizing_report.py <path to tsunagu> <repository root>
       (ctest Analysis.SizingAndFailuresReport)

Results used:
- tests/scenarios/size-check.yaml sized by the binary with --no-des (hand-checked answer:
  eligibility@dc has 4 servers in FY2023 and 7 in FY2024; link "core -- dc" has one 100 Mb/s
  line, then two), and a copy of it with made-up DES options and an unstable (inf) option added;
- a made-up sizing file with 40 new links in one year (the report lists 30) and empty groups;
- made-up failure results written here with h5py in the layout the reader documents: 35 cases
  stored out of rank order, 60 facilities cut off by three cases, three single points of
  failure; and one with no rows at all;
- tests/scenarios/failures-check.yaml run through `tsunagu failures` (whose cut-off list has
  rows that stand for several facilities, column `count`).
Expected values are read from the files with h5py directly, not through analysis/.
"""

import html
import os
import re
import shutil
import subprocess
import sys
import unittest

import analysis_fixtures as fx

TSUNAGU, REPO = fx.take_paths()
fx.import_analysis(REPO)
REPORT = os.path.join(REPO, "analysis", "report.py")

import h5py  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import figures as F  # noqa: E402
import tsunagu_results as tr  # noqa: E402
from figures.failures import KIND_COLOURS  # noqa: E402

STR = h5py.string_dtype()


# -- fixtures ---------------------------------------------------------------------------------
def raw(path, group):
    """Every column of a table group, read with h5py: {column: numpy array}."""
    with h5py.File(path, "r") as f:
        return {k: (d.asstr()[:] if d.dtype.kind == "O" else d[:]) for k, d in f[group].items()}


def write_manifest(f, name, kind):
    f.attrs["format"] = "tsunagu-results"
    f.attrs["format_version"] = np.int64(1)
    f.attrs["kind"] = kind
    m = f.create_group("manifest")
    m.create_dataset("scenario_files", data=[f"/made/up/{name}.yaml"], dtype=STR)
    m.create_dataset("scenario_texts", data=["name: " + name], dtype=STR)
    for key, value in (("scenario_name", name), ("scenario_sha256", "0" * 64),
                       ("data_directory", "/made/up"), ("data_sha256", "1" * 64),
                       ("tsunagu_version", "test"), ("git_commit", ""), ("host", "test"),
                       ("start_time", "2026-01-01T00:00:00+09:00"), ("command", "made up")):
        m.attrs[key] = value
    m.attrs["seed"] = np.int64(1)
    m.attrs["wall_time_seconds"] = 0.5


def write_table(f, group, columns):
    """A table group; columns {name: values} (strings as lists of str). None: no datasets."""
    g = f.require_group(group)
    for name, values in (columns or {}).items():
        if not isinstance(values, np.ndarray) and values and isinstance(values[0], str):
            g.create_dataset(name, data=list(values), dtype=STR)
        else:
            g.create_dataset(name, data=np.asarray(values))


def rewrite_table(path, group, columns):
    with h5py.File(path, "a") as f:
        del f[group]
        write_table(f, group, columns)


def failure_cases():
    """35 cases, stored out of rank order; transactions do not follow the rank."""
    kinds = ["backbone link", "pop", "core", "ix", "datacenter", "scenario"]
    rerouting = ["re-routed", "none", "partly", "pool"]
    n = 35
    rank = np.array([(12 * i) % n + 1 for i in range(n)], dtype=np.int32)   # a permutation
    order = np.argsort(rank)
    rng = np.random.default_rng(3)
    failed = rng.uniform(100, 90_000, n).round(1)
    des = np.where(np.arange(n) % 3 == 0, failed * 1.1, -1.0)
    ratio = rng.uniform(0.5, 3.0, n)
    ratio[order[1]] = np.inf   # the rank-2 case loses a pool
    return {
        "rank": rank,
        "name": [f"case-{r:02d} {kinds[i % 6]}" for i, r in enumerate(rank)],
        "kind": [kinds[i % 6] for i in range(n)],
        "rerouting": [rerouting[i % 4] for i in range(n)],
        # ranks 1, 3 and 5 cut off the facilities of failures/cut_off
        "facilities_cut_off": np.array([{1: 30, 3: 20, 5: 10}.get(r, 0) for r in rank],
                                       dtype=np.int32),
        "transactions_failed": failed,
        "des_failed": des,
        "worst_response_ratio": ratio,
        "des_worst_response_ratio": np.where(des >= 0, ratio * 1.05, -1.0),
        "late_claims": rng.uniform(0, 500, n).round(),
        "max_link_utilisation": rng.uniform(0.1, 0.99, n),
        "conserved": np.array([(1, 0, -1)[i % 3] for i in range(n)], dtype=np.int32),
    }


def write_failures(path, empty=False):
    with h5py.File(path, "w") as f:
        write_manifest(f, "failures-made-up" if not empty else "failures-empty", "failures")
        g = f.create_group("failures")
        g.attrs["window"] = "2026-02-09 09:30-11:30"
        g.attrs["duration_seconds"] = 7200.0
        if empty:
            for group in ("cases", "cut_off", "spof"):
                write_table(f, f"failures/{group}", None)
            return path
        cases = failure_cases()
        write_table(f, "failures/cases", cases)
        by_rank = [cases["name"][i] for i in np.argsort(cases["rank"])]
        cut = {"case": [], "facility": [], "kind": [], "prefecture": [], "services": []}
        for case, count in ((by_rank[0], 30), (by_rank[2], 20), (by_rank[4], 10)):
            for j in range(count):
                cut["case"].append(case)
                cut["facility"].append(f"{('clinic', 'hospital')[j % 2]}-{len(cut['case']):03d}")
                cut["kind"].append(("clinic", "hospital")[j % 2])
                cut["prefecture"].append(13 + j % 4)
                cut["services"].append("eligibility;claims" if j % 2 else "eligibility")
        cut["prefecture"] = np.array(cut["prefecture"], dtype=np.int32)
        write_table(f, "failures/cut_off", cut)
        write_table(f, "failures/spof", {
            "name": ["pop-47 -- core-west", "pop-13", "dc-claims"],
            "kind": ["backbone link", "pop", "datacenter"],
            "facilities_cut_off": np.array([12, 3_456, 1], dtype=np.int32),
            "services": ["eligibility;claims", "eligibility", "claims"]})
    return path


def many_links_sizing(path, n_links=40):
    """A sizing file with n_links new links in FY2030 and 3 in FY2031 (one unchanged), one
    pool whose size changes only in FY2030, no options and no checks (groups without
    datasets)."""
    busy = np.linspace(1e6, 40e6, n_links)[::-1].copy()
    busy[[3, 17]] = busy[[17, 3]]   # not stored in order of load
    years = [2030] * n_links + [2031] * 3
    with h5py.File(path, "w") as f:
        write_manifest(f, "many-links", "sizing")
        f.create_group("sizing").attrs["utilisation_target"] = 0.7
        write_table(f, "sizing/links", {
            "fiscal_year": np.array(years, dtype=np.int32),
            "name": [f"link-{i:02d}" for i in range(n_links)] + ["link-00", "link-01", "x"],
            "role": ["hub-uplink"] * (n_links + 3), "technology": ["dedicated"] * (n_links + 3),
            "tier": ["100Mbps"] * (n_links + 3),
            "lines": np.array([1] * n_links + [2, 1, 1], dtype=np.int32),
            "capacity": np.array([1e8] * n_links + [2e8, 1e8, 1e8]),
            "busy": np.r_[busy, [80e6, 1e6, 2e6]],
            "utilisation": np.r_[busy / 1e8, [0.4, 0.01, 0.02]],
            "des_utilisation": -np.ones(n_links + 3),
            "yearly_cost": np.array([1.2e6] * n_links + [2.4e6, 1.2e6, 1.2e6]),
            "new_purchase": np.array([1] * n_links + [1, 0, 1], dtype=np.int32),
            "met": np.ones(n_links + 3, dtype=np.int32)})
        write_table(f, "sizing/pools", {   # 3 servers in both years: bought in FY2030 only
            "fiscal_year": np.array([2030, 2031], dtype=np.int32),
            "name": ["claims@dc", "claims@dc"], "service": ["claims", "claims"],
            "level": ["p95 <= 3600 s, by the 10th 24:00"] * 2,
            "servers": np.array([3, 3], dtype=np.int32),
            "servers_before": np.array([0, 3], dtype=np.int32),
            "added_by_des": np.array([0, 0], dtype=np.int32),
            "busy_arrivals": np.array([1.0, 1.1]), "utilisation": np.array([0.5, 0.55]),
            "at_target": np.array([10.0, 11.0]), "p99": np.array([20.0, 21.0]),
            "des_at_target": np.array([-1.0, -1.0]), "des_p99": np.array([-1.0, -1.0]),
            "yearly_cost": np.array([3.6e6, 3.6e6]), "setup_cost": np.array([6e6, 0.0]),
            "met": np.array([1, 1], dtype=np.int32)})
        for group in ("options", "checks"):
            write_table(f, f"sizing/{group}", None)
        write_table(f, "sizing/years", {
            "fiscal_year": np.array([2030, 2031], dtype=np.int32),
            "links_yearly_cost": np.array([48e6, 50.4e6]),
            "servers_yearly_cost": np.array([0.0, 0.0]),
            "setup_cost": np.array([4e6, 0.4e6]), "total_cost": np.array([52e6, 50.8e6]),
            "des_rounds": np.array([0, 0], dtype=np.int32),
            "des_agrees": np.array([1, 1], dtype=np.int32),
            "conserved": np.array([1, 1], dtype=np.int32), "des_window": ["", ""]})
    return path


def add_des_options(src, dst):
    """A copy of a sizing file with DES points, a DES-confirmed year and an unstable option
    (p99 inf, flagged pareto as the cheapest) added to eligibility@dc in FY2024."""
    shutil.copyfile(src, dst)
    o = raw(dst, "sizing/options")
    rows = np.flatnonzero((o["element"] == "eligibility@dc") & (o["fiscal_year"] == 2024))
    extra = {"fiscal_year": [2024, 2024, 2024], "element": ["eligibility@dc"] * 3,
             "option": ["5 servers", "7 servers", "8 servers"],
             "source": ["analytic", "des", "des"], "yearly_cost": [6e6, 8.4e6, 9.6e6],
             "performance": [np.inf, 2.447, 2.41], "meets": [0, 1, 1], "chosen": [0, 0, 0],
             "pareto": [1, 1, 0]}
    cols = {}
    for k, v in o.items():
        joined = list(v) + extra[k]
        cols[k] = (joined if v.dtype.kind in "OU" else np.array(joined, dtype=v.dtype))
    cols["pareto"][rows[o["option"][rows] == "7 servers"]] = 0   # the DES point dominates it
    rewrite_table(dst, "sizing/options", cols)
    with h5py.File(dst, "a") as f:
        f["sizing/years/des_rounds"][1] = 2
        f["sizing/years/des_agrees"][1] = 0
        f["sizing/years/conserved"][1] = 0
        del f["sizing/years/des_window"]
        f["sizing/years"].create_dataset("des_window", data=["", "2024-04-01 00:00-02:00"],
                                         dtype=STR)
    return dst


# -- reading the page -------------------------------------------------------------------------
def cell_text(cell):
    return html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()


def table_after(page, heading, nth=0):
    """Rows (lists of cell texts, header first) of the nth table after <h3>heading</h3>."""
    at = page.index(f"<h3>{html.escape(heading, quote=False)}")
    for _ in range(nth + 1):
        start = page.index("<table>", at)
        at = page.index("</table>", start)
    body = page[start:at]
    return [[cell_text(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def section(page, heading):
    """The HTML from <h3>heading</h3> to the next <h2> or <h3>."""
    at = page.index(f"<h3>{html.escape(heading, quote=False)}")
    nxt = re.search(r"<h[23][ >]", page[at + 4:])
    return page[at: at + 4 + nxt.start()] if nxt else page[at:]


def bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


class SizingAndFailuresReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = ws = fx.Workspace(TSUNAGU, REPO)
        cls.size_h5 = ws.path("size-check.h5")
        run = subprocess.run([TSUNAGU, "size", os.path.join(REPO, "tests", "scenarios",
                                                             "size-check.yaml"),
                              "--no-des", "-o", cls.size_h5], cwd=ws.dir, capture_output=True,
                             text=True, timeout=120)
        if run.returncode != 0:
            raise RuntimeError(f"tsunagu size failed ({run.returncode}):\n{run.stdout}\n"
                               f"{run.stderr}")
        cls.des_h5 = add_des_options(cls.size_h5, ws.path("size-des.h5"))
        cls.many_h5 = many_links_sizing(ws.path("many-links.h5"))
        cls.failures_h5 = write_failures(ws.path("failures.h5"))
        cls.no_failures_h5 = write_failures(ws.path("no-failures.h5"), empty=True)
        cls.size = tr.load(cls.size_h5)
        cls.des = tr.load(cls.des_h5)
        cls.failures = tr.load(cls.failures_h5)
        cls.pages = {}

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def tearDown(self):
        plt.close("all")

    def report(self, *paths, expect=0):
        """Runs report.py; returns the page (cached per set of files)."""
        if paths in self.pages:
            return self.pages[paths]
        out = self.ws.path("report-" + "-".join(os.path.basename(p)[:-3] for p in paths))
        run = subprocess.run([sys.executable, REPORT, "--out", out, *paths],
                             capture_output=True, text=True, timeout=240)
        self.assertEqual(run.returncode, expect, run.stderr)
        if expect:
            return run
        with open(os.path.join(out, "index.html"), encoding="utf-8") as f:
            page = f.read()
        figures = os.listdir(os.path.join(out, "figures"))
        self.assertEqual(sorted(n[:-4] for n in figures if n.endswith(".png")),
                         sorted(n[:-4] for n in figures if n.endswith(".svg")))
        self.assertEqual(len(re.findall(r'<img src="data:image/png;base64,', page)),
                         len(figures) // 2, "every figure embedded once")
        self.assertIsNone(re.search(r"https?://", page), "self-contained")
        self.pages[paths] = page
        return page

    # -- reading ----------------------------------------------------------------------------
    def test_reader_reads_sizing_columns_and_empty_groups(self):
        s = self.size
        self.assertEqual(s.kind, "sizing")
        self.assertEqual(s.label, "size-check")
        pools = raw(self.size_h5, "sizing/pools")
        np.testing.assert_array_equal(s.pools["servers"], pools["servers"])
        self.assertEqual(list(s.pools["level"]), list(pools["level"]))
        self.assertEqual(list(s.fiscal_years), [2023, 2024])
        with h5py.File(self.size_h5, "r") as f:
            self.assertEqual(len(f["sizing/checks"]), 0, "size-check has no level checks")
        self.assertEqual(tr.rows(s.checks), 0)
        self.assertAlmostEqual(s.utilisation_target, 0.9)
        self.assertEqual([s.link_option(i) for i in range(tr.rows(s.links))],
                         ["10Gbps", "100Mbps", "10Gbps", "2 x 100Mbps"])
        many = tr.load(self.many_h5)
        self.assertEqual((tr.rows(many.checks), tr.rows(many.options)), (0, 0))
        self.assertEqual(many.options["chosen"].dtype.kind, "i")
        self.assertEqual(many.options["element"].dtype, object)

    def test_reader_sorts_failure_cases_by_rank(self):
        fl = self.failures
        stored = raw(self.failures_h5, "failures/cases")
        self.assertNotEqual(list(stored["rank"]), sorted(stored["rank"]), "fixture is shuffled")
        self.assertEqual(list(fl.cases["rank"]), list(range(1, 36)))
        first = int(np.argmin(stored["rank"]))
        self.assertEqual(fl.cases["name"][0], stored["name"][first])
        self.assertEqual(fl.cases["transactions_failed"][0], stored["transactions_failed"][first])
        self.assertEqual((fl.window, fl.duration_seconds), ("2026-02-09 09:30-11:30", 7200.0))
        self.assertEqual(tr.rows(fl.cut_off), 60)
        # optional columns the fixture leaves out: one facility per row, no worst service
        self.assertEqual(set(fl.cut_off["count"].tolist()), {1})
        self.assertEqual(set(fl.cases["worst_service"]), {""})
        self.assertEqual(set(fl.cases["des_late_claims"].tolist()), {-1.0})
        empty = tr.load(self.no_failures_h5)
        self.assertEqual((tr.rows(empty.cases), tr.rows(empty.cut_off)), (0, 0))
        self.assertIn("count", empty.cut_off)

    def test_a_table_with_rows_but_a_missing_column_is_bad_input(self):
        path = self.ws.path("broken-sizing.h5")
        shutil.copyfile(self.size_h5, path)
        with h5py.File(path, "a") as f:
            del f["sizing/pools/p99"]
        run = self.report(path, expect=2)
        self.assertIn("sizing/pools", run.stderr)
        self.assertIn("p99", run.stderr)
        self.assertEqual(len(run.stderr.strip().splitlines()), 1)

    # -- sizing figures ---------------------------------------------------------------------
    def test_cost_bars_are_the_years_table(self):
        fig = F.sizing_costs(self.size)
        ax = fig.axes[0]
        y = raw(self.size_h5, "sizing/years")
        n = len(y["fiscal_year"])
        rects = bars(ax)
        self.assertEqual(len(rects), 3 * n)
        heights = np.array([p.get_height() for p in rects]).reshape(3, n)
        expected = np.array([y["links_yearly_cost"], y["servers_yearly_cost"], y["setup_cost"]])
        np.testing.assert_allclose(heights, expected / 1e6, rtol=1e-12)
        tops = np.array([p.get_y() + p.get_height() for p in rects[-n:]])
        np.testing.assert_allclose(tops, y["total_cost"] / 1e6, rtol=1e-9)
        np.testing.assert_allclose(tops, [32.3, 35.1], rtol=1e-9)   # the printed totals
        self.assertEqual([t.get_text() for t in ax.get_xticklabels()], ["FY2023", "FY2024"])
        self.assertEqual(ax.get_ylabel(), "Cost per fiscal year (¥ million)")
        self.assertIn("Fiscal year", ax.get_xlabel())
        self.assertGreaterEqual(ax.get_ylim()[1], y["total_cost"].max() / 1e6)
        self.assertEqual([t.get_text() for t in ax.get_legend().get_texts()],
                         ["set-up (one-off)", "servers (running)", "links (running)"])
        labels = [t.get_text() for t in ax.texts]
        self.assertEqual(labels, ["32.3", "35.1"])

    def frontier_panels(self, fig):
        return [ax for ax in fig.axes if ax.axison]

    def pareto_line(self, ax):
        lines = [ln for ln in ax.lines if ln.get_label() == "Pareto front"]
        self.assertEqual(len(lines), 1)
        return lines[0]

    def test_frontier_draws_every_option_the_pareto_line_and_the_choice(self):
        o = raw(self.size_h5, "sizing/options")
        for year, chosen_servers in ((2024, 7), (2023, 4)):
            with self.subTest(year=year):
                fig = F.cost_performance_frontier(self.size, year)
                panels = self.frontier_panels(fig)
                self.assertEqual(len(panels), 1, "one pool: eligibility@dc")
                ax = panels[0]
                self.assertTrue(ax.get_title(loc="left").startswith(f"eligibility@dc (FY{year})"))
                sel = (o["element"] == "eligibility@dc") & (o["fiscal_year"] == year)
                pareto = sel & (o["pareto"] == 1) & np.isfinite(o["performance"])
                line = self.pareto_line(ax)
                self.assertEqual(len(line.get_xdata()), int(pareto.sum()))
                order = np.lexsort((o["performance"][pareto], o["yearly_cost"][pareto]))
                np.testing.assert_allclose(line.get_xdata(), o["yearly_cost"][pareto][order] / 1e6)
                np.testing.assert_allclose(line.get_ydata(), o["performance"][pareto][order])
                dots = [ln for ln in ax.lines if ln.get_marker() == "o"]
                self.assertEqual(sum(len(ln.get_xdata()) for ln in dots),
                                 int((sel & (o["source"] == "analytic")).sum()))
                hollow = [ln for ln in dots if ln.get_markerfacecolor() == "white"]
                self.assertEqual(sum(len(ln.get_xdata()) for ln in hollow),
                                 int((sel & (o["meets"] == 0)).sum()))
                stars = [ln for ln in ax.lines if ln.get_marker() == "*"]
                self.assertEqual(len(stars), 1)
                i = np.flatnonzero(sel & (o["chosen"] == 1))[0]
                self.assertEqual(o["option"][i], f"{chosen_servers} servers")
                self.assertEqual((stars[0].get_xdata()[0], stars[0].get_ydata()[0]),
                                 (o["yearly_cost"][i] / 1e6, o["performance"][i]))
                target = [ln for ln in ax.lines if ln.get_label() == "target (p99)"]
                self.assertEqual(len(target), 1)
                np.testing.assert_allclose(target[0].get_ydata(), [2.8, 2.8])
                self.assertEqual(ax.get_xlabel(), "Yearly cost (¥ million/year)")
                self.assertEqual(ax.get_ylabel(), "End-to-end p99 response (s)")
                self.assertEqual(ax.get_yscale(), "linear", "2.3–5 s is not a wide span")
                self.assertEqual([ln for ln in ax.lines if ln.get_marker() == "D"], [])

    def test_frontier_marks_des_points_and_leaves_out_inf(self):
        o = raw(self.des_h5, "sizing/options")
        sel = (o["element"] == "eligibility@dc") & (o["fiscal_year"] == 2024)
        self.assertTrue(np.isinf(o["performance"][sel]).any(), "the fixture has an inf option")
        fig = F.cost_performance_frontier(self.des)   # default: the last fiscal year
        ax = self.frontier_panels(fig)[0]
        self.assertIn("FY2024", ax.get_title(loc="left"))
        des = [ln for ln in ax.lines if ln.get_marker() == "D"]
        self.assertEqual(len(des), 1)
        want = sel & (o["source"] == "des")
        np.testing.assert_allclose(des[0].get_xdata(), o["yearly_cost"][want] / 1e6)
        np.testing.assert_allclose(des[0].get_ydata(), o["performance"][want])
        pareto = sel & (o["pareto"] == 1)
        line = self.pareto_line(ax)
        self.assertEqual(len(line.get_xdata()), int((pareto & np.isfinite(o["performance"])).sum()))
        self.assertEqual(len(line.get_xdata()), int(pareto.sum()) - 1, "inf left out")
        finite = sel & np.isfinite(o["performance"])
        self.assertLess(len(line.get_xdata()), int(finite.sum()), "dominated options are off it")
        self.assertTrue(np.isfinite(np.concatenate([ln.get_ydata() for ln in ax.lines])).all())
        self.assertIn((8.4, 2.447), list(zip(line.get_xdata(), line.get_ydata())),
                      "the DES point on the front is joined")
        self.assertLessEqual(ax.get_ylim()[1], 10, "no inf stretches the axis")

    def test_frontier_without_options_says_so(self):
        fig = F.cost_performance_frontier(tr.load(self.many_h5))
        text = " ".join(t.get_text() for t in fig.findobj(plt.Text))
        self.assertIn("No server pools with visited options in FY2031", text)
        self.assertEqual([ax for ax in fig.axes if ax.lines], [])

    # -- sizing page ------------------------------------------------------------------------
    def test_report_lists_what_to_buy_and_when(self):
        page = self.report(self.size_h5)
        rows = table_after(page, "What to buy and when")
        head, body = rows[0], rows[1:]
        col = {name: head.index(name) for name in head}
        got = [(r[col["Fiscal year"]], r[col["Element"]], r[col["Choice (from this fiscal year)"]],
                r[col["Before"]]) for r in body]
        self.assertEqual(got, [("FY2023", "eligibility@dc", "4 servers", "–"),
                               ("FY2023", "core -- dc", "100Mbps", "–"),
                               ("FY2023", "pop -- core", "10Gbps", "–"),
                               ("FY2024", "eligibility@dc", "7 servers", "4 servers"),
                               ("FY2024", "core -- dc", "2 x 100Mbps", "100Mbps")])
        costs = [r[col["Yearly cost (¥M/year)"]] for r in body]
        self.assertEqual(costs, ["4.80", "1.20", "18.00", "8.40", "2.40"])
        self.assertEqual(body[0][col["Set-up (¥M)"]], "8.00")
        self.assertEqual({r[col["Met"]] for r in body}, {"met"})
        self.assertEqual({r[col["DES (same measure)"]] for r in body}, {"not run"})

    def test_report_shows_costs_frontier_and_des_tables(self):
        page = self.report(self.size_h5)
        self.assertIn('id="fig-size-check-sizing-costs"', page)
        self.assertIn('id="fig-size-check-sizing-frontier"', page)
        y = raw(self.size_h5, "sizing/years")
        costs = table_after(page, "Cost per fiscal year")
        self.assertEqual([r[4] for r in costs[1:]],
                         [f"{v / 1e6:,.1f}" for v in y["total_cost"]] +
                         [f"{y['total_cost'].sum() / 1e6:,.1f}"])
        des = table_after(page, "DES check per fiscal year")
        self.assertEqual(des[1:], [["FY2023", "not run", "0", "–", "–"],
                                   ["FY2024", "not run", "0", "–", "–"]])
        self.assertIn("--no-des", section(page, "DES check per fiscal year"))
        self.assertIn("nothing to check", section(page, "Level checks"))
        runs = html.unescape(page[page.index('id="runs"'):page.index('id="summary"')])
        self.assertIn("<th>Kind</th><td>sizing</td>", runs)
        self.assertIn("<th>Utilisation target</th><td>90%</td>", runs)
        self.assertIn("FY2023–FY2024 (fiscal years sized)", runs)

    def test_report_of_des_copy_shows_the_check(self):
        page = self.report(self.des_h5)
        des = table_after(page, "DES check per fiscal year")
        self.assertEqual(des[2], ["FY2024", "2024-04-01 00:00-02:00", "2", "no", "violated"])
        self.assertNotIn("--no-des", section(page, "DES check per fiscal year"))

    def test_report_lists_30_new_links_a_year_and_counts_the_rest(self):
        page = self.report(self.many_h5)
        rows = table_after(page, "What to buy and when")[1:]
        self.assertEqual([r[1:4] for r in rows if r[2] == "server pool"],
                         [["claims@dc", "server pool", "3 servers"]])
        self.assertEqual(rows[0][0], "FY2030", "the pool bought in FY2030, not FY2031")
        fy2030 = [r for r in rows if r[0] == "FY2030" and r[2] != "server pool"]
        self.assertEqual(len(fy2030), 30)
        links = raw(self.many_h5, "sizing/links")
        sel = np.flatnonzero((links["fiscal_year"] == 2030) & (links["new_purchase"] == 1))
        busiest = sel[np.argsort(-links["busy"][sel], kind="stable")][:30]
        self.assertEqual([r[1] for r in fy2030], list(links["name"][busiest]))
        self.assertEqual([(r[1], r[3], r[4]) for r in rows if r[0] == "FY2031"],
                         [("link-00", "2 x 100Mbps", "100Mbps"), ("x", "100Mbps", "–")])
        text = html.unescape(section(page, "What to buy and when"))
        self.assertIn("10 more in FY2030", text)
        self.assertNotIn("more in FY2031", text)
        self.assertIn("many-links.csv", text)
        self.assertEqual(len(table_after(page, "Server pools per fiscal year")), 3)

    def test_cli_tsunagu_report_accepts_sizing(self):
        out = self.ws.path("cli-report")
        run = subprocess.run([TSUNAGU, "report", self.size_h5, "-o", out], capture_output=True,
                             text=True, timeout=240)
        if run.returncode == 2 and "not the results of 'tsunagu plan'" in run.stderr:
            self.skipTest("tsunagu report (sim/cli/report_command.cpp) still accepts only "
                          "kind plan; report.py itself is tested above")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertTrue(os.path.isfile(os.path.join(out, "index.html")))

    # -- failures ---------------------------------------------------------------------------
    def test_failed_transactions_bars_are_the_top_15(self):
        fig = F.failed_transactions_bar(self.failures)
        ax = fig.axes[0]
        c = raw(self.failures_h5, "failures/cases")
        top = np.argsort(-c["transactions_failed"], kind="stable")[:15]
        rects = bars(ax)
        self.assertEqual(len(rects), 15)
        np.testing.assert_allclose([p.get_width() for p in rects], c["transactions_failed"][top])
        self.assertEqual([t.get_text() for t in ax.get_yticklabels()],
                         [f"{c['rank'][i]}. {c['name'][i]}" for i in top])
        self.assertTrue(ax.yaxis_inverted(), "the most failed transactions at the top")
        for p, i in zip(rects, top):
            self.assertEqual(p.get_facecolor()[:3],
                             tuple(int(KIND_COLOURS[c["kind"][i]][k:k + 2], 16) / 255
                                   for k in (1, 3, 5)))
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        self.assertEqual(set(legend) - {"simulated (DES)"}, set(c["kind"][top]))
        des = [ln for ln in ax.lines if ln.get_marker() == "D"]
        simulated = top[c["des_failed"][top] >= 0]
        self.assertEqual(len(des[0].get_xdata()), len(simulated))
        np.testing.assert_allclose(des[0].get_xdata(), c["des_failed"][simulated])
        self.assertIn("(count", ax.get_xlabel())
        self.assertIn("2026-02-09 09:30-11:30", ax.get_title(loc="left"))

    def test_failures_report_ranks_cases_and_lists_cut_off_facilities(self):
        page = self.report(self.failures_h5)
        c = raw(self.failures_h5, "failures/cases")
        by_rank = np.argsort(c["rank"])
        ranked = table_after(page, "Failure cases, ranked (top 30)")
        head, body = ranked[0], ranked[1:]
        self.assertEqual(len(body), 30)
        self.assertEqual(body[0][:2], ["1", c["name"][by_rank[0]]])
        self.assertEqual([r[1] for r in body], list(c["name"][by_rank[:30]]))
        self.assertEqual(body[1][head.index("Worst p99 ÷ target (analytic)")], "∞")
        conserved = head.index("Transactions conserved (DES)")
        self.assertEqual({r[conserved] for r in body}, {"holds", "violated", "not simulated"})
        self.assertIn("5 lower-ranked cases", html.unescape(section(page, "Failure cases")))
        self.assertIn('id="fig-failures-made-up-failures-transactions"', page)

        spof = table_after(page, "Single points of failure")
        self.assertEqual([r[:3] for r in spof[1:]],
                         [["pop-13", "pop", "3,456"],
                          ["pop-47 -- core-west", "backbone link", "12"],
                          ["dc-claims", "datacenter", "1"]])
        self.assertEqual(spof[2][3], "eligibility, claims")

        cut = raw(self.failures_h5, "failures/cut_off")
        counts = table_after(page, "Facilities cut off")
        self.assertEqual([r[:2] for r in counts[1:]],
                         [[c["name"][by_rank[0]], "30"], [c["name"][by_rank[2]], "20"],
                          [c["name"][by_rank[4]], "10"]])
        self.assertEqual(counts[0][2:4], ["of which hospital", "of which clinic"])
        self.assertEqual(counts[1][2:5], ["15", "15", "4"])
        listed = table_after(page, "Facilities cut off", nth=1)[1:]
        self.assertEqual(len(listed), 50)
        self.assertEqual([r[1] for r in listed], list(cut["facility"][:50]))
        self.assertEqual(listed[1][3:], ["1", "14", "eligibility, claims"])
        self.assertNotIn(f"<td class=\"name\">{cut['facility'][50]}</td>", page)
        self.assertIn("other 10", section(page, "Facilities cut off"))

    def test_report_of_tsunagu_failures_counts_grouped_facilities(self):
        path = self.ws.path("failures-check.h5")
        usage = subprocess.run([TSUNAGU, "--help"], capture_output=True, text=True, timeout=60)
        if not re.search(r"^\s+failures\s", usage.stdout, re.M):
            self.skipTest("this tsunagu has no 'failures' command")
        run = subprocess.run([TSUNAGU, "failures", os.path.join(REPO, "tests", "scenarios",
                                                                 "failures-check.yaml"),
                              "-o", path], cwd=self.ws.dir, capture_output=True, text=True,
                             timeout=240)
        self.assertEqual(run.returncode, 0, run.stderr)
        page = self.report(path)
        c, co = raw(path, "failures/cases"), raw(path, "failures/cut_off")
        self.assertIn("count", co, "tsunagu failures writes cut_off/count")
        by_rank = np.argsort(c["rank"])
        ranked = table_after(page, f"Failure cases, ranked (top {min(30, len(c['rank']))})")
        self.assertEqual([r[:2] for r in ranked[1:]],
                         [[str(c["rank"][i]), c["name"][i]] for i in by_rank[:30]])
        counts = table_after(page, "Facilities cut off")
        expected = {}
        for case, n in zip(co["case"], co["count"]):
            expected[case] = expected.get(case, 0) + int(n)
        self.assertTrue(any(n > 1 for n in co["count"]), "grouped facilities in the fixture")
        self.assertEqual({r[0]: int(r[1].replace(",", "")) for r in counts[1:]}, expected)
        listed = table_after(page, "Facilities cut off", nth=1)[1:]
        self.assertEqual([(r[0], r[1], r[3]) for r in listed[:50]],
                         [(a, b, f"{n:,}") for a, b, n in
                          zip(co["case"][:50], co["facility"][:50], co["count"][:50])])
        self.assertEqual(len(re.findall(r'id="fig-[^"]*-failures-transactions"', page)), 1)

    def test_failures_report_without_rows(self):
        page = self.report(self.no_failures_h5)
        self.assertIn("holds no failure cases", page)
        self.assertIn("No single point of failure", page)
        self.assertIn("No failure case cuts off a facility", page)
        self.assertIn("0 failure case(s)", page)

    # -- mixed ------------------------------------------------------------------------------
    def test_plan_sizing_and_failures_in_one_report(self):
        plan_h5 = self.ws.plan(os.path.join(REPO, "tests", "scenarios", "plan-check.yaml"),
                               "plan-check")
        page = self.report(plan_h5, self.size_h5, self.failures_h5)
        for anchor in ('id="costs"', 'id="breaches"', 'id="plan-check"', 'id="size-check-sizing"',
                       'id="failures-made-up-failures"', 'id="fig-costs-by-component"'):
            self.assertIn(anchor, page)
        self.assertNotIn('id="comparison"', page, "one plan: nothing to compare")
        runs = page[page.index('id="runs"'):page.index('id="summary"')]
        for kind in ("plan", "sizing", "failures"):
            self.assertIn(f"<td>{kind}</td>", runs)
        self.assertIn("failure window 2026-02-09 09:30-11:30", runs)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1] + sys.argv[1:], verbosity=2)
