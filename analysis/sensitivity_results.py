"""Reading a sensitivity results file (kind "sensitivity", `tsunagu sensitivity`;
docs/output-format.md, "Sensitivity results files"). tsunagu_results.load returns a Sensitivity
for such a file.

    sensitivity            group; attributes fiscal_year (the year of the yearly figures),
                           start_date, hours, utilisation_target (of the plans), default_range,
                           morris_trajectories (0: no Morris), morris_levels, morris_delta,
                           morris_top, morris_screened, plans_run, shortcuts_run, estimated_at_zero,
                           estimated_unmatched; dataset fiscal_years
    sensitivity/figures    the five headline figures: name, label, units, base
    sensitivity/inputs     one row per estimated input: id, table, row, field, units, stage,
                           base, low, high, range, basis
    sensitivity/effects    one row per figure and input, by figure and then rank (1 = largest
                           swing): figure, input (indices into the two tables above), rank,
                           at_low, at_high, swing, mu, mu_star, sigma (NaN: not screened)
"""

import dataclasses
import os

import numpy as np

import tsunagu_results as tr

FIGURES = dict(name="s", label="s", units="s", base="f")
INPUTS = dict(id="s", table="s", row="s", field="s", units="s", stage="s", base="f", low="f",
              high="f", range="f", basis="s")
EFFECTS = dict(figure="i", input="i", rank="i", at_low="f", at_high="f", swing="f", mu="f",
               mu_star="f", sigma="f")
ATTRIBUTES = ("morris_trajectories", "morris_levels", "morris_delta", "morris_top",
              "morris_screened",
              "plans_run", "shortcuts_run", "estimated_at_zero", "estimated_unmatched")


@dataclasses.dataclass
class Sensitivity:
    """A results file of kind "sensitivity"; tables as in FIGURES, INPUTS and EFFECTS."""
    path: str
    label: str
    kind: str
    manifest: dict
    scenario_files: list
    start_date: np.datetime64
    hours: int
    fiscal_years: np.ndarray
    fiscal_year: int
    utilisation_target: float
    default_range: float
    study: dict          # the attributes in ATTRIBUTES
    figures: dict
    inputs: dict
    effects: dict

    def figure_index(self, name):
        names = list(self.figures["name"])
        if name not in names:
            raise KeyError(f"{self.path} has no headline figure {name!r} ({', '.join(names)})")
        return names.index(name)

    def ranked(self, name):
        """Rows of the effects table for one figure, rank 1 first."""
        e = self.effects
        rows = np.flatnonzero(e["figure"] == self.figure_index(name))
        return rows[np.argsort(e["rank"][rows], kind="stable")]

    def moving(self, name):
        """The ranked rows of inputs that move the figure (swing above 0)."""
        rows = self.ranked(name)
        return rows[self.effects["swing"][rows] > 0]

    def still(self):
        """Indices of the inputs that move no figure at all."""
        e = self.effects
        moved = set(e["input"][e["swing"] > 0].tolist())
        return [i for i in range(tr.rows(self.inputs)) if i not in moved]

    @property
    def csv_path(self):
        """The CSV that tsunagu sensitivity writes beside the results file."""
        return os.path.splitext(self.path)[0] + ".csv"


def load(f, path):
    """The Sensitivity in the open h5py file f (called by tsunagu_results.load)."""
    manifest, files = tr._manifest(f)
    g = f["sensitivity"]
    tables = dict(figures=tr._columns(f, "sensitivity/figures", FIGURES),
                  inputs=tr._columns(f, "sensitivity/inputs", INPUTS),
                  effects=tr._columns(f, "sensitivity/effects", EFFECTS))
    for column, table in (("figure", "figures"), ("input", "inputs")):
        index = tables["effects"][column]
        if index.size and (index.min() < 0 or index.max() >= tr.rows(tables[table])):
            raise tr.BadResults(f"{path}: sensitivity/effects/{column} points past its table.")
    study = {k: g.attrs[k].item() for k in ATTRIBUTES if k in g.attrs}
    return Sensitivity(
        path=str(path), label=str(manifest.get("scenario_name", path)), kind="sensitivity",
        manifest=manifest, scenario_files=files,
        start_date=np.datetime64(tr._attr_str(g.attrs["start_date"]), "D"),
        hours=int(g.attrs["hours"]), fiscal_years=g["fiscal_years"][:].astype(int),
        fiscal_year=int(g.attrs["fiscal_year"]),
        utilisation_target=float(g.attrs["utilisation_target"]),
        default_range=float(g.attrs["default_range"]), study=study, **tables)
