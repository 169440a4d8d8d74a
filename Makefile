# Entry points: `make run` builds berth and checks examples/; `make test` builds and runs the
# whole test suite. Both install what a fresh machine lacks first.
BUILD_DIR ?= build
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)

.PHONY: all deps configure build run test test-sanitize clean format vsix bench

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
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test-sanitize: deps
	@$(MAKE) --no-print-directory BUILD_DIR=build-sanitize \
	  CMAKE_FLAGS="-DBERTH_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo" test

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
