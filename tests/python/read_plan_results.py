#!/usr/bin/python3
"""Checks the results file of `tsunagu plan` against docs/output-format.md.

Usage: read_plan_results.py <path to tsunagu> <scratch directory>

Runs `tsunagu plan scenarios/small-region.yaml -o <scratch>/small.h5`, then opens the file with
h5py and checks the documented layout (groups, datasets, shapes, dtypes, units attributes, the
manifest), that the values agree with each other (busy >= mean, peak_utilisation = busy /
capacity, cost totals, net present value, ...), one number worked out by hand from the data
tables, and the CSV summary beside the file. Analysis notebooks read results through h5py, so
the document and this script are the contract: change them together.

Run it with /usr/bin/python3: h5py comes from the Debian package python3-h5py, which a virtualenv
or another interpreter on PATH does not see.
"""

import csv
import datetime
import hashlib
import os
import re
import subprocess
import sys

try:
    import h5py
    import numpy as np
except ImportError as error:
    sys.exit(
        f"FAIL: cannot import h5py/numpy ({error}).\n"
        f"Install the Debian package: sudo apt-get install python3-h5py\n"
        f"and run this script with /usr/bin/python3 (this is {sys.executable})."
    )

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENARIO = os.path.join(REPO, "scenarios", "small-region.yaml")
DATA = os.path.join(REPO, "models", "data")

HORIZON_START = datetime.date(2020, 4, 1)
HORIZON_END = datetime.date(2026, 3, 31)
FISCAL_YEARS = list(range(2020, 2026))

CSV_HEADER = ("fiscal_year,cost_yen,transactions,yen_per_transaction,consolidation_saving_yen,"
              "busiest_link,busiest_link_hourly_mean_utilisation,burstiest_link,"
              "burstiest_link_1min_p95_utilisation,largest_pool,largest_pool_servers,"
              "largest_pool_utilisation,links_first_breaching")

# Numeric datasets and their `units` attribute (docs/output-format.md). None: no units attribute.
UNITS = {
    "time/fiscal_years": None,
    "links/capacity": "bit/s",
    "links/forward": "bit/s",
    "links/backward": "bit/s",
    "links/busy": "bit/s",
    "links/mean": "bit/s",
    "links/peak_utilisation": "1",
    "links/busy_hour": "h",
    "links/busy_by_service": "bit/s",
    "links/forward_peak_1min": "bit/s",
    "links/backward_peak_1min": "bit/s",
    "links/forward_peak_5min": "bit/s",
    "links/backward_peak_5min": "bit/s",
    "links/busy_peak": "bit/s",
    "pools/arrivals": "1/s",
    "pools/busy_arrivals": "1/s",
    "pools/servers": "1",
    "pools/servers_needed": "1",
    "pools/utilisation": "1",
    "pools/wait_probability": "1",
    "pools/mean_response": "s",
    "pools/p95_response": "s",
    "pools/p99_response": "s",
    "access/classes/fiscal_year": None,
    "access/classes/facilities": None,
    "access/classes/p50": "1",
    "access/classes/p95": "1",
    "access/classes/max": "1",
    "access/worst/fiscal_year": None,
    "access/worst/prefecture": None,
    "access/worst/utilisation": "1",
    "services/transactions": "1",
    "services/bytes": "B",
    "services/users": "1",
    "services/routed_users": "1",
    "services/network_latency": "ms",
    "services/response_p95": "s",
    "costs/initial": "JPY",
    "costs/running": "JPY",
    "costs/total": "JPY",
    "costs/transactions": "1",
    "costs/yen_per_transaction": "JPY",
    "costs/consolidation_saving": "JPY",
}
STRINGS = [
    "manifest/scenario_files", "manifest/scenario_texts",
    "links/name", "links/role", "links/technology", "links/tier_needed", "links/first_breach",
    "pools/name", "pools/service", "pools/host", "pools/first_breach",
    "access/classes/kind", "access/classes/technology",
    "access/worst/facility", "access/worst/kind", "access/worst/technology",
    "services/name", "costs/component",
]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return bool(condition)


