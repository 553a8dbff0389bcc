"""Shared set-up of the analysis tests (test_figures.py, test_report_chromium.py,
test_report_cli.py): where tsunagu and the repository are, and the results files they use.

Each test script takes `<path to tsunagu> <repository root>` as its first two arguments (ctest
passes them), or the environment variables TSUNAGU and TSUNAGU_SOURCE_DIR. Run the scripts with
/usr/bin/python3, which has Debian's python3-matplotlib, python3-h5py and python3-numpy.
"""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def take_paths():
    """Removes `<tsunagu> <repo>` from sys.argv (so unittest does not see them) and returns them."""
    tsunagu = os.environ.get("TSUNAGU")
    repo = os.environ.get("TSUNAGU_SOURCE_DIR", os.path.dirname(os.path.dirname(HERE)))
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    if len(args) >= 2:
        tsunagu, repo = args[0], args[1]
        sys.argv[1:] = [a for a in sys.argv[1:] if a not in (args[0], args[1])]
    if not tsunagu or not os.access(tsunagu, os.X_OK):
        sys.exit(f"usage: {sys.argv[0]} <path to tsunagu> <repository root> "
                 f"(or set TSUNAGU and TSUNAGU_SOURCE_DIR); got tsunagu={tsunagu!r}")
    return os.path.abspath(tsunagu), os.path.abspath(repo)


def breach_scenario(repo):
    """analysis/examples/breach-example.yaml: a custom network in which one PoP uplink (pop-27)
    breaches its target when clinic-b joins on 2023-07-01 and the single eligibility server is
    overloaded from FY2023; pop-13's uplink stays at about 21%."""
    return os.path.join(repo, "analysis", "examples", "breach-example.yaml")


def variant_scenario(base, name, server_running):
    return f"extends: {base}\nname: {name}\ncosts:\n  server_running: {server_running}\n"


class Workspace:
    """A temporary directory with results files made by tsunagu, removed by close()."""

    def __init__(self, tsunagu, repo):
        self.tsunagu, self.repo = tsunagu, repo
        self.dir = tempfile.mkdtemp(prefix="tsunagu-analysis-test-")

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def plan(self, scenario, name):
        out = self.path(name + ".h5")
        run = subprocess.run([self.tsunagu, "plan", scenario, "-o", out], cwd=self.repo,
                             capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            raise RuntimeError(f"tsunagu plan {scenario} failed ({run.returncode}):\n"
                               f"{run.stdout}\n{run.stderr}")
        return out

    def write(self, name, text):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(text)
        return self.path(name)

    def plan_text(self, text, name):
        return self.plan(self.write(name + ".yaml", text), name)

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def add_des(src, dst):
    """Copies a results file and adds made-up DES results in the layout proposed in
    analysis/tsunagu_results.py. Returns what was written, for the checks."""
    import h5py
    import numpy as np

    shutil.copyfile(src, dst)
    rng = np.random.default_rng(7)
    edges = np.logspace(-2, 3, 51)
    fast = np.histogram(rng.lognormal(np.log(0.5), 0.8, 20000), bins=edges)[0].astype(float)
    slow = np.histogram(rng.lognormal(np.log(40), 0.6, 5000), bins=edges)[0].astype(float)
    samples = 3 * 24 * 60
    t = np.arange(samples)
    queue = (5 + 4 * np.sin(t / 1440 * 2 * np.pi)).astype(np.float32)[None, :]
    backlog = (200 * ((t % 1440) / 1440.0)).astype(np.float32)
    with h5py.File(dst, "a") as f:
        g = f.create_group("des")
        g.attrs["start"] = "2023-10-02 00:00:00"
        g.attrs["step_seconds"] = 60.0
        for service, counts, target in (("eligibility", fast, (3.0, 0.95)),
                                        ("claims", slow, (20.0, 0.95)),
                                        ("imaging", fast, None)):
            lg = g.create_group(f"latency/{service}")
            lg.create_dataset("edges", data=edges).attrs["units"] = "s"
            lg.create_dataset("counts", data=counts).attrs["units"] = "1"
            if target:
                lg.attrs["target_response"], lg.attrs["target_percentile"] = target
            if service == "claims":
                lg.attrs["overflow"] = 1000.0   # requests slower than the last edge
        g.create_dataset("queues/name", data=["eligibility@dc"],
                         dtype=h5py.string_dtype())
        g.create_dataset("queues/length", data=queue).attrs["units"] = "1"
        g.create_dataset("claims_backlog", data=backlog).attrs["units"] = "1"
    return {"edges": edges, "counts": {"eligibility": fast, "claims": slow, "imaging": fast},
            "targets": {"eligibility": (3.0, 0.95), "claims": (20.0, 0.95)},
            "overflow": {"claims": 1000.0},
            "queue": queue, "backlog": backlog, "samples": samples}


def import_analysis(repo):
    sys.path.insert(0, os.path.join(repo, "analysis"))
