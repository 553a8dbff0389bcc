#!/usr/bin/python3
"""The report at national scale builds with Python warnings as errors and stays readable.

The plan is the real national one (scenarios/plan-2017.yaml, every facility explicit); its
simulated peak day is made up in the layout of the `des` group with as many pools as the
national run has (277 regional hubs and 5 central pools), so the test does not pay for the
national simulation. Checked:

- `report.py` exits 0 with `-W error` and writes nothing on stderr (no "constrained_layout not
  applied", no missing glyph, no mathtext warning);
- the queue figure draws the 8 pools with the longest queue and one grey line for the other
  274, summed, and says so in its title and the caption;
- the response axes are logarithmic, labelled with plain numbers, with the target marked;
- the busiest links by service: a stacked bar a link, the 15 busiest of the last year, whose
  segments add up to the link's busy-hour load (links/busy);
- a service nobody uses gets no coverage panel, and one sentence names it.

Usage: test_national_report.py <path to tsunagu> <repository root>   (ctest Analysis.NationalReport)
"""

import os
import re
import subprocess
import sys
import unittest

import analysis_fixtures as fx

TSUNAGU, REPO = fx.take_paths()
fx.import_analysis(REPO)
REPORT = os.path.join(REPO, "analysis", "report.py")

import h5py  # noqa: E402
import numpy as np  # noqa: E402

import figures as F  # noqa: E402
import tsunagu_results as tr  # noqa: E402

HUBS = 277


def add_national_des(path):
    """A made-up peak day with the national run's pools: queues of 282 pools (one hub much
    busier than the rest), latencies with a percentile target and a stream level."""
    rng = np.random.default_rng(11)
    samples = 288
    t = np.arange(samples)
    names = ([f"rhin-view@rhin-{i // 10 + 1}-{i % 10 + 1}" for i in range(HUBS)] +
             ["eligibility@dc-east", "claims@dc-east", "e-prescription@dc-east",
              "ehr-sharing@dc-east", "hd-video@dc-east"])
    queue = rng.poisson(0.3, (len(names), samples)).astype(np.float32)
    queue[5] += (40 * np.exp(-((t - 120) / 12.0) ** 2)).astype(np.float32)  # the long one
    edges = np.concatenate([[0.0], np.logspace(-6, 4, 600)])
    fast = np.histogram(rng.lognormal(np.log(0.08), 0.9, 50000), bins=edges)[0].astype(float)
    slow = np.histogram(rng.lognormal(np.log(30), 0.5, 3000), bins=edges)[0].astype(float)
    with h5py.File(path, "a") as f:
        g = f.create_group("des")
        g.attrs["start"] = "2026-02-09 00:00:00"
        g.attrs["step_seconds"] = 300.0
        for service, counts, attrs in (
                ("eligibility", fast, {"target_response": 3.0, "target_percentile": 0.99}),
                ("hd-video", slow, {"target_rate": 80e6, "target_latency": 1.3})):
            lg = g.create_group(f"latency/{service}")
            lg.create_dataset("edges", data=edges)
            lg.create_dataset("counts", data=counts)
            lg.attrs["overflow"] = 0.0
            for k, v in attrs.items():
                lg.attrs[k] = v
        g.create_dataset("queues/name", data=names, dtype=h5py.string_dtype())
        g.create_dataset("queues/length", data=queue)
    return names, queue


class NationalReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = ws = fx.Workspace(TSUNAGU, REPO)
        cls.h5 = ws.plan(os.path.join(REPO, "scenarios", "plan-2017.yaml"), "plan-2017")
        cls.names, cls.queue = add_national_des(cls.h5)
        cls.r = tr.load_all([cls.h5])[0]
        cls.out = ws.path("report")
        cls.built = subprocess.run([sys.executable, "-W", "error", REPORT, "--out", cls.out,
                                  cls.h5], cwd=REPO, capture_output=True, text=True, timeout=600)

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def test_builds_with_warnings_as_errors(self):
        self.assertEqual(self.built.returncode, 0, self.built.stderr[-3000:])
        self.assertEqual(self.built.stderr, "")
        with open(os.path.join(self.out, "index.html"), encoding="utf-8") as f:
            page = f.read()
        self.assertIn("the other 274 pools are summed in grey", page)
        self.assertIn("links-by-service", page)

    def test_queues_top_pools_and_the_rest_summed(self):
        fig = F.queues(self.r)
        top = fig.axes[0]
        self.assertEqual(len(top.lines), 9)
        labels = [ln.get_label() for ln in top.lines]
        self.assertEqual(labels[0], self.names[5])   # the longest queue first
        self.assertEqual(labels[-1], "the other 274 pools, summed")
        shown, rest = F.top_queues(self.names, self.queue)
        np.testing.assert_allclose(top.lines[-1].get_ydata(), self.queue[rest].sum(axis=0),
                                   rtol=1e-5)
        self.assertIn("8 pools with the longest queue, the other 274 summed", top.get_title())
        self.assertLessEqual(len(top.get_legend().get_texts()), 9)

    def test_response_axes_are_log_with_the_target(self):
        fig = F.latency_cdf(self.r)
        panels = [ax for ax in fig.axes if ax.get_visible() and ax.lines]
        self.assertEqual([ax.get_title() for ax in panels], ["eligibility", "hd-video"])
        for ax in panels:
            self.assertEqual(ax.get_xscale(), "log")
        fig.canvas.draw()
        ticks = [t.get_text() for t in panels[0].get_xticklabels() if t.get_text()]
        self.assertTrue(ticks and all("$" not in t for t in ticks), ticks)
        self.assertTrue(any(np.allclose(ln.get_xdata(), 3.0) for ln in panels[0].lines[1:]))
        words = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
        self.assertIn("stream level: 80 Mb/s, ≤ 1.3 s one way", words)
        self.assertNotIn("no service-level target", words)

    def test_links_by_service_add_up_to_the_busy_hour(self):
        fig = F.links_by_service(self.r)
        ax = fig.axes[0]
        rows = F.link_services.top_links(self.r, len(self.r.fiscal_years) - 1)
        self.assertEqual(len(rows), 15)
        self.assertEqual([t.get_text() for t in ax.get_yticklabels()],
                         [self.r.links["name"][i] for i in rows])
        unit = re.search(r"\((\w+/s)\)", ax.get_xlabel()).group(1)
        scale = {"Gb/s": 1e9, "Mb/s": 1e6, "kb/s": 1e3, "b/s": 1.0}[unit]
        ends = np.zeros(len(rows))
        for patch in ax.patches:
            y = int(round(patch.get_y() + patch.get_height() / 2))
            ends[y] = max(ends[y], patch.get_x() + patch.get_width())
        busy = self.r.links["busy"][rows, -1] / scale
        np.testing.assert_allclose(ends, busy, rtol=1e-3)

    def test_the_busy_hour_by_service_adds_up_to_the_busy_hour(self):
        with h5py.File(self.h5, "r") as f:
            busy = f["links/busy"][:]
            split = f["links/busy_by_service"][:]
            hour = f["links/busy_hour"][:]
            services = len(f["services/name"])
            forward, backward = f["links/forward"], f["links/backward"]
            # The busy hour is where the busier direction peaks.
            for link in (0, len(busy) // 2, len(busy) - 1):
                for year in range(busy.shape[1]):
                    h = int(hour[link, year])
                    self.assertAlmostEqual(max(forward[link, h], backward[link, h]),
                                           busy[link, year], delta=1e-3 * busy[link, year] + 1)
        self.assertEqual(split.shape, (busy.shape[0] * services, busy.shape[1]))
        np.testing.assert_allclose(split.reshape(busy.shape[0], services, -1).sum(axis=1), busy,
                                   rtol=1e-4, atol=1.0)

    def test_unused_services_get_a_sentence_not_a_panel(self):
        fig = F.coverage(self.r)
        titles = [ax.get_title() for ax in fig.axes if ax.get_visible() and ax.lines]
        users = self.r.users_by_kind()
        for i, name in enumerate(self.r.services["name"]):
            self.assertEqual(name in titles, users[i].max() > 0, name)
        words = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
        self.assertNotIn("no facility users", words)


if __name__ == "__main__":
    unittest.main()
