"""Reading tsunagu results files (HDF5, docs/output-format.md, format version 1).

Only the documented layout is read. `load(path)` returns a `Results` holding every small table
in memory; the hourly series (`links/forward`, `links/backward`, `pools/arrivals`) stay on disk
and are read in slices with `Results.link_utilisation(rows, a, b)` and friends.

`tsunagu run` also writes the simulated peak day, the group `des`, laid out as in
docs/output-format.md ("des (simulated peak day)"). Files of `tsunagu plan` have no `des`
group and load with `Results.des` None. The analysis reads only this part of the group, and all
of it is optional:

    des                            group; attributes `start` (string `YYYY-MM-DD 00:00:00`, Japan
                                   time: the start of the simulated window) and `step_seconds`
                                   (float64, 300). Sample k is the state at `start` +
                                   (k + 1) * `step_seconds`, the end of the k-th step
    des/latency/<service>/edges    float64 (n_bins + 1,), units `s`: bin edges of response times;
                                   edges[0] = 0, then 1 us and up in steps of (1.01 / 0.99)
    des/latency/<service>/counts   float64 (n_bins,), units `1`: completed requests per bin. Bin 0
                                   is [0, 1 us), no measurable delay; the empty tail is cut off
    des/latency/<service>          attributes `target_response` (float64, s) and
                                   `target_percentile` (float64, a fraction such as 0.95), both
                                   absent when the service has no target; `target_rate` (bit/s)
                                   and `target_latency` (s, one way) for a stream's level;
                                   `overflow` (float64,
                                   always 0 as written): requests slower than the last edge
    des/queues/name                string (n_queues,): `service@host`. Services hosted at the
                                   regional hubs have one pool per hub, unlike `pools/name`
    des/queues/length              float32 (n_queues, n_samples), units `1`: requests waiting
                                   (not in service) at each sample
    des/claims_backlog             float32 (n_samples,), units `1`: waiting + in service at the
                                   `claims@` pools at each sample

The group also holds `des/services/*`, `des/queues/busy_servers`, `des/queues/servers` and
`des/links/*`, which the analysis does not read.

`tsunagu run --replications N` (N >= 2, or --precision) also writes the peak day simulated N
times with independent seeds, the group `replications` (docs/output-format.md, "Simulation
results files"). It loads as `Results.replications` (a `Replications`), None when absent:

    replications                   attributes `replications` (int, the runs), `confidence`
                                   (0.95), `precision_target` (0: none), `precision_reached`
                                   (0/1), `decided_by` (string), `transient_end_seconds`
    replications/seeds             int64 (runs,): each replication's seed
    replications/figure            string (figures,): `<service> mean|p50|p95|p99|failed|...`,
                                   `<service>@<host> max queue|utilisation`,
                                   `<a> -- <b> busiest hour`
    replications/unit              string (figures,): `s`, `1/s` or `1`
    replications/values            float64 (runs, figures): NaN where a run measured nothing
    replications/mean, half_width, relative_half_width
                                   float64 (figures,): the mean and the half-width of its 95%
                                   Student t interval (inf with one value), and their ratio
    replications/count             int (figures,): the runs that measured the figure
    replications/steers_precision  int (figures,): 1 for the figures --precision watches

Two more kinds of file hold tables of rows rather than hourly series: each table is a group of
1-D datasets of one length (its columns), and a group with no rows may hold no datasets at all.
`load` returns a `Sizing` or a `Failures` for them; the columns read are listed in SIZING and
FAILURES below (string columns come back as numpy object arrays).

    kind "sizing" (`tsunagu size SCENARIO -o X.h5`): group `sizing`, attribute
    `utilisation_target`, with the tables `links` and `pools` (what to have on each link and
    in each server pool in each fiscal year), `options` (every design the search visited:
    yearly cost against performance, the end-to-end p99 in s for pools, which may be inf, and
    the busy-hour utilisation for links), `checks` (levels no capacity choice changes) and
    `years` (costs and the DES confirmation per fiscal year). -1 in a des_* column: not
    simulated.

    kind "uncertainty" (`tsunagu uncertainty`): group `uncertainty`, read by
    uncertainty_results.py into an `Uncertainty` (P(breach) per link, pool and fiscal year,
    every sample's busy hours, the sampled inputs).

    kind "failures": group `failures`, attributes `window` (string, e.g.
    "2026-02-09 09:30-11:30", Japan time) and `duration_seconds`, with the tables `cases` (one
    row per failure case, rank 1 = worst), `cut_off` (facilities each case cuts off; a row
    may stand for `count` facilities) and `spof` (single points of failure; its attributes
    articulation_points, bridges and single_homed_facilities describe the graph). -1 in des_*
    and conserved: not simulated.
"""

