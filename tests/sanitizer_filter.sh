#!/bin/sh
# The gtest filter of the sanitizer run (make sanitize): every suite of the unit and validation
# tests, and the CLI's bad-input suite (every file of tests/scenarios/bad through the binary).
# The other integration suites run whole commands and stay in the plain build, and so do the
# three longest statistical validations (DesPaths, ConfidenceCoverage, CommonRandomNumbers:
# 150 of the subset's 420 s in the plain build), to keep CI within its time budget.
cd "$(dirname "$0")" || exit 1
suites=$(sed -n 's/^\(TEST\|TEST_F\|TEST_P\)(\([A-Za-z0-9_]*\),.*/\2/p' unit/*.cpp validation/*.cpp | sort -u)
filter="*CliBadInput.*"
for suite in $suites; do filter="$filter:*$suite.*"; done
echo "$filter-*DesPaths.*:*ConfidenceCoverage.*:*CommonRandomNumbers.*"
