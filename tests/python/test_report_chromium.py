#!/usr/bin/python3
"""Opens the HTML report in headless Chromium: every image loads, no JavaScript error, nothing
fetched from the network, and the page shows the manifest, tables with units and, for two
results files, the comparison.

Usage: test_report_chromium.py <path to tsunagu> <repository root>
       (ctest Analysis.ReportInChromium)

Chromium is the Debian package `chromium` (installed by `make setup`); without it this test
fails. CHROMIUM=/path/to/chromium overrides /usr/bin/chromium.

Method: a copy of index.html gets a harness <script> first in <head> (collects window errors,
failed resource loads and console.error) and one at the end of <body> that, after the load
event, writes a JSON verdict (images, how many loaded with naturalWidth > 0, errors) into
<pre id="verdict">. `chromium --headless --dump-dom` prints the DOM after the virtual-time
budget, and the verdict is parsed from it.
"""

import html
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import unittest

import analysis_fixtures as fx

TSUNAGU, REPO = fx.take_paths()
REPORT = os.path.join(REPO, "analysis", "report.py")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

HEAD = """<script>
window.__errors = [];
window.addEventListener("error", function (e) {
  var t = e.target;
  window.__errors.push(t && t !== window ? "failed to load " + (t.src || t.href || t.tagName)
                                         : String(e.message));
}, true);
window.addEventListener("unhandledrejection", function (e) {
  window.__errors.push("unhandled rejection: " + e.reason);
});
(function () {
  var original = console.error;
  console.error = function () {
    window.__errors.push("console.error: " + Array.prototype.join.call(arguments, " "));
    return original.apply(console, arguments);
  };
})();
</script>"""

TAIL = """<pre id="verdict">pending</pre>
<script>
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var broken = images.filter(function (i) { return !(i.complete && i.naturalWidth > 0); });
  document.getElementById("verdict").textContent = JSON.stringify({
    images: images.length,
    loaded: images.length - broken.length,
    broken: broken.map(function (i) { return i.alt; }),
    widths: images.map(function (i) { return i.naturalWidth; }),
    errors: window.__errors
  });
});
</script>"""


def png_width(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", data[16:20])[0]


def open_in_chromium(index, scratch):
    """Returns the harness verdict (a dict) for the report page `index`."""
    if not os.access(CHROMIUM, os.X_OK):
        raise AssertionError(
            f"Chromium is not installed ({CHROMIUM} missing): install the Debian package "
            "`chromium` (sudo apt-get install chromium, or `make setup`).")
    with open(index, encoding="utf-8") as f:
        page = f.read()
    page = page.replace("<head>", "<head>\n" + HEAD, 1).replace("</body>", TAIL + "\n</body>", 1)
    probe = os.path.join(os.path.dirname(index), "chromium-probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        f.write(page)
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=scratch)
    run = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--virtual-time-budget=5000",
         "--dump-dom", "file://" + probe],
        capture_output=True, text=True, timeout=180)
    os.remove(probe)
    match = re.search(r'<pre id="verdict">(.*?)</pre>', run.stdout, re.S)
    if run.returncode != 0 or not match:
        raise AssertionError(f"chromium exited {run.returncode} without a verdict:\n"
                             f"{run.stdout[-2000:]}\n{run.stderr[-3000:]}")
    text = html.unescape(match.group(1))
    if text == "pending":
        raise AssertionError("the page's load event never fired within the time budget")
    return json.loads(text)


