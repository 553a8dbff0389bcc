"""A schematic map of Japan: one marker per prefecture at its capital (models/data/prefectures.csv),
coloured by the peak utilisation of the prefecture's PoP uplink (links named `pop-<code> --
core-...`) or by the fiscal year of its first breach. There is no coastline: the markers alone
sketch the country, on longitude/latitude axes with the aspect of 36° N."""

import csv
import math
import os
import re

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap

import style

HERE = os.path.dirname(os.path.abspath(__file__))
PREFECTURES_CSV = os.path.join(os.path.dirname(HERE), "models", "data", "prefectures.csv")
UPLINK = re.compile(r"^pop-(\d+) -- core-")


def read_prefectures(path=PREFECTURES_CSV):
    """[{code, name, capital, lat, lon}] for the 47 prefectures, in code order."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = [{"code": int(row["code"]), "name": row["name"], "capital": row["capital"],
                 "lat": float(row["lat"]), "lon": float(row["lon"])} for row in csv.DictReader(f)]
    return sorted(rows, key=lambda p: p["code"])


def pop_uplinks(r):
    """{prefecture code: [link rows]} of the links named `pop-<code> -- core-...`."""
    out = {}
    for i, name in enumerate(r.links["name"]):
        m = UPLINK.match(name)
        if m:
            out.setdefault(int(m.group(1)), []).append(i)
    return out


def uplink_peaks(r):
    """{code: peak utilisation over every fiscal year and uplink of the prefecture}."""
    peak = r.links["peak_utilisation"]
    return {code: float(peak[rows].max()) for code, rows in pop_uplinks(r).items()}


def uplink_breach_years(r):
    """{code: fiscal year of the earliest first breach among the prefecture's uplinks, or None}."""
    out = {}
    for code, rows in pop_uplinks(r).items():
        years = []
        for i in rows:
            t = r.links["first_breach"][i]
            if t:
                y, m = int(t[:4]), int(t[5:7])
                years.append(y if m >= 4 else y - 1)
        out[code] = min(years) if years else None
    return out


def _label(ax, items):
    """Annotates (prefecture, text) pairs, trying four positions around each marker so that the
    labels do not overlap one another (boxes estimated in degrees: 8-point text)."""
    placed = []
    options = [((7, 2), "left", 0.05, 0.0), ((7, -11), "left", 0.05, -0.45),
               ((-7, 2), "right", -1.0, 0.0), ((-7, -11), "right", -1.0, -0.45)]
    for p, text in items:
        width, height = 0.135 * len(text), 0.42
        for offset, ha, fx, fy in options:
            x0 = p["lon"] + (0.15 if fx > 0 else fx * width - 0.15)
            y0 = p["lat"] + fy
            box = (x0, y0, x0 + width, y0 + height)
            if all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3]
                   for b in placed):
                break
        placed.append(box)
        # Above the markers, on a light box: a neighbouring prefecture's marker cannot hide it.
        ax.annotate(text, (p["lon"], p["lat"]), xytext=offset, textcoords="offset points",
                    ha=ha, fontsize=8, zorder=5,
                    bbox=dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none",
                              alpha=0.75))


def _frame(ax, prefectures):
    ax.set_aspect(1 / math.cos(math.radians(36)))
    ax.set_xlabel("Longitude (°E)")
    ax.set_ylabel("Latitude (°N)")
    lons = [p["lon"] for p in prefectures]
    lats = [p["lat"] for p in prefectures]
    ax.set_xlim(min(lons) - 1.5, max(lons) + 1.5)
    ax.set_ylim(min(lats) - 1.0, max(lats) + 1.0)
    ax.grid(color="#eeeeee", linewidth=0.6)
    ax.set_axisbelow(True)


def _absent(ax, prefectures, codes):
    """Hollow grey markers for prefectures without a PoP uplink in the results."""
    missing = [p for p in prefectures if p["code"] not in codes]
    if missing:
        ax.scatter([p["lon"] for p in missing], [p["lat"] for p in missing], s=55,
                   facecolors="none", edgecolors=style.GREY, linewidths=1.0, zorder=2,
                   label="no PoP uplink in these results")
    return missing


def prefecture_map(r, color_by="utilisation", prefectures=None, label_top=5):
    """color_by: "utilisation" (peak utilisation of the PoP uplink, % of capacity, over the
    horizon) or "breach" (fiscal year of the uplink's first breach)."""
    prefectures = prefectures or read_prefectures()
    fig, ax = plt.subplots(figsize=(7.2, 7.4), layout="constrained")
    _frame(ax, prefectures)
    span = f"FY{r.fiscal_years[0]}–FY{r.fiscal_years[-1]}"
    if color_by == "utilisation":
        values = uplink_peaks(r)
        shown = [p for p in prefectures if p["code"] in values]
        _absent(ax, prefectures, values)
        if shown:
            v = np.array([values[p["code"]] for p in shown]) * 100
            top = float(v.max()) if v.max() > 0 else 1e-9
            sc = ax.scatter([p["lon"] for p in shown], [p["lat"] for p in shown], c=v,
                            cmap=style.SEQUENTIAL, vmin=0, vmax=top, s=90, edgecolors="black",
                            linewidths=0.5, zorder=3)
            decimals = style.percent_decimals(top / 100)
            bar = fig.colorbar(sc, ax=ax, shrink=0.7, format=style.percent_formatter(decimals))
            bar.set_label("Peak busy-hour utilisation of the PoP uplink (% of capacity)")
            top_rows = np.argsort(-v, kind="stable")[:label_top]
            _label(ax, [(shown[i], f"{shown[i]['name']} {v[i]:.{decimals}f}%") for i in top_rows])
        else:
            ax.text(0.03, 0.97, "No PoP uplinks (pop-<code> -- core-…) in these results",
                    transform=ax.transAxes, va="top", fontsize=9)
        ax.set_title(f"{r.label}: PoP uplink peak utilisation by prefecture, {span}")
    elif color_by == "breach":
        years = uplink_breach_years(r)
        _absent(ax, prefectures, years)
        calm = [p for p in prefectures if p["code"] in years and years[p["code"]] is None]
        if calm:
            ax.scatter([p["lon"] for p in calm], [p["lat"] for p in calm], s=70, color="white",
                       edgecolors="black", linewidths=0.8, zorder=3, label="PoP uplink, no breach")
        breached = [p for p in prefectures if years.get(p["code"]) is not None]
        if breached:
            fys = list(r.fiscal_years)
            cmap = ListedColormap(plt.get_cmap(style.YEARS_MAP)(np.linspace(0, 1, len(fys))))
            norm = BoundaryNorm(np.arange(len(fys) + 1) - 0.5, len(fys))
            sc = ax.scatter([p["lon"] for p in breached], [p["lat"] for p in breached],
                            c=[fys.index(years[p["code"]]) for p in breached], cmap=cmap,
                            norm=norm, s=95, edgecolors="black", linewidths=0.6, zorder=4,
                            marker="D")
            bar = fig.colorbar(sc, ax=ax, shrink=0.7, ticks=np.arange(len(fys)))
            bar.ax.set_yticklabels([f"FY{y}" for y in fys])
            bar.set_label("Fiscal year of the PoP uplink's first breach")
        else:
            ax.text(0.03, 0.97, f"No PoP uplink breaches its {r.utilisation_target:.0%} target "
                    f"in {span}", transform=ax.transAxes, va="top", fontsize=9)
        ax.set_title(f"{r.label}: first breach of the PoP uplink by prefecture")
    else:
        raise ValueError(f"color_by must be 'utilisation' or 'breach', not {color_by!r}")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="lower right", fontsize=8)
    return fig
