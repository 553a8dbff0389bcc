#!/usr/bin/env python3
"""Check models/data/holidays.csv and models/data/prefectures.csv.

Standard library only.  Run from the repository root:

    python3 tools/check_data_tables.py

holidays.csv: the holiday list is recomputed here from the rules of the
Holidays Act (国民の祝日に関する法律) as code, independently of the CSV, and
compared row by row (date, name, name_ja, kind, source tag).

prefectures.csv: 47 rows in JIS order, column sums (hospitals 8,193; clinics
104,691; dental clinics 66,818; pharmacies 62,828), and the largest-remainder
allocations of dental clinics and pharmacies (and of the [E] clinic split for
prefectures 41-47) are reproduced.

Exit status 0 when every check holds, 1 otherwise.
"""

import csv
import datetime as dt
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOLIDAYS_CSV = os.path.join(ROOT, "models", "data", "holidays.csv")
PREFECTURES_CSV = os.path.join(ROOT, "models", "data", "prefectures.csv")

FIRST = dt.date(2016, 1, 1)
LAST = dt.date(2030, 12, 31)
LAST_GAZETTED_YEAR = 2026
SOURCE_S = "[S] Cabinet Office 国民の祝日について"
SOURCE_E = "[E] computed from the Holidays Act rules and the equinox formula; not yet gazetted"

failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)
    return ok


def read_csv(path):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")  # raises on invalid UTF-8
    rows = list(csv.reader(text.splitlines()))
    return raw, rows


# ------------------------------------------------------------------ holidays
# Rules as code: a per-day predicate, deliberately not a per-year table.

def nth_weekday_of_month(d, weekday):
    """(n, is the n-th such weekday of its month) for date d, or None."""
    if d.weekday() != weekday:
        return None
    return (d.day - 1) // 7 + 1