def close(a, b, rel=1e-6, absolute=0.0):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= rel * np.abs(b) + absolute))


def finish():
    if failures:
        print(f"FAIL: {len(failures)} problem(s) in the plan results file:")
        for message in failures:
            print("  - " + message)
        sys.exit(1)


def run_plan(binary, scratch):
    os.makedirs(scratch, exist_ok=True)
    h5 = os.path.join(scratch, "small.h5")
    for stale in (h5, h5 + ".partial", os.path.join(scratch, "small.csv")):
        if os.path.exists(stale):
            os.remove(stale)
    result = subprocess.run([binary, "plan", SCENARIO, "-o", h5], capture_output=True, text=True)
    if result.returncode != 0 or not os.path.exists(h5):
        sys.exit(f"FAIL: '{binary} plan {SCENARIO} -o {h5}' exited {result.returncode} "
                 f"without writing {h5}\n{result.stdout}{result.stderr}")
    check(not os.path.exists(h5 + ".partial"), f"{h5}.partial was left behind")
    return h5


def read_table(name, key):
    with open(os.path.join(DATA, name), newline="", encoding="utf-8") as handle:
        return {row[key]: row for row in csv.DictReader(handle)}


def check_structure(f, n_links, n_pools, n_services, hours, years):
    for path, units in UNITS.items():
        if not check(path in f and isinstance(f[path], h5py.Dataset), f"missing dataset {path}"):
            continue
        ds = f[path]
        check(ds.dtype.kind in "fi", f"{path}: numeric dtype expected, found {ds.dtype}")
        if units is None:
            check("units" not in ds.attrs, f"{path}: has a units attribute, the doc says none")
        else:
            check(ds.attrs.get("units") == units,
                  f"{path}: units attribute {ds.attrs.get('units')!r}, expected {units!r}")
    for path in STRINGS:
        if check(path in f, f"missing dataset {path}"):
            check(h5py.check_string_dtype(f[path].dtype) is not None,
                  f"{path}: not a string dataset ({f[path].dtype})")

    shapes = {
        "links/capacity": (n_links,), "links/forward": (n_links, hours), "links/backward": (n_links, hours),
        "links/busy": (n_links, years), "links/mean": (n_links, years),
        "links/peak_utilisation": (n_links, years), "links/tier_needed": (n_links * years,),
        "links/busy_hour": (n_links, years), "links/busy_by_service": (n_links * n_services, years),
        "links/forward_peak_1min": (n_links, hours), "links/backward_peak_1min": (n_links, hours),
        "links/forward_peak_5min": (n_links, hours), "links/backward_peak_5min": (n_links, hours),
        "links/busy_peak": (n_links, years),
        "links/first_breach": (n_links,), "links/role": (n_links,), "links/technology": (n_links,),
        "pools/service": (n_pools,), "pools/host": (n_pools,), "pools/first_breach": (n_pools,),
        "pools/arrivals": (n_pools, hours),
        "services/transactions": (n_services, years),
        "time/fiscal_years": (years,), "costs/total": (years,), "costs/transactions": (years,),
        "costs/yen_per_transaction": (years,), "costs/consolidation_saving": (years,),
    }
    for name in ["busy_arrivals", "servers", "servers_needed", "utilisation", "wait_probability",
                 "mean_response", "p95_response", "p99_response"]:
        shapes[f"pools/{name}"] = (n_pools, years)
    for name in ["bytes", "users", "routed_users", "network_latency", "response_p95"]:
        shapes[f"services/{name}"] = (n_services, years)
    n_components = f["costs/component"].shape[0]
    check(n_components > 0, "costs/component is empty")
    shapes["costs/initial"] = shapes["costs/running"] = (n_components, years)
    for path, shape in shapes.items():
        if path in f:
            check(f[path].shape == shape, f"{path}: shape {f[path].shape}, expected {shape}")

    for path in ["links/forward", "links/backward", "pools/arrivals"]:
        check(f[path].dtype == np.float32, f"{path}: dtype {f[path].dtype}, expected float32")
    check(f["time/fiscal_years"].dtype == np.int32, "time/fiscal_years is not int32")
    for group in ["access/classes", "access/worst"]:
        lengths = {key: ds.shape for key, ds in f[group].items()}
        check(len(set(lengths.values())) == 1 and all(len(s) == 1 for s in lengths.values()),
              f"{group}: columns of different lengths {lengths}")
    check(f["links/tier_needed"].attrs.get("shape") == "links x fiscal_years, row-major",
          "links/tier_needed: attribute shape missing or changed")


