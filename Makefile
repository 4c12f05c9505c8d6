# OrgDesigner: `make run` opens the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench package clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the project definition changed.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/orgdesigner $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check orgdesigner tests bench

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py --write bench/RESULTS.md

clean:
	rm -rf $(VENV) build dist *.egg-info

# The frozen one-folder app (PyInstaller) and its smoke test.
package: $(STAMP)
	packaging/build.sh $(PY)
	ORGDESIGNER_PACKAGE_TEST=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/packaging/test_frozen_app.py
