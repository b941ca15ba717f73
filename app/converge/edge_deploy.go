package converge

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
)

// Step names of deploying a routing function.
const (
	stepCreateFunction      = "CreateFunction"
	stepPublishFunction     = "PublishFunction" // CloudFront Functions: DEVELOPMENT → LIVE
	stepWaitFunctionActive  = "WaitForFunctionActive"
	stepPublishVersion      = "PublishVersion" // Lambda@Edge: numbered version
	stepAllowCloudFront     = "AllowCloudFront"
	stepDeleteFunction      = "DeleteFunction"
	lambdaStateActive       = "Active"
	lambdaStateFailed       = "Failed"
	lambdaNotActiveRetry    = 10 * time.Second
	cloudFrontFunctionNote  = "CloudFront Manager routing function "
	maxCloudFrontComment    = 128
	lambdaVersionARNPattern = `^arn:aws[a-z-]*:lambda:us-east-1:\d{12}:function:[A-Za-z0-9_-]{1,64}:\d+$`
)

var lambdaVersionARN = regexp.MustCompile(lambdaVersionARNPattern)

// lambdaActiveWait bounds how long one pass waits for a new Lambda function to leave Pending
// (checks × interval); after that the pass is retried later. Tests shorten it.
var lambdaActiveWait = struct {
	Checks   int
	Interval time.Duration
}{Checks: 10, Interval: time.Second}

// ensureEdgeFunction converges the cloud function of f: generated from f's validated spec,
// created (or recovered by name), published, and usable by CloudFront. It fills f's ARNs, code
// size and digest and records every step on r.op. Every call is idempotent, so a redelivery
// or a crash between steps repeats them harmlessly.
func (w Worker) ensureEdgeFunction(ctx context.Context, r *run, f *domain.EdgeFunction) error {
	fn, err := edge.Generate(edge.Spec{Name: f.Name, Target: f.Target, Preset: f.Preset, Origins: f.Origins})
	if err != nil {
		return domain.Permanent(fmt.Errorf("generate edge function %s: %w", f.ID, err))
	}
	switch f.Target {
	case domain.EdgeTargetLambdaEdge:
		err = w.ensureLambdaEdge(ctx, r, f, fn)
	case domain.EdgeTargetCloudFrontFunction:
		err = w.ensureCloudFrontFunction(ctx, r, f, fn)
	default:
		err = domain.Permanent(fmt.Errorf("edge function %s has unknown target %q", f.ID, f.Target))
	}
	if err != nil {
		return err
	}
	f.CodeSize, f.CodeSHA256 = fn.CodeSize, fn.SHA256
	if f.Runtime == "" {
		f.Runtime = fn.Runtime
	}
	return nil
}

// associationARN is what a distribution attaches: the function ARN (CloudFront Functions) or
// the numbered version ARN (Lambda@Edge).
func associationARN(f domain.EdgeFunction) string {
	if f.Target == domain.EdgeTargetLambdaEdge {
		return f.VersionARN
	}
	return f.FunctionARN
}

// ensureCloudFrontFunction: CreateFunction; if the name exists (an earlier attempt created it)
// describe it and write this code to DEVELOPMENT with its ETag (the port cannot read the code
// back, and rewriting identical code is harmless); then publish to LIVE.
func (w Worker) ensureCloudFrontFunction(ctx context.Context, r *run, f *domain.EdgeFunction, fn edge.Function) error {
	api := w.Cloud.CFFunctions
	if api == nil {
		return domain.Permanent(fmt.Errorf("edge function %s: CloudFront Functions are not configured", f.ID))
	}
	comment := cloudFrontFunctionNote + f.ID
	if len(comment) > maxCloudFrontComment {
		comment = comment[:maxCloudFrontComment]
	}
	if !r.op.HasStep(stepCreateFunction) {
		_, err := api.CreateFunction(ctx, f.Name, comment, fn.Code)
		var exists *domain.AlreadyExistsError
		if errors.As(err, &exists) {
			cur, derr := api.DescribeFunction(ctx, f.Name)
			if derr != nil {
				return fmt.Errorf("describe cloudfront function %s: %w", f.Name, derr)
			}
			_, err = api.UpdateFunction(ctx, f.Name, cur.ETag, comment, fn.Code)
		}
		if err != nil {
			return fmt.Errorf("create cloudfront function %s: %w", f.Name, err)
		}
		r.op.Record(stepCreateFunction, "Done", f.Name, w.Now())
		if err := w.checkpoint(ctx, r); err != nil {
			return err
		}
	}
	arn, done := stepDetail(r.op, stepPublishFunction)
	if !done {
		cur, err := api.DescribeFunction(ctx, f.Name)
		if err != nil {
			return fmt.Errorf("describe cloudfront function %s: %w", f.Name, err)
		}
		live, err := api.PublishFunction(ctx, f.Name, cur.ETag)
		if err != nil {
			return fmt.Errorf("publish cloudfront function %s: %w", f.Name, err)
		}
		if arn = firstNonEmptyString(live.ARN, cur.ARN); arn == "" {
			return fmt.Errorf("publish cloudfront function %s: no ARN in the answer", f.Name)
		}
		r.op.Record(stepPublishFunction, "Done", arn, w.Now())
		if err := w.checkpoint(ctx, r); err != nil {
			return err
		}
	}
	f.FunctionARN = arn
	return nil
}

