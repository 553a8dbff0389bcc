# One entry point for set-up, build, demo, tests and benchmarks.
# `make demo` and `make check` work on a fresh Debian 12 machine (as root, or with sudo).

BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
SCENARIO ?= scenarios/plan-2017.yaml

DEBIAN_PACKAGES := cmake g++ make pkg-config clang-format \
  libsimgrid-dev libeigen3-dev libboost-dev libboost-graph-dev libhdf5-dev \
  libyaml-cpp-dev libcli11-dev libfmt-dev librandom123-dev libssl-dev \
  libgtest-dev googletest libbenchmark-dev time \
  python3 python3-matplotlib python3-h5py python3-numpy chromium fonts-noto-cjk

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup build demo check bench format clean

# Installs only what is missing; runs apt-get update first when something is.
setup:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:" $$missing; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: setup
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(BUILD_DIR)/tsunagu run $(SCENARIO)
	$(BUILD_DIR)/tsunagu report results/$(basename $(notdir $(SCENARIO))).h5 -o results/report-$(basename $(notdir $(SCENARIO)))

check: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	bench/run.sh $(BUILD_DIR)

format:
	find sim models tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)

# Regenerates the expected output of every golden test (tests/golden/*.tesh) from the freshly
# built tsunagu, after an intended change of behaviour; review `git diff tests/golden` first.
.PHONY: golden-update
golden-update: build
	for case in tests/golden/*.tesh; do \
	  /usr/bin/python3 tests/golden/run_golden.py $(BUILD_DIR)/tsunagu . $$case --update || exit 1; \
	done

# Packet-level reference figures for the validation tests (issue 12): installs libns3-dev if
# missing, builds the ns-3 programs of tests/reference/ns3 and runs them (about 15 minutes),
# rewriting tests/reference/ns3/figures/. Not part of `check`: CI reads the checked-in figures.
.PHONY: ns3-reference
ns3-reference:
	@missing=$$(for p in libns3-dev time; do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	$(MAKE) -C tests/reference/ns3 OUT=$(abspath $(BUILD_DIR))/ns3-reference

# Screenshots of the report in both languages, docs/screenshots/report-en.png and report-ja.png.
.PHONY: screenshots
screenshots: build
	tools/report_screenshots.sh $(BUILD_DIR)
