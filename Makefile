# Helpline Insights: the two commands of the quick start are `make run` and `make test`.
JAVA_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)

MVN      := mvn -B -ntp
VENV     := .venv
DEMO     ?= 1
GJF_JAR  := target/tools/google-java-format-1.37.0-all-deps.jar
RUNNER_CP := infrastructure/local-runner/target/classes:infrastructure/local-runner/target/lib/*
JAVA_SOURCES = $(shell git ls-files -co --exclude-standard -- '*.java')

.PHONY: run test api-fuzz build deployable sam-build browser venv analyst-tools checkov web lint format format-check sizes clean bench bench-cold bench-cold-pool bench-load bench-disclosure bench-aggregate

## run: build, start moto + the local API on http://127.0.0.1:3000, load demo data (DEMO=0 skips it)
run: venv build web
	DEMO=$(DEMO) java -Dproject.root=$(CURDIR) -cp "$(RUNNER_CP)" be.helpline.insights.local.LocalRunner

## test: every tier this machine can run; says which it skipped and why
test: browser venv analyst-tools web format-check lint
	@rm -rf web/target; mkdir -p web/target/browser-reports; status=0; $(MVN) verify || status=$$?; \
	$(MAKE) --no-print-directory sizes; \
	infrastructure/sam-build-check || status=$$?; \
	infrastructure/api-fuzz/run || status=$$?; \
	(cd web && node --test --test-reporter=spec --test-reporter-destination=stdout \
	  --test-reporter=junit --test-reporter-destination=target/browser-reports/TEST-web.xml \
	  test/*.test.mjs) || status=$$?; \
	python3 infrastructure/test-summary.py; \
	exit $$status

## api-fuzz: schemathesis against the local API's OpenAPI document, every group's token (after `make build`)
api-fuzz: venv
	infrastructure/api-fuzz/run

## build: compile and package every function (target/<function>.jar) and the local runner
build:
	$(MVN) -q -DskipTests package
	@$(MAKE) --no-print-directory sizes

## deployable: one function's jar (FUNCTION=beacon), built and unpacked into ARTIFACTS_DIR: what `sam build`
## calls through functions/<function>/Makefile
deployable:
	@test -n "$(FUNCTION)" -a -n "$(ARTIFACTS_DIR)" || { echo "usage: make deployable FUNCTION=beacon ARTIFACTS_DIR=dir"; exit 2; }
	$(MVN) -q -DskipTests -pl functions/$(FUNCTION) -am package
	python3 -m zipfile -e functions/$(FUNCTION)/target/$(FUNCTION).jar "$(ARTIFACTS_DIR)"

## sam-build: `sam build` as a SAM user types it (no Docker needed), checked: each function's code holds its handler
sam-build: venv
	infrastructure/sam-build-check

## venv: the project-local Python tools (moto server, cfn-lint, SAM CLI), pinned
venv: $(VENV)/.installed
$(VENV)/.installed: infrastructure/requirements.txt
	infrastructure/machine-tools python-venv
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -r infrastructure/requirements.txt
	touch $@

## browser: Debian's chromium for the browser tier, installed with apt-get when root or password-free sudo
## allows, else `make test` stops here with the one command to run (CHROMIUM_PATH names another build)
browser:
	@infrastructure/machine-tools chromium

## analyst-tools: the AWS CLI and DuckDB of the README's "Reading the snapshots", in .venv-analyst (pinned)
analyst-tools: .venv-analyst/.installed
.venv-analyst/.installed: infrastructure/analyst-requirements.txt
	infrastructure/machine-tools python-venv
	python3 -m venv .venv-analyst
	.venv-analyst/bin/pip install -q -r infrastructure/analyst-requirements.txt
	touch $@

## checkov: the template scanner, pinned in .venv-checkov (its dependencies' pins clash with aws-sam-cli's)
checkov: .venv-checkov/.installed
.venv-checkov/.installed: infrastructure/checkov-requirements.txt
	infrastructure/machine-tools python-venv
	python3 -m venv .venv-checkov
	.venv-checkov/bin/pip install -q -r infrastructure/checkov-requirements.txt
	touch $@

## web: the web tools (pinned in web/package-lock.json; playwright-core drives Debian's chromium, no browser
## is downloaded), the staff web app, bundled from web/app-src/ into web/app/, and the two beacon builds sites
## load, minified from web/beacon-src.js into web/dist/ (both generated, not committed)
web: web/node_modules/.installed web/app/index.html web/dist/beacon.js web/dist/beacon-returning.js
web/node_modules/.installed: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@
WEB_APP_INPUTS = $(wildcard web/app-src/*) web/scripts/build-app.mjs \
  functions/core/src/main/resources/be/helpline/insights/core/vocabulary/vocabulary.json
web/app/index.html: web/node_modules/.installed $(WEB_APP_INPUTS)
	cd web && node scripts/build-app.mjs
web/dist/beacon.js web/dist/beacon-returning.js &: web/node_modules/.installed web/beacon-src.js web/scripts/build-beacon.mjs
	cd web && node scripts/build-beacon.mjs

## lint: the templates (cfn-lint, sam validate --lint, checkov: each skip names its reason in the template),
## the OpenAPI document and web/ (ESLint)
lint: venv checkov web/node_modules/.installed
	cd web && npx eslint .
	$(VENV)/bin/cfn-lint template.yaml infrastructure/waf.yaml
	$(VENV)/bin/sam validate --lint --template template.yaml --region eu-west-1
	.venv-checkov/bin/checkov --framework cloudformation -f template.yaml -f infrastructure/waf.yaml \
	  --skip-download --compact --quiet
	$(VENV)/bin/openapi-spec-validator openapi.yaml

$(GJF_JAR):
	$(MVN) -q dependency:copy -Dartifact=com.google.googlejavaformat:google-java-format:1.37.0:jar:all-deps -DoutputDirectory=target/tools

## format: rewrite Java sources in google-java-format
format: $(GJF_JAR)
	java -jar $(GJF_JAR) --replace $(JAVA_SOURCES)

## format-check: fail when a Java source is not formatted
format-check: $(GJF_JAR)
	@java -jar $(GJF_JAR) --dry-run --set-exit-if-changed $(JAVA_SOURCES) \
	  || (echo "These files need 'make format'." && exit 1)

## sizes: each function's deployable and its budget (6 MB for an HTTP function, 10 MB for the aggregator)
sizes:
	@for jar in functions/*/target/*.jar; do \
	  case $$jar in *-SNAPSHOT*|*/original-*) continue;; esac; \
	  case $$jar in */aggregator.jar) budget=10;; *) budget=6;; esac; \
	  printf '%-45s %10d bytes (%s MB of %s, checked when packaged)\n' $$jar $$(stat -c %s $$jar) \
	    $$(awk "BEGIN {printf \"%.2f\", $$(stat -c %s $$jar)/1000000}") $$budget; \
	done

