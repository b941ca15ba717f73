package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// config is the local process's configuration, from the environment.
type config struct {
	Addr          string  // CFM_ADDR
	DataDir       string  // CFM_DATA_DIR
	DeploySeconds float64 // CFM_SIM_DEPLOY_SECONDS (default 5)
	// InvalidationSeconds is how long a simulated invalidation stays InProgress
	// (CFM_SIM_INVALIDATION_SECONDS; 0 = the simulator's default).
	InvalidationSeconds float64
	// ReplicaSeconds is how long a simulated Lambda@Edge function stays replicated after its
	// last distribution let go of it (CFM_SIM_REPLICA_SECONDS; 0 = the simulator's default).
	ReplicaSeconds float64
	// SimBuckets are buckets the simulated account already has at start, not managed by the
	// product (CFM_SIM_BUCKETS: name:region, comma-separated), so adopting an existing bucket
	// (POST /api/origins with adopt: true) can be tried locally.
	SimBuckets  []simBucket
	PollInitial time.Duration // CFM_POLL_INITIAL (first check of an invalidation or edge function)
	WatchTick   time.Duration // CFM_WATCH_TICK (the deployment watcher's tick, ± a fifth; default 1s)
	Visibility  time.Duration // CFM_WORKER_VISIBILITY (how long a received message stays hidden)
	Workers     int           // CFM_WORKERS (commands run at once; 0: defaultWorkers)
	Policy      domain.Policy // CFM_POLICY (inline JSON) or CFM_POLICY_FILE
	PublicURL   string        // CFM_PUBLIC_URL (token issuer base); default http://<addr>
	// ConsoleOrigin is the browser origin CORS allows (CFM_CONSOLE_ORIGIN); default the
	// origin of PublicURL, where cfm-local serves the console itself.
	ConsoleOrigin string
	// AWS mode (aws_mode.go): CFM_AWS_ENDPOINT_URL selects it; CFM_AWS_NAME names the table,
	// queues and bus (default cfm-local); CFM_AWS_REGION (default us-east-1).
	AWSEndpoint, AWSName, AWSRegion string
	// Faults for chaos runs (all off by default): a share 0..1 of simulated cloud calls
	// throttled (CFM_SIM_THROTTLE_RATE), of If-Match writes beaten by an out-of-band save
	// (CFM_SIM_ETAG_RACE_RATE), of committed cloud writes followed by a SIGKILL of this
	// process before the product records them (CFM_SIM_CRASH_AFTER_WRITE_RATE), and of
	// queue messages delivered twice (CFM_QUEUE_DUPLICATE_RATE).
	ThrottleRate, ETagRaceRate, CrashAfterWriteRate, DuplicateRate float64
	// relayOff writes accepts' commands as outbox records (no transactional enqueue) and never
	// relays them: a process that leaves undelivered outbox records behind (tests of the relay's
	// pass at start; the local wiring itself has no window between commit and send).
	relayOff bool
}

// simBucket is a bucket the simulated account has before the product runs.
type simBucket struct{ Name, Region string }

func configFromEnv() (config, error) {
	c := config{
		Addr:          env("CFM_ADDR", "127.0.0.1:8080"),
		DataDir:       env("CFM_DATA_DIR", ".cfm"),
		PollInitial:   2 * time.Second,
		WatchTick:     time.Second,
		DeploySeconds: 5,
		Visibility:    30 * time.Second,
		Policy:        domain.DefaultPolicy(),
	}
	if s := os.Getenv("CFM_SIM_DEPLOY_SECONDS"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 0 {
			return c, fmt.Errorf("CFM_SIM_DEPLOY_SECONDS must be a non-negative number of seconds")
		}
		c.DeploySeconds = v
	}
	if s := os.Getenv("CFM_SIM_INVALIDATION_SECONDS"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 0 {
			return c, fmt.Errorf("CFM_SIM_INVALIDATION_SECONDS must be a non-negative number of seconds")
		}
		c.InvalidationSeconds = v
	}
	if s := os.Getenv("CFM_SIM_REPLICA_SECONDS"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 0 {
			return c, fmt.Errorf("CFM_SIM_REPLICA_SECONDS must be a non-negative number of seconds")
		}
		c.ReplicaSeconds = v
	}
	if s := os.Getenv("CFM_SIM_BUCKETS"); s != "" {
		for _, item := range strings.Split(s, ",") {
			name, region, ok := strings.Cut(strings.TrimSpace(item), ":")
			if !ok || domain.ValidBucketName(name) != "" || !domain.ValidRegionFormat(region) {
				return c, fmt.Errorf("CFM_SIM_BUCKETS must list name:region pairs such as my-site:us-east-1, not %q", item)
			}
			c.SimBuckets = append(c.SimBuckets, simBucket{Name: name, Region: region})
		}
	}
	if s := os.Getenv("CFM_POLL_INITIAL"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return c, fmt.Errorf("CFM_POLL_INITIAL must be a positive duration such as 2s")
		}
		c.PollInitial = d
	}
	if s := os.Getenv("CFM_WATCH_TICK"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d < 10*time.Millisecond {
			return c, fmt.Errorf("CFM_WATCH_TICK must be a duration of at least 10ms")
		}
		c.WatchTick = d
	}
	if s := os.Getenv("CFM_WORKER_VISIBILITY"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d < time.Second {
			return c, fmt.Errorf("CFM_WORKER_VISIBILITY must be a duration of at least 1s")
		}
		c.Visibility = d
	}
	if s := os.Getenv("CFM_WORKERS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 64 {
			return c, fmt.Errorf("CFM_WORKERS must be a whole number from 1 to 64")
		}
		c.Workers = n
	}
	for _, r := range []struct {
		name string
		into *float64
	}{
		{"CFM_SIM_THROTTLE_RATE", &c.ThrottleRate},
		{"CFM_SIM_ETAG_RACE_RATE", &c.ETagRaceRate},
		{"CFM_SIM_CRASH_AFTER_WRITE_RATE", &c.CrashAfterWriteRate},
		{"CFM_QUEUE_DUPLICATE_RATE", &c.DuplicateRate},
	} {
		if s := os.Getenv(r.name); s != "" {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || v < 0 || v > 1 {
				return c, fmt.Errorf("%s must be a share between 0 and 1", r.name)
			}
			*r.into = v
		}
	}
	doc := []byte(os.Getenv("CFM_POLICY"))
	if path := os.Getenv("CFM_POLICY_FILE"); path != "" && len(doc) == 0 {
		b, err := os.ReadFile(path)
		if err != nil {
			return c, fmt.Errorf("read CFM_POLICY_FILE: %w", err)
		}
		doc = b
	}
	if len(doc) > 0 {
		p, err := domain.ParsePolicy(doc)
		if err != nil {
			return c, err
		}
		c.Policy = p
	}
	c.PublicURL = env("CFM_PUBLIC_URL", "http://"+c.Addr)
	c.ConsoleOrigin = env("CFM_CONSOLE_ORIGIN", strings.TrimSuffix(c.PublicURL, "/"))
	c.AWSEndpoint, c.AWSName, c.AWSRegion = os.Getenv("CFM_AWS_ENDPOINT_URL"), env("CFM_AWS_NAME", "cfm-local"), env("CFM_AWS_REGION", "us-east-1")
	return c, nil
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// faulty reports whether any chaos fault is switched on.
func (c config) faulty() bool {
	return c.ThrottleRate+c.ETagRaceRate+c.CrashAfterWriteRate+c.DuplicateRate > 0
}
