package converge_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// fakeLambdas records calls; states are returned by successive GetFunction calls (the last
// repeats), deleteErrs by successive DeleteFunction calls (then nil).
type fakeLambdas struct {
	mu         sync.Mutex
	calls      []string
	states     []string
	codeSHA    string
	exists     bool
	deleteErrs []error
}

func (f *fakeLambdas) record(call string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call)
}

func (f *fakeLambdas) count(call string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c == call {
			n++
		}
	}
	return n
}

func (f *fakeLambdas) view(name string) domain.LambdaFunction {
	state := "Active"
	if len(f.states) > 0 {
		state = f.states[0]
		if len(f.states) > 1 {
			f.states = f.states[1:]
		}
	}
	return domain.LambdaFunction{Name: name, ARN: "arn:aws:lambda:us-east-1:000000000000:function:" + name, State: state, CodeSHA256: f.codeSHA}
}

func (f *fakeLambdas) CreateFunction(_ context.Context, name, _ string, _ []byte) (domain.LambdaFunction, error) {
	f.record("CreateFunction")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.exists {
		return domain.LambdaFunction{}, &domain.AlreadyExistsError{ExistingID: name, Err: errors.New("ResourceConflictException")}
	}
	f.exists = true
	return f.view(name), nil
}

func (f *fakeLambdas) GetFunction(_ context.Context, name string) (domain.LambdaFunction, error) {
	f.record("GetFunction")
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.view(name), nil
}

func (f *fakeLambdas) PublishVersion(_ context.Context, name string) (domain.LambdaFunction, error) {
	f.record("PublishVersion")
	v := domain.LambdaFunction{Name: name, ARN: "arn:aws:lambda:us-east-1:000000000000:function:" + name, State: "Active"}
	v.VersionARN = v.ARN + ":1"
	return v, nil
}

func (f *fakeLambdas) AllowCloudFront(context.Context, string) error {
	f.record("AllowCloudFront")
	return nil
}

func (f *fakeLambdas) DeleteFunction(context.Context, string) error {
	f.record("DeleteFunction")
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.deleteErrs) == 0 {
		return nil
	}
	err := f.deleteErrs[0]
	f.deleteErrs = f.deleteErrs[1:]
	return err
}

var edgeRequest = intake.EdgeFunctionRequest{Name: "router", Origins: domain.RoutingOrigins{
	Default:    domain.RoutingOrigin{OriginID: "us", Region: "us-east-1", BucketName: "content-us"},
	Additional: []domain.RoutingOrigin{{OriginID: "eu", Region: "eu-central-1", BucketName: "content-eu"}}}}

func edgeHarness(t *testing.T, l *fakeLambdas) *harness {
	h := newHarness(t)
	h.deps.Cloud.Lambdas = l
	h.deps.EdgeRoleARN = "arn:aws:iam::000000000000:role/cfm-edge"
	return h
}

func (h *harness) handleOp(t *testing.T, typ string, op domain.Operation, poll int) error {
	t.Helper()
	return converge.Worker{Deps: h.deps}.Handle(context.Background(), events.Command{Type: typ, Version: 1,
		OperationID: op.ID, ResourceID: op.ResourceID, Poll: poll})
}

func TestEdgeFunctionCreateWaitsForPendingLambdaAndResumes(t *testing.T) {
	defer converge.SetLambdaActiveWait(2, time.Millisecond)()
	l := &fakeLambdas{states: []string{"Pending", "Pending", "Pending", "Active"}}
	h := edgeHarness(t, l)
	acc, err := intake.EdgeFunctions{Deps: h.deps}.Create(context.Background(), dev, edgeRequest, "")
	require.NoError(t, err)

	err = h.handleOp(t, events.CommandExecute, acc.Operation, 0)
	require.Error(t, err, "still Pending after the bounded wait: retry later")
	delay, ok := domain.RetryDelay(err)
	require.True(t, ok)
	assert.Equal(t, 10*time.Second, delay)
	op := h.operation(t, acc.Operation.ID)
	assert.Equal(t, domain.OperationRunning, op.Status)
	assert.True(t, op.HasStep("CreateFunction"), "the create is checkpointed")

	require.NoError(t, h.handleOp(t, events.CommandExecute, acc.Operation, 0))
	op = h.operation(t, acc.Operation.ID)
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	assert.Equal(t, 1, l.count("CreateFunction"), "a retried pass does not create again")
	assert.Equal(t, 1, l.count("PublishVersion"))
	f, err := intake.EdgeFunctions{Deps: h.deps}.Get(context.Background(), dev, acc.Resource.ID)
	require.NoError(t, err)
	assert.Equal(t, domain.EdgeFunctionActive, f.Status)
	assert.Equal(t, "arn:aws:lambda:us-east-1:000000000000:function:"+f.Name+":1", f.VersionARN)
	assert.Equal(t, "arn:aws:lambda:us-east-1:000000000000:function:"+f.Name, f.FunctionARN)

	// A duplicate delivery after success changes nothing.
	require.NoError(t, h.handleOp(t, events.CommandExecute, acc.Operation, 0))
	assert.Equal(t, 1, l.count("PublishVersion"))
}

