# newsfuse: `make demo` sets everything up and briefs the bundled sample story; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup demo test bench browser-deps clean

setup: $(STAMP)

# torch first: 2.13.0 is the CPU build on these machines; a plain `torch` pulls GBs of CUDA.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[test,bench,names,postgres,ray]"
	$(BIN)/python -c "from newsfuse.annotate.nlp import shared_models; shared_models().embedder"  # exports MiniLM to ONNX once
	touch $(STAMP)

demo: setup
	$(BIN)/newsfuse brief samples/harbour-bridge-collapse -o out/sample --db out/newsfuse.db
	@echo "Briefing written to out/sample/ (briefing.json, briefing.md, briefing.html)"

test: setup browser-deps
	$(BIN)/python -m pytest

# Debian's Chromium for the end-to-end browser tests (never a browser download by a test tool).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
		else echo "Chromium missing and not root: browser tests will be skipped"; fi; \
	fi

bench: setup
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf out benchmarks/work .pytest_cache
