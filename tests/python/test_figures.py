#!/usr/bin/python3
"""Renders every figure of analysis/ from real plan results and checks what is drawn: labels
with units, one artist per data item, the data values and limits, legends, the map's 47 markers,
and that PNG and SVG are written.

Usage: test_figures.py <path to tsunagu> <repository root>   (ctest Analysis.Figures)

Results used: tests/scenarios/plan-check.yaml (no breach, no PoP uplinks), a variant of it with
dearer servers (for two-panel costs), a custom network with one link and one pool breach
(analysis/examples/breach-example.yaml), and a copy of that file with made-up DES results.
The expected values are read from the files with h5py directly, not through analysis/.
"""

import csv
import os
import sys
import unittest
import xml.etree.ElementTree as ET

import analysis_fixtures as fx

TSUNAGU, REPO = fx.take_paths()
fx.import_analysis(REPO)

import h5py  # noqa: E402
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import figures as F  # noqa: E402
import japan_map  # noqa: E402
import style  # noqa: E402
import tsunagu_results as tr  # noqa: E402


def texts(fig):
    return " ".join(t.get_text() for t in fig.findobj(plt.Text))


def bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def raw(path, *names):
    with h5py.File(path, "r") as f:
        return [f[n].asstr()[:] if f[n].dtype.kind == "O" else f[n][:] for n in names]


