"""Reading an uncertainty results file (`tsunagu uncertainty`, root kind "uncertainty"; layout in
docs/output-format.md, "Uncertainty results files"). tsunagu_results.load() returns an
`Uncertainty` for such a file.

Tables "per element, year and sample" are stored as (elements x years, samples) and come back
here as 3-D arrays (elements, years, samples); their quantiles as (elements, years, levels).
"""

import dataclasses

import numpy as np

from tsunagu_results import BadResults, _manifest, _strings

INPUT_COLUMNS = ("name", "key", "distribution", "units", "mean", "sd", "sample_mean",
                 "sample_sd")
LINK_TABLES = ("capacity", "limit", "p_breach", "p_breach_se")            # (links, years)
LINK_SAMPLES = ("busy", "breach")                                        # (links, years, samples)
POOL_TABLES = ("p_miss", "p_miss_se")                                    # (pools, years)
POOL_SAMPLES = ("busy_arrivals", "servers", "at_target", "missed")       # (pools, years, samples)


@dataclasses.dataclass
class Uncertainty:
    path: str
    label: str
    kind: str
    manifest: dict
    scenario_files: list
    samples: int
    seed: int
    method: str
    plans_run: int
    utilisation_target: float
    fiscal_years: np.ndarray
    quantile_levels: np.ndarray
    inputs: dict      # columns of INPUT_COLUMNS, one entry per input
    values: np.ndarray  # (samples, inputs): growth as a fraction a year, shifts in days
    links: dict
    pools: dict
    years: dict       # p_any_link_breach, p_any_pool_miss: (years,)

    def fy_labels(self):
        return [f"FY{y}" for y in self.fiscal_years]

    def has_load(self, kind, year=None):
        """Elements of `kind` ("links" or "pools") with some load in some sample, in fiscal year
        index `year` or in any year."""
        measure = self.links["busy"] if kind == "links" else self.pools["busy_arrivals"]
        if year is not None:
            measure = measure[:, year:year + 1, :]
        return measure.reshape(measure.shape[0], -1).max(axis=1, initial=0) > 0

    def ranked(self, kind, n=None, year=None):
        """Indices of the loaded links or pools, most likely to breach first: by P(breach) in
        fiscal year index `year` (without one, the largest over the years), then by how close
        the 95th percentile comes to its limit (links: busy hour ÷ limit; pools: response ÷
        target), then by name."""
        if kind == "links":
            p, q = self.links["p_breach"], self.links["busy_quantiles"][:, :, -1]
            limit = self.links["limit"]
        else:
            p, q = self.pools["p_miss"], self.pools["at_target_quantiles"][:, :, -1]
            limit = np.repeat(self.pools["target_response"][:, None], q.shape[1], axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            tight = np.nan_to_num(np.where(limit > 0, q / limit, 0.0), nan=0.0)
        if year is not None:
            p, tight = p[:, year:year + 1], tight[:, year:year + 1]
        names = self.links["name"] if kind == "links" else self.pools["name"]
        rows = [int(i) for i in np.flatnonzero(self.has_load(kind, year))]
        rows.sort(key=lambda i: (-p[i].max(initial=0), -tight[i].max(initial=0), names[i]))
        return rows if n is None else rows[:n]


def _matrix(g, name, rows, cols):
    d = g[name][:]
    if d.shape != (rows, cols):
        raise BadResults(f"{g.file.filename}: {g.name}/{name} has shape {d.shape}, expected "
                         f"({rows}, {cols}).")
    return d


def _per_sample(g, name, elements, years, samples):
    return _matrix(g, name, elements * years, samples).reshape(elements, years, samples)


def load(f, path):
    """The Uncertainty of an open h5py file of kind "uncertainty"."""
    manifest, files = _manifest(f)
    g = f["uncertainty"]
    years = g["fiscal_years"][:].astype(int)
    levels = g["quantile_levels"][:]
    n_years, n_levels = len(years), len(levels)
    samples = int(g.attrs["samples"])
    ig = g["inputs"]
    inputs = {c: (np.array(_strings(ig[c]), dtype=object) if ig[c].dtype.kind == "O"
                  else ig[c][:]) for c in INPUT_COLUMNS}
    values = _matrix(g, "samples", samples, len(inputs["name"]))
    lg, pg = g["links"], g["pools"]
    links = {"name": np.array(_strings(lg["name"]), dtype=object),
             "role": np.array(_strings(lg["role"]), dtype=object)}
    n_links = len(links["name"])
    links.update({t: _matrix(lg, t, n_links, n_years) for t in LINK_TABLES})
    links.update({t: _per_sample(lg, t, n_links, n_years, samples) for t in LINK_SAMPLES})
    links["busy_quantiles"] = _per_sample(lg, "busy_quantiles", n_links, n_years, n_levels)
    pools = {c: np.array(_strings(pg[c]), dtype=object) for c in ("name", "service", "level")}
    n_pools = len(pools["name"])
    pools["target_response"] = pg["target_response"][:]
    pools.update({t: _matrix(pg, t, n_pools, n_years) for t in POOL_TABLES})
    pools.update({t: _per_sample(pg, t, n_pools, n_years, samples) for t in POOL_SAMPLES})
    for q in ("at_target_quantiles", "busy_arrivals_quantiles"):
        pools[q] = _per_sample(pg, q, n_pools, n_years, n_levels)
    per_year = {k: g["years"][k][:] for k in ("p_any_link_breach", "p_any_pool_miss")}
    return Uncertainty(path=str(path), label=str(manifest.get("scenario_name", path)),
                       kind="uncertainty", manifest=manifest, scenario_files=files,
                       samples=samples, seed=int(g.attrs["seed"]),
                       method=str(g.attrs["method"]), plans_run=int(g.attrs["plans_run"]),
                       utilisation_target=float(g.attrs["utilisation_target"]),
                       fiscal_years=years, quantile_levels=levels, inputs=inputs, values=values,
                       links=links, pools=pools, years=per_year)