def equinox_day(year, base):
    # floor(base + 0.242194*(y-1980) - floor((y-1980)/4)); valid 1980-2099.
    n = year - 1980
    return int(base + 0.242194 * n - n // 4)


def national_holiday(d):
    """(English name, Japanese name) if d is a 国民の祝日, else None."""
    y, m, day = d.year, d.month, d.day
    monday_n = nth_weekday_of_month(d, 0)

    if (m, day) == (1, 1):
        return ("New Year's Day", "元日")
    if m == 1 and monday_n == 2:
        return ("Coming of Age Day", "成人の日")
    if (m, day) == (2, 11):
        return ("National Foundation Day", "建国記念の日")
    if m == 3 and day == equinox_day(y, 20.8431):
        return ("Vernal Equinox Day", "春分の日")
    if (m, day) == (4, 29):
        return ("Showa Day", "昭和の日")
    if (m, day) == (5, 3):
        return ("Constitution Memorial Day", "憲法記念日")
    if (m, day) == (5, 4):
        return ("Greenery Day", "みどりの日")
    if (m, day) == (5, 5):
        return ("Children's Day", "こどもの日")
    if m == 9 and monday_n == 3:
        return ("Respect for the Aged Day", "敬老の日")
    if m == 9 and day == equinox_day(y, 23.2488):
        return ("Autumnal Equinox Day", "秋分の日")
    if (m, day) == (11, 3):
        return ("Culture Day", "文化の日")
    if (m, day) == (11, 23):
        return ("Labour Thanksgiving Day", "勤労感謝の日")

    # Emperor's Birthday: Dec 23 (Akihito) up to 2018, none in 2019,
    # Feb 23 (Naruhito) from 2020.
    if y <= 2018 and (m, day) == (12, 23):
        return ("Emperor's Birthday", "天皇誕生日")
    if y >= 2020 and (m, day) == (2, 23):
        return ("Emperor's Birthday", "天皇誕生日")

    # 2019 one-off holidays (special act of 2018).
    if d == dt.date(2019, 5, 1):
        return ("Day of the Emperor's Enthronement", "天皇の即位の日")
    if d == dt.date(2019, 10, 22):
        return ("Enthronement Ceremony Day", "即位礼正殿の儀の行われる日")

    # Olympic moves (Tokyo 2020 special measures act) for 2020 and 2021.
    moved = {
        2020: {"marine": (7, 23), "sports": (7, 24), "mountain": (8, 10)},
        2021: {"marine": (7, 22), "sports": (7, 23), "mountain": (8, 8)},
    }
    if y in moved:
        if (m, day) == moved[y]["marine"]:
            return ("Marine Day", "海の日")
        if (m, day) == moved[y]["sports"]:
            return ("Sports Day", "スポーツの日")
        if (m, day) == moved[y]["mountain"]:
            return ("Mountain Day", "山の日")
        return None

    if m == 7 and monday_n == 3:
        return ("Marine Day", "海の日")
    if y >= 2016 and (m, day) == (8, 11):
        return ("Mountain Day", "山の日")
    if m == 10 and monday_n == 2:
        if y >= 2020:
            return ("Sports Day", "スポーツの日")
        return ("Health and Sports Day", "体育の日")
    return None


def holiday(d):
    """(name, name_ja, kind) if d is any holiday, else None."""
    nat = national_holiday(d)
    if nat:
        return nat + ("national",)
    one = dt.timedelta(days=1)
    # Substitute holiday (振替休日): a national holiday on a Sunday makes the
    # next day that is not a national holiday a holiday.  So d qualifies if
    # the unbroken run of national holidays just before d contains a Sunday.
    p = d - one
    while national_holiday(p):
        if p.weekday() == 6:
            return ("Substitute Holiday", "振替休日", "substitute")
        p -= one
    # Citizens' holiday (国民の休日): a non-Sunday day whose neighbours on
    # both sides are national holidays.
    if d.weekday() != 6 and national_holiday(d - one) and national_holiday(d + one):
        return ("Citizens' Holiday", "国民の休日", "citizens")
    return None


def expected_holidays():
    out = []
    d = FIRST
    while d <= LAST:
        h = holiday(d)
        if h:
            src = SOURCE_S if d.year <= LAST_GAZETTED_YEAR else SOURCE_E
            out.append((d.isoformat(),) + h + (src,))
        d += dt.timedelta(days=1)
    return out


# Fixed points from the Cabinet Office list, to catch a rule that is wrong in
# both the CSV and the code above.
KNOWN = {
    "2016-08-11": "national",     # first Mountain Day
    "2018-12-23": "national",     # last Dec 23 Emperor's Birthday
    "2018-12-24": "substitute",
    "2019-04-30": "citizens",
    "2019-05-01": "national",
    "2019-05-02": "citizens",
    "2019-05-06": "substitute",
    "2019-10-22": "national",
    "2020-02-24": "substitute",
    "2020-07-23": "national",
    "2020-07-24": "national",
    "2020-08-10": "national",
    "2021-07-22": "national",
    "2021-07-23": "national",
    "2021-08-08": "national",
    "2021-08-09": "substitute",
    "2023-01-02": "substitute",
    "2024-02-12": "substitute",
    "2025-05-06": "substitute",
    "2026-09-22": "citizens",
    "2027-03-22": "substitute",
}
KNOWN_ABSENT = ["2019-12-23", "2019-02-23", "2020-10-12", "2021-10-11",
                "2020-08-11", "2021-08-11", "2020-07-20", "2021-07-19"]


def check_holidays():
    print("== " + os.path.relpath(HOLIDAYS_CSV, ROOT))
    try:
        raw, rows = read_csv(HOLIDAYS_CSV)
    except (OSError, UnicodeDecodeError) as e:
        check(False, "read holidays.csv: %s" % e)
        return
    check(b"\r" not in raw, "LF line endings")
    check(bool(rows) and rows[0] == ["date", "name", "name_ja", "kind", "source"], "header")
    body = rows[1:]
    check(all(len(r) == 5 for r in body), "5 fields in every row")
    body = [tuple(r) for r in body if len(r) == 5]
    check(all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[0]) for r in body), "ISO dates")
    dates = [r[0] for r in body]
    check(dates == sorted(dates) and len(set(dates)) == len(dates), "sorted by date, no duplicates")
    check(all(r[3] in ("national", "substitute", "citizens") for r in body), "kind in {national, substitute, citizens}")

    exp = expected_holidays()
    got_by_date = {r[0]: r for r in body}
    exp_by_date = {r[0]: r for r in exp}
    missing = sorted(set(exp_by_date) - set(got_by_date))
    extra = sorted(set(got_by_date) - set(exp_by_date))
    differ = sorted(k for k in set(exp_by_date) & set(got_by_date) if exp_by_date[k] != got_by_date[k])
    for k in missing:
        print("      missing from CSV: %s" % (exp_by_date[k],))
    for k in extra:
        print("      not a holiday by the rules: %s" % (got_by_date[k],))
    for k in differ:
        print("      differs: CSV %s / rules %s" % (got_by_date[k], exp_by_date[k]))
    check(not missing and not extra and not differ,
          "CSV equals the rule-computed list (%d rows expected, %d in CSV)" % (len(exp), len(body)))

    for date, kind in sorted(KNOWN.items()):
        r = got_by_date.get(date)
        check(r is not None and r[3] == kind, "known check %s is %s" % (date, kind))
    check(all(d not in got_by_date for d in KNOWN_ABSENT), "known non-holidays absent (%s)" % ", ".join(KNOWN_ABSENT))
    check(got_by_date.get("2019-05-01", ("",) * 5)[1] == "Day of the Emperor's Enthronement",
          "2019-05-01 named Day of the Emperor's Enthronement")
    per_year = {}
    for r in body:
        per_year[r[0][:4]] = per_year.get(r[0][:4], 0) + 1
    print("      rows per year: " + ", ".join("%s:%d" % kv for kv in sorted(per_year.items())))


# --------------------------------------------------------------- prefectures
PREF_HEADER = ["code", "name", "name_ja", "region", "carrier_area", "capital", "lat", "lon",
               "hospitals", "clinics", "dental_clinics", "pharmacies", "source"]
