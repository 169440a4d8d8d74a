# Entry points: `make run` builds berth and checks examples/; `make test` builds and runs the
# whole test suite. Both install what a fresh machine lacks first.
BUILD_DIR ?= build
CMAKE_FLAGS ?=
CTEST_ARGS ?=
JOBS ?= $(shell nproc)

# The sanitized build (build-sanitize/): clang with ASan+UBSan, which is also the libFuzzer
# build (tests/fuzz), so one build serves `make test-sanitize` and `make fuzz-smoke`.
SANITIZE_FLAGS = -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DBERTH_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
# A sanitizer report exits 99, which no test mistakes for one of berth's exit codes (1 is
# "findings"). Tests with time or memory bounds scale them by these factors (generous
# margins for ASan+UBSan; the sanitized hostile tests took 117 s against 21 s in Release).
SANITIZE_ENV = ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer \
  ASAN_OPTIONS=exitcode=99:detect_leaks=1:abort_on_error=0 \
  UBSAN_OPTIONS=exitcode=99:print_stacktrace=1:halt_on_error=1 \
  BERTH_TEST_TIME_FACTOR=5 BERTH_TEST_MEMORY_FACTOR=3

.PHONY: all deps configure build run test test-sanitize fuzz-smoke clean format vsix bench

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS); fi

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@$(BUILD_DIR)/berth check examples/; status=$$?; \
	  if [ $$status -gt 1 ]; then exit $$status; fi

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# The whole suite under ASan+UBSan (everything but the fuzz-smoke runs).
test-sanitize: deps
	@$(SANITIZE_ENV) $(MAKE) --no-print-directory BUILD_DIR=build-sanitize \
	  CMAKE_FLAGS="$(SANITIZE_FLAGS)" CTEST_ARGS="-LE fuzz-smoke" test

# Each libFuzzer target for 60 seconds over its generated seeds (tests/fuzz/README.md).
fuzz-smoke: deps
	@$(MAKE) --no-print-directory BUILD_DIR=build-sanitize \
	  CMAKE_FLAGS="$(SANITIZE_FLAGS)" CTEST_ARGS="-L fuzz-smoke" test

# Benchmarks (Release build in build-bench/, peers installed into bench/.venv): prints a table.
bench: deps
	@bench/run.sh

# The VS Code extension for linux-x64 with build/berth inside:
# vscode-extension/berth-linux-x64.vsix.
vsix: build
	@cd vscode-extension && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && \
	  cp package-lock.json node_modules/.berth-lock-stamp && \
	  BERTH_BINARY=$(abspath $(BUILD_DIR))/berth npm run package

format:
	@git ls-files '*.cpp' '*.h' | grep -v '^grammars/' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) build-sanitize