class Figures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = ws = fx.Workspace(TSUNAGU, REPO)
        base = os.path.join(REPO, "tests", "scenarios", "plan-check.yaml")
        cls.check_h5 = ws.plan(base, "check")
        cls.dear_h5 = ws.plan_text(fx.variant_scenario(base, "plan-check-dear", "¥9,000,000/year"),
                                   "dear")
        cls.breach_h5 = ws.plan(fx.breach_scenario(REPO), "breach")
        cls.des_info = fx.add_des(cls.breach_h5, ws.path("des.h5"))
        cls.check, cls.dear = tr.load_all([cls.check_h5, cls.dear_h5])
        cls.breach = tr.load(cls.breach_h5)
        cls.des = tr.load(ws.path("des.h5"))

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def tearDown(self):
        plt.close("all")

    # -- costs ------------------------------------------------------------------------------
    def test_cost_per_year_stacks_each_component_of_each_year(self):
        fig = F.cost_per_year([self.check, self.dear])
        axes = [ax for ax in fig.axes if bars(ax)]
        self.assertEqual(len(axes), 2)
        for ax, path in zip(axes, (self.check_h5, self.dear_h5)):
            comp, initial, running, total, years = raw(
                path, "costs/component", "costs/initial", "costs/running", "costs/total",
                "time/fiscal_years")
            divisor, unit = style.money_scale(max(self.check.costs["total"].max(),
                                                  self.dear.costs["total"].max()))
            rects = bars(ax)
            self.assertEqual(len(rects), len(comp) * len(years))
            heights = np.array([p.get_height() for p in rects]).reshape(len(comp), len(years))
            np.testing.assert_allclose(heights, (initial + running) / divisor, rtol=1e-9)
            tops = np.array([p.get_y() + p.get_height() for p in rects[-len(years):]])
            np.testing.assert_allclose(tops, total / divisor, rtol=1e-9)
            self.assertGreaterEqual(ax.get_ylim()[1], total.max() / divisor)
            self.assertEqual([t.get_text() for t in ax.get_xticklabels()],
                             [f"FY{y}" for y in years])
            self.assertIn("Fiscal year", ax.get_xlabel())
        self.assertRegex(axes[0].get_ylabel(), r"Cost per fiscal year \(¥ (million|thousand)\)")
        self.assertEqual([ax.get_title() for ax in axes], ["plan-check", "plan-check-dear"])
        legend = next(ax.get_legend() for ax in fig.axes if ax.get_legend())
        self.assertEqual(sorted(t.get_text() for t in legend.get_texts()),
                         sorted(self.check.costs["component"]))

    def test_cost_comparison_shows_totals_and_differences(self):
        fig = F.cost_comparison([self.check, self.dear])
        top, bottom = fig.axes[:2]
        divisor, _ = style.money_scale(self.dear.costs["total"].max())
        heights = [p.get_height() for p in bars(top)]
        np.testing.assert_allclose(heights, np.r_[self.check.costs["total"],
                                                  self.dear.costs["total"]] / divisor)
        diff = (self.dear.costs["total"] - self.check.costs["total"]) / divisor
        np.testing.assert_allclose([p.get_height() for p in bars(bottom)], diff)
        self.assertTrue((diff > 0).all(), "dearer servers must cost more every year")
        self.assertIn("¥", top.get_ylabel())
        self.assertIn("Difference", bottom.get_ylabel())
        self.assertEqual([t.get_text() for t in top.get_legend().get_texts()],
                         ["plan-check", "plan-check-dear"])

    # -- coverage ---------------------------------------------------------------------------
    def test_coverage_has_one_line_per_kind_in_each_service_panel(self):
        fig = F.coverage(self.breach)
        names, kinds, users = raw(self.breach_h5, "services/name", "services/kinds",
                                  "services/users_by_kind")
        users = users.reshape(len(names), len(kinds), -1)
        panels = [ax for ax in fig.axes if ax.get_visible() and ax.lines]
        used = [i for i in range(len(names)) if users[i].max() > 0]
        self.assertEqual([ax.get_title() for ax in panels], [names[i] for i in used])
        unused = [n for i, n in enumerate(names) if i not in used]
        left_out = F.coverage_left_out(self.breach)
        for name in unused:   # no panel that only says "no facility users"; one sentence
            self.assertIn(name, left_out)
        self.assertEqual(left_out == "", not unused)
        for i, ax in zip(used, panels):
            self.assertEqual([ln.get_label() for ln in ax.lines], list(kinds))
            for k, line in enumerate(ax.lines):
                np.testing.assert_array_equal(line.get_xdata(), self.breach.fiscal_years)
                np.testing.assert_allclose(line.get_ydata(), users[i, k])
            self.assertGreaterEqual(ax.get_ylim()[1], users[i].max())
        self.assertEqual(panels[0].get_ylabel(), "Facilities (count)")
        self.assertEqual(panels[-1].get_xlabel(), "Fiscal year")
        legend = [ax.get_legend() for ax in fig.axes if ax.get_legend()]
        self.assertEqual([t.get_text() for t in legend[0].get_texts()], list(kinds))
        # clinic-b joins in FY2023 and the pharmacy in FY2023 (January 2024)
        np.testing.assert_allclose(users[0, list(kinds).index("clinic")], [1, 2, 2])
        np.testing.assert_allclose(users[0, list(kinds).index("pharmacy")], [0, 1, 1])

    # -- links ------------------------------------------------------------------------------
    def test_heatmap_is_busiest_links_by_hours_of_the_busiest_week(self):
        fig = F.utilisation_heatmap(self.breach, n=3)
        ax = fig.axes[0]
        image = next(a for a in ax.get_children() if isinstance(a, AxesImage))
        a, b = F.busiest_week(self.breach, F.busiest_links(self.breach, 3))
        self.assertEqual(b - a, 168)
        self.assertEqual(image.get_array().shape, (3, 168))
        names, cap, peak, fwd, bwd = raw(self.breach_h5, "links/name", "links/capacity",
                                         "links/peak_utilisation", "links/forward",
                                         "links/backward")
        rows = np.argsort(-peak[:, -1], kind="stable")[:3]
        self.assertEqual([t.get_text() for t in ax.get_yticklabels()], list(names[rows]))
        expected = np.maximum(fwd[rows, a:b], bwd[rows, a:b]) / cap[rows, None] * 100
        np.testing.assert_allclose(image.get_array(), expected, rtol=1e-6)
        start = np.datetime64("2022-04-01T00") + np.timedelta64(a, "h")
        self.assertEqual(start.astype("datetime64[D]").astype(object).weekday(), 0, "a Monday")
        fy_a, fy_b = self.breach.fiscal_year_hours(2024)
        self.assertTrue(fy_a <= a and b <= fy_b, "inside the last fiscal year")
        left, right = image.get_extent()[:2]
        self.assertAlmostEqual(left, mdates.date2num(start.astype(object)))
        self.assertAlmostEqual(right - left, 7.0)
        self.assertIn("Hour (Japan time", ax.get_xlabel())
        colourbar = fig.axes[1]
        self.assertIn("% of capacity", colourbar.get_ylabel())
        self.assertGreaterEqual(image.get_clim()[1], expected.max() - 1e-9)

    def test_heatmap_window_can_be_chosen_and_busiest_week_is_busiest(self):
        r = self.check
        fig = F.utilisation_heatmap(r, n=20, window=(24, 24 + 72))
        image = next(a for a in fig.axes[0].get_children() if isinstance(a, AxesImage))
        self.assertEqual(image.get_array().shape, (len(r.links["name"]), 72))
        rows = F.busiest_links(r, 20)
        a, b = F.busiest_week(r, rows)
        total = r.link_utilisation(rows, a, b).sum()
        fa, fb = r.fiscal_year_hours(r.fiscal_years[-1])
        for s in range(a - 168 * ((a - fa) // 168), fb - 167, 168):   # every Monday week
            self.assertLessEqual(r.link_utilisation(rows, s, s + 168).sum(), total * (1 + 1e-6))

    def test_busiest_links_bar_ranks_peak_utilisation_and_marks_the_target(self):
        fig = F.busiest_links_bar(self.breach, n=3)
        ax = fig.axes[0]
        names, peak, roles = raw(self.breach_h5, "links/name", "links/peak_utilisation",
                                 "links/role")
        order = np.argsort(-peak.max(axis=1), kind="stable")[:3]
        rects = bars(ax)
        self.assertEqual(len(rects), 3)
        np.testing.assert_allclose([p.get_width() for p in rects], peak.max(axis=1)[order] * 100)
        self.assertEqual([t.get_text() for t in ax.get_yticklabels()], list(names[order]))
        self.assertIn("% of capacity", ax.get_xlabel())
        target = [ln for ln in ax.lines if np.allclose(ln.get_xdata(), 70)]
        self.assertEqual(len(target), 1, "a line at the 70% target")
        self.assertEqual(sorted(t.get_text() for t in ax.get_legend().get_texts()),
                         sorted(set(roles[order])))
        # check.h5 peaks far below 70%: the axis is not squashed, the label says so
        ax2 = F.busiest_links_bar(self.check).axes[0]
        self.assertIn("target is far beyond", ax2.get_xlabel())
        self.assertLess(ax2.get_xlim()[1], 1.0)

    # -- breaches ---------------------------------------------------------------------------
    def test_breach_timeline_places_link_and_pool_breaches_on_dates(self):
        fig = F.breach_timeline([self.breach, self.check])
        ax_breach, ax_none = fig.axes[:2]
        links = [ln for ln in ax_breach.lines if ln.get_marker() == "D"]
        self.assertEqual(len(links), 1)
        x = mdates.date2num(np.datetime64("2023-07-01T00:00").astype(object))
        self.assertAlmostEqual(mdates.date2num(links[0].get_xdata()[0]), x)
        pools = bars(ax_breach)
        self.assertEqual(len(pools), 1)
        fy = [mdates.date2num(np.datetime64(d).astype(object)) for d in ("2023-04-01T00",
                                                                         "2024-04-01T00")]
        self.assertAlmostEqual(pools[0].get_x(), fy[0])
        self.assertAlmostEqual(pools[0].get_x() + pools[0].get_width(), fy[1])
        self.assertEqual([t.get_text() for t in ax_breach.get_yticklabels()],
                         ["pool eligibility@dc", "link pop-27 -- core-west"])
        self.assertIn("Date of first breach", ax_breach.get_xlabel())
        self.assertEqual(len(ax_breach.get_legend().get_texts()), 2)
        self.assertIn("No breaches", texts(fig))
        self.assertIn("none", ax_none.get_title(loc="left"))
        self.assertEqual(ax_none.lines + bars(ax_none), [])

    # -- map --------------------------------------------------------------------------------
    def prefectures(self):
        with open(os.path.join(REPO, "models", "data", "prefectures.csv"), encoding="utf-8") as f:
            return {(round(float(r["lon"]), 4), round(float(r["lat"]), 4)): int(r["code"])
                    for r in csv.DictReader(f)}

    def markers(self, fig):
        ax = fig.axes[0]
        out = []
        for c in ax.collections:
            if isinstance(c, PathCollection):
                out += [(c, (round(x, 4), round(y, 4))) for x, y in c.get_offsets()]
        return ax, out

    def test_map_has_47_markers_at_the_capitals_coloured_by_uplink_peak(self):
        table = self.prefectures()
        self.assertEqual(len(table), 47)
        fig = japan_map.prefecture_map(self.breach, "utilisation")
        ax, markers = self.markers(fig)
        self.assertEqual(len(markers), 47)
        self.assertEqual({xy for _, xy in markers}, set(table))
        coloured = [c for c in ax.collections if c.get_array() is not None]
        self.assertEqual(len(coloured), 1)
        codes = [table[(round(x, 4), round(y, 4))] for x, y in coloured[0].get_offsets()]
        self.assertEqual(codes, [13, 27])
        names, peak = raw(self.breach_h5, "links/name", "links/peak_utilisation")
        expected = [peak[list(names).index(f"pop-{c} -- core-{s}")].max() * 100
                    for c, s in ((13, "east"), (27, "west"))]
        np.testing.assert_allclose(coloured[0].get_array(), expected)
        self.assertEqual(ax.get_xlabel(), "Longitude (°E)")
        self.assertEqual(ax.get_ylabel(), "Latitude (°N)")
        self.assertIn("% of capacity", fig.axes[1].get_ylabel())
        self.assertIn("no PoP uplink", [t.get_text() for t in ax.get_legend().get_texts()][0])

    def test_map_by_breach_year_and_without_uplinks(self):
        fig = japan_map.prefecture_map(self.breach, "breach")
        ax, markers = self.markers(fig)
        self.assertEqual(len(markers), 47)
        table = self.prefectures()
        diamonds = [c for c in ax.collections if c.get_array() is not None]
        self.assertEqual([table[(round(x, 4), round(y, 4))]
                          for x, y in diamonds[0].get_offsets()], [27])
        fys = list(self.breach.fiscal_years)
        self.assertEqual(list(diamonds[0].get_array()), [fys.index(2023)])
        self.assertEqual([t.get_text() for t in fig.axes[1].get_yticklabels()],
                         [f"FY{y}" for y in fys])
        self.assertIn("PoP uplink, no breach", [t.get_text() for t in ax.get_legend().get_texts()])
        none = japan_map.prefecture_map(self.check, "utilisation")
        ax, markers = self.markers(none)
        self.assertEqual(len(markers), 47)
        self.assertEqual({xy for _, xy in markers}, set(table))
        self.assertIn("No PoP uplinks", texts(none))

    # -- DES (proposed layout) --------------------------------------------------------------
    def test_latency_cdfs_mark_the_target(self):
        self.assertIsNone(self.breach.des)
        fig = F.latency_cdf(self.des)
        panels = [ax for ax in fig.axes if ax.get_visible() and ax.lines]
        self.assertEqual([ax.get_title() for ax in panels], ["eligibility", "claims", "imaging"])
        info = self.des_info
        words = texts(fig)
        for ax in panels:
            counts = info["counts"][ax.get_title()]
            total = counts.sum() + info["overflow"].get(ax.get_title(), 0.0)
            cdf = np.r_[0, np.cumsum(counts) / total] * 100
            curve = ax.lines[0]
            np.testing.assert_allclose(curve.get_xdata(), info["edges"])
            np.testing.assert_allclose(curve.get_ydata(), cdf)
            self.assertEqual(ax.get_xlabel(), "Response time x (s, log scale)")
            self.assertEqual(ax.get_xscale(), "log")
            target = info["targets"].get(ax.get_title())
            marks = [ln for ln in ax.lines[1:] if target and np.allclose(ln.get_xdata(), target[0])]
            self.assertEqual(len(marks), 1 if target else 0)
            if target:
                achieved = np.interp(target[0], info["edges"], cdf)
                verdict = "met" if achieved >= target[1] * 100 else "missed"
                self.assertIn(f"achieved {achieved:.1f}% ({verdict})", words)
        self.assertIn("(%)", panels[0].get_ylabel())
        self.assertLess(panels[1].lines[0].get_ydata()[-1], 100, "overflow keeps claims < 100%")
        self.assertIn("within 3 s", words)
        self.assertRegex(words, r"achieved 98\.\d% \(met\)")
        self.assertIn("(missed)", words)
        self.assertIn("no service-level target", words)

    def test_queues_and_backlog_over_the_window(self):
        fig = F.queues(self.des)
        top, bottom = fig.axes[:2]
        n = self.des_info["samples"]
        self.assertEqual(len(top.lines), 1)
        np.testing.assert_allclose(top.lines[0].get_ydata(), self.des_info["queue"][0])
        np.testing.assert_allclose(bottom.lines[0].get_ydata(), self.des_info["backlog"])
        self.assertEqual(len(bottom.lines[0].get_xdata()), n)
        self.assertEqual(top.get_ylabel(), "Requests waiting (count)")
        self.assertIn("(count)", bottom.get_ylabel())
        self.assertIn("Japan time", bottom.get_xlabel())
        one_day = F.queues(self.des, window=(np.datetime64("2023-10-03T00:00:00"),
                                              np.datetime64("2023-10-04T00:00:00")))
        self.assertEqual(len(one_day.axes[1].lines[0].get_xdata()), 24 * 60 + 1)

    # -- files ------------------------------------------------------------------------------
    def test_every_figure_is_saved_as_png_and_svg(self):
        out = self.ws.path("saved")
        made = {
            "costs": F.cost_per_year([self.check, self.dear]),
            "comparison": F.cost_comparison([self.check, self.dear]),
            "coverage": F.coverage(self.check),
            "heatmap": F.utilisation_heatmap(self.check),
            "ranking": F.busiest_links_bar(self.check),
            "breaches": F.breach_timeline([self.breach]),
            "map": japan_map.prefecture_map(self.breach),
            "map-breach": japan_map.prefecture_map(self.breach, "breach"),
            "latency": F.latency_cdf(self.des),
            "queues": F.queues(self.des),
        }
        for name, fig in made.items():
            png, svg = style.save(fig, out, name)
            with open(png, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n", png)
            root = ET.parse(svg).getroot()
            self.assertEqual(root.tag, "{http://www.w3.org/2000/svg}svg", svg)
            self.assertGreater(os.path.getsize(png), 5000)
        self.assertEqual(len(os.listdir(out)), 2 * len(made))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1] + sys.argv[1:], verbosity=2)