def check_root_and_manifest(f):
    check(f.attrs.get("format") == "tsunagu-results", f"root format = {f.attrs.get('format')!r}")
    check(f.attrs.get("format_version") == 1,
          f"root format_version = {f.attrs.get('format_version')!r}")
    check(f.attrs.get("kind") == "plan", f"root kind = {f.attrs.get('kind')!r}")

    m = f["manifest"].attrs
    expected_keys = {"scenario_name", "scenario_sha256", "seed", "tsunagu_version", "git_commit",
                     "host", "start_time", "wall_time_seconds", "command"}
    check(expected_keys <= set(m.keys()),
          f"manifest attributes missing: {sorted(expected_keys - set(m.keys()))}")
    check(m.get("scenario_name") == "small-region", f"scenario_name = {m.get('scenario_name')!r}")
    sha = m.get("scenario_sha256", "")
    check(re.fullmatch(r"[0-9a-f]{64}", sha or "") is not None,
          f"scenario_sha256 {sha!r} is not 64 lowercase hex digits")
    texts = list(f["manifest/scenario_texts"].asstr()[:])
    files = list(f["manifest/scenario_files"].asstr()[:])
    joined = "".join(texts).encode("utf-8")
    check(hashlib.sha256(joined).hexdigest() == sha,
          "scenario_sha256 is not the SHA-256 of the concatenated manifest/scenario_texts")
    check(files == [os.path.realpath(SCENARIO)] or files == [SCENARIO],
          f"manifest/scenario_files = {files}, expected [{SCENARIO}]")
    with open(SCENARIO, "rb") as handle:
        check(texts and texts[0].encode("utf-8") == handle.read(),
              "manifest/scenario_texts[0] differs from the scenario file")
    check(m.get("seed") == 1 and isinstance(m.get("seed"), (int, np.integer)),
          f"seed = {m.get('seed')!r}, expected integer 1 (the default)")
    check(bool(m.get("tsunagu_version")), "tsunagu_version is empty")
    check(isinstance(m.get("git_commit"), str), "git_commit is not a string")
    check(bool(m.get("host")), "host is empty")
    start = m.get("start_time", "")
    check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", start or "") is not None,
          f"start_time {start!r} is not YYYY-MM-DDTHH:MM:SS+hh:mm")
    wall = m.get("wall_time_seconds", 0)
    check(isinstance(wall, (float, np.floating)) and wall > 0, f"wall_time_seconds = {wall!r}")
    check(str(m.get("command", "")).startswith("tsunagu plan "), f"command = {m.get('command')!r}")


def check_time(f):
    t = f["time"].attrs
    days = (HORIZON_END - HORIZON_START).days + 1
    check(t.get("start_date") == HORIZON_START.isoformat(), f"start_date = {t.get('start_date')!r}")
    check(t.get("hours") == 24 * days, f"hours = {t.get('hours')}, expected 24 x {days}")
    check(t.get("time_zone") == "Asia/Tokyo", f"time_zone = {t.get('time_zone')!r}")
    check(isinstance(t.get("rollout_states"), (int, np.integer)) and t.get("rollout_states") > 0,
          f"rollout_states = {t.get('rollout_states')!r}")
    check(0 < t.get("utilisation_target", 0) <= 1,
          f"utilisation_target = {t.get('utilisation_target')!r}")
    check(list(f["time/fiscal_years"][:]) == FISCAL_YEARS,
          f"fiscal_years = {list(f['time/fiscal_years'][:])}, expected {FISCAL_YEARS}")


