#!/usr/bin/python3
"""The report of uncertainty results (`tsunagu uncertainty`, root kind "uncertainty"): what
analysis/ reads, draws and writes into the HTML page.

Usage: test_uncertainty_report.py <path to tsunagu> <repository root>
       (ctest Analysis.UncertaintyReport)

Results used, all made by the binary:
- tests/scenarios/uncertainty-check.yaml with 60 samples: the link "core -- dc" and the pool
  "eligibility@dc2" breach from FY2023 (hand-computed P in the scenario's comment);
- a variant whose eligibility grows 30-60% a year, so that the one-server pool is unstable
  (infinite response) in the late years of some samples;
- a variant whose growths stay below 1% a year, so that nothing ever breaches.
Expected values are read from the files with h5py directly and recomputed with numpy, not taken
from analysis/.
"""

import html
import os
import re
import subprocess
import sys
import unittest

import analysis_fixtures as fx

TSUNAGU, REPO = fx.take_paths()
fx.import_analysis(REPO)
REPORT = os.path.join(REPO, "analysis", "report.py")
CHECK = os.path.join(REPO, "tests", "scenarios", "uncertainty-check.yaml")

import h5py  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import figures as F  # noqa: E402
import tsunagu_results as tr  # noqa: E402
from figures.uncertainty import BAND_INNER, BAND_OUTER, LIMIT, MEDIAN  # noqa: E402
from sizing_report_fixtures import table_after  # noqa: E402

SAMPLES = 60


def variant(ws, name, eligibility, archive):
    """A variant of uncertainty-check with other ranges of the two growths (in %/year)."""
    return ws.write(f"{name}.yaml", f"""name: {name}
extends: {CHECK}
uncertainty:
  archive-growth: {{min: {archive[0]}%/year, max: {archive[1]}%/year}}
  eligibility-growth: {{min: {eligibility[0]}%/year, max: {eligibility[1]}%/year}}
""")