REGIONS = [("Hokkaido", 1, 1), ("Tohoku", 2, 7), ("Kanto", 8, 14), ("Chubu", 15, 23),
           ("Kinki", 24, 30), ("Chugoku", 31, 35), ("Shikoku", 36, 39), ("Kyushu", 40, 47)]
NTT_EAST = set(range(1, 16)) | {19, 20}
TOTALS = {"hospitals": 8193, "clinics": 104691, "dental_clinics": 66818, "pharmacies": 62828}
# [E] split of clinics for 41-47: clinics per 100k (Oct 2018) x 2020 census,
# scaled to 104,691 minus the [S] sum of 1-40.
PER100K_41_47 = [82.0, 100.9, 81.7, 82.1, 79.9, 83.3, 59.6]
CENSUS2020_41_47 = [811442, 1312317, 1738301, 1123852, 1069576, 1588256, 1467480]


def largest_remainder(total, weights):
    """Integer allocation of total in proportion to integer weights;
    ties in the remainder go to the lower index (lower code)."""
    wsum = sum(weights)
    alloc = [total * w // wsum for w in weights]
    rem = [total * w % wsum for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-rem[i], i))
    for i in order[:total - sum(alloc)]:
        alloc[i] += 1
    return alloc


def check_prefectures():
    print("== " + os.path.relpath(PREFECTURES_CSV, ROOT))
    try:
        raw, rows = read_csv(PREFECTURES_CSV)
    except (OSError, UnicodeDecodeError) as e:
        check(False, "read prefectures.csv: %s" % e)
        return
    check(b"\r" not in raw, "LF line endings")
    check(bool(rows) and rows[0] == PREF_HEADER, "header")
    body = rows[1:]
    check(len(body) == 47, "47 rows (found %d)" % len(body))
    if not check(all(len(r) == len(PREF_HEADER) for r in body), "13 fields in every row"):
        return
    recs = [dict(zip(PREF_HEADER, r)) for r in body]
    ints = ["code", "hospitals", "clinics", "dental_clinics", "pharmacies"]
    if not check(all(re.fullmatch(r"[0-9]+", rec[k]) for rec in recs for k in ints),
                 "code and counts are plain integers"):
        return
    codes = [int(rec["code"]) for rec in recs]
    check(codes == list(range(1, 48)), "codes 1..47 in JIS order")
    check(all(re.fullmatch(r"-?\d+\.\d{4}", rec[k]) for rec in recs for k in ("lat", "lon")),
          "lat/lon with 4 decimals")
    check(all(24.0 < float(rec["lat"]) < 46.0 and 122.0 < float(rec["lon"]) < 146.0 for rec in recs),
          "lat/lon inside Japan")
    region_of = {c: name for name, lo, hi in REGIONS for c in range(lo, hi + 1)}
    check(all(rec["region"] == region_of[int(rec["code"])] for rec in recs), "regions (8-region split)")
    check(all(rec["carrier_area"] == ("east" if int(rec["code"]) in NTT_EAST else "west") for rec in recs),
          "carrier_area (NTT East %d, West %d)" % (len(NTT_EAST), 47 - len(NTT_EAST)))

    col = {k: [int(rec[k]) for rec in recs] for k in TOTALS}
    for k, total in TOTALS.items():
        check(sum(col[k]) == total, "sum of %s = %d (found %d)" % (k, total, sum(col[k])))

    dental = largest_remainder(TOTALS["dental_clinics"], col["clinics"])
    pharm = largest_remainder(TOTALS["pharmacies"], col["clinics"])
    bad_d = [c for c, a, b in zip(codes, dental, col["dental_clinics"]) if a != b]
    bad_p = [c for c, a, b in zip(codes, pharm, col["pharmacies"]) if a != b]
    check(not bad_d, "dental_clinics = largest-remainder allocation of 66818 by clinics" +
          (" (differs at codes %s)" % bad_d if bad_d else ""))
    check(not bad_p, "pharmacies = largest-remainder allocation of 62828 by clinics" +
          (" (differs at codes %s)" % bad_p if bad_p else ""))

    rest = TOTALS["clinics"] - sum(col["clinics"][:40])
    quotas = [p * d / 1e5 for p, d in zip(CENSUS2020_41_47, PER100K_41_47)]
    s = sum(quotas)
    quotas = [q * rest / s for q in quotas]
    split = [int(q) for q in quotas]
    order = sorted(range(7), key=lambda i: (-(quotas[i] - split[i]), i))
    for i in order[:rest - sum(split)]:
        split[i] += 1
    check(col["clinics"][40:] == split,
          "clinics 41-47 = [E] split of %d (per 100k x 2020 census, largest remainder) %s" % (rest, split))
    check(all("[S]" in rec["source"] and "[E]" in rec["source"] for rec in recs), "source names tags")


def main():
    check_holidays()
    check_prefectures()
    if failures:
        print("%d check(s) FAILED" % len(failures))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