import dataclasses
import datetime
import os

import h5py
import numpy as np

FORMAT = "tsunagu-results"
FORMAT_VERSION = 1
# plan: docs/output-format.md; sizing (`tsunagu size`) and failures: the layouts in SIZING and
# FAILURES below; sensitivity (`tsunagu sensitivity`): sensitivity_results.py; uncertainty
# (`tsunagu uncertainty`): uncertainty_results.py.
KINDS = ("plan", "sizing", "failures", "sensitivity", "uncertainty")
HOUR = np.timedelta64(1, "h")


def _optional_float(value):
    return None if value is None else float(value)


class BadResults(Exception):
    """The file is not a readable tsunagu results file; the message is one sentence."""


@dataclasses.dataclass
class Latency:
    service: str
    edges: np.ndarray
    counts: np.ndarray
    target_response: float | None
    target_percentile: float | None
    overflow: float = 0.0
    target_rate: float | None = None      # a stream's level: bit/s a session needs
    target_latency: float | None = None   # and the one-way network latency it tolerates (s)

    def cdf(self):
        """Share of requests answered within each edge (len(edges),), 0 at the first edge."""
        total = self.counts.sum() + self.overflow
        if total <= 0:
            return np.zeros(len(self.edges))
        return np.concatenate([[0.0], np.cumsum(self.counts) / total])


@dataclasses.dataclass
class Des:
    start: np.datetime64
    step_seconds: float
    latency: list
    queue_names: list
    queue_length: np.ndarray | None
    claims_backlog: np.ndarray | None

    def sample_times(self, n):
        step = np.timedelta64(int(round(self.step_seconds * 1000)), "ms")
        return self.start + (np.arange(n) + 1) * step   # sample k ends step k


@dataclasses.dataclass
class Replications:
    """The group `replications`: one entry per figure in file order (arrays of length
    n_figures), `values` (runs, figures)."""
    runs: int
    confidence: float
    precision_target: float
    precision_reached: bool
    decided_by: str
    transient_end_seconds: float
    seeds: np.ndarray
    figure: list
    unit: list
    values: np.ndarray
    mean: np.ndarray
    half_width: np.ndarray
    relative_half_width: np.ndarray
    count: np.ndarray
    steers_precision: np.ndarray

    def index(self, name):
        """Position of the figure `name`, or None."""
        return self.figure.index(name) if name in self.figure else None

    def services(self):
        """Services with response figures (`<service> mean`), in file order."""
        return [name[: -len(" mean")] for name in self.figure
                if name.endswith(" mean") and "@" not in name and " -- " not in name]


def _strings(ds):
    return [str(s) for s in ds.asstr()[:]]


def _table(group):
    return {k: (_strings(d) if d.dtype.kind == "O" else d[:]) for k, d in group.items()}


