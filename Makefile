# CloudFront Manager. The two commands: `make run` (whole system, one process, embedded
# defaults) and `make test` (every test). Both install what they need.
SHELL := /bin/bash
GO ?= go
export GOFLAGS := -buildvcs=false
MOTO_VERSION := 5.2.5
CFN_LINT_VERSION := 1.58.0
SCHEMATHESIS_VERSION := 4.32.5
# Seconds of each Schemathesis run (per role, admin, developer and viewer: one run of the
# stateless phases, one of the stateful phase): make test runs the short budget, make fuzz the
# long one.
FUZZ_SECONDS := 35
FUZZ_LONG_SECONDS := 300
GOLANGCI_VERSION := v2.15.0
# Operations of the chaos run: the short one in make test, the long one in make chaos.
CHAOS_OPS := 1000
CHAOS_TEST_OPS := 100
VENV := .venv

.PHONY: run test test-go test-chaos chaos test-infra test-console console console-deps chromium test-fuzz fuzz lint-templates lint bench build synth moto tidy-check generate

run:
	$(GO) run ./cmd/cfm-local

test: lint test-go test-chaos test-infra lint-templates test-console test-fuzz

test-go: $(VENV)/bin/moto_server
	scripts/with-moto.sh $(GO) test -race -count=1 ./...

# The chaos run (cmd/cfm-chaos, package chaos): the built cfm-local as a child process with
# every fault on (30 % duplicate deliveries, kill -9 for 10 % of operations, 20 % throttled
# cloud calls, 5 % ETag races), mixed operations from concurrent clients, then the audit table;
# it fails unless nothing is lost, stuck, duplicated, orphaned or disagreeing.
test-chaos: bin/cfm-local-chaos
	$(GO) run ./cmd/cfm-chaos -cfm-local bin/cfm-local-chaos -ops $(CHAOS_TEST_OPS)

chaos: bin/cfm-local-chaos
	$(GO) run ./cmd/cfm-chaos -cfm-local bin/cfm-local-chaos -ops $(CHAOS_OPS)

.PHONY: bin/cfm-local-chaos
bin/cfm-local-chaos:
	@mkdir -p bin
	$(GO) build -o $@ ./cmd/cfm-local

# infra/ is its own Go module (the CDK bindings are too heavy for the root's `go test -race ./...`):
# format, vet and template/cdk-nag tests run here. Needs Node (jsii), no AWS credentials.
test-infra:
	@out=$$(cd infra && gofmt -l .); if [ -n "$$out" ]; then echo "gofmt (infra): $$out"; exit 1; fi
	cd infra && $(GO) vet ./... && $(GO) test -count=1 ./...

# The web console (console/): its built bundle is committed (console/dist, embedded by
# console/assets.go), so `make run` and every Go build work without npm. `make console`
# regenerates the API types and rebuilds the bundle after a change; `make test-console` checks
# that both are current, type-checks, and runs the browser tests in headless Chromium.
console: console-deps
	cd console && node scripts/gen-api.mjs && node scripts/build.mjs

console-deps: console/node_modules/.package-lock.json
console/node_modules/.package-lock.json: console/package-lock.json
	cd console && npm ci --no-audit --no-fund
	@# a go.mod keeps console/node_modules out of the root module's ./... (vet, lint, test)
	@echo "module cfm.invalid/console/node_modules" > console/node_modules/go.mod
	@touch $@

# Debian's chromium for the browser tests, installed when missing (CI runs as root).
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

