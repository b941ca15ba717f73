package events

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// Domain event types (EventBridge detail-type). Each has a JSON schema in schemas/.
const (
	TypeOperationSucceeded   = "operation.succeeded"
	TypeOperationFailed      = "operation.failed"
	TypeDistributionDeployed = "distribution.deployed"
	TypeDistributionDeleted  = "distribution.deleted"
	TypeDistributionDrifted  = "distribution.drifted"
)

// EventVersion is the schema version carried in every detail. Version 2 added eventId
// (domain.EventIDField), the event's stable id, as the subscribers' deduplication key.
const EventVersion = 2

// OperationSucceeded: an operation finished and its resource is converged.
type OperationSucceeded struct {
	Version      int               `json:"version"`
	OperationID  string            `json:"operationId"`
	Kind         string            `json:"kind"`
	ResourceType string            `json:"resourceType"`
	ResourceID   string            `json:"resourceId"`
	Actor        string            `json:"actor"`
	Result       map[string]string `json:"result,omitempty"`
}

// OperationFailed: an operation gave up; Error says why.
type OperationFailed struct {
	Version      int    `json:"version"`
	OperationID  string `json:"operationId"`
	Kind         string `json:"kind"`
	ResourceType string `json:"resourceType"`
	ResourceID   string `json:"resourceId"`
	Actor        string `json:"actor"`
	Error        string `json:"error"`
}

// DistributionDeployed: CloudFront reports the distribution Deployed after a change.
type DistributionDeployed struct {
	Version        int    `json:"version"`
	DistributionID string `json:"distributionId"`
	CloudFrontID   string `json:"cloudfrontId"`
	DomainName     string `json:"domainName"`
	ARN            string `json:"arn"`
	OperationID    string `json:"operationId"`
}

// DistributionDeleted: the CloudFront distribution is gone.
type DistributionDeleted struct {
	Version        int    `json:"version"`
	DistributionID string `json:"distributionId"`
	CloudFrontID   string `json:"cloudfrontId"`
	OperationID    string `json:"operationId"`
}

// DistributionDrifted: someone changed a managed distribution outside this product.
type DistributionDrifted struct {
	Version        int             `json:"version"`
	DistributionID string          `json:"distributionId"`
	CloudFrontID   string          `json:"cloudfrontId"`
	EventName      string          `json:"eventName"`
	Actor          string          `json:"actor"`
	Changes        []domain.Change `json:"changes,omitempty"`
}

// New builds a domain event. The id ("<type>:<key>") is derived from key so that a retried
// publish carries the same id, and it is in the detail too (eventId), where every subscriber
// sees it and can drop the duplicate.
func New(typ, key string, at time.Time, detail any) domain.Event {
	b, err := json.Marshal(detail)
	if err != nil {
		panic(fmt.Sprintf("encode %s: %v", typ, err))
	}
	ev := domain.Event{ID: typ + ":" + key, Type: typ, Time: at.UTC(), Detail: b}
	ev.Detail = ev.DetailWithID()
	return ev
}
