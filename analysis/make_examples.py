#!/usr/bin/python3
"""Regenerates the example figures of analysis/README.md (PNG only, each under 150 KB).

    build/tsunagu plan scenarios/plan-2017.yaml -o /tmp/plan-2017.h5
    build/tsunagu plan scenarios/national-2017.yaml -o /tmp/national-2017.h5
    build/tsunagu plan analysis/examples/breach-example.yaml -o /tmp/breach-example.h5
    /usr/bin/python3 analysis/make_examples.py /tmp/plan-2017.h5 /tmp/national-2017.h5 \\
        /tmp/breach-example.h5

The DES figures use made-up data (no tsunagu run writes DES results yet) and say so.
"""

import argparse
import copy
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import figures as F  # noqa: E402
import japan_map  # noqa: E402
import tsunagu_results as tr  # noqa: E402

LIMIT = 150_000


def made_up_des(r):
    """A copy of r with invented DES results, labelled as an illustration."""
    rng = np.random.default_rng(1)
    edges = np.logspace(-2, 4, 61)
    shapes = {"eligibility": (0.45, 0.7, (3.0, 0.95)), "jpki-auth": (0.3, 0.6, (3.0, 0.95)),
              "ehr-sharing": (2.5, 0.8, (10.0, 0.95)), "claims": (900, 0.7, (3600.0, 0.95))}
    latency = []
    for service, (median, sigma, target) in shapes.items():
        counts = np.histogram(rng.lognormal(np.log(median), sigma, 50_000), bins=edges)[0]
        latency.append(tr.Latency(service, edges, counts.astype(float), *target))
    steps = 14 * 24 * 4   # two weeks of 15-minute steps
    t = np.arange(steps) / (24 * 4)
    day = np.clip(np.sin((t % 1 - 0.3) * 2 * np.pi), 0, None)
    workday = ((np.floor(t) % 7) < 5).astype(float)
    queues = np.vstack([8 * day * workday + rng.random(steps), 3 * day * workday,
                        1.5 * day + 0.2 * rng.random(steps)]).astype(np.float32)
    backlog = np.cumsum(40 * day * workday - 12).clip(0).astype(np.float32)
    out = copy.copy(r)
    out.label = "illustration (made-up DES data)"
    out.des = tr.Des(np.datetime64("2025-11-03T00:00:00"), 900.0, latency,
                     ["eligibility@dc-oq", "jpki-auth@dc-jpki", "claims@dc-claims"], queues,
                     backlog)
    return out


def save(fig, out, name, dpi=90):
    path = os.path.join(out, name + ".png")
    while True:
        fig.savefig(path, dpi=dpi, metadata={"Software": None})
        if os.path.getsize(path) < LIMIT or dpi <= 50:
            break
        dpi -= 10
    plt.close(fig)
    print(f"{path}: {os.path.getsize(path) // 1000} KB at {dpi} dpi")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("plan_2017")
    p.add_argument("national_2017")
    p.add_argument("breach_example")
    p.add_argument("--out", default=os.path.join(HERE, "examples"))
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    plan, national = tr.load_all([args.plan_2017, args.national_2017])
    breach = tr.load(args.breach_example)
    save(F.cost_per_year([plan, national]), args.out, "costs-by-component")
    save(F.cost_comparison([plan, national]), args.out, "comparison-total-cost")
    save(F.coverage(plan), args.out, "coverage", dpi=80)
    save(F.busiest_links_bar(plan, 20), args.out, "busiest-links")
    save(F.utilisation_heatmap(plan, 20), args.out, "link-heatmap")
    save(F.breach_timeline([plan, national]), args.out, "first-breaches-none")
    save(F.breach_timeline([breach]), args.out, "first-breaches")
    save(japan_map.prefecture_map(plan, "utilisation"), args.out, "map-utilisation")
    save(japan_map.prefecture_map(breach, "breach"), args.out, "map-breach")
    illustration = made_up_des(plan)
    save(F.latency_cdf(illustration), args.out, "latency-cdf")
    save(F.queues(illustration), args.out, "queues")


if __name__ == "__main__":
    main()