func TestEdgeFunctionCreateRefusesAForeignFunctionOfTheSameName(t *testing.T) {
	l := &fakeLambdas{exists: true, codeSHA: "c29tZXRoaW5nIGVsc2U="}
	h := edgeHarness(t, l)
	acc, err := intake.EdgeFunctions{Deps: h.deps}.Create(context.Background(), dev, edgeRequest, "")
	require.NoError(t, err)
	require.NoError(t, h.handleOp(t, events.CommandExecute, acc.Operation, 0), "a permanent failure is acknowledged")
	op := h.operation(t, acc.Operation.ID)
	assert.Equal(t, domain.OperationFailed, op.Status)
	assert.Contains(t, op.LastError, "other code")
	assert.Zero(t, l.count("PublishVersion"), "never publish someone else's code")
	f, err := intake.EdgeFunctions{Deps: h.deps}.Get(context.Background(), dev, acc.Resource.ID)
	require.NoError(t, err)
	assert.Equal(t, domain.EdgeFunctionFailed, f.Status)
}

func TestEdgeFunctionDeleteWaitsForReplicas(t *testing.T) {
	replicated := domain.RetryAfter(fmt.Errorf("InvalidParameterValueException: replicated function: %w", domain.ErrConflict), time.Hour)
	throttled := domain.RetryAfter(fmt.Errorf("Throttling: %w", domain.ErrThrottled), time.Second)
	l := &fakeLambdas{deleteErrs: []error{replicated, throttled, replicated}}
	h := edgeHarness(t, l)
	ef := intake.EdgeFunctions{Deps: h.deps}
	acc, err := ef.Create(context.Background(), dev, edgeRequest, "")
	require.NoError(t, err)
	require.NoError(t, h.handleOp(t, events.CommandExecute, acc.Operation, 0))

	del, err := ef.Delete(context.Background(), dev, acc.Resource.ID, "")
	require.NoError(t, err)
	assert.Equal(t, domain.EdgeFunctionDeleting, del.Resource.Status)
	assert.True(t, del.Operation.Deadline.Sub(del.Operation.CreatedAt) >= 24*time.Hour, "replicas can take hours")
	other := domain.Principal{Username: "other", Groups: []string{domain.GroupDevelopers}}
	_, err = ef.Delete(context.Background(), other, acc.Resource.ID, "")
	assert.ErrorIs(t, err, domain.ErrForbidden)

	// Replicas: the operation waits on the poll queue; it is neither failed nor retried as an error.
	polls := len(h.queue.sent)
	require.NoError(t, h.handleOp(t, events.CommandExecute, del.Operation, 0))
	op := h.operation(t, del.Operation.ID)
	assert.Equal(t, domain.OperationRunning, op.Status)
	require.NotEmpty(t, op.Steps)
	assert.Equal(t, domain.Step{Name: "WaitUntilDeletable", Status: "Waiting", Detail: op.Steps[len(op.Steps)-1].Detail, At: h.now},
		op.Steps[len(op.Steps)-1])
	require.Len(t, h.queue.sent, polls+1)
	assert.Equal(t, domain.QueuePolls, h.queue.sent[polls].Queue)

	// Throttling is an error to retry, not a reason to wait.
	err = h.handleOp(t, events.CommandCheckDeployment, del.Operation, 1)
	require.ErrorIs(t, err, domain.ErrThrottled)
	require.NoError(t, h.handleOp(t, events.CommandCheckDeployment, del.Operation, 1))
	assert.Equal(t, domain.OperationRunning, h.operation(t, del.Operation.ID).Status)

	// Replicas gone: deleted, record removed.
	require.NoError(t, h.handleOp(t, events.CommandCheckDeployment, del.Operation, 2))
	op = h.operation(t, del.Operation.ID)
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	assert.True(t, op.HasStep("WaitUntilDeletable"))
	assert.True(t, op.HasStep("DeleteFunction"))
	_, err = ef.Get(context.Background(), dev, acc.Resource.ID)
	assert.ErrorIs(t, err, domain.ErrNotFound)
	assert.Equal(t, 4, l.count("DeleteFunction"))
}
