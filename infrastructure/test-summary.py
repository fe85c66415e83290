#!/usr/bin/env python3
"""Summarises the test reports that Maven left in the work tree, so that `make test` says what ran and what not.

Reads every `**/target/surefire-reports/TEST-*.xml` (tier "unit"), `**/target/failsafe-reports/TEST-*.xml`
(tier "integration/e2e"), `**/target/api-fuzz-reports/TEST-*.xml` (tier "api fuzz": schemathesis, written by
`infrastructure/api-fuzz/run`) and `**/target/browser-reports/TEST-*.xml` (tier "browser": node --test's JUnit
reporter, written by `make test` for web/), prints one row per tier and module, lists each skipped test with its reason (from
`<skipped message="...">`, or from the first line of the stack trace that Surefire 3.5 writes in its place for
a failed JUnit assumption; a node --test todo, `<skipped type="todo">`, a bar not met yet, is listed there with
its outcome and counted as skipped, not failed: node exits 0 for it), then any `--extra "tier: note"` lines for tiers that are not Java, and ends with the
line `N passed, N failed, N skipped`. Failed counts failures and errors. The exit code is always 0: Maven's own
exit code decides whether the build failed.

    python3 infrastructure/test-summary.py --extra "browser tests: none yet"
"""

import argparse
import os
import re
import sys
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

TIERS = {
    "surefire-reports": "unit",
    "failsafe-reports": "integration/e2e",
    "browser-reports": "browser",
    "api-fuzz-reports": "api fuzz",
}
TIER_ORDER = list(TIERS.values())
PRUNED_DIRS = {".git", ".venv", "node_modules", ".aws-sam", ".local"}
MESSAGE_LIMIT = 300
EXCEPTION_PREFIX = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+: ")


class Counts:
    def __init__(self):
        self.run = self.failed = self.errored = self.skipped = 0

    def add(self, other):
        self.run += other.run
        self.failed += other.failed
        self.errored += other.errored
        self.skipped += other.skipped

    @property
    def passed(self):
        return self.run - self.failed - self.errored - self.skipped


def find_reports(root):
    """Yields (tier, module, report path); the module is the directory that holds `target/`."""
    for directory, subdirectories, _ in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if d not in PRUNED_DIRS)
        if os.path.basename(directory) != "target":
            continue
        module = os.path.relpath(os.path.dirname(directory), root)
        for folder, tier in TIERS.items():
            for report in sorted(Path(directory, folder).glob("TEST-*.xml")):
                yield tier, "." if module == "." else module.replace(os.sep, "/"), report


def one_line(text):
    line = " ".join(text.split())
    return line if len(line) <= MESSAGE_LIMIT else line[: MESSAGE_LIMIT - 1] + "…"


def first_line_of_trace(text):
    """Surefire writes a failed assumption as its stack trace: keep the message of the first line."""
    lines = (text or "").strip().splitlines()
    return EXCEPTION_PREFIX.sub("", lines[0]).strip() if lines else ""


