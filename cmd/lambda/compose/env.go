// Package compose is the shared composition of the Lambda binaries: it reads the environment of
// docs/aws-resources.md once, at cold start, and builds the AWS adapters and the use-case
// dependencies from it. It holds wiring only.
package compose

import (
	"errors"
	"fmt"
	"os"

	"github.com/cloudfront-manager/cfm/domain"
)

// Role names a binary; each needs a different part of the environment.
type Role string

const (
	API     Role = "api"
	Worker  Role = "worker"
	Watch   Role = "watch"
	Sweeper Role = "sweeper"
)

// Env is the configuration of docs/aws-resources.md.
type Env struct {
	Table           string // CFM_TABLE_NAME
	CommandQueueURL string // CFM_COMMAND_QUEUE_URL
	PollQueueURL    string // CFM_POLL_QUEUE_URL
	// The dead-letter queues (worker only, optional): records from them fail their operations.
	CommandDLQURL  string // CFM_COMMAND_DLQ_URL
	PollDLQURL     string // CFM_POLL_DLQ_URL
	EventBus       string // CFM_EVENT_BUS_NAME
	Policy         domain.Policy
	EdgeRoleARN    string // CFM_EDGE_ROLE_ARN
	JWTIssuer      string // CFM_JWT_ISSUER
	JWTAudience    string // CFM_JWT_AUDIENCE
	JWKSURL        string // CFM_JWKS_URL
	ResourcePrefix string // CFM_RESOURCE_PREFIX (default cfm)
	// WorkerRoleARN (CFM_WORKER_ROLE_ARN, watch only, optional): CloudTrail records of calls
	// made by this role are the product's own, not drift.
	WorkerRoleARN string
	// Emulator (CFM_AWS_ENDPOINT_URL) is the emulator every client talks to, when set.
	Emulator string
}

// required lists, per role, the variables that must be set.
var required = map[Role][]string{
	API:     {"CFM_TABLE_NAME", "CFM_COMMAND_QUEUE_URL", "CFM_JWT_ISSUER", "CFM_JWT_AUDIENCE", "CFM_JWKS_URL"},
	Worker:  {"CFM_TABLE_NAME", "CFM_COMMAND_QUEUE_URL", "CFM_POLL_QUEUE_URL", "CFM_EVENT_BUS_NAME"},
	Watch:   {"CFM_TABLE_NAME", "CFM_COMMAND_QUEUE_URL", "CFM_POLL_QUEUE_URL", "CFM_EVENT_BUS_NAME"},
	Sweeper: {"CFM_TABLE_NAME", "CFM_COMMAND_QUEUE_URL", "CFM_EVENT_BUS_NAME"},
}

// ReadEnv reads and checks the environment of a role.
func ReadEnv(role Role) (Env, error) {
	names, ok := required[role]
	if !ok {
		return Env{}, fmt.Errorf("unknown role %q", role)
	}
	var missing []error
	for _, n := range names {
		if os.Getenv(n) == "" {
			missing = append(missing, fmt.Errorf("%s is not set", n))
		}
	}
	if len(missing) > 0 {
		return Env{}, fmt.Errorf("%s configuration: %w", role, errors.Join(missing...))
	}
	e := Env{
		Table: os.Getenv("CFM_TABLE_NAME"), CommandQueueURL: os.Getenv("CFM_COMMAND_QUEUE_URL"),
		PollQueueURL: os.Getenv("CFM_POLL_QUEUE_URL"), EventBus: os.Getenv("CFM_EVENT_BUS_NAME"),
		CommandDLQURL: os.Getenv("CFM_COMMAND_DLQ_URL"), PollDLQURL: os.Getenv("CFM_POLL_DLQ_URL"),
		EdgeRoleARN: os.Getenv("CFM_EDGE_ROLE_ARN"), JWTIssuer: os.Getenv("CFM_JWT_ISSUER"),
		JWTAudience: os.Getenv("CFM_JWT_AUDIENCE"), JWKSURL: os.Getenv("CFM_JWKS_URL"),
		ResourcePrefix: os.Getenv("CFM_RESOURCE_PREFIX"), WorkerRoleARN: os.Getenv("CFM_WORKER_ROLE_ARN"),
		Emulator: os.Getenv("CFM_AWS_ENDPOINT_URL"),
	}
	if e.ResourcePrefix == "" {
		e.ResourcePrefix = "cfm"
	}
	p, err := policy()
	if err != nil {
		return Env{}, err
	}
	e.Policy = p
	return e, nil
}

// policy reads CFM_POLICY (inline JSON) or CFM_POLICY_FILE; neither means the default policy.
func policy() (domain.Policy, error) {
	doc := []byte(os.Getenv("CFM_POLICY"))
	if path := os.Getenv("CFM_POLICY_FILE"); path != "" && len(doc) == 0 {
		b, err := os.ReadFile(path)
		if err != nil {
			return domain.Policy{}, fmt.Errorf("read CFM_POLICY_FILE: %w", err)
		}
		doc = b
	}
	if len(doc) == 0 {
		return domain.DefaultPolicy(), nil
	}
	p, err := domain.ParsePolicy(doc)
	if err != nil {
		return domain.Policy{}, fmt.Errorf("CFM_POLICY: %w", err)
	}
	return p, nil
}
