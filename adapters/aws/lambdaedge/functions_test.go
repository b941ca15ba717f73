package lambdaedge

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// fake answers what moto cannot show: replicas, duplicate statement ids, slow states.
type fake struct {
	functionsAPI
	deleteErr     error
	addErr        error
	added         []string
	states        []types.State
	getCalls      int
	createdInputs []*lambda.CreateFunctionInput
}

func (f *fake) DeleteFunction(context.Context, *lambda.DeleteFunctionInput, ...func(*lambda.Options)) (*lambda.DeleteFunctionOutput, error) {
	return &lambda.DeleteFunctionOutput{}, f.deleteErr
}

func (f *fake) AddPermission(_ context.Context, in *lambda.AddPermissionInput, _ ...func(*lambda.Options)) (*lambda.AddPermissionOutput, error) {
	f.added = append(f.added, aws.ToString(in.Principal)+" "+aws.ToString(in.Action)+" "+aws.ToString(in.StatementId))
	return &lambda.AddPermissionOutput{}, f.addErr
}

func (f *fake) GetFunction(context.Context, *lambda.GetFunctionInput, ...func(*lambda.Options)) (*lambda.GetFunctionOutput, error) {
	s := f.states[min(f.getCalls, len(f.states)-1)]
	f.getCalls++
	cfg := &types.FunctionConfiguration{FunctionName: aws.String("f"), State: s, FunctionArn: aws.String("arn:aws:lambda:us-east-1:1:function:f")}
	if s == types.StateFailed {
		cfg.StateReasonCode, cfg.StateReason = types.StateReasonCodeInvalidRuntime, aws.String("bad runtime")
	}
	return &lambda.GetFunctionOutput{Configuration: cfg}, nil
}

func (f *fake) CreateFunction(_ context.Context, in *lambda.CreateFunctionInput, _ ...func(*lambda.Options)) (*lambda.CreateFunctionOutput, error) {
	f.createdInputs = append(f.createdInputs, in)
	return &lambda.CreateFunctionOutput{FunctionName: in.FunctionName}, nil
}

func TestDeleteReplicatedFunctionIsRetriedLater(t *testing.T) {
	f := &fake{deleteErr: &smithy.GenericAPIError{Code: "InvalidParameterValueException",
		Message: "Lambda was unable to delete arn:aws:lambda:us-east-1:123456789012:function:cfm-route:1 because it is a replicated function. Please see our documentation for Deleting Lambda@Edge Functions and Replicas."}}
	err := newClient(f, Options{}).DeleteFunction(context.Background(), "cfm-route")
	d, ok := domain.RetryDelay(err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, 30*time.Minute, d)
	assert.ErrorIs(t, err, domain.ErrConflict)
	assert.False(t, domain.IsPermanent(err))

	f.deleteErr = &smithy.GenericAPIError{Code: "InvalidParameterValueException", Message: "Invalid function name"}
	assert.True(t, domain.IsPermanent(newClient(f, Options{}).DeleteFunction(context.Background(), "x")))
}

func TestAllowCloudFront(t *testing.T) {
	f := &fake{addErr: &smithy.GenericAPIError{Code: "ResourceConflictException",
		Message: "The statement id (cfm-edgelambda-amazonaws-com) provided already exists. Please provide a new statement id, or remove the existing statement."}}
	require.NoError(t, newClient(f, Options{}).AllowCloudFront(context.Background(), "fn"), "an existing statement is success")
	assert.Equal(t, []string{"edgelambda.amazonaws.com lambda:GetFunction cfm-edgelambda-amazonaws-com"}, f.added)

	f = &fake{addErr: &smithy.GenericAPIError{Code: "ResourceConflictException", Message: "The operation cannot be performed at this time. An update is in progress for resource"}}
	err := newClient(f, Options{Principals: []string{"a.amazonaws.com", "b.amazonaws.com"}}).AllowCloudFront(context.Background(), "fn")
	_, retry := domain.RetryDelay(err)
	assert.True(t, retry, "an update in progress is retried, not swallowed: %v", err)
}

func TestWaitActive(t *testing.T) {
	ctx := context.Background()
	opts := Options{PollInterval: time.Millisecond}

	f := &fake{states: []types.State{types.StatePending, types.StatePending, types.StateActive}}
	got, err := newClient(f, opts).WaitActive(ctx, "f", time.Second)
	require.NoError(t, err)
	assert.Equal(t, "Active", got.State)
	assert.Equal(t, 3, f.getCalls)

	_, err = newClient(&fake{states: []types.State{types.StatePending, types.StateFailed}}, opts).WaitActive(ctx, "f", time.Second)
	assert.True(t, domain.IsPermanent(err))
	assert.ErrorContains(t, err, "bad runtime")

	_, err = newClient(&fake{states: []types.State{types.StatePending}}, opts).WaitActive(ctx, "f", 20*time.Millisecond)
	assert.ErrorIs(t, err, ErrWaitTimeout)
	_, retry := domain.RetryDelay(err)
	assert.True(t, retry)

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = newClient(&fake{states: []types.State{types.StatePending}}, opts).WaitActive(canceled, "f", time.Second)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestCreateFunctionShape(t *testing.T) {
	f := &fake{}
	_, err := newClient(f, Options{}).CreateFunction(context.Background(), "f", "arn:role", []byte("zip"))
	require.NoError(t, err)
	in := f.createdInputs[0]
	assert.Equal(t, types.RuntimeNodejs22x, in.Runtime)
	assert.Equal(t, "index.handler", aws.ToString(in.Handler))
	assert.Equal(t, int32(128), aws.ToInt32(in.MemorySize))
	assert.Equal(t, int32(5), aws.ToInt32(in.Timeout))
	assert.False(t, in.Publish)
	assert.Equal(t, []types.Architecture{types.ArchitectureX8664}, in.Architectures)
	assert.Nil(t, in.Environment, "Lambda@Edge allows no environment variables")
}

func TestUnqualified(t *testing.T) {
	assert.Equal(t, "arn:aws:lambda:us-east-1:1:function:f", unqualified("arn:aws:lambda:us-east-1:1:function:f:3"))
	assert.Equal(t, "arn:aws:lambda:us-east-1:1:function:f", unqualified("arn:aws:lambda:us-east-1:1:function:f"))
}