class ReportInChromium(unittest.TestCase):
    def assertInPage(self, text, page, what=""):
        self.assertTrue(text in page, f"{what} {text!r} is not in the page".strip())

    def assertNotInPage(self, text, page):
        self.assertFalse(text in page, f"{text!r} is in the page")

    @classmethod
    def setUpClass(cls):
        cls.ws = ws = fx.Workspace(TSUNAGU, REPO)
        small = os.path.join(REPO, "scenarios", "small-region.yaml")
        cls.small_h5 = ws.plan(small, "small")
        cls.dear_h5 = ws.plan_text(fx.variant_scenario(small, "small-region-dear-servers",
                                                       "¥9,000,000/year"), "dear")

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def report(self, out, *results):
        run = subprocess.run([sys.executable, REPORT, "--out", out, *results],
                             capture_output=True, text=True, timeout=240)
        self.assertEqual(run.returncode, 0, run.stderr)
        index = os.path.join(out, "index.html")
        self.assertEqual(run.stdout.strip(), index)
        return index

    def check_page(self, index):
        with open(index, encoding="utf-8") as f:
            page = f.read()
        # self-contained: no http(s) anywhere, images only as data: URIs, no external CSS/JS
        self.assertIsNone(re.search(r"https?://", page, re.I), "no http(s) URL in the page")
        for src in re.findall(r'<(?:img|script|iframe|source|link)\b[^>]*?'
                              r'(?:src|href)="([^"]*)"', page):
            self.assertTrue(src.startswith("data:image/png;base64,"), src[:80])
        self.assertNotIn("url(", page.split("</style>")[0].split("<style>")[-1])
        figures = sorted(n for n in os.listdir(os.path.join(os.path.dirname(index), "figures"))
                         if n.endswith(".png"))
        svgs = sorted(n for n in os.listdir(os.path.join(os.path.dirname(index), "figures"))
                      if n.endswith(".svg"))
        self.assertEqual([n[:-4] for n in figures], [n[:-4] for n in svgs])
        verdict = open_in_chromium(index, self.ws.dir)
        self.assertEqual(verdict["errors"], [], "JavaScript or loading errors")
        self.assertEqual(verdict["broken"], [], "images that did not load")
        self.assertEqual(verdict["images"], len(figures))
        self.assertEqual(verdict["loaded"], len(figures))
        widths = []
        for name in figures:
            with open(os.path.join(os.path.dirname(index), "figures", name), "rb") as f:
                widths.append(png_width(f.read()))
        self.assertEqual(sorted(verdict["widths"]), sorted(widths))
        return page

    def test_harness_reports_broken_images_and_script_errors(self):
        page = os.path.join(self.ws.path("harness"), "index.html")
        os.makedirs(os.path.dirname(page))
        with open(page, "w", encoding="utf-8") as f:
            f.write('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
                    '<img alt="good" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB'
                    'CAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==">'
                    '<img alt="bad" src="data:image/png;base64,AAAA">'
                    '<script>noSuchFunction();</script></body></html>')
        verdict = open_in_chromium(page, self.ws.dir)
        self.assertEqual(verdict["images"], 2)
        self.assertEqual(verdict["broken"], ["bad"])
        self.assertEqual(verdict["widths"][0], 1)
        self.assertTrue(any("noSuchFunction" in e for e in verdict["errors"]), verdict["errors"])

    def test_single_report_loads_and_shows_the_manifest(self):
        index = self.report(self.ws.path("report-small"), self.small_h5)
        page = self.check_page(index)
        import h5py
        with h5py.File(self.small_h5, "r") as f:
            m = dict(f["manifest"].attrs)
        for key in ("scenario_name", "scenario_sha256", "tsunagu_version", "host",
                    "start_time", "command"):
            self.assertInPage(html.escape(str(m[key])), page, key)
        self.assertInPage(f"<td>{m['seed']}</td>", page)
        self.assertInPage(f"{m['wall_time_seconds']:,.1f}", page)
        for header in ("Total cost (¥M)", "Transactions (M)", "Capacity (each direction)",
                       "Busy-hour utilisation, hourly mean (%)", "p95 response (s)",
                       "Wall time (s)"):
            self.assertInPage(f"<th>{html.escape(header, quote=False)}</th>", page)
        self.assertNotInPage('id="comparison"', page)
        self.assertInPage("no discrete-event simulation data", page)
        for figure in ("costs-by-component", "first-breaches", "small-region-coverage",
                       "small-region-link-heatmap", "small-region-busiest-links",
                       "small-region-map-utilisation"):
            self.assertInPage(f'id="fig-{figure}"', page)

    def test_comparison_report_loads_and_shows_differences(self):
        index = self.report(self.ws.path("report-compare"), self.small_h5, self.dear_h5)
        page = self.check_page(index)
        self.assertInPage('id="comparison"', page)
        self.assertInPage("small-region-dear-servers − small-region (¥M)", html.unescape(page))
        import h5py
        totals = []
        for path in (self.small_h5, self.dear_h5):
            with h5py.File(path, "r") as f:
                totals.append(f["costs/total"][:])
        first = totals[1][0] - totals[0][0]
        self.assertGreater(first, 0)
        self.assertInPage(f"+{first / 1e6:,.1f}", page)
        self.assertInPage('id="fig-comparison-total-cost"', page)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1] + sys.argv[1:], verbosity=2)
