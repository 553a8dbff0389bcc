#!/bin/sh
# The scenario reader links no SimGrid and no HDF5: the probe (tsunagu_input alone) must load
# the scenarios and its shared libraries must not include either.
# Usage: check_input_links.sh PROBE SCENARIO...
set -eu
probe=$1
shift
"$probe" "$@"
libraries=$(ldd "$probe")
if echo "$libraries" | grep -Ei 'simgrid|hdf5'; then
  echo "the scenario reader links SimGrid or HDF5 (above)" >&2
  exit 1
fi
echo "the scenario reader links neither SimGrid nor HDF5"
