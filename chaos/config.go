package chaos

import "time"

// Config is one chaos run.
type Config struct {
	// Binary is the built cfm-local; DataDir its data directory, kept across restarts.
	Binary, DataDir string
	// Ops is the number of mutating requests to send; Clients how many send at once; every
	// tenth operation or so is a create, so Ops/10 distributions.
	Ops, Clients int
	// The fault shares (0..1), as the issue asks for them.
	DuplicateRate float64 // of queue messages delivered twice
	CrashRate     float64 // of operations that see a kill -9 of the process
	ThrottleRate  float64 // of simulated cloud calls
	ETagRaceRate  float64 // of If-Match writes beaten by an out-of-band change
	// CrashAfterWriteRate is the share of committed cloud writes after which cfm-local kills
	// itself (the crash between the CloudFront call and the record); the driver's own kill -9
	// at random moments tops the crashes up to CrashRate of the operations.
	CrashAfterWriteRate float64
	// Settle bounds the wait for every accepted operation to end once the load stopped.
	Settle time.Duration
	// Seed makes the workload's choices repeatable (the faults stay random).
	Seed uint64
	// Log receives progress lines (nil: none).
	Log func(format string, args ...any)
}

// Defaults are the fault shares, for n operations.
func Defaults(n int) Config {
	return Config{Ops: n, Clients: 8, DuplicateRate: 0.3, CrashRate: 0.1, ThrottleRate: 0.2, ETagRaceRate: 0.05,
		CrashAfterWriteRate: 0.03, Settle: 3 * time.Minute, Seed: 1}
}

// simDeploySeconds is how long a simulated distribution change deploys.
const simDeploySeconds = 0.5

// childEnv is the environment cfm-local runs with: fast simulated timings, and the faults
// when faulty (the audit's restart runs without them).
func (c Config) childEnv(addr string, faulty bool) []string {
	env := []string{"CFM_DATA_DIR=" + c.DataDir, "CFM_ADDR=" + addr, "CFM_PUBLIC_URL=http://" + addr,
		"CFM_SIM_DEPLOY_SECONDS=" + ftoa(simDeploySeconds), "CFM_SIM_INVALIDATION_SECONDS=0.3", "CFM_SIM_REPLICA_SECONDS=1",
		"CFM_POLL_INITIAL=200ms", "CFM_WATCH_TICK=200ms", "CFM_WORKER_VISIBILITY=2s"}
	if faulty {
		env = append(env, "CFM_QUEUE_DUPLICATE_RATE="+ftoa(c.DuplicateRate), "CFM_SIM_THROTTLE_RATE="+ftoa(c.ThrottleRate),
			"CFM_SIM_ETAG_RACE_RATE="+ftoa(c.ETagRaceRate), "CFM_SIM_CRASH_AFTER_WRITE_RATE="+ftoa(c.CrashAfterWriteRate))
	}
	return env
}