def fiscal_year_hours():
    """Hour ranges [first, last) of each fiscal year inside the horizon."""
    ranges = []
    for fy in FISCAL_YEARS:
        first = max(HORIZON_START, datetime.date(fy, 4, 1))
        last = min(HORIZON_END + datetime.timedelta(days=1), datetime.date(fy + 1, 4, 1))
        ranges.append(((first - HORIZON_START).days * 24, (last - HORIZON_START).days * 24))
    return ranges


def check_links(f, target):
    up, down = f["links/forward"][:].astype(np.float64), f["links/backward"][:].astype(np.float64)
    busy, mean = f["links/busy"][:], f["links/mean"][:]
    capacity = f["links/capacity"][:]
    check(np.all(up >= 0) and np.all(down >= 0), "links/forward or links/backward has negative values")
    check(np.all(busy >= mean) and np.all(mean >= 0), "links: not busy >= mean >= 0")
    check(np.any(busy > 0), "links/busy is zero everywhere")
    load = np.maximum(up, down)
    for i, (first, last) in enumerate(fiscal_year_hours()):
        check(np.array_equal(busy[:, i], load[:, first:last].max(axis=1)),
              f"links/busy FY{FISCAL_YEARS[i]} is not the largest hourly max(up, down)")
        check(close(mean[:, i], load[:, first:last].mean(axis=1), 1e-9),
              f"links/mean FY{FISCAL_YEARS[i]} is not the mean hourly max(up, down)")
    check(close(f["links/peak_utilisation"][:], busy / capacity[:, None], 1e-12),
          "links/peak_utilisation != busy / capacity")
    # The busiest minute and five minutes of an hour are never below its mean, and a minute's
    # peak is at least the five minutes' (a busier interval hides in a longer one).
    peak1 = np.maximum(f["links/forward_peak_1min"][:], f["links/backward_peak_1min"][:])
    peak5 = np.maximum(f["links/forward_peak_5min"][:], f["links/backward_peak_5min"][:])
    check(np.all(peak5 >= load * (1 - 1e-5)), "links: a five-minute peak below its hourly mean")
    check(np.all(peak1 >= peak5 * (1 - 1e-5)), "links: a one-minute peak below the five-minute one")
    check(np.any(peak1 > load * 1.01), "links: the busiest minute never exceeds the hourly mean")
    for i, (first, last) in enumerate(fiscal_year_hours()):
        check(close(f["links/busy_peak"][:, i], peak1[:, first:last].max(axis=1), 1e-6),
              f"links/busy_peak FY{FISCAL_YEARS[i]} is not the largest busiest-minute peak")
    tiers = f["links/tier_needed"].asstr()[:].reshape(len(capacity), len(FISCAL_YEARS))
    check(all(t for t in tiers.ravel()), "links/tier_needed has empty entries")
    breaches = f["links/first_breach"].asstr()[:]
    for l, breach in enumerate(breaches):
        over = np.nonzero(load[l] > target * capacity[l])[0]
        if over.size == 0:
            check(breach == "", f"links/first_breach[{l}] = {breach!r} but no hour is over target")
        else:
            when = datetime.datetime.combine(HORIZON_START, datetime.time()) + \
                datetime.timedelta(hours=int(over[0]))
            check(breach == when.strftime("%Y-%m-%d %H:00"),
                  f"links/first_breach[{l}] = {breach!r}, first hour over target is {when}")


