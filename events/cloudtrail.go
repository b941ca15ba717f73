package events

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// CloudTrail "AWS API Call via CloudTrail" events for CloudFront (source aws.cloudfront, recorded
// in us-east-1). This is an inbound contract owned by AWS: decode leniently, keep only what the
// watch logic reads.
const (
	// DetailTypeCloudTrailCall is the EventBridge detail-type of a recorded API call.
	DetailTypeCloudTrailCall = "AWS API Call via CloudTrail"
	// CloudFrontEventSource is detail.eventSource of CloudFront's API calls.
	CloudFrontEventSource = "cloudfront.amazonaws.com"
)

// CloudTrailCall is the detail of one recorded API call.
type CloudTrailCall struct {
	EventID     string    `json:"eventID"`
	EventTime   time.Time `json:"eventTime"`
	EventSource string    `json:"eventSource"`
	// EventName may carry CloudFront's API version ("UpdateDistribution2020_05_31");
	// Action returns it without.
	EventName         string          `json:"eventName"`
	ErrorCode         string          `json:"errorCode,omitempty"`
	ReadOnly          bool            `json:"readOnly"`
	UserIdentity      UserIdentity    `json:"userIdentity"`
	RequestParameters json.RawMessage `json:"requestParameters,omitempty"`
}

// UserIdentity is CloudTrail's userIdentity: for a role session, ARN is the assumed-role session
// ARN and SessionContext.SessionIssuer.ARN the role's.
type UserIdentity struct {
	Type           string `json:"type"`
	ARN            string `json:"arn"`
	InvokedBy      string `json:"invokedBy,omitempty"`
	SessionContext struct {
		SessionIssuer struct {
			ARN string `json:"arn"`
		} `json:"sessionIssuer"`
	} `json:"sessionContext"`
}

// apiVersionSuffix is the API version CloudFront appends to some event names.
var apiVersionSuffix = regexp.MustCompile(`\d{4}_\d{2}_\d{2}$`)

// ParseCloudTrailCall decodes an EventBridge detail.
func ParseCloudTrailCall(detail []byte) (CloudTrailCall, error) {
	var c CloudTrailCall
	if err := json.Unmarshal(detail, &c); err != nil {
		return CloudTrailCall{}, fmt.Errorf("decode CloudTrail detail: %w", err)
	}
	if c.EventSource == "" || c.EventName == "" {
		return CloudTrailCall{}, fmt.Errorf("CloudTrail detail without eventSource or eventName")
	}
	return c, nil
}

// Action is the API action without CloudFront's version suffix ("UpdateDistribution").
func (c CloudTrailCall) Action() string {
	return apiVersionSuffix.ReplaceAllString(c.EventName, "")
}

// Actor names who made the call: the role for a role session (stable across sessions), else
// the identity's ARN, else its type (e.g. "AWSService").
func (c CloudTrailCall) Actor() string {
	switch {
	case c.UserIdentity.SessionContext.SessionIssuer.ARN != "":
		return c.UserIdentity.SessionContext.SessionIssuer.ARN
	case c.UserIdentity.ARN != "":
		return c.UserIdentity.ARN
	case c.UserIdentity.InvokedBy != "":
		return c.UserIdentity.InvokedBy
	}
	return c.UserIdentity.Type
}

// MadeBy reports whether the call was made by a principal whose ARN (role or session) contains
// fragment, e.g. ":role/cfm-worker"; an empty fragment matches nothing.
func (c CloudTrailCall) MadeBy(fragment string) bool {
	if fragment == "" {
		return false
	}
	return strings.Contains(c.UserIdentity.SessionContext.SessionIssuer.ARN, fragment) ||
		strings.Contains(c.UserIdentity.ARN, fragment)
}

// DistributionID is the CloudFront distribution the call was about, "" when none: "id"
// (Update/Delete/GetDistribution…), "distributionId" (CreateInvalidation) or the distribution
// ARN in "resource" (TagResource, UntagResource).
func (c CloudTrailCall) DistributionID() string {
	var p struct {
		ID             string `json:"id"`
		DistributionID string `json:"distributionId"`
		Resource       string `json:"resource"`
	}
	if len(c.RequestParameters) == 0 || json.Unmarshal(c.RequestParameters, &p) != nil {
		return ""
	}
	switch {
	case p.DistributionID != "":
		return p.DistributionID
	case p.Resource != "":
		if i := strings.LastIndex(p.Resource, ":distribution/"); i >= 0 {
			return p.Resource[i+len(":distribution/"):]
		}
		return ""
	}
	return p.ID
}