# Columns of the sizing and failures tables: "i" int, "f" float, "s" string.
SIZING = {
    "links": dict(fiscal_year="i", name="s", role="s", technology="s", tier="s", lines="i",
                  capacity="f", busy="f", utilisation="f", des_utilisation="f",
                  yearly_cost="f", new_purchase="i", met="i"),
    "pools": dict(fiscal_year="i", name="s", service="s", level="s", servers="i",
                  servers_before="i", added_by_des="i", busy_arrivals="f", utilisation="f",
                  at_target="f", p99="f", des_at_target="f", des_p99="f", yearly_cost="f",
                  setup_cost="f", met="i"),
    "options": dict(fiscal_year="i", element="s", option="s", source="s", yearly_cost="f",
                    performance="f", meets="i", chosen="i", pareto="i"),
    "checks": dict(fiscal_year="i", service="s", level="s", value="f", met="i", note="s"),
    "years": dict(fiscal_year="i", links_yearly_cost="f", servers_yearly_cost="f",
                  setup_cost="f", total_cost="f", des_rounds="i", des_agrees="i",
                  conserved="i", des_window="s"),
}
FAILURES = {
    "cases": dict(rank="i", name="s", kind="s", rerouting="s", facilities_cut_off="i",
                  transactions_failed="f", des_failed="f", worst_response_ratio="f",
                  des_worst_response_ratio="f", late_claims="f", max_link_utilisation="f",
                  conserved="i"),
    # Each row: indices into cases (file order), facilities and service_sets, and a count.
    "cut_off": dict(case="i", facility="i", services="i", count="i"),
    "facilities": dict(name="s", kind="s", prefecture="i"),
    "service_sets": dict(services="s"),
    "spof": dict(name="s", kind="s", facilities_cut_off="i", services="s"),
}
# Columns read when present, with the value they take when not: {table: {column: (type,
# default)}}.
FAILURES_OPTIONAL = {
    "cases": dict(worst_service=("s", ""), des_late_claims=("f", -1.0)),
}
_EMPTY = {"i": np.int64, "f": np.float64}


def _columns(f, group, spec, optional=None):
    """The table at `group` as {column: 1-D numpy array}; a missing group or one without
    datasets is a table of no rows. Raises BadResults for a missing column or uneven lengths.
    `optional` columns ({column: (type, default)}) take their default when absent."""
    g = f.get(group)
    present = set(g.keys()) if isinstance(g, h5py.Group) else set()
    optional = optional or {}
    if not present & set(spec):
        spec = dict(spec, **{c: t for c, (t, _) in optional.items()})
        return {c: np.zeros(0, dtype=_EMPTY.get(t, object)) for c, t in spec.items()}
    spec = dict(spec, **{c: t for c, (t, _) in optional.items() if c in present})
    optional = {c: o for c, o in optional.items() if c not in present}
    missing = sorted(set(spec) - present)
    if missing:
        raise BadResults(f"{f.filename} has rows in {group} but not the column(s) "
                         f"{', '.join(missing)}.")
    out = {}
    for c, t in spec.items():
        d = g[c]
        if t == "s":
            if d.dtype.kind not in "OSU":
                raise BadResults(f"{f.filename}: {group}/{c} should hold strings.")
            out[c] = np.array(_strings(d), dtype=object).reshape(-1)
        else:
            out[c] = d[:].astype(_EMPTY[t]).reshape(-1)
    lengths = {len(v) for v in out.values()}
    if len(lengths) > 1:
        raise BadResults(f"{f.filename}: the columns of {group} have different lengths "
                         f"({', '.join(f'{c} {len(v)}' for c, v in out.items())}).")
    n = lengths.pop()
    for c, (t, default) in optional.items():
        out[c] = np.full(n, default, dtype=_EMPTY.get(t, object))
    return out


def rows(table):
    """Number of rows of a table read by _columns."""
    return len(next(iter(table.values()))) if table else 0