def check_pools(f, services_table):
    names = list(f["pools/name"].asstr()[:])
    services = list(f["pools/service"].asstr()[:])
    hosts = list(f["pools/host"].asstr()[:])
    check(names == [f"{s}@{h}" for s, h in zip(services, hosts)], f"pools/name = {names}")
    arrivals = f["pools/arrivals"][:].astype(np.float64)
    busy = f["pools/busy_arrivals"][:]
    check(np.all(arrivals >= 0), "pools/arrivals has negative values")
    for i, (first, last) in enumerate(fiscal_year_hours()):
        check(np.array_equal(busy[:, i], arrivals[:, first:last].max(axis=1)),
              f"pools/busy_arrivals FY{FISCAL_YEARS[i]} is not the largest hourly arrival rate")
    servers, needed = f["pools/servers"][:], f["pools/servers_needed"][:]
    utilisation = f["pools/utilisation"][:]
    wait = f["pools/wait_probability"][:]
    mean, p95, p99 = (f[f"pools/{k}"][:] for k in ["mean_response", "p95_response", "p99_response"])
    live = busy > 0
    check(np.all(servers[live] >= 1) and np.all(needed[live] >= 1),
          "a pool with arrivals has fewer than one server")
    check(np.all(needed[~live] == 0), "servers_needed is not 0 in a year without arrivals")
    check(np.all((wait >= 0) & (wait <= 1)), "pools/wait_probability outside [0, 1]")
    check(np.all(p99 >= p95) and np.all(p95 >= mean) and np.all(mean >= 0),
          "pools: not p99 >= p95 >= mean_response >= 0")
    for p, service in enumerate(services):
        seconds = parse_seconds(services_table[service]["service_time"])
        expected = np.where(live[p], busy[p] * seconds / np.maximum(servers[p], 1), 0.0)
        check(close(utilisation[p], expected, 1e-9),
              f"pools/utilisation of {names[p]} != busy_arrivals x service time / servers")
        check(np.all(mean[p][live[p]] >= seconds * (1 - 1e-9)),
              f"pools/mean_response of {names[p]} below the mean service time")
    check(all(b == "" or re.fullmatch(r"FY\d{4}", b) for b in f["pools/first_breach"].asstr()[:]),
          "pools/first_breach is neither empty nor FYnnnn")
    return names, arrivals


def parse_seconds(text):
    match = re.fullmatch(r"([0-9.]+)\s*(ms|s|min|h)", text.strip())
    if not match:
        sys.exit(f"FAIL: cannot read service time {text!r} in services.csv")
    return float(match.group(1)) * {"ms": 1e-3, "s": 1.0, "min": 60.0, "h": 3600.0}[match.group(2)]


def check_services_and_costs(f):
    names = list(f["services/name"].asstr()[:])
    check(names == ["eligibility", "claims"], f"services/name = {names}")
    tx = f["services/transactions"][:]
    users, routed = f["services/users"][:], f["services/routed_users"][:]
    check(np.all(tx >= 0) and np.all(f["services/bytes"][:] >= 0), "negative service totals")
    check(np.all(routed <= users + 1e-9), "services/routed_users > services/users")
    # Eligibility goes live 2021-10-20 (FY2021); clinic-c joins 2022-04-01: 3 then 4 facilities.
    check(list(users[0]) == [0, 3, 4, 4, 4, 4], f"eligibility users = {list(users[0])}")
    check(tx[0, 0] == 0 and np.all(tx[0, 1:] > 0), f"eligibility transactions = {list(tx[0])}")
    latency = f["services/network_latency"][:]
    p95 = f["pools/p95_response"][:]
    pool_services = list(f["pools/service"].asstr()[:])
    for s, service in enumerate(names):
        pool = np.max([p95[p] for p, ps in enumerate(pool_services) if ps == service], axis=0)
        expected = np.where(tx[s] > 0, 2 * latency[s] / 1e3 + pool, 0.0)
        check(close(f["services/response_p95"][s], expected, 1e-12),
              f"services/response_p95 of {service} != 2 x network_latency + pool p95")

    initial, running = f["costs/initial"][:], f["costs/running"][:]
    total = f["costs/total"][:]
    check(np.all(initial >= 0) and np.all(running >= 0), "negative costs")
    check(close(total, (initial + running).sum(axis=0), 1e-6),
          "costs/total != sum over components of initial + running")
    check(close(f["costs/transactions"][:], tx.sum(axis=0), 1e-6),
          "costs/transactions != sum of services/transactions")
    per_tx = np.where(f["costs/transactions"][:] > 0, total / np.maximum(f["costs/transactions"][:], 1e-300), 0)
    check(close(f["costs/yen_per_transaction"][:], per_tx, 1e-9),
          "costs/yen_per_transaction != total / transactions")
    a = f["costs"].attrs
    rate = a.get("discount_rate")
    check(rate is not None and 0 <= rate < 1, f"costs discount_rate = {rate!r}")
    npv = sum(t / (1 + rate) ** i for i, t in enumerate(total))
    check(close(a.get("net_present_value", np.nan), npv, 1e-9),
          f"net_present_value {a.get('net_present_value')} != sum(total/(1+r)^i) = {npv}")
    check(a.get("net_present_value_units") == "JPY", "net_present_value_units is not JPY")
    components = list(f["costs/component"].asstr()[:])
    check(components == sorted(components), f"costs/component not sorted: {components}")


