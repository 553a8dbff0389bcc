# One entry point for set-up, build, demo, tests and benchmarks.
# `make demo` and `make check` work on a fresh Debian 12 machine (as root, or with sudo).

BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
SCENARIO ?= scenarios/plan-2017.yaml

DEBIAN_PACKAGES := cmake g++ make pkg-config clang-format \
  libsimgrid-dev libeigen3-dev libboost-dev libboost-graph-dev libhdf5-dev \
  libyaml-cpp-dev libcli11-dev libfmt-dev librandom123-dev libssl-dev \
  libgtest-dev googletest libbenchmark-dev time clang libclang-rt-dev \
  python3 python3-matplotlib python3-h5py python3-numpy chromium fonts-noto-cjk

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup build demo check test sanitize fuzz bench format clean

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

# The whole of CI: the test suite, then the sanitizer build's tests, then each fuzz target for
# FUZZ_SECONDS. `make test` is the test suite alone.
# CI: the suite, then the fuzzers (a clang build with ASan and UBSan of the scenario loader and
# the trace reader, the bad-scenario corpus under it, 60 s of fuzzing per target). The whole
# suite under ASan (`make sanitize`) is not part of it yet: its time on CI is unmeasured.
check: test
	$(MAKE) fuzz

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# ASan + UBSan (with float-cast-overflow) build of the unit, validation and bad-input tests, in
# its own build directory (tests/sanitizer_filter.sh lists the suites).
SANITIZE_DIR ?= build-asan
sanitize: setup
	cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=Release -DTSUNAGU_SANITIZE=ON
	cmake --build $(SANITIZE_DIR) -j $(JOBS) --target tsunagu_tests
	ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(SANITIZE_DIR)/tests/tsunagu_tests --gtest_brief=1 --gtest_filter="$$(tests/sanitizer_filter.sh)"

# libFuzzer on the scenario loader and the trace reader (fuzz/), FUZZ_SECONDS each, seeded from
# the shipped and test scenarios; an input slower than 5 s, above 1 GB, leaking or crashing fails
# the run and is saved as build-fuzz/crash-* (add it to tests/scenarios/bad/ once fixed).
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -max_total_time=$(FUZZ_SECONDS) -timeout=5 -rss_limit_mb=1024 -print_final_stats=1
fuzz: setup
	cmake -S fuzz -B $(FUZZ_DIR) -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
	cmake --build $(FUZZ_DIR) -j $(JOBS)
	mkdir -p $(FUZZ_DIR)/corpus/scenario $(FUZZ_DIR)/corpus/trace
	$(FUZZ_DIR)/scenario_check tests/scenarios/bad/*.yaml >/dev/null  # each bad file under ASan
	$(FUZZ_DIR)/scenario_fuzz $(FUZZ_FLAGS) -dict=fuzz/scenario.dict \
	  -artifact_prefix=$(FUZZ_DIR)/crash-scenario- \
	  $(FUZZ_DIR)/corpus/scenario scenarios tests/scenarios
	$(FUZZ_DIR)/trace_fuzz $(FUZZ_FLAGS) -dict=fuzz/trace.dict \
	  -artifact_prefix=$(FUZZ_DIR)/crash-trace- \
	  $(FUZZ_DIR)/corpus/trace fuzz/seeds/trace

bench: build
	bench/run.sh $(BUILD_DIR)

format:
	find sim models tests bench fuzz -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

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
