# qbank: `make serve` runs the site, `make test` runs every check. Both set up .venv first.
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test pdf bench ingest check export quality topics l10n vendor js tools clean

setup:
	@bash tools/setup.sh

serve: setup
	$(BIN)/mkdocs serve --dirty --no-strict

build: setup
	$(BIN)/mkdocs build --strict

test: setup
	$(BIN)/ruff check qbank qbank_mkdocs hooks tests tools benchmarks
	$(BIN)/lint-imports
	$(BIN)/qbank check
	$(BIN)/pytest

pdf: build
	$(BIN)/qbank pdf --site site

quality: setup
	$(BIN)/qbank quality --sources sources $(wildcard ../shared/corpus/*.md)

# Topic placement on the development corpus (../shared/corpus), each article placed by a model that never saw it.
topics: setup
	$(BIN)/qbank topics --sources sources $(wildcard ../shared/corpus/*.md) --labels tests/data/topic_labels.yml

# Translation units per article and what the translation memory fills, on the bank plus ../shared/corpus.
l10n: setup
	$(BIN)/qbank l10n status $(if $(wildcard ../shared/corpus/*.md),--add-sources $(wildcard ../shared/corpus/*.md))

ingest: setup
	$(BIN)/qbank ingest

check: setup
	$(BIN)/qbank check

export: setup
	$(BIN)/qbank export -o questions.json

# Re-fetch the vendored JavaScript libraries (tools/vendor.json) from npm; the copies are committed.
vendor:
	python3 tools/vendor.py

# The npm tools (tools/package.json, pinned by its lock): esbuild for `make js`, Lighthouse for `make bench`.
tools: tools/node_modules/.package-lock.json
tools/node_modules/.package-lock.json: tools/package.json tools/package-lock.json
	npm ci --prefix tools --no-audit --no-fund

# Build overrides/assets/qbank/ from web/ (tools/bundle.py, esbuild); the output is committed.
js: tools
	python3 tools/bundle.py

clean:
	rm -rf site .pytest_cache .ruff_cache .hypothesis

bench: setup tools
	$(BIN)/python -m benchmarks.run $(if $(BASELINE),--baseline $(BASELINE))
