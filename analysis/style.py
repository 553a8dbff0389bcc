"""Shared look of the figures: colour-blind-safe palettes, fonts, units and saving."""

import os
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Black comes last because stacked black bars hide their neighbours' edges.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000"]
# Categories beyond eight reuse the colours with a hatch, so that no two look alike.
HATCHES = ["", "//", "..", "xx"]
LIGHT = {"#E69F00", "#56B4E9", "#F0E442"}
GREY = "#999999"
SEQUENTIAL = "viridis"   # perceptually uniform, readable in grey scale and with deficiencies
YEARS_MAP = "viridis"   # fiscal years: no grey, which marks "nothing" on maps

RC = {
    "font.family": "DejaVu Sans",   # has ¥, ≤, – and the other glyphs used in labels
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "tsunagu",      # stable ids: the same results give the same SVG
    "svg.fonttype": "path",
}
plt.rcParams.update(RC)


def category_style(i):
    """(facecolor, hatch, hatch/edge colour) of the i-th category."""
    colour = OKABE_ITO[i % len(OKABE_ITO)]
    hatch = HATCHES[(i // len(OKABE_ITO)) % len(HATCHES)]
    return colour, hatch, ("#333333" if colour in LIGHT else "white")


def money_scale(max_yen):
    """(divisor, label) so that yen amounts read as small numbers."""
    for divisor, name in ((1e12, "¥ trillion"), (1e9, "¥ billion"), (1e6, "¥ million"),
                          (1e3, "¥ thousand")):
        if max_yen >= divisor:
            return divisor, name
    return 1.0, "¥"


def percent_decimals(max_fraction):
    """Decimals that show the largest value of a utilisation axis with 2-3 significant digits."""
    pct = abs(max_fraction) * 100
    if pct >= 10 or pct == 0:
        return 0
    if pct >= 1:
        return 1
    if pct >= 0.1:
        return 2
    return 3 if pct >= 0.01 else 4


def fmt_percent(fraction, decimals=None):
    if decimals is None:
        decimals = percent_decimals(fraction)
    return f"{fraction * 100:.{decimals}f}%"


def percent_formatter(decimals):
    return FuncFormatter(lambda v, _: f"{v:.{decimals}f}%")


def slug(text):
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return s or "results"


def save(fig, directory, name):
    """Writes NAME.png and NAME.svg into directory; returns the two paths."""
    os.makedirs(directory, exist_ok=True)
    png = os.path.join(directory, name + ".png")
    svg = os.path.join(directory, name + ".svg")
    fig.savefig(png, format="png", metadata={"Software": None})
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return png, svg


def no_data(ax, message):
    """Turns an axes into a clearly labelled empty panel."""
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color(GREY)
    ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True, transform=ax.transAxes,
            fontsize=11, color="#333333")


def plain_log_axis(axis, low, high):
    """Labels a log axis with plain numbers ("0.1", "10") rather than mathtext powers (easier
    to read, and Debian's pyparsing warns when mathtext's parser is built); over less than two
    decades the minor ticks 2, 3 and 5 are labelled too, so the axis never shows one number."""
    import math

    from matplotlib.ticker import FuncFormatter, NullFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))

    def minor(v, _):
        if v <= 0:
            return ""
        return f"{v:g}" if round(v / 10 ** math.floor(math.log10(v) + 1e-9)) in (2, 3, 5) else ""

    few = low > 0 and high / low < 100
    axis.set_minor_formatter(FuncFormatter(minor) if few else NullFormatter())