// ensureLambdaEdge: CreateFunction in us-east-1 with the edge role and the deterministic zip;
// an existing function of that name must hold the same zip (else it is not ours, or stale
// code: refuse rather than publish it); wait until Active (bounded); PublishVersion (Lambda
// returns the latest version again when nothing changed); allow CloudFront to replicate it.
func (w Worker) ensureLambdaEdge(ctx context.Context, r *run, f *domain.EdgeFunction, fn edge.Function) error {
	api := w.Cloud.Lambdas
	if api == nil || w.EdgeRoleARN == "" {
		return domain.Permanent(fmt.Errorf("edge function %s: Lambda@Edge is not configured (Lambda port and edge role)", f.ID))
	}
	zip, err := edge.PackageLambda(fn)
	if err != nil {
		return domain.Permanent(fmt.Errorf("package edge function %s: %w", f.ID, err))
	}
	sum := sha256.Sum256(zip)
	want := base64.StdEncoding.EncodeToString(sum[:])
	var cur domain.LambdaFunction
	if !r.op.HasStep(stepCreateFunction) {
		cur, err = api.CreateFunction(ctx, f.Name, w.EdgeRoleARN, zip)
		var exists *domain.AlreadyExistsError
		if errors.As(err, &exists) {
			if cur, err = api.GetFunction(ctx, f.Name); err != nil {
				return fmt.Errorf("get lambda function %s: %w", f.Name, err)
			}
			if cur.CodeSHA256 != "" && cur.CodeSHA256 != want {
				return domain.Permanent(fmt.Errorf("lambda function %s already exists with other code (CodeSha256 %s, want %s)", f.Name, cur.CodeSHA256, want))
			}
		} else if err != nil {
			return fmt.Errorf("create lambda function %s: %w", f.Name, err)
		}
		r.op.Record(stepCreateFunction, "Done", f.Name, w.Now())
		if err := w.checkpoint(ctx, r); err != nil {
			return err
		}
	}
	if !r.op.HasStep(stepWaitFunctionActive) {
		if cur.Name == "" {
			if cur, err = api.GetFunction(ctx, f.Name); err != nil {
				return fmt.Errorf("get lambda function %s: %w", f.Name, err)
			}
		}
		if cur, err = w.waitLambdaActive(ctx, f.Name, cur); err != nil {
			return err
		}
		f.Runtime = firstNonEmptyString(cur.Runtime, f.Runtime)
		r.op.Record(stepWaitFunctionActive, "Done", cur.State, w.Now())
		if err := w.checkpoint(ctx, r); err != nil {
			return err
		}
	}
	version, done := stepDetail(r.op, stepPublishVersion)
	if !done {
		pub, err := api.PublishVersion(ctx, f.Name)
		if err != nil {
			return fmt.Errorf("publish version of lambda function %s: %w", f.Name, err)
		}
		if !lambdaVersionARN.MatchString(pub.VersionARN) {
			return fmt.Errorf("publish version of lambda function %s: %q is not a numbered version ARN", f.Name, pub.VersionARN)
		}
		version = pub.VersionARN
		r.op.Record(stepPublishVersion, "Done", version, w.Now())
		if err := w.checkpoint(ctx, r); err != nil {
			return err
		}
	}
	if !r.op.HasStep(stepAllowCloudFront) {
		if err := api.AllowCloudFront(ctx, f.Name); err != nil {
			return fmt.Errorf("allow cloudfront to replicate %s: %w", f.Name, err)
		}
		r.op.Record(stepAllowCloudFront, "Done", "", w.Now())
		if err := w.checkpoint(ctx, r); err != nil {
			return err
		}
	}
	f.VersionARN = version
	f.FunctionARN = version[:strings.LastIndex(version, ":")]
	return nil
}

