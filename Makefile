# CloudFront Manager. The two commands: `make run` (whole system, one process, embedded
# defaults) and `make test` (every test). Both install what they need.
SHELL := /bin/bash
GO ?= go
export GOFLAGS := -buildvcs=false
MOTO_VERSION := 5.2.5
GOLANGCI_VERSION := v2.15.0
VENV := .venv

.PHONY: run test test-go test-infra lint bench build synth moto tidy-check

run:
	$(GO) run ./cmd/cfm-local

test: lint test-go test-infra

test-go: $(VENV)/bin/moto_server
	scripts/with-moto.sh $(GO) test -race -count=1 ./...

test-infra:
	cd infra && $(GO) test -count=1 ./...

lint: bin/golangci-lint
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^infra/')); if [ -n "$$out" ]; then echo "gofmt: $$out"; exit 1; fi
	$(GO) vet ./...
	bin/golangci-lint run ./...

bin/golangci-lint:
	GOBIN=$(CURDIR)/bin $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_VERSION)

# The moto server (AWS wire protocol emulator), pinned, in a project-local virtualenv.
moto: $(VENV)/bin/moto_server
$(VENV)/bin/moto_server:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check 'moto[server]==$(MOTO_VERSION)'

bench:
	scripts/bench.sh

tidy-check:
	$(GO) mod tidy -diff