@dataclasses.dataclass
class Sizing:
    """A results file of kind "sizing" (tsunagu size); tables as in SIZING."""
    path: str
    label: str
    kind: str
    manifest: dict
    scenario_files: list
    utilisation_target: float
    links: dict
    pools: dict
    options: dict
    checks: dict
    years: dict

    @property
    def fiscal_years(self):
        """Every fiscal year in the file, ascending."""
        found = set(self.years["fiscal_year"].tolist())
        for t in (self.links, self.pools, self.options, self.checks):
            found |= set(t["fiscal_year"].tolist())
        return np.array(sorted(found), dtype=int)

    def fy_labels(self):
        return [f"FY{y}" for y in self.fiscal_years]

    def link_option(self, i):
        """The option of links row i as tsunagu size prints it: "100Mbps", "2 x 100Mbps"."""
        n, tier = int(self.links["lines"][i]), self.links["tier"][i]
        return tier if n == 1 else f"{n} x {tier}"

    @property
    def csv_path(self):
        """The purchases CSV that tsunagu size writes beside the results file."""
        return os.path.splitext(self.path)[0] + ".csv"


@dataclasses.dataclass
class Failures:
    """A results file of kind "failures"; tables as in FAILURES."""
    path: str
    label: str
    kind: str
    manifest: dict
    scenario_files: list
    window: str
    duration_seconds: float
    cases: dict
    cut_off: dict
    spof: dict
    structure: dict   # attributes of failures/spof (articulation_points, bridges, ...), if any