// waitLambdaActive polls GetFunction until the function is Active, a bounded number of times;
// still Pending means "retry this pass later", Failed is permanent.
func (w Worker) waitLambdaActive(ctx context.Context, name string, cur domain.LambdaFunction) (domain.LambdaFunction, error) {
	for i := 0; ; i++ {
		switch cur.State {
		case lambdaStateActive:
			return cur, nil
		case lambdaStateFailed:
			return cur, domain.Permanent(fmt.Errorf("lambda function %s is in state Failed", name))
		}
		if i >= lambdaActiveWait.Checks {
			return cur, domain.RetryAfter(fmt.Errorf("lambda function %s is still %q", name, cur.State), lambdaNotActiveRetry)
		}
		t := time.NewTimer(lambdaActiveWait.Interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return cur, fmt.Errorf("wait for lambda function %s: %w", name, ctx.Err())
		case <-t.C:
		}
		var err error
		if cur, err = w.Cloud.Lambdas.GetFunction(ctx, name); err != nil {
			return cur, fmt.Errorf("get lambda function %s: %w", name, err)
		}
	}
}

// deleteEdgeFunctionInCloud takes one step towards the function being gone. gone=false with a
// nil error means wait: a Lambda@Edge function whose replicas CloudFront has not removed yet,
// or a CloudFront Function a distribution still uses. NotFound is success.
func (w Worker) deleteEdgeFunctionInCloud(ctx context.Context, f domain.EdgeFunction) (gone bool, wait string, err error) {
	switch f.Target {
	case domain.EdgeTargetLambdaEdge:
		if w.Cloud.Lambdas == nil {
			return false, "", domain.Permanent(fmt.Errorf("delete edge function %s: Lambda@Edge is not configured", f.ID))
		}
		err := w.Cloud.Lambdas.DeleteFunction(ctx, f.Name)
		_, retry := domain.RetryDelay(err)
		switch {
		case err == nil, errors.Is(err, domain.ErrNotFound):
			return true, "", nil
		case errors.Is(err, domain.ErrThrottled):
			return false, "", fmt.Errorf("delete lambda function %s: %w", f.Name, err)
		case retry:
			return false, "replicas of " + f.Name + " are still being removed by CloudFront: " + err.Error(), nil
		}
		return false, "", fmt.Errorf("delete lambda function %s: %w", f.Name, err)
	case domain.EdgeTargetCloudFrontFunction:
		api := w.Cloud.CFFunctions
		if api == nil {
			return false, "", domain.Permanent(fmt.Errorf("delete edge function %s: CloudFront Functions are not configured", f.ID))
		}
		cur, err := api.DescribeFunction(ctx, f.Name)
		if errors.Is(err, domain.ErrNotFound) {
			return true, "", nil
		}
		if err != nil {
			return false, "", fmt.Errorf("describe cloudfront function %s: %w", f.Name, err)
		}
		err = api.DeleteFunction(ctx, f.Name, cur.ETag)
		switch {
		case err == nil, errors.Is(err, domain.ErrNotFound):
			return true, "", nil
		case errors.Is(err, domain.ErrConflict) && !errors.Is(err, domain.ErrThrottled):
			return false, f.Name + " is still in use by a distribution: " + err.Error(), nil
		}
		return false, "", fmt.Errorf("delete cloudfront function %s: %w", f.Name, err)
	}
	return false, "", domain.Permanent(fmt.Errorf("edge function %s has unknown target %q", f.ID, f.Target))
}

func firstNonEmptyString(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
