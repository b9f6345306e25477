# The interface for people and CI. `make` alone lists the targets.
APP := .venv/app/bin/python
RASA := .venv/rasa/bin/rasa
PY_DIRS := bot actions tests benchmarks scripts
export RASA_TELEMETRY_ENABLED := false
# Playwright drives Debian's chromium (scripts/chromium.sh); it never downloads a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.DEFAULT_GOAL := help
.PHONY: help setup run test test-fast test-browser train check report sync bench-nlu bench-answers bench-training bench-latency bench-faults bench-startup lint format types validate db-upgrade lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

setup: ## create both Python 3.10 environments and the widget's npm packages (only when the lock files changed)
	@bash scripts/setup.sh

run: setup ## set up, train if needed and run the assistant on SQLite until Ctrl-C
	@$(APP) -m bot run

test: setup ## set up, lint, train if needed and run every test tier
	@$(APP) -m ruff check $(PY_DIRS)
	@$(APP) -m ruff format --check --quiet $(PY_DIRS)
	@$(APP) -m mypy
	@$(APP) -m bot train
	@bash scripts/chromium.sh
	@$(APP) -m pytest

test-fast: setup ## unit, action, knowledge, referral and channel-rendering tests (no Rasa)
	@$(APP) -m pytest tests/unit tests/actions tests/knowledge tests/referrals tests/channels -m "not rasa"

test-browser: setup ## the website widget in headless Chromium (trains if needed) → var/artifacts/browser/
	@bash scripts/chromium.sh
	@$(APP) -m pytest tests/browser

train: setup ## train the Rasa model if data, domain or config changed
	@$(APP) -m bot train

check: setup ## validate the knowledge files
	@$(APP) -m bot knowledge check

report: setup ## staff report: stale records, missing translations, coverage gaps
	@$(APP) -m bot knowledge report

sync: setup ## store the knowledge as a snapshot in the database (EMS_DATABASE_URL)
	@$(APP) -m bot knowledge sync

lint: setup ## ruff lint and format check
	@$(APP) -m ruff check $(PY_DIRS)
	@$(APP) -m ruff format --check $(PY_DIRS)

format: setup ## apply ruff's formatting and safe fixes
	@$(APP) -m ruff check --fix --quiet $(PY_DIRS)
	@$(APP) -m ruff format --quiet $(PY_DIRS)

types: setup ## mypy on bot/ and actions/
	@$(APP) -m mypy

validate: setup ## rasa data validate, warnings are errors
	@$(RASA) data validate --fail-on-warnings

db-upgrade: setup ## apply the database migrations (EMS_DATABASE_URL)
	@$(APP) -m bot db upgrade

bench-nlu: train ## intent macro-F1 per language on the held-out sets → docs/benchmarks/nlu.md
	@$(APP) benchmarks/nlu.py

bench-answers: train ## the held-out answer scenarios through the REST channel, per class and language → docs/benchmarks/answers.md
	@$(APP) benchmarks/answers.py

bench-training: setup ## training time and held-out intent F1 of a few NLU pipelines, cold → docs/benchmarks/training.md
	@$(APP) benchmarks/training.py

bench-latency: train ## p50/p95 and throughput vs. the stock `rasa init` assistant → docs/benchmarks/latency.md
	@$(APP) benchmarks/latency.py

bench-faults: train ## huge messages, a long conversation, a tracker-store outage → docs/benchmarks/faults.md
	@$(APP) benchmarks/faults.py

bench-startup: ## first run on a fresh clone and a warm restart → docs/benchmarks/startup.md
	@python3 benchmarks/startup.py --cold

lock: ## re-resolve requirements/*.in into the lock files (needs the network)
	@bash scripts/lock.sh

clean: ## remove environments, models, databases and logs
	rm -rf .venv var models results .rasa .pytest_cache .ruff_cache .mypy_cache
