"""Made-up sizing and failure results for test_sizing_report.py, written with h5py in the layout
analysis/tsunagu_results.py documents, and helpers that read the report page and figures."""

import html
import re
import shutil

import h5py
import numpy as np
from matplotlib.patches import Rectangle

STR = h5py.string_dtype()

def raw(path, group):
    """Every column of a table group, read with h5py: {column: numpy array}."""
    with h5py.File(path, "r") as f:
        return {k: (d.asstr()[:] if d.dtype.kind == "O" else d[:]) for k, d in f[group].items()}


def write_manifest(f, name, kind):
    f.attrs["format"] = "tsunagu-results"
    f.attrs["format_version"] = np.int64(1)
    f.attrs["kind"] = kind
    m = f.create_group("manifest")
    m.create_dataset("scenario_files", data=[f"/made/up/{name}.yaml"], dtype=STR)
    m.create_dataset("scenario_texts", data=["name: " + name], dtype=STR)
    for key, value in (("scenario_name", name), ("scenario_sha256", "0" * 64),
                       ("data_directory", "/made/up"), ("data_sha256", "1" * 64),
                       ("tsunagu_version", "test"), ("git_commit", ""), ("host", "test"),
                       ("start_time", "2026-01-01T00:00:00+09:00"), ("command", "made up")):
        m.attrs[key] = value
    m.attrs["seed"] = np.int64(1)
    m.attrs["wall_time_seconds"] = 0.5


def write_table(f, group, columns):
    """A table group; columns {name: values} (strings as lists of str). None: no datasets."""
    g = f.require_group(group)
    for name, values in (columns or {}).items():
        if not isinstance(values, np.ndarray) and values and isinstance(values[0], str):
            g.create_dataset(name, data=list(values), dtype=STR)
        else:
            g.create_dataset(name, data=np.asarray(values))


def rewrite_table(path, group, columns):
    with h5py.File(path, "a") as f:
        del f[group]
        write_table(f, group, columns)


def failure_cases():
    """35 cases, stored out of rank order; transactions do not follow the rank."""
    kinds = ["backbone link", "pop", "core", "ix", "datacenter", "scenario"]
    rerouting = ["re-routed", "none", "partly", "pool"]
    n = 35
    rank = np.array([(12 * i) % n + 1 for i in range(n)], dtype=np.int32)   # a permutation
    order = np.argsort(rank)
    rng = np.random.default_rng(3)
    failed = rng.uniform(100, 90_000, n).round(1)
    des = np.where(np.arange(n) % 3 == 0, failed * 1.1, -1.0)
    ratio = rng.uniform(0.5, 3.0, n)
    ratio[order[1]] = np.inf   # the rank-2 case loses a pool
    return {
        "rank": rank,
        "name": [f"case-{r:02d} {kinds[i % 6]}" for i, r in enumerate(rank)],
        "kind": [kinds[i % 6] for i in range(n)],
        "rerouting": [rerouting[i % 4] for i in range(n)],
        # ranks 1, 3 and 5 cut off the facilities of failures/cut_off
        "facilities_cut_off": np.array([{1: 30, 3: 20, 5: 10}.get(r, 0) for r in rank],
                                       dtype=np.int32),
        "transactions_failed": failed,
        "des_failed": des,
        "worst_response_ratio": ratio,
        "des_worst_response_ratio": np.where(des >= 0, ratio * 1.05, -1.0),
        "late_claims": rng.uniform(0, 500, n).round(),
        "max_link_utilisation": rng.uniform(0.1, 0.99, n),
        "conserved": np.array([(1, 0, -1)[i % 3] for i in range(n)], dtype=np.int32),
    }


def cut_off_list(path):
    """failures/cut_off with its indices looked up, read with h5py alone: {case, facility,
    kind, prefecture, count, services} per row."""
    cases, co = raw(path, "failures/cases"), raw(path, "failures/cut_off")
    fac, sets = raw(path, "failures/facilities"), raw(path, "failures/service_sets")
    return {"case": [cases["name"][i] for i in co["case"]],
            "facility": [fac["name"][i] for i in co["facility"]],
            "kind": [fac["kind"][i] for i in co["facility"]],
            "prefecture": [int(fac["prefecture"][i]) for i in co["facility"]],
            "count": [int(n) for n in co["count"]],
            "services": [sets["services"][i] for i in co["services"]]}


