#!/usr/bin/python3
"""The report of sensitivity results (`tsunagu sensitivity`, root kind "sensitivity"): what
analysis/ reads, draws and writes into the HTML page.

Usage: test_sensitivity_report.py <path to tsunagu> <repository root>
       (ctest Analysis.SensitivityReport)

Results used:
- tests/scenarios/sensitivity-check.yaml run through the binary; its comments work out the
  answer by hand: only technologies:ipsec-ike/1Gbps:monthly_cost moves the cost (from ¥132,600
  to ¥249,000 around ¥190,800); the servers go from 1 to 3 with the service time and from 2 to
  3 with the flat profile's 00:00 share;
- copies of it changed with h5py: one without Morris (as --morris 0 writes it), and one whose
  largest p99 change is infinite (an unstable pool) and whose cost no input moves.
Expected values are read from the file with h5py directly, not through analysis/.
"""

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
from figures.sensitivity import tornado_bars  # noqa: E402
from sizing_report_fixtures import bars, raw, section, table_after  # noqa: E402

IPSEC = "technologies:ipsec-ike/1Gbps:monthly_cost"
FIGURES = ["cost", "npv", "peak_utilisation", "servers", "p99_response"]


def effects_of(path, figure):
    """(ids, at_low, at_high, swing, mu_star, sigma, base) of one figure, in the file's row
    order, read with h5py."""
    e = raw(path, "sensitivity/effects")
    ids = raw(path, "sensitivity/inputs")["id"]
    f = FIGURES.index(figure)
    rows = np.flatnonzero(e["figure"] == f)
    base = raw(path, "sensitivity/figures")["base"][f]
    return ([ids[i] for i in e["input"][rows]], e["at_low"][rows], e["at_high"][rows],
            e["swing"][rows], e["mu_star"][rows], e["sigma"][rows], base)


def without_morris(src, dst):
    shutil.copyfile(src, dst)
    with h5py.File(dst, "a") as f:
        f["sensitivity"].attrs["morris_trajectories"] = np.int64(0)
        f["sensitivity"].attrs["morris_screened"] = np.int64(0)
        for column in ("mu", "mu_star", "sigma"):
            f[f"sensitivity/effects/{column}"][...] = np.nan
    return dst


def unstable(src, dst):
    """The first p99 row's high end infinite; no input moves the cost."""
    shutil.copyfile(src, dst)
    with h5py.File(dst, "a") as f:
        e = f["sensitivity/effects"]
        figure = e["figure"][:]
        p99 = np.flatnonzero(figure == FIGURES.index("p99_response"))[0]
        at_high, swing = e["at_high"][:], e["swing"][:]
        at_high[p99], swing[p99] = np.inf, np.inf
        swing[figure == FIGURES.index("cost")] = 0.0
        e["at_high"][...], e["swing"][...] = at_high, swing
    return dst


def rows_of(ax):
    """{bar centre y: (leftmost x, rightmost x)} of the drawn rectangles."""
    extents = {}
    for p in bars(ax):
        y = round(p.get_y() + p.get_height() / 2, 6)
        a, b = sorted((p.get_x(), p.get_x() + p.get_width()))
        lo, hi = extents.get(y, (a, b))
        extents[y] = (min(lo, a), max(hi, b))
    return extents


class SensitivityReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = ws = fx.Workspace(TSUNAGU, REPO)
        cls.h5 = ws.path("sensitivity-check.h5")
        run = subprocess.run([TSUNAGU, "sensitivity", os.path.join(REPO, "tests", "scenarios",
                                                                   "sensitivity-check.yaml"),
                              "-o", cls.h5], cwd=ws.dir, capture_output=True, text=True,
                             timeout=120)
        if run.returncode != 0:
            raise RuntimeError(f"tsunagu sensitivity failed ({run.returncode}):\n{run.stdout}\n"
                               f"{run.stderr}")
        cls.s = tr.load(cls.h5)
        cls.plain = tr.load(without_morris(cls.h5, ws.path("no-morris.h5")))
        cls.inf_h5 = unstable(cls.h5, ws.path("unstable.h5"))
        cls.inf = tr.load(cls.inf_h5)

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def tearDown(self):
        plt.close("all")

    # -- reading ----------------------------------------------------------------------------
    def test_reader_reads_the_tables_and_orders_by_rank(self):
        s = self.s
        self.assertEqual((s.kind, s.label, s.fiscal_year), ("sensitivity", "sensitivity-check",
                                                            2024))
        self.assertEqual(list(s.figures["name"]), FIGURES)
        self.assertEqual(list(s.inputs["id"]), list(raw(self.h5, "sensitivity/inputs")["id"]))
        ids, _, _, swing, _, _, _ = effects_of(self.h5, "servers")
        ranked = s.ranked("servers")
        self.assertEqual([s.inputs["id"][s.effects["input"][r]] for r in ranked], ids)
        self.assertTrue(np.all(np.diff(s.effects["swing"][ranked]) <= 0))
        self.assertEqual(len(s.moving("cost")), 1)
        still = {s.inputs["id"][k] for k in s.still()}
        self.assertIn("technologies:ssl-vpn/1Gbps:monthly_cost", still)
        self.assertIn("technologies:ipsec-ike/1Gbps:setup_cost", still)
        self.assertNotIn(IPSEC, still)

    # -- tornado ----------------------------------------------------------------------------
    def test_the_cost_tornado_is_the_one_hand_computed_bar(self):
        (bar,) = tornado_bars(self.s, "cost")
        self.assertEqual(bar.label, IPSEC)
        self.assertAlmostEqual(bar.at_low, 132600, places=3)
        self.assertAlmostEqual(bar.at_high, 249000, places=3)
        self.assertAlmostEqual(bar.left, 132600, places=3)
        self.assertAlmostEqual(bar.right, 249000, places=3)
        self.assertIn("¥4,850/month … ¥14,550/month", bar.values)
        fig = F.tornado(self.s, "cost")
        ax = fig.axes[0]
        (extent,) = rows_of(ax).values()
        divisor = 1e3   # ¥ thousand: the largest end is ¥249,000
        self.assertIn("thousand", ax.get_xlabel())
        np.testing.assert_allclose(extent, (132.6, 249.0), rtol=1e-9)
        base = [line for line in ax.lines if line.get_linestyle() == "--"]
        self.assertEqual(len(base), 1)
        self.assertAlmostEqual(base[0].get_xdata()[0], 190800 / divisor, places=6)

    def test_bars_are_ordered_by_swing_and_span_low_base_and_high(self):
        for figure in ("servers", "peak_utilisation", "p99_response"):
            ids, low, high, swing, _, _, base = effects_of(self.h5, figure)
            moving = [i for i in range(len(ids)) if swing[i] > 0][:15]
            fig = F.tornado(self.s, figure)
            ax = fig.axes[0]
            labels = [t.get_text().split("\n")[0] for t in ax.get_yticklabels()]
            self.assertEqual(labels, [ids[i] for i in moving], figure)
            extents = rows_of(ax)
            self.assertEqual(len(extents), len(moving))
            divisor = {"servers": 1.0, "peak_utilisation": 0.01, "p99_response": 1e-3}[figure]
            for y, i in zip(sorted(extents), moving):
                want = (min(low[i], base, high[i]) / divisor, max(low[i], base, high[i]) / divisor)
                np.testing.assert_allclose(extents[y], want, rtol=1e-9, err_msg=figure)
            widths = [b - a for a, b in (extents[y] for y in sorted(extents))]
            self.assertTrue(all(w1 >= w2 - 1e-9 for w1, w2 in zip(widths, widths[1:])), figure)
            plt.close(fig)
        # The hand-computed servers: the service time from 1 to 3, the 00:00 share from 2 to 3.
        first = tornado_bars(self.s, "servers")[0]
        self.assertEqual((first.label, first.at_low, first.at_high),
                         ("services:eligibility:service_time", 1, 3))
        midnight = next(b for b in tornado_bars(self.s, "servers")
                        if b.label == "hour_profiles:flat:h00")
        self.assertEqual((midnight.at_low, midnight.at_high), (2, 3))

    def test_an_infinite_end_runs_to_the_edge_and_a_still_figure_says_so(self):
        fig = F.tornado(self.inf, "p99_response")
        ax = fig.axes[0]
        extents = rows_of(ax)
        top = min(extents)   # the bar drawn highest: the infinite swing ranks first
        (mark,) = [t for t in ax.texts if t.get_text().strip() == "∞"]
        self.assertAlmostEqual(mark.get_position()[0], extents[top][1])
        self.assertAlmostEqual(mark.get_position()[1], top)
        self.assertGreater(extents[top][1], max(e[1] for y, e in extents.items() if y != top))
        self.assertLess(extents[top][1], ax.get_xlim()[1])   # inside the axes
        fig = F.tornado(self.inf, "cost")
        self.assertEqual(bars(fig.axes[0]), [])
        self.assertIn("No estimated input moves", " ".join(t.get_text() for t in fig.axes[0].texts))

    # -- Morris -----------------------------------------------------------------------------
    def test_the_morris_plane_shows_mu_star_against_sigma(self):
        fig = F.morris_plane(self.s)
        cost_ax = fig.axes[0]
        ids, _, _, _, mu_star, sigma, _ = effects_of(self.h5, "cost")
        screened = np.isfinite(mu_star) & np.isfinite(sigma)
        points = cost_ax.collections[0].get_offsets()
        self.assertEqual(len(points), int(screened.sum()))
        want = np.column_stack([mu_star[screened], sigma[screened]]) / 1e3   # ¥ thousand
        got = np.array(sorted(map(tuple, points)))
        np.testing.assert_allclose(got, np.array(sorted(map(tuple, want))), rtol=1e-9)
        # The cost is linear in the monthly cost: mu* is the swing, sigma 0.
        self.assertIn((116.4, 0.0), [tuple(np.round(p, 6)) for p in points])
        named = [t.get_text() for t in cost_ax.texts]
        self.assertEqual(named, ["ipsec-ike/1Gbps:monthly_cost"])   # the only mu* above 0
        fig = F.morris_plane(self.plain)
        self.assertIn("--morris 0", " ".join(t.get_text() for t in fig.axes[0].texts))

    # -- the page ---------------------------------------------------------------------------
    def test_the_report_has_a_section_with_every_figure_and_the_numbers(self):
        out = self.ws.path("report")
        run = subprocess.run([sys.executable, REPORT, "--out", out, self.h5], capture_output=True,
                             text=True, timeout=240)
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(os.path.join(out, "index.html"), encoding="utf-8") as f:
            page = f.read()
        self.assertIn('<h2 id="sensitivity-check-sensitivity">sensitivity-check: sensitivity</h2>',
                      page)
        self.assertEqual(len(re.findall(r'<img src="data:image/png;base64,', page)), 6)
        rows = table_after(page, "Total cost of the last fiscal year")
        self.assertEqual(len(rows), 2)   # the header and the one input
        self.assertEqual(rows[1][1], IPSEC)
        self.assertEqual(rows[1][6], "116.4 ¥ thousand")
        servers = table_after(page, "Servers needed in the last fiscal year")
        self.assertEqual(servers[1][1], "services:eligibility:service_time")
        self.assertIn("technologies:ssl-vpn/1Gbps:monthly_cost",
                      section(page, "Inputs that move nothing"))
        self.assertIn("(sensitivity): 151 estimated [E] inputs", page)
        plain = self.ws.path("report-plain")
        run = subprocess.run([sys.executable, REPORT, "--out", plain,
                              self.ws.path("no-morris.h5")], capture_output=True, text=True,
                             timeout=240)
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(os.path.join(plain, "index.html"), encoding="utf-8") as f:
            self.assertIn("Morris screening was not run", f.read())


if __name__ == "__main__":
    unittest.main(verbosity=2)
