#!/usr/bin/env python3
"""The layering of the code, checked on its #include lines.

Usage:
    check_layers.py [ROOT]

Scans every .cpp and .hpp under ROOT/models and ROOT/sim (ROOT defaults to the current directory,
the source root) and checks each #include line against RULES below. Prints each violation as

    file:line: includes X (rule: reason)

and exits 1 if any rule is broken. A rule marked pending=True (a refactor in progress will make it
hold) is reported as a warning only and does not fail the check; flip it to False once it holds.

Only direct includes are checked, not what they include in turn; '#include' lines inside
comments or '#if 0' blocks are checked too (better a false alarm than a missed one).
"""

import os
import re
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    prefix: str  # files whose path (relative to ROOT, '/'-separated) starts with this...
    forbidden: str  # ...may not include a header whose name matches this regex (re.search)...
    reason: str
    unless: tuple = ()  # ...unless their path starts with one of these
    pending: bool = False  # True: a warning only, until the refactor in progress lands


# HDF5's C headers and our wrappers around them.
HDF5_HEADERS = r"^(hdf5(_hl)?\.h|H5\w*\.h(pp)?|sim/io/results/hdf5_(file|columns)\.hpp)$"
ENGINES = r"^sim/(analytic|des)/"
STUDIES = r"^sim/(sizing|failures|study)/"

# The layers of docs/architecture.md, from the bottom: models/ (the domain); sim/core/ (the shared
# core); sim/io/input/ (scenarios); the engines sim/analytic/ and sim/des/; the studies
# sim/sizing/ and sim/failures/ on the engines, and sim/study/ (sensitivity, uncertainty) on
# the planner; sim/io/results/ (results files); sim/cli/.
RULES = [
    Rule("models/", r"^sim/",
         "models/ is the domain; it includes nothing of sim/"),
    Rule("sim/core/", r"^sim/(?!core/)",
         "the shared core sits on models/ alone"),
    Rule("sim/io/input/", r"^sim/(?!io/input/|build_info\.hpp)",
         "reading scenarios needs no engine, result or core (it links no SimGrid, no HDF5)"),
    Rule("sim/des/", r"^sim/analytic/",
         "the DES engine does not include the analytic engine (no engine imports another)"),
    Rule("sim/analytic/", r"^sim/des/",
         "the analytic engine does not include the DES engine (no engine imports another)"),
    Rule("sim/analytic/", r"^sim/(io|cli|sizing|failures|study)/",
         "an engine knows nothing of the studies, results files or the command line above it"),
    Rule("sim/des/", r"^sim/(io|cli|sizing|failures|study)/",
         "an engine knows nothing of the studies, results files or the command line above it"),
    Rule("sim/sizing/", r"^sim/(io|cli|failures|study)/",
         "a study knows nothing of results files, the command line or the other study"),
    Rule("sim/failures/", r"^sim/(io|cli|sizing|study)/",
         "a study knows nothing of results files, the command line or the other study"),
    Rule("sim/study/", r"^sim/(io|cli|sizing|failures|des)/",
         "a study of sim/study/ (sensitivity, uncertainty) runs the analytic planner only and "
         "knows nothing of results files, the command line, the DES or the other studies"),
    Rule("sim/io/results/", r"^sim/cli/",
         "results files know nothing of the command line"),
    Rule("", r"^(simgrid|xbt)/",
         "only sim/des/simgrid/ includes SimGrid",
         unless=("sim/des/simgrid/",)),
    Rule("", HDF5_HEADERS,
         "only the results writers and readers (sim/io/results/) and the CLI (sim/cli/) include HDF5",
         unless=("sim/io/results/", "sim/cli/")),
]

SCANNED = ("models", "sim")
EXTENSIONS = (".cpp", ".hpp")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def sources(root):
    for top in SCANNED:
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(EXTENSIONS):
                    path = os.path.join(folder, name)
                    yield os.path.relpath(path, root).replace(os.sep, "/"), path


def violations(root):
    """(relative path, line number, the include as written, rule) for each broken rule."""
    rules = [(rule, re.compile(rule.forbidden)) for rule in RULES]
    for relative, path in sources(root):
        applicable = [(rule, regex) for rule, regex in rules
                      if relative.startswith(rule.prefix) and
                      not any(relative.startswith(u) for u in rule.unless)]
        if not applicable:
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                opening, header = match.groups()
                written = opening + header + (">" if opening == "<" else '"')
                for rule, regex in applicable:
                    if regex.search(header):
                        yield relative, number, written, rule


def main(argv):
    if len(argv) > 1:
        sys.exit(__doc__.split("\n\n")[1])
    root = argv[0] if argv else "."
    if not any(os.path.isdir(os.path.join(root, top)) for top in SCANNED):
        sys.exit(f"check_layers: no {' or '.join(SCANNED)} folder under {root!r}")
    errors = warnings = 0
    for relative, number, written, rule in violations(root):
        if rule.pending:
            warnings += 1
            print(f"{relative}:{number}: includes {written} (rule: {rule.reason}) "
                  f"[warning: rule pending]")
        else:
            errors += 1
            print(f"{relative}:{number}: includes {written} (rule: {rule.reason})")
    print(f"check_layers: {errors} violation(s), {warnings} warning(s) of pending rules")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
