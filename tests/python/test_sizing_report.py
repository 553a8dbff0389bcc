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

import figures as F  # noqa: E402
import tsunagu_results as tr  # noqa: E402
from figures.failures import KIND_COLOURS  # noqa: E402

STR = h5py.string_dtype()


from sizing_report_fixtures import (  # noqa: E402
    add_des_options, bars, cut_off_list, many_links_sizing, raw, section, table_after,
    write_failures)


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
                         ["10Gbps", "1Gbps", "10Gbps", "1Gbps"])
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

    def test_a_cut_off_index_past_its_table_is_bad_input(self):
        path = self.ws.path("broken-failures.h5")
        shutil.copyfile(self.failures_h5, path)
        with h5py.File(path, "a") as f:
            f["failures/cut_off/facility"][0] = 60   # 60 facilities: rows 0-59
        run = self.report(path, expect=2)
        self.assertIn("failures/cut_off/facility points past its table", run.stderr)
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
        np.testing.assert_allclose(tops, [34.9, 36.0], rtol=1e-9)   # the printed totals
        self.assertEqual([t.get_text() for t in ax.get_xticklabels()], ["FY2023", "FY2024"])
        self.assertEqual(ax.get_ylabel(), "Cost per fiscal year (¥ million)")
        self.assertIn("Fiscal year", ax.get_xlabel())
        self.assertGreaterEqual(ax.get_ylim()[1], y["total_cost"].max() / 1e6)
        self.assertEqual([t.get_text() for t in ax.get_legend().get_texts()],
                         ["set-up (one-off)", "servers (running)", "links (running)"])
        labels = [t.get_text() for t in ax.texts]
        self.assertEqual(labels, ["34.9", "36"])

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
                               ("FY2023", "core -- dc", "1Gbps", "–"),
                               ("FY2023", "pop -- core", "10Gbps", "–"),
                               ("FY2024", "eligibility@dc", "7 servers", "4 servers")])
        costs = [r[col["Yearly cost (¥M/year)"]] for r in body]
        self.assertEqual(costs, ["4.80", "3.60", "18.00", "8.40"])
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
        self.assertEqual(body[1][head.index("Worst response ÷ target (analytic)")], "∞")
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

        cut = cut_off_list(self.failures_h5)
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
        c, co = raw(path, "failures/cases"), cut_off_list(path)
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