def check_access(f):
    classes = f["access/classes"]
    years = classes["fiscal_year"][:]
    check(set(years) <= set(FISCAL_YEARS), "access/classes/fiscal_year outside the horizon")
    check(np.all(np.diff(years) >= 0), "access/classes rows not ordered by fiscal year")
    p50, p95, top = classes["p50"][:], classes["p95"][:], classes["max"][:]
    check(np.all((0 <= p50) & (p50 <= p95) & (p95 <= top)), "access/classes: not p50 <= p95 <= max")
    check(np.all(classes["facilities"][:] >= 1), "access/classes/facilities < 1")
    kinds = set(classes["kind"].asstr()[:])
    check(kinds <= {"hospital", "clinic", "dental-clinic", "pharmacy"}, f"access kinds {kinds}")
    worst = f["access/worst"]
    wy, wu = worst["fiscal_year"][:], worst["utilisation"][:]
    for fy in FISCAL_YEARS:
        rows = wu[wy == fy]
        check(len(rows) <= 20 and np.all(np.diff(rows) <= 0),
              f"access/worst FY{fy}: more than 20 rows or not busiest first")
        check(len(rows) == int(classes["facilities"][:][years == fy].sum()),
              f"access/worst FY{fy}: {len(rows)} rows, classes count "
              f"{int(classes['facilities'][:][years == fy].sum())} facilities")
    check(set(worst["facility"].asstr()[:]) <= {"hospital-a", "clinic-b", "clinic-c", "pharmacy-d"},
          "access/worst names a facility that is not in small-region")
    check(np.all(worst["prefecture"][:] == 13), "access/worst/prefecture is not 13 (Tokyo)")


def check_hand_number(f, pool_names, arrivals):
    """Eligibility arrivals at dc-central on Tuesday 2022-10-18, 10:00-11:00 Japan time.

    small-region.yaml: eligibility volumes hospital 400/day, clinic 120/day (both the
    `outpatient` hour profile of the shipped volumes table) and pharmacy 200/day with the
    `pharmacy` profile; adoption 100% and service live from 2021-10-20; clinic-c joins on
    2022-04-01, so from then on every facility of each kind uses the service and its whole
    volume is generated and routed. A /day volume is the volume of a day of weight 1:

      weekday_weights.csv     tuesday 1.0 (Monday 2022-10-17 is not a holiday, so no
                              after-holiday multiplier)
      month_multipliers.csv   October 0.98 (no month has multiplier 1; eligibility is seasonal)
      hour_profiles.csv       outpatient h10 = 0.16, pharmacy h10 = 0.17 (one hour later)

      (400 x 0.16 + 120 x 0.16 + 200 x 0.17) x 1.0 x 0.98 / 3600 s
        = 117.2 x 0.98 / 3600 = 114.856 / 3600 = 0.0319044... arrivals per second
    """
    day = datetime.date(2022, 10, 18)
    weekday = read_table("weekday_weights.csv", "day")
    months = read_table("month_multipliers.csv", "month")
    profiles = read_table("hour_profiles.csv", "profile")
    tables = {"tuesday": float(weekday["tuesday"]["weight"]),
              "october": float(months["10"]["multiplier"]),
              "outpatient h10": float(profiles["outpatient"]["h10"]),
              "pharmacy h10": float(profiles["pharmacy"]["h10"])}
    assumed = {"tuesday": 1.0, "october": 0.98, "outpatient h10": 0.16, "pharmacy h10": 0.17}
    if not check(tables == assumed,
                 f"the data tables changed ({tables}, the hand calculation assumes {assumed}): "
                 f"redo the calculation in check_hand_number"):
        return
    holidays = read_table("holidays.csv", "date")
    check(day.weekday() == 1 and "2022-10-17" not in holidays and "2022-10-18" not in holidays,
          "2022-10-18 is no longer a Tuesday after a working day")
    expected = (400 * 0.16 + 120 * 0.16 + 200 * 0.17) * 1.0 * 0.98 / 3600
    if not check("eligibility@dc-central" in pool_names, f"no eligibility pool in {pool_names}"):
        return
    hour = (day - HORIZON_START).days * 24 + 10
    got = arrivals[pool_names.index("eligibility@dc-central"), hour]
    check(close(got, expected, 1e-6),
          f"pools/arrivals eligibility@dc-central at {day} 10:00 (hour {hour}) = {got!r}, "
          f"expected {expected!r} by hand")
    # Before the service goes live (2021-10-20) the pool sees nothing.
    live = (datetime.date(2021, 10, 20) - HORIZON_START).days * 24
    check(np.all(arrivals[pool_names.index("eligibility@dc-central"), :live] == 0),
          "eligibility arrivals before the service-live date 2021-10-20")


