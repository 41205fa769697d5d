# Thin wrapper over CMake. The README's two set-up commands are `make demo`
# and `make test`; both work on a fresh machine of this kind.
SHELL := /bin/bash
HOST_PYTHON := $(shell python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
CMAKE_ARGS := -DPython3_EXECUTABLE=$(HOST_PYTHON)

.PHONY: all deps configure build demo install test test-fast test-asan fuzz bench conformance clean

all: build

# Debian packages the build needs; installed only when missing.
deps:
	@./scripts/ensure-deps.sh

$(BUILD)/Makefile: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) $(CMAKE_ARGS)

configure: deps
	@test -f $(BUILD)/CMakeCache.txt || cmake -S . -B $(BUILD) $(CMAKE_ARGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The demo needs only the command: no unit tests, benchmarks or module.
demo: configure
	cmake --build $(BUILD) -j $(JOBS) --target xpython
	./scripts/demo.sh $(BUILD)/xpython

# PREFIX/bin/xpython and the `xpython` module in
# PREFIX/lib/python3.11/site-packages; default: the host python's own prefix.
PREFIX ?= $(shell python3 -c 'import sys; print(sys.prefix)' 2>/dev/null)
install: configure
	cmake --build $(BUILD) -j $(JOBS) --target xpython xpython_module
	cmake --install $(BUILD) --prefix "$(PREFIX)"

# Everything CI runs: the normal build's whole suite, then the suite again
# under AddressSanitizer, then a bounded fuzzing run.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) test-asan
	$(MAKE) fuzz

test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -LE slow

# -O1: an -O0 eval loop needs ~20 KB of stack per activation, and legitimate
# C-level recursion (lru_cache wrappers, yield-from chains) would overflow.
ASAN_CMAKE_ARGS := -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-g -O1" -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
	-DXP_ASAN=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
test-asan: deps
	cmake -S . -B build-asan $(CMAKE_ARGS) $(ASAN_CMAKE_ARGS) > /dev/null
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 PYTHONMALLOC=malloc ctest --output-on-failure -j $(JOBS) -L asan

FUZZ_SECONDS ?= 60
fuzz: deps
	@test -f build-fuzz/CMakeCache.txt || cmake -S . -B build-fuzz $(CMAKE_ARGS) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXP_FUZZ=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
	cmake --build build-fuzz -j $(JOBS) --target fuzz_load xpython
	./scripts/run-fuzz.sh build-fuzz $(FUZZ_SECONDS)

bench: build
	$(HOST_PYTHON) bench/run.py --xpython $(BUILD)/xpython

# CPython's own tests (tests/conformance/core-tests.txt) with their code in
# the VM, in both modes, against the same modules run natively; prints the
# per-module tables. Fails only on a module that is not a known failure
# (tests/conformance/expected-failures.tsv).
# CONFORMANCE_ARGS="--details", "--mode default", "test_list test_dict", ...
CONFORMANCE_ARGS ?=
conformance: configure
	cmake --build $(BUILD) -j $(JOBS) --target xpython
	$(HOST_PYTHON) tests/conformance/conformance.py --xpython $(BUILD)/xpython --python $(HOST_PYTHON) \
		-j $(JOBS) --expect tests/conformance/expected-failures.tsv $(CONFORMANCE_ARGS)

clean:
	rm -rf build build-asan build-fuzz