def write_failures(path, empty=False):
    with h5py.File(path, "w") as f:
        write_manifest(f, "failures-made-up" if not empty else "failures-empty", "failures")
        g = f.create_group("failures")
        g.attrs["window"] = "2026-02-09 09:30-11:30"
        g.attrs["duration_seconds"] = 7200.0
        if empty:
            for group in ("cases", "cut_off", "facilities", "service_sets", "spof"):
                write_table(f, f"failures/{group}", None)
            return path
        cases = failure_cases()
        write_table(f, "failures/cases", cases)
        # The cut-off list as tsunagu writes it: indices into the cases (file order), the
        # facilities and the service sets.
        by_rank = list(np.argsort(cases["rank"]))
        cut = {"case": [], "facility": [], "services": [], "count": []}
        facilities = {"name": [], "kind": [], "prefecture": []}
        sets = ["eligibility", "eligibility;claims"]
        for case, count in ((by_rank[0], 30), (by_rank[2], 20), (by_rank[4], 10)):
            for j in range(count):
                cut["case"].append(case)
                cut["facility"].append(len(facilities["name"]))
                cut["services"].append(j % 2)
                cut["count"].append(1)
                facilities["name"].append(
                    f"{('clinic', 'hospital')[j % 2]}-{len(cut['case']):03d}")
                facilities["kind"].append(("clinic", "hospital")[j % 2])
                facilities["prefecture"].append(13 + j % 4)
        cut = {k: np.array(v, dtype=np.int32) for k, v in cut.items()}
        facilities["prefecture"] = np.array(facilities["prefecture"], dtype=np.int32)
        write_table(f, "failures/cut_off", cut)
        write_table(f, "failures/facilities", facilities)
        write_table(f, "failures/service_sets", {"services": sets})
        write_table(f, "failures/spof", {
            "name": ["pop-47 -- core-west", "pop-13", "dc-claims"],
            "kind": ["backbone link", "pop", "datacenter"],
            "facilities_cut_off": np.array([12, 3_456, 1], dtype=np.int32),
            "services": ["eligibility;claims", "eligibility", "claims"]})
    return path


def many_links_sizing(path, n_links=40):
    """A sizing file with n_links new links in FY2030 and 3 in FY2031 (one unchanged), one
    pool whose size changes only in FY2030, no options and no checks (groups without
    datasets)."""
    busy = np.linspace(1e6, 40e6, n_links)[::-1].copy()
    busy[[3, 17]] = busy[[17, 3]]   # not stored in order of load
    years = [2030] * n_links + [2031] * 3
    with h5py.File(path, "w") as f:
        write_manifest(f, "many-links", "sizing")
        f.create_group("sizing").attrs["utilisation_target"] = 0.7
        write_table(f, "sizing/links", {
            "fiscal_year": np.array(years, dtype=np.int32),
            "name": [f"link-{i:02d}" for i in range(n_links)] + ["link-00", "link-01", "x"],
            "role": ["hub-uplink"] * (n_links + 3), "technology": ["dedicated"] * (n_links + 3),
            "tier": ["100Mbps"] * (n_links + 3),
            "lines": np.array([1] * n_links + [2, 1, 1], dtype=np.int32),
            "capacity": np.array([1e8] * n_links + [2e8, 1e8, 1e8]),
            "busy": np.r_[busy, [80e6, 1e6, 2e6]],
            "utilisation": np.r_[busy / 1e8, [0.4, 0.01, 0.02]],
            "des_utilisation": -np.ones(n_links + 3),
            "yearly_cost": np.array([1.2e6] * n_links + [2.4e6, 1.2e6, 1.2e6]),
            "new_purchase": np.array([1] * n_links + [1, 0, 1], dtype=np.int32),
            "met": np.ones(n_links + 3, dtype=np.int32)})
        write_table(f, "sizing/pools", {   # 3 servers in both years: bought in FY2030 only
            "fiscal_year": np.array([2030, 2031], dtype=np.int32),
            "name": ["claims@dc", "claims@dc"], "service": ["claims", "claims"],
            "level": ["p95 <= 3600 s, by the 10th 24:00"] * 2,
            "servers": np.array([3, 3], dtype=np.int32),
            "servers_before": np.array([0, 3], dtype=np.int32),
            "added_by_des": np.array([0, 0], dtype=np.int32),
            "busy_arrivals": np.array([1.0, 1.1]), "utilisation": np.array([0.5, 0.55]),
            "at_target": np.array([10.0, 11.0]), "p99": np.array([20.0, 21.0]),
            "des_at_target": np.array([-1.0, -1.0]), "des_p99": np.array([-1.0, -1.0]),
            "yearly_cost": np.array([3.6e6, 3.6e6]), "setup_cost": np.array([6e6, 0.0]),
            "met": np.array([1, 1], dtype=np.int32)})
        for group in ("options", "checks"):
            write_table(f, f"sizing/{group}", None)
        write_table(f, "sizing/years", {
            "fiscal_year": np.array([2030, 2031], dtype=np.int32),
            "links_yearly_cost": np.array([48e6, 50.4e6]),
            "servers_yearly_cost": np.array([0.0, 0.0]),
            "setup_cost": np.array([4e6, 0.4e6]), "total_cost": np.array([52e6, 50.8e6]),
            "des_rounds": np.array([0, 0], dtype=np.int32),
            "des_agrees": np.array([1, 1], dtype=np.int32),
            "conserved": np.array([1, 1], dtype=np.int32), "des_window": ["", ""]})
    return path


