#!/usr/bin/python3
"""The replicated peak day in the report (ctest Analysis.ReplicationsReport): a plan results
file written by `tsunagu run scenarios/small-region.yaml --replications 3` has the group
`replications`; the report's simulation section shows every figure of it as mean ± half-width
(the half-width to one significant digit, the mean to the same place, as tsunagu prints it)
and a chart whose bars are the means of each service's mean/p50/p95/p99 response with the
half-widths as error bars. A plan file without the group keeps its report without them.

Usage: test_replications_report.py <path to tsunagu> <repository root>
The expected values are read from the file with h5py directly, not through analysis/.
"""

import os
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
from matplotlib.container import BarContainer  # noqa: E402

import figures as F  # noqa: E402
import tsunagu_results as tr  # noqa: E402
from estimate_format import format_estimate  # noqa: E402


def run_replications(ws, scenario, name, runs):
    out = ws.path(name + ".h5")
    run = subprocess.run([TSUNAGU, "run", scenario, "--replications", str(runs), "-o", out],
                         cwd=REPO, capture_output=True, text=True, timeout=240)
    if run.returncode != 0:
        raise RuntimeError(f"tsunagu run failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
    return out, run.stdout


class ReplicationsReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = fx.Workspace(TSUNAGU, REPO)
        cls.h5, cls.stdout = run_replications(
            cls.ws, os.path.join(REPO, "scenarios", "small-region.yaml"), "small", 3)
        with h5py.File(cls.h5, "r") as f:
            g = f["replications"]
            cls.raw = {k: (g[k].asstr()[:].tolist() if g[k].dtype.kind == "O" else g[k][:])
                       for k in g}
            cls.attrs = dict(g.attrs)

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def tearDown(self):
        plt.close("all")

    def raw_figure(self, name):
        i = self.raw["figure"].index(name)
        return float(self.raw["mean"][i]), float(self.raw["half_width"][i])

    def test_reader_returns_the_group(self):
        rep = tr.load(self.h5).replications
        self.assertIsNotNone(rep)
        self.assertEqual(rep.runs, 3)
        self.assertEqual(int(self.attrs["replications"]), 3)
        self.assertEqual(rep.figure, self.raw["figure"])
        self.assertEqual(rep.values.shape, (3, len(rep.figure)))
        np.testing.assert_array_equal(rep.mean, self.raw["mean"])
        np.testing.assert_array_equal(rep.half_width, self.raw["half_width"])
        self.assertEqual(rep.services(), ["eligibility", "claims"])

    def test_format_matches_tsunagu(self):
        cases = [((0.16803, 0.0021), "0.168 ± 0.002"), ((2.4513, 0.012), "2.45 ± 0.01"),
                 ((1234.0, 31.0), "1230 ± 30"), ((0.0, 0.0), "0.000 ± 0"),
                 ((5.0, float("inf")), "5.000 ± ?"), ((0.25, 0.0442), "0.25 ± 0.04")]
        for (mean, hw), text in cases:
            self.assertEqual(format_estimate(mean, hw), text)
        # tsunagu run prints the same text for the figures in its summary
        mean, hw = self.raw_figure("eligibility p95")
        self.assertIn(format_estimate(mean, hw), self.stdout)

    def test_report_table_shows_mean_and_half_width(self):
        out = self.ws.path("report")
        run = subprocess.run([sys.executable, "-W", "error", REPORT, "--out", out, self.h5],
                             capture_output=True, text=True, timeout=240)
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(os.path.join(out, "index.html"), encoding="utf-8") as f:
            page = f.read()
        self.assertIn("Replications of the peak day", page)
        for name in ("eligibility p95", "eligibility mean", "claims p99"):
            mean, hw = self.raw_figure(name)
            text = format_estimate(mean, hw)
            self.assertRegex(text, r"^-?[0-9.]+ ± [0-9.]+$")
            self.assertIn(f'<td class="name">{name} (s)</td><td class="num">{text}</td>', page)
        mean, hw = self.raw_figure("eligibility p95")
        digits = len(format_estimate(mean, hw).split(" ± ")[1].split(".")[-1])
        self.assertAlmostEqual(float(format_estimate(mean, hw).split(" ± ")[0]), mean,
                               delta=0.5 * 10 ** -digits)
        self.assertTrue(os.path.isfile(os.path.join(out, "figures",
                                                    "small-region-replicated-response.svg")))

    def test_error_bars_are_means_and_half_widths(self):
        r = tr.load(self.h5)
        fig = F.replicated_response(r)
        axes = [ax for ax in fig.axes if ax.get_visible() and ax.containers]
        self.assertEqual([ax.get_title().split(" (")[0] for ax in axes],
                         ["eligibility", "claims"])
        for ax in axes:
            service = ax.get_title().split(" (")[0]
            container = next(c for c in ax.containers if isinstance(c, BarContainer))
            self.assertEqual([t.get_text() for t in ax.get_xticklabels()],
                             ["mean", "p50", "p95", "p99"])
            heights = [p.get_height() for p in container.patches]
            segments = container.errorbar.lines[2][0].get_segments()
            for stat, height, segment in zip(("mean", "p50", "p95", "p99"), heights, segments):
                mean, hw = self.raw_figure(f"{service} {stat}")
                self.assertAlmostEqual(height, mean, delta=1e-12 * max(1.0, abs(mean)))
                low, high = sorted(segment[:, 1])
                self.assertAlmostEqual(low, mean - hw, delta=1e-9 * max(1.0, abs(mean)))
                self.assertAlmostEqual(high, mean + hw, delta=1e-9 * max(1.0, abs(mean)))
        self.assertEqual(axes[0].get_ylabel(), "Response time (s)")

    def test_plan_without_replications_has_no_section(self):
        r = tr.load(self.ws.plan(os.path.join(REPO, "scenarios", "small-region.yaml"), "plan"))
        self.assertIsNone(r.replications)
        import report_replications
        self.assertEqual(report_replications.section(r, None), "")


if __name__ == "__main__":
    unittest.main()
