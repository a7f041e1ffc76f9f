# The edition's two everyday commands (see README):
#   make serve   install into .venv, build and serve the site on http://127.0.0.1:8000
#   make test    install what the tests need (Chromium included) and run all tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build pdf test bench lighthouse clean release publish assets

serve: $(VENV)/.site-deps
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

# Build aside and swap the new site in atomically (scripts/edition/tools/safebuild.py): one build at
# a time (a second one waits), a failed or interrupted build leaves site/ whole and no
# temporary folder behind, a published anchor (tests/data/permalinks.txt) cannot vanish.
SAFEBUILD := $(BIN)/python -m edition.tools.safebuild --permalinks tests/data/permalinks.txt

build: $(VENV)/.site-deps
	$(SAFEBUILD)

# The same, with a PDF of each language (WeasyPrint) among the downloads.
pdf: $(VENV)/.test-deps
	$(SAFEBUILD) --pdf

test: $(VENV)/.test-deps node_modules/.package-lock.json .venv-cff/.installed
	sh scripts/ensure-test-tools.sh
	$(BIN)/python -m pytest

$(VENV)/.site-deps: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml $(VENV)/.site-deps
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# cffconvert validates CITATION.cff; it pins jsonschema<4, so it lives in a venv of its own.
.venv-cff/.installed:
	$(PYTHON) -m venv .venv-cff
	.venv-cff/bin/python -m pip install --quiet cffconvert==2.0.0
	touch $@

# A release: `make release VERSION=1.2` (the version must stand first in changelog/changelog.yaml)
# builds everything into dist/soviet-fear-edition-VERSION-DATE.zip + .sha256, deterministic, and
# keeps the text fingerprint in changelog/fingerprints/ (commit it). `make publish` lays out every
# bundle in dist/ side by side in public/ (numbered versions, latest/, versions.json).
release: $(VENV)/.test-deps
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y"; exit 2; }
	sh scripts/ensure-test-tools.sh
	$(BIN)/python -m edition.tools.release build $(VERSION)

publish: $(VENV)/.site-deps
	$(BIN)/python -m edition.tools.release publish dist public

# The Nu HTML Checker (runs offline on Java), Ace by DAISY, EPUB.js and Lighthouse, pinned in
# package-lock.json; Ace drives Debian's chromium through Puppeteer, which must not download a browser of its own.
node_modules/.package-lock.json: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error

# The benchmark (not a test): build times, page weight, offline size, growth, pandoc as peer;
# then Lighthouse on every page type (both languages, mobile and desktop, median of 3).
bench: $(VENV)/.test-deps node_modules/.package-lock.json
	sh scripts/ensure-test-tools.sh
	@command -v pandoc >/dev/null 2>&1 || { [ "$$(id -u)" -eq 0 ] && S= || S=sudo; $$S apt-get install -y -qq pandoc >/dev/null; }
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_lighthouse.py

# Lighthouse alone (BENCH_RUNS, LH_PAGES=chapter,parallel and LH_FORMS=mobile narrow it down).
lighthouse: $(VENV)/.test-deps node_modules/.package-lock.json
	sh scripts/ensure-test-tools.sh
	$(BIN)/python scripts/bench_lighthouse.py

# After editing scripts/edition/site/assets/edition.js or search-on-first-use.js: remake the minified
# script the site serves (UglifyJS, pinned in package.json); `make test` fails until it is remade.
assets: $(VENV)/.site-deps node_modules/.package-lock.json
	$(BIN)/python -m edition.site.siteassets

clean:
	rm -rf site site.new .site.build-* .site.old-* .site.lock tests/artifacts dist public
