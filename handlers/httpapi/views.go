package httpapi

import (
	"time"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// distributionSummary is a list row (the seed's list shape).
type distributionSummary struct {
	ID            string                    `json:"id"`
	Name          string                    `json:"name"`
	CloudFrontID  string                    `json:"cloudfrontId,omitempty"`
	Status        domain.DistributionStatus `json:"status"`
	DomainName    string                    `json:"domainName,omitempty"`
	IsMultiOrigin bool                      `json:"isMultiOrigin"`
	Owner         string                    `json:"owner"`
	CreatedAt     time.Time                 `json:"createdAt"`
}

// distributionView is one distribution in full.
type distributionView struct {
	distributionSummary
	ARN                  string                    `json:"arn,omitempty"`
	MultiOriginConfig    *domain.MultiOriginConfig `json:"multiOriginConfig,omitempty"`
	LambdaEdgeFunctionID string                    `json:"lambdaEdgeFunctionId,omitempty"`
	OriginIDs            []string                  `json:"originIds,omitempty"`
	OperationID          string                    `json:"operationId,omitempty"`
	QueuedUpdates        []string                  `json:"queuedUpdates,omitempty"`
	Carrying             []string                  `json:"carrying,omitempty"`
	TemplateID           string                    `json:"templateId,omitempty"`
	Drifted              bool                      `json:"drifted"`
	Drift                *shared.DriftReport       `json:"drift,omitempty"` // applied (from) vs live (to)
	Config               domain.DistributionConfig `json:"config"`
	UpdatedAt            time.Time                 `json:"updatedAt"`
	Version              int64                     `json:"version"`
}

func summarize(d domain.Distribution) distributionSummary {
	return distributionSummary{ID: d.ID, Name: d.Name, CloudFrontID: d.CloudFrontID, Status: d.Status,
		DomainName: d.DomainName, IsMultiOrigin: d.IsMultiOrigin, Owner: d.Owner, CreatedAt: d.CreatedAt}
}

func viewDistribution(d domain.Distribution) distributionView {
	return distributionView{distributionSummary: summarize(d), ARN: d.ARN, MultiOriginConfig: d.MultiOriginConfig,
		LambdaEdgeFunctionID: d.LambdaEdgeFunctionID, OriginIDs: d.OriginIDs, OperationID: d.OperationID,
		QueuedUpdates: d.QueuedUpdates, Carrying: d.Carrying, TemplateID: d.TemplateID, Drifted: d.Drifted, Config: domain.MaskSecrets(d.Config), UpdatedAt: d.UpdatedAt, Version: d.Version}
}

// operationView is an operation as the API shows it (no request hash, no raw input).
type operationView struct {
	ID           string                  `json:"id"`
	Kind         domain.OperationKind    `json:"kind"`
	ResourceType string                  `json:"resourceType"`
	ResourceID   string                  `json:"resourceId"`
	Status       domain.OperationStatus  `json:"status"`
	Steps        []domain.Step           `json:"steps"`
	Attempts     int                     `json:"attempts"`
	LastError    string                  `json:"lastError,omitempty"`
	Result       *domain.OperationResult `json:"result,omitempty"`
	Actor        string                  `json:"actor"`
	CreatedAt    time.Time               `json:"createdAt"`
	UpdatedAt    time.Time               `json:"updatedAt"`
	Deadline     time.Time               `json:"deadline"`
}

func viewOperation(o domain.Operation) operationView {
	steps := o.Steps
	if steps == nil {
		steps = []domain.Step{}
	}
	return operationView{ID: o.ID, Kind: o.Kind, ResourceType: o.ResourceType, ResourceID: o.ResourceID,
		Status: o.Status, Steps: steps, Attempts: o.Attempts, LastError: o.LastError, Result: o.Result,
		Actor: o.Actor, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt, Deadline: o.Deadline}
}
