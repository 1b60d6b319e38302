#!/usr/bin/env bash
# Adds up the closing counts of several `meson test` runs into the one plain
# line CI reads: "N passed, N failed, N skipped".
set -eu
awk '
  /^Ok:/               { passed += $2 }
  /^Expected Fail:/    { passed += $3 }
  /^Fail:/             { failed += $2 }
  /^Unexpected Pass:/  { failed += $3 }
  /^Timeout:/          { failed += $2 }
  /^Skipped:/          { skipped += $2 }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$@"
