"""The report in Japanese (`report.py --lang ja`, `tsunagu report --lang ja`).

The report is written in English by every section; this module translates what it wrote at two
boundaries, so the sections stay as they are: each figure's texts just before it is saved
(translate_figure) and the page's text just before it is written (translate_html). A text is
looked up whole (EXACT), then by patterns with the variable parts kept (PATTERNS), then its
units and terms are replaced inside it (TERMS); numbers keep their digits and grouping, yen
amounts are written in 万, 億 and 兆 (1億8,580万円), dates as 2026年2月9日. What none of these
knows stays English, so nothing is lost. The Japanese terms are the glossary's
(/work/shared/reference/glossary.md).

Figures are drawn in Noto Sans CJK JP (Debian's fonts-noto-cjk, installed by `make setup`),
with DejaVu Sans behind it; SVGs keep their text as paths (style.RC), so the glyphs travel with
the file.
"""

import html
import re
from html.parser import HTMLParser

LANGUAGES = ("en", "ja")
JA_FONT = "Noto Sans CJK JP"

_language = "en"


def set_language(language):
    """Chooses the report's language; for ja, the figures' font. Unknown: ValueError."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"--lang {language}: expected one of {', '.join(LANGUAGES)}")
    _language = language
    if language == "ja":
        import matplotlib.font_manager as fm
        import matplotlib.pyplot as plt

        if not _has_font(fm.fontManager):
            # matplotlib caches the system's fonts: one installed since is not in the cache.
            fm.fontManager = fm._load_fontmanager(try_read_cache=False)
            fm.findfont = fm.fontManager.findfont
        # Fail loudly rather than draw boxes: findfont only warns and falls back.
        if not _has_font(fm.fontManager):
            raise MissingFont(f"the font {JA_FONT} is missing: install the Debian package "
                              "fonts-noto-cjk (make setup)")
        plt.rcParams["font.family"] = [JA_FONT, "DejaVu Sans"]


class MissingFont(Exception):
    pass


def _has_font(manager):
    return any(f.name == JA_FONT for f in manager.ttflist)


def language():
    return _language


# -- the words ---------------------------------------------------------------------------------

# Whole texts: headings, table headers, navigation, notes.
EXACT = {
    "Contents": "目次",
    "Runs": "実行",
    "Summary": "概要",
    "Costs": "費用",
    "First breaches": "初回の目標超過",
    "Comparison": "比較",
    "Planner and DES, link by link": "計画モデルとDES：リンク別の比較",
    ("Per link (outside the tolerance first, then busiest): the planner's hourly mean and "
     "busiest minute at the peak percentile, and the DES's mean and busiest sampling step, over "
     "the DES's measured hours; busier direction, share of capacity."):
        ("リンクごと（許容範囲外を先に、次に利用率の高い順）：計画モデルの1時間平均とピーク百分位の"
         "最繁1分間、DESの平均と最繁サンプリング区間。DESの測定時間帯、混雑側の方向、容量に対する比率。"),
    "Notes": "注記",
    "Runs: scenario and manifest": "実行：シナリオとマニフェスト",
    "Scenario": "シナリオ",
    "Results file": "結果ファイル",
    "Kind": "種類",
    "Scenario SHA-256": "シナリオの SHA-256",
    "Scenario files": "シナリオファイル",
    "Seed": "乱数シード",
    "tsunagu version": "tsunagu のバージョン",
    "Git commit": "Git コミット",
    "Host": "ホスト",
    "Start time": "開始時刻",
    "Wall time (s)": "実行時間（秒）",
    "Command": "コマンド",
    "Data tables": "データ表",
    "Data SHA-256": "データの SHA-256",
    "Horizon": "対象期間",
    "Rollout states": "導入段階の数",
    "Utilisation target": "利用率の目標",
    "Discount rate (a year)": "割引率（年）",
    "Key figures per fiscal year": "年度別の主要指標",
    "Fiscal year": "年度",
    "Total cost (¥M)": "総費用（百万円）",
    "of which setup (¥M)": "うち初期費用（百万円）",
    "Transactions (M)": "トランザクション（百万件）",
    "Cost per transaction (¥)": "1件あたり費用（円）",
    "Busiest link": "最も混雑したリンク",
    "Its peak utilisation (%)": "そのピーク利用率（%）",
    "Largest server pool": "最大のサーバプール",
    "Its servers (count)": "そのサーバ数（台）",
    "Its utilisation (%)": "その利用率（%）",
    "Links first breaching (count)": "初めて目標を超えるリンク（本）",
    "Consolidation saving (¥M)": "回線集約による削減（百万円）",
    "Rollout coverage": "導入の広がり",
    "Link utilisation": "リンク利用率",
    "Link": "リンク",
    "Role": "役割",
    "Technology": "回線種別",
    "Capacity (each direction)": "容量（片方向）",
    "Peak utilisation (%)": "ピーク利用率（%）",
    "Peak in": "ピークの年度",
    "First breach (Japan time)": "初回の目標超過（日本時間）",
    "First breach": "初回の目標超過",
    "Prefectures": "都道府県",
    "Server pools": "サーバプール",
    "Arrivals (1/s)": "到着率（件/秒）",
    "Servers (count)": "サーバ数（台）",
    "Servers needed (count)": "必要サーバ数（台）",
    "Utilisation (%)": "利用率（%）",
    "p95 response (s)": "応答時間 p95（秒）",
    "p99 response (s)": "応答時間 p99（秒）",
    "Services": "サービス",
    "Facilities using it (count)": "利用する医療機関等（施設）",
    "Traffic (GB)": "通信量（GB）",
    "Network latency, one way (ms)": "ネットワーク遅延・片道（ミリ秒）",
    "Response estimate, p95 (s)": "応答時間の推定 p95（秒）",
    "Simulation": "シミュレーション",
    "All years": "全年度",
    "total": "合計",
    "SVG": "SVG",
    "Claims backlog": "未処理のレセプト",
    "Claims not yet processed\n(count)": "未処理のレセプト\n（件）",
    "Date and time (Japan time, UTC+9)": "日時（日本時間、UTC+9）",
    "Requests answered within x (%)": "x 以内に応答した要求（%）",
    "Response time x (s, log scale)": "応答時間 x（秒、対数目盛）",
    "simulated": "シミュレーション",
    "no service-level target": "サービスレベル目標なし",
    "Facilities (count)": "医療機関等（施設）",
    "Facility kind": "施設の種類",
    "Link role": "リンクの役割",
    "Service": "サービス",
    "Fiscal years run April–March.": "年度は4月から3月まで。",
    "Fiscal year (April–March)": "年度（4月〜3月）",
    "Cost component": "費用の内訳",
    "Cost per fiscal year (¥ million)": "年度別の費用（百万円）",
    "Cost per fiscal year (¥ billion)": "年度別の費用（十億円）",
    "Cost per fiscal year by component (setup + running)": "内訳別の年度費用（初期＋運用）",
    "Hour (Japan time, UTC+9)": "時刻（日本時間、UTC+9）",
    "Link (busiest first)": "リンク（混雑順）",
    "Utilisation of the busier direction\n(% of capacity, hourly mean)":
        "混雑方向の利用率\n（容量に対する %、1時間平均）",
    "no PoP uplink in these results": "この結果に PoP 上り回線なし",
    "No PoP uplinks (pop-<code> -- core-…) in these results":
        "この結果に PoP 上り回線（pop-<code> -- core-…）はありません",
    "Stacked bar chart of cost per fiscal year by component": "内訳別の年度費用の積み上げ棒グラフ",
    "Timeline of the first breach of each link and server pool":
        "各リンクとサーバプールの初回の目標超過の時系列",
    "Requests waiting (count)": "待ち行列の要求（件）",
    "as PNG and SVG.": "に PNG と SVG で保存されています。",
    "Times are Japan time (UTC+9). Fiscal years run April–March. ¥M = millions of yen. "
    "Utilisation is the busier direction's hourly mean load as a share of capacity. Each "
    "figure is also in":
        "時刻は日本時間（UTC+9）。年度は4月から3月まで。百万円単位の金額は ¥M と表記される"
        "ことがあります。利用率は、混雑している方向の1時間平均負荷の容量に対する割合です。"
        "各図は",
    "Cost per fiscal year (setup + running), stacked by component; one panel per results "
    "file, same scale; the number above each bar is its total.":
        "年度別の費用（初期費用＋運用費）をコンポーネント別に積み上げたもの。結果ファイルごと"
        "に1枚、同じ目盛。棒の上の数字は合計です。",
    "When each link first exceeds the utilisation target (diamond, at its hour) and each "
    "server pool first misses its target (bar over that fiscal year).":
        "各リンクが初めて利用率の目標を超える時刻（ひし形）と、各サーバプールが初めて目標を"
        "満たせなくなる年度（その年度の帯）。",
    "Facilities using each service at the end of each fiscal year, one line per facility "
    "kind.": "各年度末に各サービスを利用する医療機関等。施設の種類ごとに1本の線。",
    "Share of requests answered within each response time, per service; dashed: the "
    "service-level target.":
        "各応答時間以内に応答した要求の割合（サービス別）。破線はサービスレベル目標。",
    "Below: claims not yet processed.": "下段：未処理のレセプト。",
    "One marker per prefecture at its capital, coloured by the peak busy-hour utilisation of "
    "its PoP uplink (pop-<code> -- core-…) over the horizon; hollow grey markers: no such "
    "link in these results.":
        "都道府県ごとに県庁所在地に1つの印。色は PoP 上り回線（pop-<code> -- core-…）の期間中"
        "のピーク繁忙時利用率。灰色の中空の印：この結果にその回線はなし。",
}

# Texts with variable parts: (pattern, Japanese with \\1 ... for the parts kept).
PATTERNS = [
    (r"planner hourly mean", r"計画モデル 1時間平均"),
    (r"planner busiest minute \(p(\S+)\)", r"計画モデル 最繁1分間（p\1）"),
    (r"planner busiest (\S+) s \(p(\S+)\)", r"計画モデル 最繁\1秒間（p\2）"),
    (r"DES mean", r"DES 平均"),
    (r"DES busiest (\S+)-s step", r"DES 最繁\1秒区間"),
    (r"outside the tolerance", r"許容範囲外"),
    (r"tsunagu report: (.+)", r"tsunagu レポート：\1"),
    (r"Written (\S+) from (\d+) results file\(s\)\.", r"\1 に \2 個の結果ファイルから作成。"),
    (r"(.+): cost by component", r"\1：コンポーネント別の費用"),
    (r"Component \(¥M, setup \+ running\)", r"コンポーネント（百万円、初期＋運用）"),
    (r"Tier needed in FY(\d{4})", r"FY\1 に必要な階層"),
    (r"Pool \(FY(\d{4}), busy hour\)", r"プール（FY\1、繁忙時）"),
    (r"Service \(FY(\d{4})\)", r"サービス（FY\1）"),
    (r"(.+) \+ ([\d,]+) h \(FY(\d{4})–FY(\d{4}), Japan time\)",
     r"\1 から \2 時間（FY\3–FY\4、日本時間）"),
    (r": over FY(\d{4})–FY(\d{4}) the network costs (.+?) in all \(net present value (.+?) "
     r"at ([\d.]+%) a year\) for ([\d.,]+) million transactions\. The busiest infrastructure "
     r"link peaks at (.+?) of its capacity \(target (\d+%)\); (.+)\.",
     r"：FY\1–FY\2 のネットワーク費用は合計 \3（年 \5 の割引で正味現在価値 \4）、"
     r"トランザクションは \6 百万件。最も混雑した基盤リンクのピークは容量の \7（目標 \8）。\9。"),
    (r"The (\d+) links with the highest busy-hour utilisation in any fiscal year, busiest at "
     r"the top; the label gives the fiscal year of the peak\.",
     r"いずれかの年度の繁忙時利用率が最も高い \1 本のリンク（上ほど混雑）。ラベルはピークの年度。"),
    (r"Hourly utilisation of the (\d+) busiest links of FY(\d{4}), one row per link; the "
     r"window is the calendar week \(Monday–Sunday\) with the highest total utilisation of "
     r"those links in that year\.",
     r"FY\2 に最も混雑した \1 本のリンクの1時間ごとの利用率（1行に1リンク）。期間はその年度で"
     r"それらのリンクの利用率の合計が最も高い週（月曜〜日曜）。"),
    (r"Requests waiting in the (\d+) server pools with the longest queue at any time of the "
     r"window; the other (\d+) pools are summed in grey\.",
     r"期間中に待ち行列が最も長くなった \1 個のサーバプールの待ち要求。残り \2 個のプールは灰色で合計。"),
    (r"Requests waiting in the (\d+) server pools with the longest queue at any time of the "
     r"window\.", r"期間中に待ち行列が最も長くなった \1 個のサーバプールの待ち要求。"),
    (r"No request waited in any of the (\d+) server pools, so the queue panel is left out\.",
     r"\1 個のサーバプールのいずれでも待ちが生じなかったため、待ち行列の図は省略しています。"),
    (r"There is no claims backlog in these results \(no claims in the window\), so that panel "
     r"is left out\.", r"この結果には未処理のレセプトがない（期間内にレセプトなし）ため、その図は省略しています。"),
    (r"Not drawn: (.+) — no facility uses (?:it|them) in any fiscal year of the horizon\.",
     r"描画していないサービス：\1（期間中どの年度にも利用する医療機関等がありません）。"),
    (r"(.+): facilities using each service\n\(at the end of each fiscal year\)",
     r"\1：各サービスを利用する医療機関等\n（各年度末）"),
    (r"(.+): response-time distribution per service \(simulated\)",
     r"\1：サービス別の応答時間分布（シミュレーション）"),
    (r"(.+): server-pool queues \(simulated; the (\d+) pools with the longest queue, the "
     r"other (\d+) summed\)", r"\1：サーバプールの待ち行列（シミュレーション。最長の \2 プール、他 \3 は合計）"),
    (r"(.+): server-pool queues \(simulated; the (\d+) pools with the longest queue\)",
     r"\1：サーバプールの待ち行列（シミュレーション。最長の \2 プール）"),
    (r"the other (\d+) pools, summed", r"その他 \1 プールの合計"),
    (r"target: ([\d.]+)% within (.+)\nachieved ([\d.]+)% \(met\)",
     r"目標：\1% が \2 以内\n達成 \3%（達成）"),
    (r"target: ([\d.]+)% within (.+)\nachieved ([\d.]+)% \(missed\)",
     r"目標：\1% が \2 以内\n達成 \3%（未達）"),
    (r"(.+): the (\d+) busiest links, peak over FY(\d{4})–FY(\d{4})",
     r"\1：最も混雑した \2 本のリンク（FY\3–FY\4 のピーク）"),
    (r"(.+): the (\d+) busiest links of FY(\d{4}), load by service",
     r"\1：FY\3 に最も混雑した \2 本のリンクのサービス別負荷"),
    (r"Load at the link's busy hour, busier direction \((.+)\)",
     r"リンクの繁忙時の負荷、混雑方向（\1）"),
    (r" ?([\d.]+)% of capacity", r" 容量の \1%"),
    (r"Peak busy-hour utilisation, busier direction \(% of capacity\)",
     r"ピーク繁忙時利用率、混雑方向（容量に対する %）"),
    (r"target (\d+)%", r"目標 \1%"),
    (r"Peak busy-hour utilisation, busier direction \(% of capacity\)\nthe (\d+)% target is "
     r"far beyond this scale", r"ピーク繁忙時利用率、混雑方向（容量に対する %）\n目標 \1% はこの目盛のはるか外"),
    (r"No breaches: no link exceeds (\d+)% of its capacity in any hour and every server pool "
     r"meets its target,\n(.+)", r"目標超過なし：どの時間も容量の \1% を超えるリンクはなく、"
     r"すべてのサーバプールが目標を満たします\n\2"),
    (r"(.+): PoP uplink peak utilisation by prefecture, (.+)",
     r"\1：都道府県別の PoP 上り回線のピーク利用率、\2"),
    (r"(.+): bar chart of the busiest links' peak utilisation",
     r"\1：最も混雑したリンクのピーク利用率の棒グラフ"),
    (r"(.+): facilities using each service by kind", r"\1：各サービスを利用する医療機関等（種類別）"),
    (r"(.+): first breaches — none", r"\1：初回の目標超過 — なし"),
    (r"(.+): first breaches", r"\1：初回の目標超過"),
    (r"(.+): heatmap of hourly link utilisation", r"\1：リンク利用率（1時間ごと）のヒートマップ"),
    (r"(.+): map of Japan with PoP uplink utilisation per prefecture",
     r"\1：都道府県別の PoP 上り回線利用率の地図"),
    (r"(.+): queue lengths and backlog", r"\1：待ち行列と未処理の件数"),
    (r"(.+): response-time distribution per service", r"\1：サービス別の応答時間分布"),
    (r"(.+): stacked bars of the busiest links' load by service",
     r"\1：最も混雑したリンクのサービス別負荷の積み上げ棒グラフ"),
    (r"The (\d+) links with the highest busy-hour utilisation in FY(\d{4}), busiest at the "
     r"top; each bar is the link's load at its busy hour \(busier direction\) split by "
     r"service, with its utilisation at the end\.",
     r"FY\2 の繁忙時利用率が最も高い \1 本のリンク（上ほど混雑）。各棒は繁忙時（混雑方向）の"
     r"負荷をサービス別に分けたもので、末尾は利用率。"),
]

# Parts of sentences, replaced wherever they are (after PATTERNS).
FRAGMENTS = [
    (r"no link or server pool breaches its target", r"目標を超えるリンクもサーバプールもありません"),
    (r"(\d+) link\(s\) and (\d+) server pool\(s\) breach their target",
     r"\1 本のリンクと \2 個のサーバプールが目標を超えます"),
    (r", the first on ", r"。最初は "),
]

# Inside any text: the glossary's terms and the units, longest first.
TERMS = {
    "eligibility verification": "オンライン資格確認",
    "e-prescription": "電子処方箋",
    "online claims": "オンライン請求",
    "regional health information network": "地域医療情報連携ネットワーク",
    "high-definition video": "高精細映像",
    "dental-clinic": "歯科診療所",
    "dental clinic": "歯科診療所",
    "hospital": "病院",
    "clinic": "一般診療所",
    "pharmacy": "薬局",
    "IX centers": "IX接続センタ",
    "IX center": "IX接続センタ",
    "central servers": "中央のサーバ",
    "backbone links": "基幹リンク",
    "data-center links": "データセンタのリンク",
    "regional hub uplinks": "地域ハブの上り回線",
    "regional networks": "地域ネットワーク",
    "IX ports": "IXポート",
    "lines: ": "回線：",
    "(¥M)": "（百万円）",
    "(count)": "（件）",
    "(%)": "（%）",
    "Fiscal year": "年度",
}

_COMPILED = [(re.compile(p, re.S), r) for p, r in PATTERNS]
_FRAGMENTS = [(re.compile(p), r) for p, r in FRAGMENTS]
_TERMS = sorted(TERMS.items(), key=lambda kv: -len(kv[0]))


# -- numbers, yen, dates -----------------------------------------------------------------------

def yen_ja(yen):
    """An amount in yen as Japanese readers write it: 1億8,580万円, 3,500円, 2兆1,000億円."""
    yen = round(float(yen))
    if yen == 0:
        return "0円"
    sign, yen = ("-" if yen < 0 else ""), abs(yen)
    parts = []
    for unit, size in (("兆", 10 ** 12), ("億", 10 ** 8), ("万", 10 ** 4)):
        if yen >= size:
            parts.append(f"{yen // size:,}{unit}")
            yen %= size
    # Below the largest two units the digits are noise for a planner.
    text = "".join(parts[:2])
    if not parts:
        text = f"{yen:,}"
    return sign + text + "円"


_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_YEN = re.compile(r"¥([\d,]+(?:\.\d+)?) (thousand|million|billion|trillion)")
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b(?![T:\d])")


def japanese_numbers(text):
    text = _YEN.sub(lambda m: yen_ja(float(m.group(1).replace(",", "")) *
                                     _SCALE[m.group(2)]), text)
    return _DATE.sub(lambda m: f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日",
                     text)


# -- translation -------------------------------------------------------------------------------

def translate(text):
    """The Japanese of one text (figure label, heading, cell, sentence); the text itself in
    English or when nothing matches."""
    if _language != "ja" or not text or not text.strip():
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return lead + _translate_core(text.strip()) + trail


def _translate_core(core):
    if core in EXACT:
        return EXACT[core]
    for pattern, replacement in _COMPILED:
        m = pattern.fullmatch(core)
        if m:
            return _terms(m.expand(replacement))
    # Sentences a caption put together, each translated on its own.
    sentences = re.split(r"(?<=\.) (?=[A-Z])", core)
    if len(sentences) > 1:
        return "".join(_translate_core(s) for s in sentences)
    return _terms(core)


def _terms(text):
    for pattern, replacement in _FRAGMENTS:
        text = pattern.sub(replacement, text)
    for english, japanese in _TERMS:
        text = text.replace(english, japanese)
    return japanese_numbers(text)


def translate_figure(fig):
    """Translates every text of a figure in place (titles, labels, legends, annotations)."""
    if _language != "ja":
        return fig
    import matplotlib.text as mtext

    for t in fig.findobj(mtext.Text):
        s = t.get_text()
        if s and not s.startswith("$"):
            t.set_text(translate(s))
    return fig


class _Translator(HTMLParser):
    """Rewrites a page with its text translated; code, pre, script and style stay as they
    are (paths, commands, data)."""

    KEEP = {"code", "pre", "script", "style"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.stack = [], []

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_starttag(self, tag, attrs):
        text = self.get_starttag_text()
        if tag == "html":
            text = re.sub(r'lang="en"', 'lang="ja"', text)
        elif any(k in ("alt", "title") for k, _ in attrs):   # read aloud and on hover
            text = f"<{tag}" + "".join(
                f' {k}="{html.escape(translate(v) if k in ("alt", "title") else v)}"'
                if v is not None else f" {k}" for k, v in attrs) + ">"
        self.out.append(text)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if any(t in self.KEEP for t in self.stack):
            self.out.append(data if self.stack[-1] in ("script", "style") else html.escape(
                data, quote=False))
            return
        self.out.append(html.escape(translate(data), quote=False))

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")


def translate_html(page):
    """The page in the chosen language (unchanged in English)."""
    if _language != "ja":
        return page
    parser = _Translator()
    parser.feed(page)
    parser.close()
    return "".join(parser.out)
