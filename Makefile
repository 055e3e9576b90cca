# Inspection toolkit — `make help` lists the targets.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
# the toolkit's bytecode, written now: every process of a run (the command, its workers, their kernels) would
# otherwise compile the toolkit's sources again where PYTHONDONTWRITEBYTECODE is set (~0.25 s of CPU each)
BYTECODE := $(BIN)/python -m compileall -q toolkit

.DEFAULT_GOAL := help
.PHONY: help install lock demo test nbval pin lab bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml $(LOCK)
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "需要 Python 3.11（找不到 $(PYTHON)；可用 make PYTHON=/path/to/python3.11）"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@$(BYTECODE)
	@touch $@

install: $(STAMP) ## create .venv and install the exact versions of requirements.lock, then the toolkit

lock: $(STAMP) ## re-resolve requirements.lock (every dependency, exact versions) after changing pyproject.toml
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 --no-header --quiet -o $(LOCK)

demo: $(STAMP) ## build the demo round (data/demo) and run the full report (reports/demo)
	@$(BYTECODE)
	$(BIN)/toolkit demo --jobs $(JOBS)

# --dist loadfile: tests/scheduling.py hands a worker a whole file (its module fixtures run once) or a group of
# files sharing a session fixture, the longest first
test: $(STAMP) ## the whole test suite: unit tests, doctests, end-to-end run, nbval over every notebook
	@$(BYTECODE)
	$(BIN)/python -m pytest -q -n $(JOBS) --dist loadfile --durations=15 tests toolkit
	$(MAKE) --no-print-directory nbval

nbval: $(STAMP) ## run every notebook on the demo round; pinned figures (# NBVAL_CHECK_OUTPUT) must not change
	$(BIN)/toolkit demo --no-run
	$(BIN)/python -m pytest -q -n $(JOBS) --dist loadfile -p no:cacheprovider --nbval-lax --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

pin: $(STAMP) ## re-pin the notebooks' headline outputs on the demo round (review the diff before committing)
	$(BIN)/toolkit demo --no-run
	$(BIN)/python scripts/pin_notebook_outputs.py notebooks/*.ipynb

lab: $(STAMP) ## JupyterLab on the notebooks (demo round as the default parameters)
	test -d data/demo || $(BIN)/toolkit demo --no-run
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) ## benchmarks: toolkit run vs Papermill; check and run as the round grows (x1 x10 x50; BIG=1 adds x500)
	@$(BYTECODE)
	$(BIN)/python benchmarks/bench_run.py 3
	$(BIN)/python benchmarks/bench_scale.py --runs 3 $(if $(BIG),--big)
	$(BIN)/python benchmarks/bench_checks.py data/demo-x50
	$(BIN)/python benchmarks/bench_ingest.py 3

clean: ## remove generated reports and the demo round (keeps .venv)
	rm -rf reports/demo data/demo
