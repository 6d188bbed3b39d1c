# harga task runner. `make help` lists the tasks.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The mirror of every source's files; `make run` reads it when the folder exists, else the live URLs.
MIRROR ?= $(wildcard ../shared/data)
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help install run collect serve test check fmt browser messages clean

help: ## List the tasks with a line each
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(BIN)/harga: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/harga ## Create .venv and install harga with its development tools

run: $(BIN)/harga ## Install, collect every source (from MIRROR if present), serve on HOST:PORT
	$(BIN)/harga collect $(if $(MIRROR),--mirror $(MIRROR)) || echo "some sources failed; serving their last good facts"
	$(BIN)/harga serve --host $(HOST) --port $(PORT)

collect: $(BIN)/harga ## Collect every source into the database without serving
	$(BIN)/harga collect $(if $(MIRROR),--mirror $(MIRROR))

serve: $(BIN)/harga ## Serve the existing database on HOST:PORT without collecting
	$(BIN)/harga serve --host $(HOST) --port $(PORT)

browser: ## Install Debian's chromium for the browser tests when it is missing
	@test -x $(CHROMIUM) || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

test: $(BIN)/harga browser ## Run the whole suite on SQLite and on PostgreSQL, browser tests included
	$(BIN)/pytest

check: $(BIN)/harga ## Verify only: ruff lint, ruff format check, mypy
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

fmt: $(BIN)/harga ## Fix what ruff can: format and autofix lint
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(BIN)/harga ## Price 100,000 requests with harga and genai-prices; print both speeds
	$(BIN)/python -m bench.speed

bench-accuracy: $(BIN)/harga ## Compare harga's usage and prices with genai-prices' real responses
	$(BIN)/python -m bench.accuracy $(or $(MIRROR),../shared/data)

clean: ## Remove the virtual environment, caches and the default database
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache harga.db harga.db-wal harga.db-shm

messages: $(BIN)/harga ## Extract page strings and update the id and zh catalogs (then translate new entries)
	$(BIN)/pybabel extract -F babel.cfg -k _ --no-location -o src/harga/i18n/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i src/harga/i18n/messages.pot -d src/harga/i18n/locale -l id
	$(BIN)/pybabel update --no-fuzzy-matching -i src/harga/i18n/messages.pot -d src/harga/i18n/locale -l zh