def raw_per_sample(path, dataset):
    """(elements, years, samples) from the stored (elements x years, samples)."""
    with h5py.File(path, "r") as f:
        years = len(f["uncertainty/fiscal_years"])
        d = f[dataset][:]
    return d.reshape(d.shape[0] // years, years, d.shape[1])


def names(path, group):
    with h5py.File(path, "r") as f:
        return list(f[f"uncertainty/{group}/name"].asstr()[:])


class UncertaintyReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = ws = fx.Workspace(TSUNAGU, REPO)
        cls.check_h5 = cls.run_study(CHECK, "check")
        cls.unstable_h5 = cls.run_study(variant(ws, "unstable", (30, 60), (0, 10)), "unstable")
        cls.calm_h5 = cls.run_study(variant(ws, "calm", (0, 1), (0, 1)), "calm")
        cls.check = tr.load(cls.check_h5)
        cls.pages = {}

    @classmethod
    def run_study(cls, scenario, name):
        out = cls.ws.path(name + ".h5")
        run = subprocess.run([TSUNAGU, "uncertainty", scenario, "--samples", str(SAMPLES), "-o",
                              out], cwd=cls.ws.dir, capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            raise RuntimeError(f"tsunagu uncertainty failed ({run.returncode}):\n{run.stdout}\n"
                               f"{run.stderr}")
        return out

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def tearDown(self):
        plt.close("all")

    def report(self, path):
        if path in self.pages:
            return self.pages[path]
        out = self.ws.path("report-" + os.path.basename(path)[:-3])
        run = subprocess.run([sys.executable, REPORT, "--out", out, path], capture_output=True,
                             text=True, timeout=240)
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(os.path.join(out, "index.html"), encoding="utf-8") as f:
            page = f.read()
        figures = os.listdir(os.path.join(out, "figures"))
        self.assertEqual(len(re.findall(r'<img src="data:image/png;base64,', page)),
                         len(figures) // 2, "every figure embedded once")
        self.assertIsNone(re.search(r"https?://", page), "self-contained")
        self.pages[path] = page
        return page

    # -- reading ----------------------------------------------------------------------------
    def test_reader_gives_every_table_its_shape(self):
        u = self.check
        self.assertEqual((u.kind, u.label, u.samples, u.method), ("uncertainty",
                                                                   "uncertainty-check", SAMPLES,
                                                                   "superposition"))
        self.assertEqual(list(u.fiscal_years), list(range(2021, 2027)))
        self.assertEqual(list(u.inputs["name"]), ["archive-growth", "eligibility-growth"])
        self.assertEqual(u.values.shape, (SAMPLES, 2))
        busy = raw_per_sample(self.check_h5, "uncertainty/links/busy")
        np.testing.assert_array_equal(u.links["busy"], busy)
        self.assertEqual(u.links["busy"].shape, (3, 6, SAMPLES))
        self.assertEqual(u.links["busy_quantiles"].shape, (3, 6, 5))
        self.assertEqual(u.pools["at_target"].shape, (1, 6, SAMPLES))
        # P(breach) is the share of breaching samples; the flags are busy > limit.
        np.testing.assert_allclose(u.links["p_breach"], u.links["breach"].mean(axis=2))
        np.testing.assert_array_equal(u.links["breach"],
                                      (busy > u.links["limit"][:, :, None]).astype(int))
        np.testing.assert_allclose(u.links["p_breach_se"],
                                   np.sqrt(u.links["p_breach"] * (1 - u.links["p_breach"])
                                           / SAMPLES))
        # The stored quantiles are numpy's (linear between order statistics).
        np.testing.assert_allclose(u.links["busy_quantiles"],
                                   np.moveaxis(np.quantile(busy, u.quantile_levels, axis=2), 0, 2),
                                   rtol=1e-12)

    def test_ranking_puts_the_breaching_link_and_pool_first(self):
        u = self.check
        self.assertEqual(u.links["name"][u.ranked("links")[0]], "core -- dc")
        self.assertEqual([u.pools["name"][i] for i in u.ranked("pools")], ["eligibility@dc2"])
        self.assertEqual(len(u.ranked("links", 2)), 2)

    # -- figures ----------------------------------------------------------------------------
    def test_breach_probability_lines_are_the_p_breach_tables_with_their_errors(self):
        fig = F.breach_probability(self.check)
        ax = fig.axes[0]
        containers = {c.get_label(): c for c in ax.containers}
        self.assertEqual(set(containers), {"core -- dc", "eligibility@dc2"},
                         "elements that never breach are left out")
        with h5py.File(self.check_h5, "r") as f:
            for group, column, name in (("links", "p_breach", "core -- dc"),
                                        ("pools", "p_miss", "eligibility@dc2")):
                row = names(self.check_h5, group).index(name)
                p = f[f"uncertainty/{group}/{column}"][row]
                se = f[f"uncertainty/{group}/{column}_se"][row]
                line, _, (bars,) = containers[name].lines   # data line, caps, bar lines
                np.testing.assert_array_equal(line.get_xdata(), np.arange(2021, 2027))
                np.testing.assert_allclose(line.get_ydata(), p)
                ends = np.array([seg[:, 1] for seg in bars.get_segments()])
                np.testing.assert_allclose(ends[:, 0], p - se)
                np.testing.assert_allclose(ends[:, 1], p + se)
        self.assertEqual(containers["core -- dc"].lines[0].get_linestyle(), "-")
        self.assertEqual(containers["eligibility@dc2"].lines[0].get_linestyle(), "--")
        self.assertIn("P(breach)", ax.get_ylabel())

    def test_breach_probability_says_when_nothing_breaches(self):
        fig = F.breach_probability(tr.load(self.calm_h5))
        text = " ".join(t.get_text() for t in fig.findobj(plt.Text))
        self.assertIn(f"No link breaches and no pool misses its level in any of the {SAMPLES}",
                      text)
        self.assertEqual(fig.axes[0].containers, [])

    def band(self, ax, label):
        """(x, lower, upper) of a fill_between band, from its polygon's vertices."""
        (poly,) = [c for c in ax.collections if c.get_label() == label]
        v = poly.get_paths()[0].vertices
        xs = np.unique(v[:, 0])
        lower = np.array([v[v[:, 0] == x, 1].min() for x in xs])
        upper = np.array([v[v[:, 0] == x, 1].max() for x in xs])
        return xs, lower, upper

    def test_load_fan_bands_are_the_quantiles_of_the_samples_and_the_limit(self):
        fig = F.load_fan(self.check, 4)
        panels = [ax for ax in fig.axes if ax.axison]
        self.assertEqual(len(panels), 3, "three links carry load")
        ax = panels[0]
        self.assertTrue(ax.get_title(loc="left").startswith("core -- dc"))
        self.assertEqual(ax.get_ylabel(), "Busy-hour load (Mbit/s)")
        row = names(self.check_h5, "links").index("core -- dc")
        busy = raw_per_sample(self.check_h5, "uncertainty/links/busy")[row] / 1e6
        for label, (lo, hi) in ((BAND_OUTER, (0.05, 0.95)), (BAND_INNER, (0.25, 0.75))):
            xs, lower, upper = self.band(ax, label)
            np.testing.assert_array_equal(xs, np.arange(2021, 2027))
            np.testing.assert_allclose(lower, np.quantile(busy, lo, axis=1), rtol=1e-9)
            np.testing.assert_allclose(upper, np.quantile(busy, hi, axis=1), rtol=1e-9)
        (median,) = [ln for ln in ax.lines if ln.get_label() == MEDIAN]
        np.testing.assert_allclose(median.get_ydata(), np.median(busy, axis=1), rtol=1e-9)
        # FY2021 is the same in every sample: 60 Mb/s, below the 70 Mb/s limit.
        self.assertAlmostEqual(median.get_ydata()[0], 60.0, places=4)
        (limit,) = [ln for ln in ax.lines if ln.get_label() == LIMIT]
        np.testing.assert_allclose(np.unique(limit.get_ydata()), [70.0])

    def test_response_fan_draws_unstable_years_at_the_top(self):
        u = tr.load(self.unstable_h5)
        at_target = raw_per_sample(self.unstable_h5, "uncertainty/pools/at_target")[0]
        # The 95th percentile interpolates between the sorted samples 56 and 57 (of 0..59): it
        # is infinite once 3 or more samples are unstable.
        unstable_years = np.sort(at_target, axis=1)[:, 57] == np.inf
        np.testing.assert_array_equal(np.isinf(u.pools["at_target_quantiles"][0, :, -1]),
                                      unstable_years)
        self.assertTrue(unstable_years.any(), "the variant makes the pool unstable")
        self.assertFalse(unstable_years[0], "but not in FY2021")
        fig = F.response_fan(u, 4)
        ax = [a for a in fig.axes if a.axison][0]
        (marks,) = [ln for ln in ax.lines if ln.get_marker() == "^"]
        np.testing.assert_array_equal(marks.get_xdata(), u.fiscal_years[unstable_years])
        top = ax.get_ylim()[1]
        for line in ax.lines:
            self.assertTrue(np.isfinite(line.get_ydata()).all())
        xs, _, upper = self.band(ax, BAND_OUTER)
        self.assertTrue(np.all(upper[unstable_years] <= top))
        (target,) = [ln for ln in ax.lines if ln.get_label() == LIMIT]
        np.testing.assert_allclose(np.unique(target.get_ydata()), [2.8])

    # -- the page ---------------------------------------------------------------------------
    def test_page_has_the_inputs_the_probabilities_and_the_top_elements(self):
        page = self.report(self.check_h5)
        with h5py.File(self.check_h5, "r") as f:
            any_link = f["uncertainty/years/p_any_link_breach"][:]
            p = f["uncertainty/links/p_breach"][:]
            se = f["uncertainty/links/p_breach_se"][:]
        row = names(self.check_h5, "links").index("core -- dc")
        text = html.unescape(re.sub(r"<[^>]+>", "", page))
        n = SAMPLES
        last = any_link[-1]
        self.assertIn(f"in a share {last:.3f} ± {np.sqrt(last * (1 - last) / n):.3f}", text)
        inputs = table_after(page, "Sampled inputs")
        self.assertEqual(inputs[1][:3], ["archive-growth", "volumes.archive.growth",
                                         "uniform(min 0%/year, max 10%/year)"])
        self.assertEqual(inputs[1][3], "5%/year")
        years = table_after(page, "P(breach) by fiscal year")
        self.assertEqual(years[0][1], "P(some link breaches)")
        self.assertEqual([r[0] for r in years[1:]], [f"FY{y}" for y in range(2021, 2027)])
        self.assertEqual(years[-1][1], f"{last:.3f} ± {np.sqrt(last * (1 - last) / n):.3f}")
        top = table_after(page, "The links and pools most likely to breach, per fiscal year")
        fy2026 = [r for r in top[1:] if r[0] == "FY2026"]
        self.assertEqual(fy2026[0][1:3], ["core -- dc", "link"])
        self.assertEqual(fy2026[0][3], f"{p[row, -1]:.3f} ± {se[row, -1]:.3f}")
        self.assertEqual(fy2026[0][5], "70 Mbit/s")
        self.assertIn("eligibility@dc2", [r[1] for r in fy2026])
        self.assertEqual(len(re.findall(r'<img src="data:image/png', page)), 3)

    def test_cli_tsunagu_report_accepts_uncertainty(self):
        out = self.ws.path("cli-report")
        run = subprocess.run([TSUNAGU, "report", self.check_h5, "-o", out], capture_output=True,
                             text=True, timeout=240)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertTrue(os.path.isfile(os.path.join(out, "index.html")))


if __name__ == "__main__":
    unittest.main(verbosity=2)
