#!/usr/bin/python3
"""Checks that h5py reads what tsunagu's Hdf5Writer writes.

Usage: read_hdf5_roundtrip.py <path to tsunagu_tests>

Runs the gtest Hdf5File.WritesFixtureForPython with TSUNAGU_HDF5_FIXTURE pointing into a temporary
directory, then opens the file with h5py and compares every dataset's values, shape and dtype,
the strings and the attributes against the values written in tests/unit/hdf5_file_test.cpp
(keep the two in step). Analysis notebooks read results through h5py, so this is the contract.

Run it with /usr/bin/python3: h5py comes from the Debian package python3-h5py, which a virtualenv
or another interpreter on PATH does not see.
"""

import os
import subprocess
import sys
import tempfile

try:
    import h5py
    import numpy as np
except ImportError as error:
    sys.exit(
        f"FAIL: cannot import h5py/numpy ({error}).\n"
        f"Install the Debian package: sudo apt-get install python3-h5py\n"
        f"and run this script with /usr/bin/python3 (this is {sys.executable})."
    )

SCENARIO = "national-2030 東京"
LINK_NAMES = ["tokyo-osaka", "大阪-福岡", ""]
DATASETS = {
    # path: (dtype, shape, values, units attribute or None)
    "links/capacity": ("float64", (3,), [100.0, 40.0, 10.5], "Gbps"),
    "links/summary/peak": ("float32", (3,), [1.5, 2.25, -3.0], "Gbps"),
    "links/hops": ("int64", (4,), [1, 2, -3, 1 << 40], None),
    "links/region_id": ("int32", (3,), [7, -8, 9], None),
    "links/utilisation": ("float64", (2, 3), [[0.125, 0.25, 0.5], [0.75, 1.0, 0.0]], "1"),
    "hourly/load": ("float32", (3, 4), [[0, 1, 2, 3], [10, 11, 12, 13], [20, 21, 22, 23]], "Gbps"),
    "empty/values": ("float64", (0,), [], None),
}
ROOT_ATTRIBUTES = {"schema_version": 1, "peak_ratio": 1.25, "link_count": 3}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def write_fixture(tests_binary, path):
    env = dict(os.environ, TSUNAGU_HDF5_FIXTURE=path)
    result = subprocess.run(
        [tests_binary, "--gtest_filter=Hdf5File.WritesFixtureForPython"],
        env=env, capture_output=True, text=True)
    if result.returncode != 0 or not os.path.exists(path):
        sys.exit(f"FAIL: {tests_binary} did not write the fixture {path} "
                 f"(exit {result.returncode})\n{result.stdout}{result.stderr}")
    if os.path.exists(path + ".partial"):
        failures.append(f"{path}.partial left behind after commit")


def check_file(path):
    with h5py.File(path, "r") as f:
        for name, (dtype, shape, values, units) in DATASETS.items():
            if name not in f:
                failures.append(f"{name}: missing")
                continue
            dataset = f[name]
            check(dataset.dtype == np.dtype(dtype),
                  f"{name}: dtype {dataset.dtype}, expected {dtype}")
            check(dataset.shape == shape, f"{name}: shape {dataset.shape}, expected {shape}")
            expected = np.array(values, dtype=dtype).reshape(shape)
            actual = dataset[()]
            check(np.array_equal(actual, expected),
                  f"{name}: values {actual.tolist()}, expected {expected.tolist()}")
            actual_units = dataset.attrs.get("units")
            check(actual_units == units,
                  f"{name}: units attribute {actual_units!r}, expected {units!r}")

        names = f["links/names"]
        check(names.shape == (len(LINK_NAMES),), f"links/names: shape {names.shape}")
        string_info = h5py.check_string_dtype(names.dtype)
        check(string_info is not None and string_info.encoding == "utf-8"
              and string_info.length is None,
              f"links/names: expected variable-length UTF-8 strings, found {string_info}")
        check(list(names.asstr()[()]) == LINK_NAMES,
              f"links/names: {list(names.asstr()[()])}, expected {LINK_NAMES}")
        check([b.decode("utf-8") for b in names[()]] == LINK_NAMES,
              "links/names: raw bytes do not decode to the expected names")
        check(f["empty/names"].shape == (0,), f"empty/names: shape {f['empty/names'].shape}")

        scenario = f["meta/scenario"]
        check(scenario.shape == (), f"meta/scenario: shape {scenario.shape}, expected scalar")
        check(scenario.asstr()[()] == SCENARIO,
              f"meta/scenario: {scenario.asstr()[()]!r}, expected {SCENARIO!r}")

        check(f["hourly"].attrs.get("start") == "2030-01-01T00:00+09:00",
              f"hourly: start attribute {f['hourly'].attrs.get('start')!r}")
        check(isinstance(f.get("notes"), h5py.Group), "notes: expected a group")
        check(f["notes"].attrs.get("text") == "group with attributes only",
              f"notes: text attribute {f['notes'].attrs.get('text')!r}")
        for name, value in ROOT_ATTRIBUTES.items():
            actual = f.attrs.get(name)
            check(actual is not None and actual == value and type(actual.item()) is type(value),
                  f"/: attribute {name} = {actual!r}, expected {value!r}")


def main():
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} <path to tsunagu_tests>")
    with tempfile.TemporaryDirectory(prefix="tsunagu-h5py-") as directory:
        path = os.path.join(directory, "fixture.h5")
        write_fixture(sys.argv[1], path)
        check_file(path)
    if failures:
        print(f"FAIL: h5py {h5py.__version__} disagrees with Hdf5Writer:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    print(f"OK: h5py {h5py.__version__} read {len(DATASETS) + 3} datasets and their attributes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
