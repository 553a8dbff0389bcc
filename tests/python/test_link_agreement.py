#!/usr/bin/python3
"""Planner and DES, link by link, end to end: `tsunagu run` on tests/scenarios/burst-check.yaml
writes the group `agreement` and prints how many links disagree; the report's section lists the
links outside the tolerance first, with the counts the file holds.

    /usr/bin/python3 tests/python/test_link_agreement.py TSUNAGU_BINARY SOURCE_DIR
"""

import os
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

BINARY, SOURCE = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(SOURCE, "analysis"))

import link_agreement  # noqa: E402


class LinkAgreement(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.h5 = os.path.join(cls.tmp.name, "run.h5")
        scenario = os.path.join(SOURCE, "tests", "scenarios", "burst-check.yaml")
        cls.out = subprocess.run([BINARY, "run", scenario, "-o", cls.h5], check=True,
                                 capture_output=True, text=True).stdout

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_run_prints_the_count_the_file_holds(self):
        table = link_agreement.read(self.h5)
        flagged = link_agreement.outside(table)
        with h5py.File(self.h5, "r") as f:
            self.assertEqual(int(f["agreement"].attrs["disagreeing"]), int(flagged.sum()))
        self.assertIn(f"{int(flagged.sum())} of {len(flagged)} links disagree", self.out)

    def test_rows_follow_the_rule_and_the_flagged_come_first(self):
        t = link_agreement.read(self.h5)
        rel, floor = t["attrs"]["relative_tolerance"], t["attrs"]["absolute_tolerance"]
        tol = lambda x: np.maximum(rel * x, floor)  # noqa: E731
        np.testing.assert_array_equal(
            t["mean_outside"] != 0, np.abs(t["des_mean"] - t["planner_mean"]) > tol(t["planner_mean"]))
        np.testing.assert_array_equal(
            t["peak_outside"] != 0,
            t["des_busiest_step"] > t["planner_peak_step"] + tol(t["planner_peak_step"]))
        flags = link_agreement.outside(t).astype(int)
        self.assertTrue(np.all(np.diff(flags) <= 0), "a flagged link after an agreeing one")
        # The data-center link: the 1 GB transfers fill it for 80 s, so the DES's busiest step
        # (payload over the line rate: a full link reads 1,460/1,538 = 94.9%, the rest headers)
        # and the planner's busiest minute are both at or near its capacity, far above the mean.
        dc = list(t["link"]).index("core -- dc")
        self.assertGreaterEqual(t["des_busiest_step"][dc], 0.94)
        self.assertGreater(t["planner_peak_1min"][dc], 1.0)
        self.assertLess(t["planner_mean"][dc], 0.05)

    def test_report_section_lists_every_link(self):
        import matplotlib
        matplotlib.use("Agg")
        import report_html as H
        shown = []

        def show(fig, name, alt, caption):
            import style
            shown.append(name)
            png, _ = style.save(fig, self.tmp.name, name)
            return H.figure(png, name, alt, caption)

        class Results:
            path, label = self.h5, "burst-check"
        html = link_agreement.section(Results(), show)
        self.assertIn("Planner and DES, link by link", html)
        self.assertEqual(shown, ["burst-check-planner-vs-des"])
        t = link_agreement.read(self.h5)
        positions = [html.index(f">{name}<") for name in t["link"]]
        self.assertEqual(positions, sorted(positions), "rows not in the file's order")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