def read_report(path):
    """Returns the report's counts and its skipped tests as (test name, reason)."""
    counts = Counts()
    skipped = []
    root = ElementTree.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    if root.tag == "testsuites" and root.findall("testcase"):
        # node --test's JUnit reporter puts top-level tests straight under <testsuites>.
        suites.insert(0, root)
    for suite in suites:
        cases = suite.findall("testcase")
        if not cases and suite.find("testsuite") is not None:
            # A suite of suites (node's describe blocks): its tests are counted in the inner suites.
            continue
        if not cases and int(suite.get("tests", 0)) == 0:
            # JUnit aborts the whole class when an assumption fails in @BeforeAll, and Surefire then
            # records no test and no message: say so rather than let the class vanish.
            skipped.append((suite.get("name", path.name), "ran no test (an assumption in @BeforeAll, or no tests)"))
            continue
        if not cases:
            counts.run += int(suite.get("tests", 0))
            counts.failed += int(suite.get("failures", 0))
            counts.errored += int(suite.get("errors", 0))
            counts.skipped += int(suite.get("skipped", 0))
            continue
        for case in cases:
            counts.run += 1
            todo = case.find("skipped[@type='todo']")
            if todo is not None:
                # node --test's todo: a bar not met yet, run and reported but not a failure (node exits 0).
                counts.skipped += 1
                failure = case.find("failure")
                outcome = "failed: " + failure.get("message", "") if failure is not None else "passed"
                name = ".".join(part for part in (case.get("classname") or suite.get("name"), case.get("name")) if part)
                skipped.append((name, one_line(f"todo ({todo.get('message') or 'no reason given'}), {outcome}")))
            elif case.find("failure") is not None:
                counts.failed += 1
            elif case.find("error") is not None:
                counts.errored += 1
            elif (skip := case.find("skipped")) is not None:
                counts.skipped += 1
                reason = skip.get("message") or first_line_of_trace(skip.text) or "no reason given"
                name = ".".join(part for part in (case.get("classname") or suite.get("name"), case.get("name")) if part)
                skipped.append((name, one_line(reason)))
    return counts, skipped


def summarise(root, extras, out):
    by_row = defaultdict(Counts)
    skipped_tests = []
    unreadable = []
    for tier, module, report in find_reports(root):
        try:
            counts, skipped = read_report(report)
        except (ElementTree.ParseError, ValueError, OSError) as problem:
            unreadable.append((report, problem))
            continue
        by_row[(tier, module)].add(counts)
        skipped_tests.extend((tier, module, name, reason) for name, reason in skipped)

    total = Counts()
    if by_row:
        header = ("tier", "module", "run", "failed", "errored", "skipped")
        rows = [
            (tier, module, str(c.run), str(c.failed), str(c.errored), str(c.skipped))
            for (tier, module), c in sorted(by_row.items(), key=lambda item: (TIER_ORDER.index(item[0][0]), item[0][1]))
        ]
        for c in by_row.values():
            total.add(c)
        rows.append(("total", "", str(total.run), str(total.failed), str(total.errored), str(total.skipped)))
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(row):
            cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
            cells += [cell.rjust(width) for cell, width in zip(row[2:], widths[2:])]
            return "  ".join(cells).rstrip()

        print("Test summary", file=out)
        print(line(header), file=out)
        for row in rows:
            print(line(row), file=out)
    else:
        print("Test summary: no Maven test reports found under " + str(root), file=out)

    for report, problem in unreadable:
        print(f"unreadable report {os.path.relpath(report, root)}: {problem}", file=out)

    if skipped_tests:
        print("", file=out)
        print("Skipped tests:", file=out)
        for tier, module, name, reason in sorted(skipped_tests, key=lambda s: (TIER_ORDER.index(s[0]), s[1], s[2])):
            print(f"- {tier} {module} {name}: {reason}", file=out)

    if extras:
        print("", file=out)
        print("Other tiers:", file=out)
        for extra in extras:
            print(f"- {extra}", file=out)

    print(f"{total.passed} passed, {total.failed + total.errored} failed, {total.skipped} skipped", file=out)


def main(argv):
    parser = argparse.ArgumentParser(description="Summarise the Maven test reports of the repository.")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the repository to search (default: the one holding this script)",
    )
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="'TIER: NOTE'",
        help="a line about a non-Java tier, e.g. 'browser tests: none yet' (repeatable)",
    )
    try:
        args, unknown = parser.parse_known_args(argv)
    except SystemExit:  # --help, or a malformed option that argparse has already reported
        return 0
    if unknown:
        print(f"test-summary: ignoring unknown arguments {unknown}", file=sys.stderr)
    try:
        summarise(args.root.resolve(), args.extra, sys.stdout)
    except Exception as problem:  # a summary must never turn a green build red
        print(f"test-summary: could not summarise the reports: {problem}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
