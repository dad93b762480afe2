# The two commands of the README: `make demo` and `make test`. Both install what they need and are
# safe to run again. Only Debian packages and PyPI are used.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# php for the sandbox MediaWiki (the MediaWiki code itself is fetched by `permbot sandbox`); dovecot-imapd
# for the sandbox mailbox; mariadb-server for the store's tests on a real MariaDB (they start their own);
# chromium and fonts for the review page's browser tests.
APT_PACKAGES := php8.2-cli php8.2-sqlite3 php8.2-intl php8.2-mbstring php8.2-xml dovecot-imapd mariadb-server \
	chromium fonts-dejavu-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all demo test lint typecheck unit system-deps venv benchmark clean

all: test

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

lint: venv
	$(BIN)/ruff check bot verification tests
	$(BIN)/ruff format --check bot verification tests

typecheck: venv
	$(BIN)/mypy

unit: venv
	$(BIN)/pytest tests/unit

# --dist loadfile: a module's tests run on one worker, so that a module fixture reading every held-out
# case (test_verify_command's one `permbot verify` run, the metamorphic verdicts) is computed once, not
# once per worker.
test: system-deps venv lint typecheck
	$(BIN)/pytest -p no:cacheprovider -n 2 --dist loadfile

demo: system-deps venv
	$(BIN)/python -m bot.demo

benchmark: system-deps venv
	$(BIN)/python -m tests.benchmarks.verify_throughput
	$(BIN)/python -m tests.benchmarks.sweep_requests
	$(BIN)/python -m tests.benchmarks.imap_fetch
	$(BIN)/python -m tests.benchmarks.ingest
	$(BIN)/python -m tests.benchmarks.store_queue
	$(BIN)/python -m tests.benchmarks.review_page

clean:
	rm -rf $(VENV) .state .pytest_cache .mypy_cache .ruff_cache