test-console: console-deps chromium
	cd console && node scripts/gen-api.mjs --check && npx --no-install tsc --noEmit -p . && node scripts/build.mjs --check
	cd console && node --test --test-concurrency=1 test/*.test.mjs

# cfn-lint (pinned, in .venv) over every template the infra tests synthesize (both fixtures,
# placeholder zips: offline, no `make build`), with .cfnlintrc; any error or warning fails.
lint-templates: $(VENV)/bin/cfn-lint
	cd infra && CFM_CFN_LINT=$(CURDIR)/$(VENV)/bin/cfn-lint $(GO) test -count=1 -run '^TestCfnLint$$' .

$(VENV)/bin/cfn-lint:
	test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check 'cfn-lint==$(CFN_LINT_VERSION)'

# The Lambda binaries (provided.al2023, arm64), one reproducible zip each: dist/<fn>.zip holds
# only `bootstrap`, with a fixed mtime (1980-01-01 UTC), mode 0755 and no extra attributes, so
# the same sources give the same bytes (and the same CDK asset hash) on every build.
# The cfm command line for linux and darwin, amd64 and arm64: dist/cfm-<os>-<arch>.
LAMBDAS := api worker watch sweeper
CLI_PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64
build:
	@mkdir -p dist
	@set -e; for fn in $(LAMBDAS); do \
	  tmp=$$(mktemp -d); \
	  CGO_ENABLED=0 GOOS=linux GOARCH=arm64 $(GO) build -tags lambda.norpc -trimpath \
	    -ldflags="-s -w -buildid=" -o $$tmp/bootstrap ./cmd/lambda/$$fn; \
	  chmod 0755 $$tmp/bootstrap; TZ=UTC touch -t 198001010000 $$tmp/bootstrap; \
	  rm -f dist/$$fn.zip; (cd $$tmp && TZ=UTC zip -q -X -9 $(CURDIR)/dist/$$fn.zip bootstrap); \
	  rm -rf $$tmp; \
	  printf '%-8s dist/%-12s %9d bytes  sha256 %s\n' $$fn $$fn.zip $$(stat -c %s dist/$$fn.zip) $$(sha256sum dist/$$fn.zip | cut -c1-16); \
	done
	@set -e; for p in $(CLI_PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; out=dist/cfm-$$os-$$arch; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags="-s -w -buildid=" -o $$out ./cmd/cfm; \
	  printf '%-8s %-22s %9d bytes  sha256 %s\n' cfm $$out $$(stat -c %s $$out) $$(sha256sum $$out | cut -c1-16); \
	done

# Every stack's template into cdk.out, offline: a placeholder account unless CFM_ACCOUNT is set.
# More context: make synth CDK_CONTEXT="-c homeRegion=eu-west-1 -c createTrail=true"
synth: build
	@test -x node_modules/.bin/cdk || npm ci --no-audit --no-fund
	@# The CDK toolkit ships Go template files; a go.mod makes node_modules its own module, so
	@# the root module's ./... (vet, lint, test) never reaches into it.
	@test -f node_modules/go.mod || echo "module cfm.invalid/node_modules" > node_modules/go.mod
	AWS_EC2_METADATA_DISABLED=true npx --no-install cdk synth --quiet -o cdk.out -c account=$${CFM_ACCOUNT:-111111111111} $(CDK_CONTEXT)

lint: bin/golangci-lint
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^infra/')); if [ -n "$$out" ]; then echo "gofmt: $$out"; exit 1; fi
	$(GO) vet ./...
	bin/golangci-lint run ./...

bin/golangci-lint:
	GOBIN=$(CURDIR)/bin $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_VERSION)

# The API fuzzed from its OpenAPI document (scripts/fuzz.sh; exceptions in schemathesis.toml).
test-fuzz: $(VENV)/bin/schemathesis
	scripts/fuzz.sh $(FUZZ_SECONDS)

fuzz: $(VENV)/bin/schemathesis
	scripts/fuzz.sh $(FUZZ_LONG_SECONDS)

$(VENV)/bin/schemathesis:
	test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check 'schemathesis==$(SCHEMATHESIS_VERSION)'

# The moto server (AWS wire protocol emulator), pinned, in a project-local virtualenv.
moto: $(VENV)/bin/moto_server
$(VENV)/bin/moto_server:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check 'moto[server]==$(MOTO_VERSION)'

bench:
	scripts/bench.sh

# The generated API client (cli/client/client.gen.go) from the OpenAPI document; `make test`
# fails while it is stale (cli/client/gen's test).
generate:
	$(GO) generate ./cli/client

tidy-check:
	$(GO) mod tidy -diff
