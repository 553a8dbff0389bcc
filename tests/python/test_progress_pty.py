#!/usr/bin/python3
"""Progress of the long commands, seen the way a planner sees it: stderr on a pseudo-terminal.

- every long command (plan, run, simulate, size, failures, report) shows its first progress
  line within 5 s of starting, names its steps as `step k/n`, and exits 0;
- the time left converges: in a measured step that runs long enough to judge (at least 4 s),
  every estimate given once 10% of the step is done puts the step's end within 30% of the
  step's length (+ 1.5 s for the whole seconds it is printed in and the redraw interval) of
  when it really ended, and, while more than a quarter of the step is left, within 30% (+ 1.5 s)
  of what was really left;
- with -q nothing at all is written to stderr;
- not on a terminal (stderr a pipe) a long command writes plain lines, no carriage returns.

Usage: test_progress_pty.py <path to tsunagu> <repository root>   (ctest Cli.ProgressOnATerminal)
"""

import os
import pty
import re
import select
import subprocess
import time
import unittest

import analysis_fixtures as fx

TSUNAGU, REPO = fx.take_paths()

LINE = re.compile(r"^tsunagu (\w+): step (\d+)/(\d+): (.*?)(?: +(\d+)%)? \| ([^|]+?)"
                  r"(?: \| about (.+) left)?\s*$")


def seconds_of(text):
    """'12 s', '3 min 05 s', '1 h 02 min' -> seconds."""
    total = 0.0
    for value, unit in re.findall(r"(\d+) (h|min|s)\b", text):
        total += float(value) * {"h": 3600, "min": 60, "s": 1}[unit]
    return total


