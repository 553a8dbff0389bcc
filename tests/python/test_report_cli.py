#!/usr/bin/python3
"""The command-line contract of analysis/report.py (what `tsunagu report` runs):

- exit 0, the path of index.html on stdout, DIR/index.html and DIR/figures/*.png|svg;
- exit 2 and one sentence on stderr for bad input: a missing file, a file that is not HDF5, an
  HDF5 file whose root attributes format/format_version/kind are not a tsunagu results file,
  results over different horizons, a bad option, an output path that is a file or a directory
  that is not an earlier report;
- exit 3 naming the Debian packages when numpy/matplotlib/h5py cannot be imported;
- the report is written to a hidden sibling directory and renamed at the end: a failure leaves
  no partial report and keeps an earlier one; success replaces it.

Usage: test_report_cli.py <path to tsunagu> <repository root>   (ctest Analysis.ReportCli)
"""

import os
import shutil
import subprocess
import sys
import unittest

import analysis_fixtures as fx

TSUNAGU, REPO = fx.take_paths()
REPORT = os.path.join(REPO, "analysis", "report.py")

import h5py  # noqa: E402


class ReportCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = ws = fx.Workspace(TSUNAGU, REPO)
        cls.check_h5 = ws.plan(os.path.join(REPO, "tests", "scenarios", "plan-check.yaml"),
                               "check")
        cls.small_h5 = ws.plan(os.path.join(REPO, "scenarios", "small-region.yaml"), "small")

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def setUp(self):
        self.dir = self.ws.path(self.id().rsplit(".", 1)[-1])
        os.makedirs(self.dir)

    def run_report(self, *args, env=None):
        return subprocess.run([sys.executable, REPORT, *args], capture_output=True, text=True,
                              timeout=240, env=env)

    def leftovers(self):
        return [n for n in os.listdir(self.dir) if n.endswith((".partial", ".old"))]

    def assertBadInput(self, run, *words):
        self.assertEqual(run.returncode, 2, run.stderr)
        lines = run.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, run.stderr)
        self.assertTrue(lines[0].startswith("report.py: ") and lines[0].endswith((".", ")")),
                        lines[0])
        for word in words:
            self.assertIn(word, lines[0])
        self.assertEqual(run.stdout, "")
        self.assertEqual(self.leftovers(), [])

    def copy_with(self, name, **attrs):
        path = os.path.join(self.dir, name)
        shutil.copyfile(self.check_h5, path)
        with h5py.File(path, "a") as f:
            for key, value in attrs.items():
                f.attrs[key] = value
        return path

    # -- success ----------------------------------------------------------------------------
    def test_success_prints_index_and_writes_figures(self):
        out = os.path.join(self.dir, "report")
        run = self.run_report("--out", out, self.check_h5)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout, os.path.join(out, "index.html") + "\n")
        names = os.listdir(os.path.join(out, "figures"))
        pngs = {n[:-4] for n in names if n.endswith(".png")}
        self.assertEqual(pngs, {n[:-4] for n in names if n.endswith(".svg")})
        self.assertIn("costs-by-component", pngs)
        self.assertEqual(self.leftovers(), [])

    def test_default_directory_is_beside_the_first_results_file(self):
        path = os.path.join(self.dir, "run.h5")
        shutil.copyfile(self.check_h5, path)
        run = self.run_report(path)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.strip(), os.path.join(self.dir, "run-report", "index.html"))

    def test_success_replaces_an_earlier_report(self):
        out = os.path.join(self.dir, "report")
        self.assertEqual(self.run_report("-o", out, self.check_h5).returncode, 0)
        stale = os.path.join(out, "figures", "stale.png")
        open(stale, "w").close()
        run = self.run_report("-o", out, self.check_h5)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertFalse(os.path.exists(stale))
        self.assertTrue(os.path.isfile(os.path.join(out, "index.html")))
        self.assertEqual(self.leftovers(), [])

    # -- bad input --------------------------------------------------------------------------
    def test_missing_file(self):
        self.assertBadInput(self.run_report("-o", os.path.join(self.dir, "r"),
                                            os.path.join(self.dir, "nothing.h5")),
                            "does not exist")

    def test_not_hdf5(self):
        path = os.path.join(self.dir, "notes.h5")
        with open(path, "w") as f:
            f.write("not HDF5\n")
        self.assertBadInput(self.run_report("-o", os.path.join(self.dir, "r"), path),
                            "cannot be opened as an HDF5 file")

    def test_root_attributes(self):
        for attrs, words in (({"format": "something-else"}, "not a tsunagu results file"),
                             ({"format_version": 2}, "format_version"),
                             ({"kind": "sketch"}, "kind")):
            with self.subTest(attrs=attrs):
                path = self.copy_with("odd.h5", **attrs)
                self.assertBadInput(self.run_report("-o", os.path.join(self.dir, "r"), path),
                                    words)
                self.assertFalse(os.path.exists(os.path.join(self.dir, "r")))

    def test_different_horizons(self):
        self.assertBadInput(self.run_report("-o", os.path.join(self.dir, "r"), self.check_h5,
                                            self.small_h5), "cannot be compared")

    def test_bad_options(self):
        self.assertBadInput(self.run_report("-o", os.path.join(self.dir, "r"), "--top-links",
                                            "0", self.check_h5), "--top-links")
        self.assertBadInput(self.run_report("-o", os.path.join(self.dir, "r"), "--window",
                                            "2001-01-01", self.check_h5), "not inside")

    def test_output_is_a_file_or_a_foreign_directory(self):
        path = os.path.join(self.dir, "file")
        open(path, "w").close()
        self.assertBadInput(self.run_report("-o", path, self.check_h5), "not a directory")
        foreign = os.path.join(self.dir, "home")
        os.makedirs(foreign)
        with open(os.path.join(foreign, "precious.txt"), "w") as f:
            f.write("keep me")
        self.assertBadInput(self.run_report("-o", foreign, self.check_h5), "not an earlier")
        self.assertEqual(os.listdir(foreign), ["precious.txt"])

    # -- failures keep what was there -------------------------------------------------------
    def test_failure_keeps_the_earlier_report_and_leaves_nothing_partial(self):
        out = os.path.join(self.dir, "report")
        self.assertEqual(self.run_report("-o", out, self.check_h5).returncode, 0)
        marker = os.path.join(out, "figures", "earlier.txt")
        open(marker, "w").close()
        # fails while figures are drawn (after the temporary directory exists)
        self.assertBadInput(self.run_report("-o", out, "--window", "2024-03-30:5",
                                            self.check_h5), "not inside")
        # fails unexpectedly: an unreadable first_breach time
        broken = self.copy_with("broken.h5")
        with h5py.File(broken, "a") as f:
            f["links/first_breach"][0] = "soon"
        run = self.run_report("-o", out, broken)
        self.assertNotEqual(run.returncode, 0, run.stderr)
        self.assertTrue(os.path.exists(marker), "the earlier report is kept")
        self.assertEqual(self.leftovers(), [])
        fresh = os.path.join(self.dir, "fresh")
        self.assertNotEqual(self.run_report("-o", fresh, broken).returncode, 0)
        self.assertFalse(os.path.exists(fresh))
        self.assertEqual(self.leftovers(), [])

    def test_missing_python_packages(self):
        fake = os.path.join(self.dir, "fake-site")
        os.makedirs(os.path.join(fake, "h5py"))
        with open(os.path.join(fake, "h5py", "__init__.py"), "w") as f:
            f.write("raise ImportError('simulated: h5py is not installed', name='h5py')\n")
        env = dict(os.environ, PYTHONPATH=fake)
        run = self.run_report("-o", os.path.join(self.dir, "r"), self.check_h5, env=env)
        self.assertEqual(run.returncode, 3, run.stderr)
        self.assertEqual(len(run.stderr.strip().splitlines()), 1, run.stderr)
        for package in ("python3-matplotlib", "python3-h5py", "python3-numpy"):
            self.assertIn(package, run.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "r")))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1] + sys.argv[1:], verbosity=2)
