package domain

import "time"

// OperationStatus is where an asynchronous operation stands.
type OperationStatus string

const (
	OperationAccepted  OperationStatus = "Accepted"
	OperationRunning   OperationStatus = "Running"
	OperationSucceeded OperationStatus = "Succeeded"
	OperationFailed    OperationStatus = "Failed"
)

// Done reports whether the status is final.
func (s OperationStatus) Done() bool { return s == OperationSucceeded || s == OperationFailed }

// OperationKind names what an operation does.
type OperationKind string

const (
	OpCreateDistribution OperationKind = "CreateDistribution"
	OpUpdateDistribution OperationKind = "UpdateDistribution"
	OpDeleteDistribution OperationKind = "DeleteDistribution"
	OpInvalidate         OperationKind = "InvalidateDistribution"
	OpCreateOrigin       OperationKind = "CreateOrigin"
	OpUpdateOrigin       OperationKind = "UpdateOrigin"
	OpDeleteOrigin       OperationKind = "DeleteOrigin"
	OpCreateEdgeFunction OperationKind = "CreateEdgeFunction"
	OpDeleteEdgeFunction OperationKind = "DeleteEdgeFunction"
)

// Operation is the intent record of one mutation: what was asked, by whom, and how far the
// worker got. Its id is the idempotency token for every cloud call it makes.
type Operation struct {
	ID           string          `json:"id"`
	Kind         OperationKind   `json:"kind"`
	ResourceType string          `json:"resourceType"` // "distribution", "origin", "edgeFunction"
	ResourceID   string          `json:"resourceId"`
	Status       OperationStatus `json:"status"`
	Steps        []Step          `json:"steps,omitempty"`
	// Attempts counts the worker's passes: every delivery of the execute command and every
	// failed deployment check. LastError is the error of the latest failed pass (the reason,
	// once Failed); ErrorRepeats how many passes in a row failed with it (0 when transient).
	Attempts     int    `json:"attempts"`
	LastError    string `json:"lastError,omitempty"`
	ErrorRepeats int    `json:"errorRepeats,omitempty"`
	// Input is the kind-specific request the worker executes (JSON), e.g. invalidation paths.
	Input  []byte            `json:"input,omitempty"`
	Result map[string]string `json:"result,omitempty"`
	// Actor is who asked; RequestHash is the hash of the request, for Idempotency-Key checks.
	Actor          string    `json:"actor"`
	IdempotencyKey string    `json:"idempotencyKey,omitempty"`
	RequestHash    string    `json:"requestHash,omitempty"`
	CreatedAt      time.Time `json:"createdAt"`
	UpdatedAt      time.Time `json:"updatedAt"`
	Deadline       time.Time `json:"deadline"`
	Version        int64     `json:"version"`
}

// Step is one recorded step of an operation.
type Step struct {
	Name   string    `json:"name"`
	Status string    `json:"status"` // "Done", "Waiting", "Failed"
	Detail string    `json:"detail,omitempty"`
	At     time.Time `json:"at"`
}

// Record appends a step, or updates the last step when it has the same name.
func (o *Operation) Record(name, status, detail string, at time.Time) {
	if n := len(o.Steps); n > 0 && o.Steps[n-1].Name == name {
		o.Steps[n-1] = Step{Name: name, Status: status, Detail: detail, At: at}
		return
	}
	o.Steps = append(o.Steps, Step{Name: name, Status: status, Detail: detail, At: at})
}

// HasStep reports whether a step with that name finished.
func (o *Operation) HasStep(name string) bool {
	for _, s := range o.Steps {
		if s.Name == name && s.Status == "Done" {
			return true
		}
	}
	return false
}