@dataclasses.dataclass
class Results:
    path: str
    label: str
    kind: str
    manifest: dict
    scenario_files: list
    start_date: np.datetime64
    hours: int
    utilisation_target: float
    rollout_states: int
    fiscal_years: np.ndarray
    links: dict
    pools: dict
    services: dict
    costs: dict
    access: dict
    des: Des | None
    replications: Replications | None = None

    # -- time -------------------------------------------------------------------------------
    def fiscal_year_hours(self, year):
        """Hour range [a, b) of fiscal year `year` inside the horizon."""
        start = np.datetime64(f"{int(year)}-04-01T00")
        end = np.datetime64(f"{int(year) + 1}-04-01T00")
        a = int((start - self.start_hour) // HOUR)
        b = int((end - self.start_hour) // HOUR)
        return max(a, 0), min(b, self.hours)

    @property
    def start_hour(self):
        return self.start_date.astype("datetime64[h]")

    @property
    def end_hour(self):
        return self.start_hour + self.hours * HOUR

    def hour_times(self, a, b):
        return self.start_hour + np.arange(a, b) * HOUR

    def hour_index(self, when):
        return int((np.datetime64(when, "h") - self.start_hour) // HOUR)

    @property
    def horizon(self):
        return (str(self.start_date), self.hours)

    def fy_labels(self):
        return [f"FY{y}" for y in self.fiscal_years]

    # -- hourly series (read in slices) -----------------------------------------------------
    def _rows(self, dataset, rows, a, b):
        rows = np.asarray(rows, dtype=int)
        if rows.size == 0:
            return np.zeros((0, b - a), dtype=np.float32)
        order = np.argsort(rows)
        unique, inverse = np.unique(rows[order], return_inverse=True)
        with h5py.File(self.path, "r") as f:
            block = f[dataset][list(unique), a:b]
        out = np.empty((rows.size, b - a), dtype=block.dtype)
        out[order] = block[inverse]
        return out

    def link_load(self, rows, a, b):
        """max(forward, backward) in bit/s, shape (len(rows), b - a)."""
        return np.maximum(self._rows("links/forward", rows, a, b),
                          self._rows("links/backward", rows, a, b))

    def link_utilisation(self, rows, a, b):
        """Hourly utilisation (fraction of capacity) of the busier direction."""
        cap = self.links["capacity"][np.asarray(rows, dtype=int)]
        return self.link_load(rows, a, b) / np.where(cap > 0, cap, np.inf)[:, None]

    def pool_arrivals(self, rows, a, b):
        return self._rows("pools/arrivals", rows, a, b)

    # -- convenience ------------------------------------------------------------------------
    def users_by_kind(self):
        """(n_services, 4, n_fiscal_years) facilities using each service, by kind."""
        s = self.services
        return s["users_by_kind"].reshape(len(s["name"]), len(s["kinds"]), len(self.fiscal_years))

    def cost_by_component(self):
        """(n_components, n_fiscal_years) initial + running, JPY."""
        return self.costs["initial"] + self.costs["running"]

    def link_breaches(self):
        """[(link name, numpy datetime64 hour)] of links with a first breach, earliest first."""
        out = [(n, np.datetime64(t.replace(" ", "T"), "h"))
               for n, t in zip(self.links["name"], self.links["first_breach"]) if t]
        return sorted(out, key=lambda x: (x[1], x[0]))

    def pool_breaches(self):
        """[(pool name, fiscal year)] of pools with a first breach, earliest first."""
        out = [(n, int(t[2:])) for n, t in zip(self.pools["name"], self.pools["first_breach"]) if t]
        return sorted(out, key=lambda x: (x[1], x[0]))


def _read_des(f):
    if "des" not in f:
        return None
    g = f["des"]
    start = np.datetime64(str(g.attrs["start"]).replace(" ", "T"), "s")
    latency = []
    if "latency" in g:
        for service, lg in g["latency"].items():
            tr, tp = lg.attrs.get("target_response"), lg.attrs.get("target_percentile")
            latency.append(Latency(service, lg["edges"][:].astype(float),
                                   lg["counts"][:].astype(float),
                                   None if tr is None else float(tr),
                                   None if tp is None else float(tp),
                                   float(lg.attrs.get("overflow", 0.0)),
                                   _optional_float(lg.attrs.get("target_rate")),
                                   _optional_float(lg.attrs.get("target_latency"))))
    names, length = [], None
    if "queues" in g:
        names, length = _strings(g["queues/name"]), g["queues/length"][:]
    backlog = g["claims_backlog"][:] if "claims_backlog" in g else None
    return Des(start, float(g.attrs["step_seconds"]), latency, names, length, backlog)


def _read_replications(f):
    if "replications" not in f:
        return None
    g = f["replications"]
    a = g.attrs
    figure = _strings(g["figure"])
    n = len(figure)
    values = g["values"][:].astype(float).reshape(-1, n) if n else np.zeros((0, 0))
    return Replications(
        runs=int(a.get("replications", values.shape[0])),
        confidence=float(a.get("confidence", 0.95)),
        precision_target=float(a.get("precision_target", 0.0)),
        precision_reached=bool(a.get("precision_reached", 0)),
        decided_by=_attr_str(a.get("decided_by", "")),
        transient_end_seconds=float(a.get("transient_end_seconds", 0.0)),
        seeds=g["seeds"][:].astype(np.int64), figure=figure, unit=_strings(g["unit"]),
        values=values, mean=g["mean"][:].astype(float),
        half_width=g["half_width"][:].astype(float),
        relative_half_width=g["relative_half_width"][:].astype(float),
        count=g["count"][:].astype(int), steers_precision=g["steers_precision"][:].astype(int))


def check_root(f, path):
    attrs = f.attrs
    if attrs.get("format") != FORMAT:
        raise BadResults(f"{path} is not a tsunagu results file (its root attribute format is "
                         f"{attrs.get('format')!r}, expected {FORMAT!r}).")
    if attrs.get("format_version") != FORMAT_VERSION:
        raise BadResults(f"{path} has results format_version {attrs.get('format_version')!r}, "
                         f"but these scripts read version {FORMAT_VERSION}.")
    if attrs.get("kind") not in KINDS:
        raise BadResults(f"{path} has results kind {attrs.get('kind')!r}, expected one of "
                         f"{', '.join(KINDS)}.")


def load(path):
    """Reads the small tables of a results file. Raises BadResults for anything unreadable."""
    try:
        f = h5py.File(path, "r")
    except (OSError, ValueError) as error:
        raise BadResults(f"{path} cannot be opened as an HDF5 file ({error}).") from None
    with f:
        check_root(f, path)
        try:
            return _load(f, path)
        except KeyError as error:
            raise BadResults(f"{path} is missing part of the documented results layout "
                             f"({error}).") from None


def _manifest(f):
    m = dict(f["manifest"].attrs)
    manifest = {k: (v.item() if isinstance(v, np.generic) else v) for k, v in m.items()}
    files = _strings(f["manifest/scenario_files"]) if "scenario_files" in f["manifest"] else []
    return manifest, files


def _attr_str(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def _load_sizing(f, path):
    manifest, files = _manifest(f)
    g = f["sizing"]
    tables = {name: _columns(f, f"sizing/{name}", spec) for name, spec in SIZING.items()}
    return Sizing(path=str(path), label=str(manifest.get("scenario_name", path)),
                  kind="sizing", manifest=manifest, scenario_files=files,
                  utilisation_target=float(g.attrs["utilisation_target"]), **tables)


def _cut_off_rows(tables):
    """The cut-off list with its indices looked up: {case, facility, kind, prefecture, count,
    services}, one entry per row (a row stands for `count` facilities of a group)."""
    co, fac = tables.pop("cut_off"), tables.pop("facilities")
    sets = tables.pop("service_sets")["services"]
    for column, table in (("case", tables["cases"]["name"]), ("facility", fac["name"]),
                          ("services", sets)):
        index = co[column]
        if index.size and (index.min() < 0 or index.max() >= table.size):
            raise BadResults(f"failures/cut_off/{column} points past its table")
    return dict(case=tables["cases"]["name"][co["case"]], facility=fac["name"][co["facility"]],
                kind=fac["kind"][co["facility"]], prefecture=fac["prefecture"][co["facility"]],
                count=co["count"], services=sets[co["services"]])


def _load_failures(f, path):
    manifest, files = _manifest(f)
    g = f["failures"]
    tables = {name: _columns(f, f"failures/{name}", spec, FAILURES_OPTIONAL.get(name))
              for name, spec in FAILURES.items()}
    tables["cut_off"] = _cut_off_rows(tables)
    order = np.argsort(tables["cases"]["rank"], kind="stable")   # rank 1 first
    tables["cases"] = {c: v[order] for c, v in tables["cases"].items()}
    structure = {}
    if isinstance(g.get("spof"), h5py.Group):
        structure = {k: (v.item() if isinstance(v, np.generic) else v)
                     for k, v in g["spof"].attrs.items()}
    return Failures(path=str(path), label=str(manifest.get("scenario_name", path)),
                    kind="failures", manifest=manifest, scenario_files=files,
                    window=_attr_str(g.attrs.get("window", "")),
                    duration_seconds=float(g.attrs.get("duration_seconds", 0.0)),
                    structure=structure, **tables)


# Datasets of a plan the report draws as numbers: they must be finite. Response figures may be
# infinite (a saturated pool) and are drawn as breaches, so they are not listed.
_FINITE = {"links": ("capacity", "busy", "mean", "peak_utilisation"),
           "pools": ("servers", "servers_needed", "busy_arrivals", "utilisation"),
           "services": ("transactions", "users", "routed_users", "bytes"),
           "costs": ("initial", "running", "total", "transactions", "consolidation_saving")}
# Each table's names, whose count every per-row dataset must match.
_NUMERIC_COLUMNS = {"links": ("capacity", "busy", "mean", "peak_utilisation"),
                    "pools": ("servers", "servers_needed", "busy_arrivals", "utilisation",
                              "mean_response", "p95_response", "p99_response"),
                    "services": ("transactions", "users", "routed_users", "bytes"),
                    "costs": ("total", "consolidation_saving", "initial", "running")}


def _check_plan_tables(f, years, **tables):
    """Shape, type and finiteness of every plan dataset the report uses; BadResults names the
    dataset, so a damaged or hand-edited file is an error (exit 2), not a traceback."""
    for group, table in tables.items():
        rows = len(table["name"]) if "name" in table else None
        for column in _NUMERIC_COLUMNS[group]:
            name = f"{group}/{column}"
            if column not in table:
                raise BadResults(f"{f.filename}: the dataset {name} is missing.")
            values = table[column]
            if not isinstance(values, np.ndarray) or values.dtype.kind not in "iuf":
                raise BadResults(f"{f.filename}: the dataset {name} should hold numbers.")
            per_year = values.shape[-1:] == (years,)
            if group == "costs" and column in ("total", "consolidation_saving"):
                expected = (years,)
            elif group == "links" and column == "capacity":
                expected = (rows,)
            else:
                expected = (rows if rows is not None else values.shape[0], years)
            if values.shape != expected or not per_year and len(expected) == 2:
                raise BadResults(f"{f.filename}: the dataset {name} has shape {values.shape}, "
                                 f"expected {expected}.")
            if column in _FINITE[group] and not np.isfinite(values).all():
                raise BadResults(f"{f.filename}: the dataset {name} holds values that are not "
                                 f"finite numbers (NaN or infinity).")


def _load(f, path):
    kind = f.attrs["kind"]
    if kind == "sizing":
        return _load_sizing(f, path)
    if kind == "failures":
        return _load_failures(f, path)
    if kind == "sensitivity":
        import sensitivity_results
        return sensitivity_results.load(f, path)
    if kind == "uncertainty":
        import uncertainty_results   # it imports this module
        return uncertainty_results.load(f, path)
    manifest, _ = _manifest(f)
    t = f["time"].attrs
    years = f["time/fiscal_years"][:].astype(int)
    hourly = {"forward", "backward", "forward_peak_1min", "backward_peak_1min",
              "forward_peak_5min", "backward_peak_5min"}   # read in slices when needed
    links = {k: (_strings(d) if d.dtype.kind == "O" else d[:])
             for k, d in f["links"].items() if k not in hourly}
    links["tier_needed"] = np.array(links["tier_needed"], dtype=object).reshape(
        len(links["name"]), len(years))
    pools = _table(f["pools"])
    pools.pop("arrivals", None)
    services = _table(f["services"])
    costs = _table(f["costs"])
    _check_plan_tables(f, len(years), links=links, pools=pools, services=services, costs=costs)
    costs["net_present_value"] = float(f["costs"].attrs["net_present_value"])
    costs["discount_rate"] = float(f["costs"].attrs["discount_rate"])
    access = {k: _table(g) for k, g in f["access"].items()}
    des = _read_des(f)
    if des is not None:   # the scenario's service order, then any others by name
        order = {name: i for i, name in enumerate(services["name"])}
        des.latency.sort(key=lambda lat: (order.get(lat.service, len(order)), lat.service))
    return Results(
        path=str(path), label=str(manifest.get("scenario_name", path)),
        kind=str(f.attrs["kind"]), manifest=manifest,
        scenario_files=_strings(f["manifest/scenario_files"]),
        start_date=np.datetime64(str(t["start_date"]), "D"), hours=int(t["hours"]),
        utilisation_target=float(t["utilisation_target"]),
        rollout_states=int(t["rollout_states"]), fiscal_years=years,
        links=links, pools=pools, services=services, costs=costs, access=access,
        des=des, replications=_read_replications(f))


def load_all(paths):
    """Loads several files; labels are made unique; plan results over different horizons raise
    BadResults (sizing and failures files have no hourly horizon and are not compared)."""
    results = [load(p) for p in paths]
    plans = [r for r in results if r.kind == "plan"]
    first = plans[0] if plans else None
    for r in plans[1:]:
        if r.horizon != first.horizon:
            raise BadResults(
                f"{r.path} covers {r.hours} hours from {r.start_date} but {first.path} covers "
                f"{first.hours} hours from {first.start_date}, so they cannot be compared.")
    seen = {}
    for r in results:
        seen[r.label] = seen.get(r.label, 0) + 1
    for i, r in enumerate(results):
        if seen[r.label] > 1:
            r.label = f"{r.label} ({i + 1}: {os.path.basename(r.path)})"
    return results


def to_datetime(value):
    """numpy datetime64 -> datetime.datetime (for matplotlib)."""
    return value.astype("datetime64[s]").astype(datetime.datetime)
