"""HTML building blocks of the report: escaping, number formats, tables, embedded figures, page.

The page is self-contained: inline CSS, no scripts, images as data: URIs (PNG)."""

import base64
import html
import math

GENERATOR = "tsunagu report"

CSS = """
body { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif; font-size: 15px;
       line-height: 1.45; color: #1a1a1a; max-width: 1180px; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.35em; border-bottom: 2px solid #0072B2; padding-bottom: 0.15em; margin-top: 2em; }
h3 { font-size: 1.12em; margin-top: 1.5em; }
p.meta { color: #555; margin-top: 0; }
nav ol { columns: 2; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em; font-size: 0.92em; }
th, td { border: 1px solid #cfcfcf; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #eef3f8; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { white-space: nowrap; }
div.scroll { overflow-x: auto; }
td.code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; word-break: break-all; }
tr.neg td.delta, td.neg { color: #0072B2; }
td.pos { color: #D55E00; }
figure { margin: 1em 0 1.8em; }
figure img { max-width: 100%; height: auto; border: 1px solid #e5e5e5; }
figcaption { color: #333; font-size: 0.93em; max-width: 60em; }
.note { background: #fff8e5; border-left: 4px solid #E69F00; padding: 0.5em 0.8em; }
.ok { background: #eaf6f0; border-left: 4px solid #009E73; padding: 0.5em 0.8em; }
"""


def esc(text):
    return html.escape(str(text), quote=True)


def num(value, decimals=0):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float) and math.isinf(value):
        return "∞"
    return f"{value:,.{decimals}f}"


def million(yen, decimals=1):
    return num(yen / 1e6, decimals)


def pct(fraction, decimals=2):
    if fraction is None:
        return "–"
    if isinstance(fraction, float) and math.isinf(fraction):
        return "∞"
    smallest = 10.0 ** -decimals
    if 0 < abs(fraction) * 100 < smallest:
        return f"< {smallest:g}%"
    return f"{fraction * 100:.{decimals}f}%"


def bit_rate(bits_per_second):
    """10 Gbit/s, 100 Mbit/s, 4 kbit/s."""
    for divisor, unit in ((1e12, "Tbit/s"), (1e9, "Gbit/s"), (1e6, "Mbit/s"), (1e3, "kbit/s")):
        if bits_per_second >= divisor:
            return f"{bits_per_second / divisor:,.4g} {unit}"
    return f"{bits_per_second:,.4g} bit/s"


def Name(text):
    """A cell with a name that should not wrap (link and pool names)."""
    return Cell(text, "name")


def signed(value, decimals=1):
    return ("+" if value > 0 else "") + num(value, decimals)


class Cell:
    """A table cell with a CSS class: Cell("1,234", "num")."""

    def __init__(self, text, cls="", raw=False):
        self.text, self.cls, self.raw = text, cls, raw

    def render(self, tag="td"):
        attr = f' class="{self.cls}"' if self.cls else ""
        return f"<{tag}{attr}>{self.text if self.raw else esc(self.text)}</{tag}>"


def N(text):
    """A numeric cell (right-aligned)."""
    return Cell(text, "num")


def table(headers, rows, caption=None, row_headers=False):
    """headers: list of str; rows: lists of str or Cell. With row_headers the first cell of
    each row is a <th>."""
    out = ['<div class="scroll"><table>']
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in headers) + "</tr></thead>")
    out.append("<tbody>")
    for row in rows:
        cells = [c if isinstance(c, Cell) else Cell(c) for c in row]
        tags = ["th" if row_headers and i == 0 else "td" for i in range(len(cells))]
        out.append("<tr>" + "".join(c.render(t) for c, t in zip(cells, tags)) + "</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


def figure(png_path, name, alt, caption):
    """<figure> with the PNG embedded as a data: URI and a relative link to the SVG."""
    with open(png_path, "rb") as f:
        data = base64.b64encode(f.read()).decode("ascii")
    return (f'<figure id="fig-{esc(name)}"><img src="data:image/png;base64,{data}" '
            f'alt="{esc(alt)}">\n<figcaption>{caption} '
            f'<a href="figures/{esc(name)}.svg">SVG</a></figcaption></figure>')


def note(text, cls="note"):
    return f'<p class="{cls}">{text}</p>'


def page(title, subtitle, nav, body):
    items = "".join(f'<li><a href="#{esc(a)}">{esc(t)}</a></li>' for a, t in nav)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="{GENERATOR}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>{CSS}</style>
</head>
<body>
<h1>{esc(title)}</h1>
<p class="meta">{subtitle}</p>
<nav><h2 id="contents">Contents</h2><ol>{items}</ol></nav>
{body}
</body>
</html>
"""
