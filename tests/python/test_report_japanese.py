#!/usr/bin/python3
"""The report in Japanese (`tsunagu report --lang ja`), checked like the English one:

- report.py runs with Python warnings as errors, so a glyph missing from the font (matplotlib's
  "Glyph ... missing from current font" warning) fails the test instead of drawing a box;
- the page says lang="ja", its headings, figure captions and table headers are Japanese, yen
  amounts read 1億8,580万円 and dates 2026年2月9日, and paths and commands stay as they are;
- the figures are drawn in Noto Sans CJK JP and the SVGs carry their glyphs as paths (no <text>
  that a viewer without the font would show as boxes);
- headless Chromium opens the page: every image loads and the Japanese headings are in the DOM;
- English stays the default: without --lang the page is English with no Japanese heading.

Usage: test_report_japanese.py <path to tsunagu> <repository root>   (ctest Analysis.ReportJapanese)
"""

import os
import re
import subprocess
import sys
import unittest
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import analysis_fixtures as fx

TSUNAGU, REPO = fx.take_paths()
fx.import_analysis(REPO)
REPORT = os.path.join(REPO, "analysis", "report.py")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")

import i18n  # noqa: E402


class Texts(HTMLParser):
    """Text of each element kind: {tag: [text, ...]} (innermost tag of each piece of text)."""

    def __init__(self):
        super().__init__()
        self.stack, self.by_tag, self.lang = [], {}, None

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag not in ("br", "img", "meta", "link", "hr", "col", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if data.strip() and self.stack:
            self.by_tag.setdefault(self.stack[-1], []).append(data.strip())


def page_texts(path):
    parser = Texts()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    return parser


class JapaneseReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = ws = fx.Workspace(TSUNAGU, REPO)
        cls.h5 = ws.path("small.h5")   # a run: the plan and a simulated peak day
        run = subprocess.run([TSUNAGU, "run", os.path.join(REPO, "scenarios", "small-region.yaml"),
                              "-o", cls.h5, "-q"], cwd=REPO, capture_output=True, text=True,
                             timeout=300)
        if run.returncode != 0:
            raise RuntimeError(run.stdout + run.stderr)
        cls.ja = ws.path("report-ja")
        cls.ja_run = subprocess.run([sys.executable, "-W", "error", REPORT, "--lang", "ja",
                                     "--out", cls.ja, cls.h5], cwd=REPO, capture_output=True,
                                    text=True, timeout=300)
        cls.en = ws.path("report-en")
        cls.en_run = subprocess.run([TSUNAGU, "report", cls.h5, "-o", cls.en], cwd=REPO,
                                    capture_output=True, text=True, timeout=300)

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def test_builds_with_warnings_as_errors_and_no_missing_glyph(self):
        self.assertEqual(self.ja_run.returncode, 0, self.ja_run.stderr[-3000:])
        self.assertNotIn("missing from current font", self.ja_run.stderr)
        self.assertEqual(self.ja_run.stderr, "")

    def test_the_page_is_japanese(self):
        texts = page_texts(os.path.join(self.ja, "index.html"))
        self.assertEqual(texts.lang, "ja")
        for tag in ("h2", "h3", "figcaption"):
            english = [t for t in texts.by_tag.get(tag, []) if not CJK.search(t)
                       and re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", t)]
            self.assertEqual(english, [], f"<{tag}> left in English")
        headers = texts.by_tag["th"]
        english = [t for t in headers if not CJK.search(t)
                   and re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", t)]
        self.assertEqual(english, [], "table headers left in English")
        words = " ".join(sum(texts.by_tag.values(), []))
        self.assertRegex(words, r"\d+億[\d,]+万円")           # yen for Japanese readers
        self.assertRegex(words, r"20\d\d年\d{1,2}月\d{1,2}日")  # dates
        self.assertIn("オンライン資格確認", words + " ".join(i18n.TERMS.values()))
        self.assertIn("目標を超えるリンクもサーバプールもありません", words)
        # Paths and commands as they are.
        self.assertIn("tsunagu run " + os.path.join(REPO, "scenarios", "small-region.yaml"), words)

    def test_figures_use_the_cjk_font_and_carry_their_glyphs(self):
        import matplotlib.font_manager as fm
        self.assertIn("NotoSansCJK", fm.findfont(fm.FontProperties(family=i18n.JA_FONT)))
        svgs = [f for f in os.listdir(os.path.join(self.ja, "figures")) if f.endswith(".svg")]
        self.assertGreater(len(svgs), 4)
        for name in svgs:
            root = ET.parse(os.path.join(self.ja, "figures", name)).getroot()
            texts = [e for e in root.iter() if e.tag.endswith("}text")]
            self.assertEqual(texts, [], f"{name}: text that needs a font to show")
        with open(os.path.join(self.ja, "figures", "small-region-latency-cdf.svg"),
                  encoding="utf-8") as f:
            self.assertIn("応答時間", f.read())   # matplotlib keeps the text as a comment

    def test_opens_in_chromium(self):
        dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                              "--virtual-time-budget=5000", "--dump-dom",
                              "file://" + os.path.join(self.ja, "index.html")],
                             capture_output=True, text=True, timeout=120)
        self.assertEqual(dom.returncode, 0, dom.stderr[-2000:])
        self.assertIn('lang="ja"', dom.stdout)
        self.assertIn("年度別の主要指標", dom.stdout)
        self.assertNotIn("http://", re.sub(r'(href|src)="data:[^"]*"', "", dom.stdout)
                         .replace("http://www.w3.org", ""))

    def test_english_stays_the_default(self):
        self.assertEqual(self.en_run.returncode, 0, self.en_run.stderr)
        texts = page_texts(os.path.join(self.en, "index.html"))
        self.assertEqual(texts.lang, "en")
        self.assertFalse([t for t in texts.by_tag["h2"] + texts.by_tag["h3"] if CJK.search(t)])

    def test_yen_and_dates(self):
        self.assertEqual(i18n.yen_ja(185.8e6), "1億8,580万円")
        self.assertEqual(i18n.yen_ja(3500), "3,500円")
        self.assertEqual(i18n.yen_ja(2.1e12 + 5e7), "2兆1,000億円")
        self.assertEqual(i18n.japanese_numbers("from 2026-02-09 on"), "from 2026年2月9日 on")
        self.assertEqual(i18n.japanese_numbers("2026-02-09T10:00"), "2026-02-09T10:00")


if __name__ == "__main__":
    unittest.main()
