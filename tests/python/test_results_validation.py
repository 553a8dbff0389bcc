#!/usr/bin/python3
"""Damaged results files given to `tsunagu compare` and `tsunagu report`: each is bad input
(exit 2) with one line naming the file and the dataset, never an internal error or a Python
traceback, and nothing is printed as if the figures were good (no `nan` in a table).

Usage: test_results_validation.py <path to tsunagu> <repository root>
       (ctest Analysis.ResultsValidation)
"""

import os
import shutil
import subprocess
import unittest

import analysis_fixtures as fx

TSUNAGU, REPO = fx.take_paths()

import h5py  # noqa: E402
import numpy as np  # noqa: E402


def damage(src, dst, edit):
    shutil.copy(src, dst)
    with h5py.File(dst, "a") as f:
        edit(f)
    return dst


def delete(name):
    return lambda f: f.__delitem__(name)


def replace(name, values):
    def edit(f):
        del f[name]
        f[name] = values
    return edit


def set_nan(name):
    def edit(f):
        data = f[name][...]
        data.flat[0] = np.nan
        f[name][...] = data
    return edit


class ResultsValidation(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = fx.Workspace(TSUNAGU, REPO)
        cls.good = cls.ws.plan(os.path.join(REPO, "tests", "scenarios", "plan-check.yaml"),
                               "check")

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def run_tsunagu(self, *args):
        return subprocess.run([TSUNAGU, *args], capture_output=True, text=True, timeout=300)

    def assert_bad(self, result, path, dataset):
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        self.assertNotIn("internal error", result.stderr)
        self.assertIn(os.path.basename(path), result.stderr)
        self.assertIn(dataset, result.stderr)
        self.assertNotIn("nan", result.stdout)

    def test_compare_names_a_missing_group_or_dataset(self):
        for name, dataset in (("manifest", "/manifest"), ("time", "/time"),
                              ("costs", "/costs"), ("links", "/links")):
            with self.subTest(name):
                bad = damage(self.good, self.ws.path(f"no-{name}.h5"), delete(name))
                self.assert_bad(self.run_tsunagu("compare", self.good, bad), bad, dataset)

    def test_compare_refuses_nan_costs_and_wrong_shapes(self):
        bad = damage(self.good, self.ws.path("nan-costs.h5"), set_nan("costs/total"))
        self.assert_bad(self.run_tsunagu("compare", self.good, bad), bad, "/costs/total")
        bad = damage(self.good, self.ws.path("short-mean.h5"),
                     replace("links/mean", np.zeros((1, 1))))
        self.assert_bad(self.run_tsunagu("compare", self.good, bad), bad, "/links/mean")

    def test_report_names_a_missing_or_misshapen_pools_servers(self):
        out = self.ws.path("report")
        bad = damage(self.good, self.ws.path("no-servers.h5"), delete("pools/servers"))
        self.assert_bad(self.run_tsunagu("report", bad, "-o", out), bad, "pools/servers")
        bad = damage(self.good, self.ws.path("wide-servers.h5"),
                     replace("pools/servers", np.zeros((1, 7))))
        self.assert_bad(self.run_tsunagu("report", bad, "-o", out), bad, "pools/servers")
        bad = damage(self.good, self.ws.path("nan-total.h5"), set_nan("costs/total"))
        self.assert_bad(self.run_tsunagu("report", bad, "-o", out), bad, "costs/total")
        self.assertFalse(os.path.exists(out))

    def test_an_undamaged_file_still_compares_and_reports(self):
        self.assertEqual(self.run_tsunagu("compare", self.good, self.good).returncode, 0)
        result = self.run_tsunagu("report", self.good, "-o", self.ws.path("good-report"))
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main(argv=["test_results_validation.py"])