def run_on_terminal(args, timeout=600):
    """Runs tsunagu with stderr on a pseudo-terminal (stdout a pipe). Returns (exit code, stdout,
    the progress lines as (seconds since start, text), everything written to stderr)."""
    master, slave = pty.openpty()
    started = time.monotonic()
    process = subprocess.Popen([TSUNAGU] + args, cwd=REPO, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    chunks, pending, lines = [], "", []
    stdout = b""
    os.set_blocking(process.stdout.fileno(), False)
    while True:
        ready, _, _ = select.select([master, process.stdout], [], [], 0.05)
        now = time.monotonic() - started
        if process.stdout in ready:
            stdout += process.stdout.read() or b""
        if master in ready:
            try:
                data = os.read(master, 65536).decode("utf-8", "replace")
            except OSError:  # the terminal closed with the process
                data = ""
            chunks.append(data)
            pending += data
            # A line ends at a carriage return (redrawn) or a newline.
            parts = re.split(r"[\r\n]", pending)
            pending = parts.pop()
            for part in parts:
                text = part.replace("\x1b[K", "").strip()
                if text:
                    lines.append((now, text))
            if not data and process.poll() is not None:
                break
        elif process.poll() is not None:
            break
        if now > timeout:
            process.kill()
            raise AssertionError(f"tsunagu {' '.join(args)} ran over {timeout} s")
    process.wait()
    stdout += process.stdout.read() or b""
    process.stdout.close()
    os.close(master)
    end = time.monotonic() - started
    if pending.replace("\x1b[K", "").strip():
        lines.append((end, pending.replace("\x1b[K", "").strip()))
    return process.returncode, stdout.decode(), lines, "".join(chunks), end


def progress_lines(lines):
    """(time, step, steps, name, percent or None, left in seconds or None)."""
    found = []
    for t, text in lines:
        m = LINE.match(text)
        if m:
            found.append((t, int(m.group(2)), int(m.group(3)), m.group(4),
                          None if m.group(5) is None else float(m.group(5)),
                          None if m.group(7) is None else seconds_of(m.group(7))))
    return found


def scenario(name):
    return os.path.join(REPO, "tests", "scenarios", name)


class ProgressOnATerminal(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = fx.Workspace(TSUNAGU, REPO)

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def check_command(self, args):
        code, out, lines, raw, _ = run_on_terminal(args)
        self.assertEqual(code, 0, f"tsunagu {' '.join(args)}:\n{out}\n{raw[-3000:]}")
        steps = progress_lines(lines)
        self.assertTrue(steps, f"no progress line from tsunagu {' '.join(args)}:\n{raw[-2000:]}")
        self.assertLess(steps[0][0], 5.0, f"first progress line after {steps[0][0]:.1f} s")
        self.assertEqual(steps[0][1], 1)
        self.assertTrue(all(s[1] <= s[2] for s in steps), steps)
        # The line is cleared before the results: nothing of it is left on the last line.
        self.assertTrue(raw.endswith("\x1b[K"), repr(raw[-200:]))
        return out

    def test_every_long_command_shows_progress_within_5_s(self):
        plan = self.ws.path("check.h5")
        self.check_command(["plan", scenario("plan-check.yaml"), "-o", plan])
        out = self.check_command(["run", scenario("plan-check.yaml"), "-o",
                                  self.ws.path("run.h5")])
        self.assertRegex(out, r"eligibility +[\d,]+ +[\d,]+ +\d")  # the peak day's latencies
        self.check_command(["simulate", scenario("plan-check.yaml"), "--window", "2023-06-05"])
        self.check_command(["size", scenario("size-check.yaml"), "-o", self.ws.path("s.h5")])
        self.check_command(["failures", scenario("failures-check.yaml"), "--des-top", "1",
                            "-o", self.ws.path("f.h5")])
        self.check_command(["report", plan, "-o", self.ws.path("report")])

    def check_estimates(self, args, measured_name):
        code, out, lines, raw, end = run_on_terminal(args)
        self.assertEqual(code, 0, raw[-2000:])
        steps = progress_lines(lines)
        measured = [s for s in steps if s[3].startswith(measured_name)]
        self.assertTrue(measured, f"no step '{measured_name}':\n{raw[-2000:]}")
        step = measured[0][1]
        begun = min(s[0] for s in measured)
        later = [s[0] for s in steps if s[1] > step]
        ended = min(later) if later else end
        length = ended - begun
        self.assertGreater(length, 4.0, f"the step took {length:.1f} s: too short to judge")
        judged = [s for s in measured if s[4] is not None and s[4] >= 10 and s[5] is not None]
        self.assertGreater(len(judged), 3, measured)
        for t, _, _, _, percent, left in judged:
            really_left = ended - t
            error = abs(left - really_left)
            self.assertLess(error, 0.3 * length + 1.5,
                            f"at {percent:.0f}% ({t - begun:.1f} s into a {length:.1f} s step) "
                            f"the estimate was {left:.0f} s left, really {really_left:.1f} s")
            if really_left > 0.25 * length:   # near the end, the whole seconds dominate
                self.assertLess(error, 0.3 * really_left + 1.5,
                                f"at {percent:.0f}%: {left:.0f} s left, really "
                                f"{really_left:.1f} s")

    def busy_scenario(self):
        """plan-check with 2,500 times the eligibility checks, all in outpatient hours (none
        before 08:00): a day of several seconds whose simulated time runs fast at night and
        slowly in the morning, where an estimate by simulated time goes wrong."""
        return self.ws.write("busy.yaml", (
            f"extends: {scenario('plan-check.yaml')}\nname: progress-check\n"
            "volumes:\n  eligibility:\n    clinic: {volume: 6000000/day, "
            "hour_profile: outpatient}\n"))

    def test_the_time_left_of_a_simulation_converges(self):
        self.check_estimates(["simulate", self.busy_scenario(), "--window", "2023-06-05"],
                             "simulating")

    def test_the_time_left_of_a_plan_converges(self):
        self.check_estimates(["plan", os.path.join(REPO, "scenarios", "plan-2017.yaml"),
                              "-o", self.ws.path("plan-2017.h5")], "planning")

    def test_quiet_writes_nothing_on_stderr(self):
        code, out, lines, raw, _ = run_on_terminal(
            ["simulate", scenario("plan-check.yaml"), "--window", "2023-06-05", "-q"])
        self.assertEqual(code, 0, out)
        self.assertEqual(raw, "")
        self.assertIn("Conservation holds", out)

    def test_verbose_tells_each_step_time(self):
        code, out, lines, raw, _ = run_on_terminal(
            ["simulate", scenario("plan-check.yaml"), "--window", "2023-06-05", "-v"])
        self.assertEqual(code, 0, out)
        self.assertRegex(raw, r"step 3/4 done: simulating 1 day\(s\) from 2023-06-05 in \d+ s")
        self.assertRegex(raw, r"[\d,]+ events in [\d.]+ s")

    def test_plain_lines_when_not_on_a_terminal(self):
        run = subprocess.run([TSUNAGU, "simulate", self.busy_scenario(), "--window",
                              "2023-06-05"], cwd=REPO, capture_output=True, text=True,
                             timeout=600)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertNotIn("\r", run.stderr)
        self.assertNotIn("\x1b", run.stderr)
        self.assertRegex(run.stderr, r"tsunagu simulate: step 3/4: simulating 1 day")
        # A quick command (or bad input) says nothing on stderr but its own message.
        quick = subprocess.run([TSUNAGU, "simulate", scenario("plan-check.yaml"), "--window",
                                "2023-06-05"], cwd=REPO, capture_output=True, text=True,
                               timeout=120)
        self.assertEqual((quick.returncode, quick.stderr), (0, ""))


if __name__ == "__main__":
    unittest.main()