def add_des_options(src, dst):
    """A copy of a sizing file with DES points, a DES-confirmed year and an unstable option
    (p99 inf, flagged pareto as the cheapest) added to eligibility@dc in FY2024."""
    shutil.copyfile(src, dst)
    o = raw(dst, "sizing/options")
    rows = np.flatnonzero((o["element"] == "eligibility@dc") & (o["fiscal_year"] == 2024))
    extra = {"fiscal_year": [2024, 2024, 2024], "element": ["eligibility@dc"] * 3,
             "option": ["5 servers", "7 servers", "8 servers"],
             "source": ["analytic", "des", "des"], "yearly_cost": [6e6, 8.4e6, 9.6e6],
             "performance": [np.inf, 2.447, 2.41], "meets": [0, 1, 1], "chosen": [0, 0, 0],
             "pareto": [1, 1, 0]}
    cols = {}
    for k, v in o.items():
        joined = list(v) + extra[k]
        cols[k] = (joined if v.dtype.kind in "OU" else np.array(joined, dtype=v.dtype))
    cols["pareto"][rows[o["option"][rows] == "7 servers"]] = 0   # the DES point dominates it
    rewrite_table(dst, "sizing/options", cols)
    with h5py.File(dst, "a") as f:
        f["sizing/years/des_rounds"][1] = 2
        f["sizing/years/des_agrees"][1] = 0
        f["sizing/years/conserved"][1] = 0
        del f["sizing/years/des_window"]
        f["sizing/years"].create_dataset("des_window", data=["", "2024-04-01 00:00-02:00"],
                                         dtype=STR)
    return dst


# -- reading the page -------------------------------------------------------------------------
def cell_text(cell):
    return html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()


def table_after(page, heading, nth=0):
    """Rows (lists of cell texts, header first) of the nth table after <h3>heading</h3>."""
    at = page.index(f"<h3>{html.escape(heading, quote=False)}")
    for _ in range(nth + 1):
        start = page.index("<table>", at)
        at = page.index("</table>", start)
    body = page[start:at]
    return [[cell_text(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def section(page, heading):
    """The HTML from <h3>heading</h3> to the next <h2> or <h3>."""
    at = page.index(f"<h3>{html.escape(heading, quote=False)}")
    nxt = re.search(r"<h[23][ >]", page[at + 4:])
    return page[at: at + 4 + nxt.start()] if nxt else page[at:]


def bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]