def check_csv(h5, f):
    path = os.path.splitext(h5)[0] + ".csv"
    if not check(os.path.exists(path), f"the CSV summary {path} does not exist"):
        return
    check(not os.path.exists(path + ".partial"), f"{path}.partial was left behind")
    with open(path, newline="", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    check(lines and lines[0] == CSV_HEADER, f"CSV header is\n    {lines[:1]}\n  expected\n    {CSV_HEADER}")
    rows = list(csv.DictReader(lines))
    check([int(r["fiscal_year"]) for r in rows] == FISCAL_YEARS, "CSV fiscal years")
    if len(rows) != len(FISCAL_YEARS):
        return
    total, tx = f["costs/total"][:], f["costs/transactions"][:]
    for i, row in enumerate(rows):
        check(abs(float(row["cost_yen"]) - total[i]) <= 0.5 + 1e-9 * total[i],
              f"CSV cost_yen FY{row['fiscal_year']} = {row['cost_yen']}, HDF5 {total[i]}")
        check(abs(float(row["transactions"]) - tx[i]) <= 0.5 + 1e-9 * tx[i],
              f"CSV transactions FY{row['fiscal_year']} = {row['transactions']}, HDF5 {tx[i]}")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: read_plan_results.py <path to tsunagu> <scratch directory>")
    h5 = run_plan(sys.argv[1], sys.argv[2])
    services_table = read_table("services.csv", "service")
    with h5py.File(h5, "r") as f:
        for group in ["manifest", "time", "links", "pools", "access", "access/classes",
                      "access/worst", "services", "costs"]:
            check(group in f and isinstance(f[group], h5py.Group), f"missing group {group}")
        finish()
        n_links = f["links/name"].shape[0]
        n_pools = f["pools/name"].shape[0]
        n_services = f["services/name"].shape[0]
        hours = int(f["time"].attrs["hours"])
        check(n_links == 2 and n_pools == 2,
              f"small-region has 2 infrastructure links and 2 pools, found {n_links}, {n_pools}")
        check_root_and_manifest(f)
        check_time(f)
        check_structure(f, n_links, n_pools, n_services, hours, len(FISCAL_YEARS))
        finish()
        check_links(f, float(f["time"].attrs["utilisation_target"]))
        pool_names, arrivals = check_pools(f, services_table)
        check_services_and_costs(f)
        check_access(f)
        check_hand_number(f, pool_names, arrivals)
        check_csv(h5, f)
    finish()
    print(f"ok: {h5} has the layout of docs/output-format.md and consistent values")


if __name__ == "__main__":
    main()
