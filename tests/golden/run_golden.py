#!/usr/bin/env python3
"""Golden output tests, in the style of SimGrid's .tesh files.

Usage:
    run_golden.py BINARY SOURCE_DIR CASE.tesh [--update]

A case file (tests/golden/NAME.tesh, ctest Golden.NAME) holds one or more commands, each with the
standard output it must print, line for line:

    # A comment (a line starting with '#'); blank lines are ignored too.
    $ tsunagu simulate tests/scenarios/ix-outage.yaml --window 2023-06-06 --seed 1
    > tsunagu simulate: scenario 'ix-outage', 1 day(s) from 2023-06-06 (Tuesday), seed 1
    > ...

- '$ ' starts a command. It is split like a shell would (shlex) but run without a shell, from
  SOURCE_DIR. A first word 'tsunagu' becomes BINARY; other commands run as they are (e.g.
  'cat $TMP/x.csv' to compare a file a command wrote). '$TMP' in any word becomes a temporary
  directory the runner makes for the case (shared by its commands, removed afterwards): write
  result files there, never into the source tree.
- '> ' lines are the expected standard output of the command above them ('>' alone is an empty
  line). Standard error is not compared; it is shown when a command fails.
- Every command must exit with status 0.

Before comparing, the runner rewrites the actual output, then applies the masks below to both the
expected and the actual lines:
  1. the temporary directory's path becomes the text '$TMP' (a literal replacement);
  2. MASKS, a short explicit list of regex substitutions for what varies from run to run: wall
     time, events per second, peak memory. Nothing else is masked: any change of behaviour (a
     count, a quantile, a cost, a date) shows up as a diff to review.

On a mismatch the runner prints a unified diff (expected, then actual) and exits 1.

--update rewrites the '> ' lines of CASE.tesh from the actual output (masked, so that rerunning it
gives no diff), keeping the comments and commands. Regenerate every case after an intended change
of behaviour with

    make golden-update

which rebuilds tsunagu and runs this script with --update on each tests/golden/*.tesh; review the
diff (git diff tests/golden) before committing it.
"""

import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile

# (regex, replacement), applied in order to each line of expected and actual output.
MASKS = [
    # simulate: "1,234,567 events in 2.3 s (536,768 events/s); peak memory 45.6 MB"
    (re.compile(r"\d+(\.\d+)? s \([\d,.]+ events/s\)"), "<wall>"),
    # plan: "Results: $TMP/x.h5 and $TMP/x.csv (3.2 s, peak memory 45.6 MB)"
    (re.compile(r"\(\d+(\.\d+)? s, "), "(<wall>, "),
    # bytesText(): "812 B", "45.6 MB", ...
    (re.compile(r"peak memory \d+(\.\d+)? [kMGTP]?B"), "peak memory <mem>"),
]

TIMEOUT_SECONDS = 120


def mask(line, tmp=None):
    if tmp:
        line = line.replace(tmp, "$TMP")
    for pattern, replacement in MASKS:
        line = pattern.sub(replacement, line)
    return line


def parse(path):
    """The case's lines and its commands: a list of [command, expected lines, line number]."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    commands = []
    for number, line in enumerate(lines, 1):
        if line.startswith("$ "):
            commands.append([line[2:].strip(), [], number])
        elif line.startswith("> ") or line == ">":
            if not commands:
                sys.exit(f"{path}:{number}: an expected line before any '$ ' command")
            commands[-1][1].append(line[2:])
        elif line.strip() and not line.startswith("#"):
            sys.exit(f"{path}:{number}: expected '$ ', '> ', '#' or a blank line, got {line!r}")
    if not commands:
        sys.exit(f"{path}: no '$ ' command")
    return lines, commands


def run(command, binary, source_dir, tmp):
    words = [w.replace("$TMP", tmp) for w in shlex.split(command)]
    if words[0] == "tsunagu":
        words[0] = binary
    try:
        done = subprocess.run(words, cwd=source_dir, capture_output=True, text=True,
                              timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {TIMEOUT_SECONDS} s"
    if done.returncode != 0:
        return None, f"exit status {done.returncode}\n--- stderr ---\n{done.stderr}"
    return done.stdout.splitlines(), None


def rewrite(path, lines, actual_outputs):
    out = []
    index = 0
    for line in lines:
        if line.startswith("> ") or line == ">":
            continue
        out.append(line)
        if line.startswith("$ "):
            out.extend(("> " + a) if a else ">" for a in actual_outputs[index])
            index += 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main(argv):
    args = [a for a in argv if a != "--update"]
    update = len(args) != len(argv)
    if len(args) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    binary, source_dir, case = (os.path.abspath(a) for a in args)
    lines, commands = parse(case)
    name = os.path.basename(case)
    failed = False
    actual_outputs = []
    with tempfile.TemporaryDirectory(prefix="tsunagu-golden-") as tmp:
        for command, expected, number in commands:
            actual, error = run(command, binary, source_dir, tmp)
            if error:
                print(f"{name}:{number}: $ {command}\nFAILED: {error}")
                return 1
            actual = [mask(a, tmp) for a in actual]
            actual_outputs.append(actual)
            expected = [mask(e) for e in expected]
            if actual != expected and not update:
                failed = True
                print(f"{name}:{number}: $ {command}\nOutput differs from the expected:")
                sys.stdout.writelines(
                    difflib.unified_diff([e + "\n" for e in expected], [a + "\n" for a in actual],
                                         fromfile=f"{name} (expected)", tofile="actual output",
                                         lineterm="\n"))
    if update:
        rewrite(case, lines, actual_outputs)
        print(f"{name}: expected output rewritten ({len(commands)} command(s))")
        return 0
    if failed:
        print("If the change of behaviour is intended, regenerate the expected output with "
              "`make golden-update` and review `git diff tests/golden`.")
        return 1
    print(f"{name}: {len(commands)} command(s), output as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