## bench: the quality bars of SPEC section 7 (never part of `make test`); after `make build`
##   writes bench/results/. ROUNDS (cold start launches per candidate), LOAD_SECONDS, WORKERS,
##   ROUNDS_DISCLOSURE (rounds of protect + audit per data set; 0 skips them), DISCLOSURE_REPLAY
##   (the publication calendar replayed: contacts per five-year data set, comma-separated; empty
##   skips it), DISCLOSURE_RELEASES (the replay's first N releases of each: a pilot),
##   AGGREGATE_JUNK (junk counter items in the aggregator bench's last case), AGGREGATE_RUNS (timed
##   aggregator runs per case), AGGREGATE_FLAGS (e.g. `--days 5,10,20` for a pilot, `--name x` to
##   write bench/results/x-<date>.md), AGGREGATE_JAVA_OPTS (the aggregator bench's JVM).
ROUNDS       ?= 10
LOAD_SECONDS ?= 120
WORKERS      ?= 8
LOAD_FLAGS   ?=
COLD_FLAGS   ?=
ROUNDS_DISCLOSURE ?= 3
# Half the aggregator's 2048 MB: the run must fit well inside what Lambda gives it.
DISCLOSURE_HEAP ?= -Xmx1024m
# Optional: a dump of contacts and the day to release as of, e.g. `demo.tsv 2026-11-29`.
DISCLOSURE_FACTS ?=
# About the Flemish programme's size (1,500 a year) and a national one's, each over five years.
DISCLOSURE_REPLAY ?= 7500,30000
DISCLOSURE_RELEASES ?=
# E.g. `--audit` (also audit each ledger again on its own), `--give-up 300` (seconds).
REPLAY_FLAGS ?= --audit
# The aggregator against junk (issue 14); the full run takes about 45 minutes here (moto).
AGGREGATE_JUNK ?= 1000000
AGGREGATE_RUNS ?= 1
AGGREGATE_FLAGS ?=
# The function runs in the bench's JVM: a heap of half its 2048 MB (issue 19's budget), which the
# bench and its proxy share with it, and Lambda's collector. A run that completes fits.
AGGREGATE_JAVA_OPTS ?= -Xmx1024m -XX:+UseSerialGC
BENCH_CP     := bench/target/classes:$(RUNNER_CP)
bench: bench-cold bench-load bench-disclosure bench-aggregate

bench-cold:
	java -Dproject.root=$(CURDIR) -cp "$(BENCH_CP)" be.helpline.insights.bench.ColdStartBench $(ROUNDS) $(COLD_FLAGS)

# Several cold-start runs of the same code together: POOL="bench/results/a.json bench/results/b.json"
bench-cold-pool:
	java -cp "$(BENCH_CP)" be.helpline.insights.bench.ColdStartPool $(POOL)

bench-load:
	java -Dproject.root=$(CURDIR) -cp "$(BENCH_CP)" be.helpline.insights.bench.LoadBench \
	  --seconds $(LOAD_SECONDS) --workers $(WORKERS) $(LOAD_FLAGS)

bench-aggregate:
	java $(AGGREGATE_JAVA_OPTS) -Dproject.root=$(CURDIR) -cp "$(BENCH_CP)" be.helpline.insights.bench.AggregateBench \
	  --junk $(AGGREGATE_JUNK) --runs $(AGGREGATE_RUNS) $(AGGREGATE_FLAGS)

bench-disclosure:
	@if [ "$(ROUNDS_DISCLOSURE)" != 0 ]; then set -x; \
	  java $(DISCLOSURE_HEAP) -Dproject.root=$(CURDIR) -cp "$(BENCH_CP):functions/core/target/test-classes" \
	    be.helpline.insights.bench.DisclosureBench $(ROUNDS_DISCLOSURE) $(DISCLOSURE_FACTS); fi
	@if [ -n "$(DISCLOSURE_REPLAY)" ]; then set -x; \
	  java $(DISCLOSURE_HEAP) -Dproject.root=$(CURDIR) -cp "$(BENCH_CP):functions/core/target/test-classes" \
	    be.helpline.insights.bench.ReleaseReplayBench --contacts $(DISCLOSURE_REPLAY) \
	    $(if $(DISCLOSURE_RELEASES),--releases $(DISCLOSURE_RELEASES)) $(REPLAY_FLAGS); fi

clean:
	$(MVN) -q clean
