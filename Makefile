# satudata — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV := .venv
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test lint format bench bench-full install install-test messages clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-groups --python $(PYTHON)
	@touch $@

install: $(VENV)/.installed
	$(VENV)/bin/python -m satudata.platform.i18n

install-test: install
	@bash scripts/ensure-chromium.sh

run: install
	SATUDATA_DEMO=$${SATUDATA_DEMO:-true} $(VENV)/bin/satudata serve

test: install-test
	bash scripts/test.sh

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	bash scripts/bench.sh --small

bench-full: install
	bash scripts/bench.sh

messages: install
	cd src/satudata && ../../$(VENV)/bin/satudata makemessages -l id -l en --no-obsolete --ignore='*/tests/*'

clean:
	rm -rf .venv .tools
