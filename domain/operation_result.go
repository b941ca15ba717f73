package domain

// OperationResult is what a finished (or, for an invalidation, a running) operation produced.
// Which fields are set depends on the kind; the OpenAPI document and the operation.succeeded
// event schema list them per kind:
//   - CreateDistribution, UpdateDistribution: CloudFrontID, DomainName, ARN; an update that
//     rode on (or carried) others' changes also CombinedOperations, and CarriedBy when another
//     operation's UpdateDistribution applied it
//   - DeleteDistribution: DistributionID (and CloudFrontID once it existed in CloudFront)
//   - InvalidateDistribution: InvalidationID, Status, Paths, CallerReference, CloudFrontID,
//     CoalescedRequests (how many requests the one CreateInvalidation covered); while it waits
//     for a batch only Status ("Queued") and CloudFrontID
//   - CreateOrigin: OriginID, OACID, BucketURL; UpdateOrigin: OriginID; DeleteOrigin: OriginID, BucketName
//   - CreateEdgeFunction: FunctionID, FunctionName, FunctionARN (VersionARN for Lambda@Edge);
//     DeleteEdgeFunction: FunctionID, FunctionName
type OperationResult struct {
	CloudFrontID    string   `json:"cloudfrontId,omitempty"`
	DomainName      string   `json:"domainName,omitempty"`
	ARN             string   `json:"arn,omitempty"`
	DistributionID  string   `json:"distributionId,omitempty"`
	InvalidationID  string   `json:"invalidationId,omitempty"`
	Status          string   `json:"status,omitempty"`
	Paths           []string `json:"paths,omitempty"`
	CallerReference string   `json:"callerReference,omitempty"`
	OriginID        string   `json:"originId,omitempty"`
	OACID           string   `json:"oacId,omitempty"`
	BucketURL       string   `json:"bucketUrl,omitempty"`
	BucketName      string   `json:"bucketName,omitempty"`
	FunctionID      string   `json:"functionId,omitempty"`
	FunctionName    string   `json:"functionName,omitempty"`
	FunctionARN     string   `json:"functionArn,omitempty"`
	VersionARN      string   `json:"versionArn,omitempty"`

	CoalescedRequests  int      `json:"coalescedRequests,omitempty"`
	CarriedBy          string   `json:"carriedBy,omitempty"`
	CombinedOperations []string `json:"combinedOperations,omitempty"`
}
