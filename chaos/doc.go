// Package chaos is the chaos run: it starts cfm-local as a child process on the simulated
// cloud with every fault switched on (duplicate deliveries, throttling, ETag races, SIGKILL
// after a cloud write), drives mixed operations from concurrent clients over HTTP, kills and
// restarts the process at random points, and then audits the product's records against the
// simulated cloud: nothing lost, stuck, duplicated, orphaned or disagreeing. cmd/cfm-chaos
// runs it (`make chaos`, and a short run in `make test`).
package chaos
