package cloudfront

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/aws/smithy-go"
)

// fakeAPI is a hand-written CloudFront for what moto 5.2.5 does not implement (origin request
// policies, UpdateFunction, PublishFunction). It checks IfMatch like AWS and records calls.
// Unimplemented operations panic through the nil embedded interface.
type fakeAPI struct {
	sdkAPI
	calls    []string
	policies map[string]*types.OriginRequestPolicy // by id
	etags    map[string]string
	pageSize int
	// createRace makes the next CreateOriginRequestPolicy lose a race: the policy appears and
	// the call fails with OriginRequestPolicyAlreadyExists.
	createRace bool
	fnCode     map[string][]byte
	fnStage    map[string]types.FunctionStage
	seq        int
}

func newFake() *fakeAPI {
	return &fakeAPI{
		policies: map[string]*types.OriginRequestPolicy{}, etags: map[string]string{},
		fnCode: map[string][]byte{}, fnStage: map[string]types.FunctionStage{}, pageSize: 1,
	}
}

func (f *fakeAPI) next(prefix string) string { f.seq++; return fmt.Sprintf("%s%d", prefix, f.seq) }

func (f *fakeAPI) ListOriginRequestPolicies(_ context.Context, in *sdk.ListOriginRequestPoliciesInput, _ ...func(*sdk.Options)) (*sdk.ListOriginRequestPoliciesOutput, error) {
	f.calls = append(f.calls, "ListOriginRequestPolicies")
	if in.Type != types.OriginRequestPolicyTypeCustom {
		return nil, fmt.Errorf("fake: expected Type=custom, got %q", in.Type)
	}
	ids := make([]string, 0, len(f.policies))
	for i := 1; i <= f.seq; i++ { // creation order
		if _, ok := f.policies[fmt.Sprintf("orp%d", i)]; ok {
			ids = append(ids, fmt.Sprintf("orp%d", i))
		}
	}
	start := 0
	if in.Marker != nil {
		if _, err := fmt.Sscanf(*in.Marker, "%d", &start); err != nil {
			return nil, err
		}
	}
	end := min(start+f.pageSize, len(ids))
	l := &types.OriginRequestPolicyList{Quantity: aws.Int32(int32(end - start))}
	for _, id := range ids[start:end] {
		l.Items = append(l.Items, types.OriginRequestPolicySummary{Type: types.OriginRequestPolicyTypeCustom, OriginRequestPolicy: f.policies[id]})
	}
	if end < len(ids) {
		l.NextMarker = aws.String(fmt.Sprint(end))
	}
	return &sdk.ListOriginRequestPoliciesOutput{OriginRequestPolicyList: l}, nil
}

func (f *fakeAPI) CreateOriginRequestPolicy(_ context.Context, in *sdk.CreateOriginRequestPolicyInput, _ ...func(*sdk.Options)) (*sdk.CreateOriginRequestPolicyOutput, error) {
	f.calls = append(f.calls, "CreateOriginRequestPolicy")
	p := &types.OriginRequestPolicy{Id: aws.String(f.next("orp")), OriginRequestPolicyConfig: in.OriginRequestPolicyConfig}
	f.policies[*p.Id] = p
	f.etags[*p.Id] = f.next("etag")
	if f.createRace {
		f.createRace = false
		return nil, &smithy.GenericAPIError{Code: "OriginRequestPolicyAlreadyExists", Message: "An origin request policy with this name already exists."}
	}
	return &sdk.CreateOriginRequestPolicyOutput{OriginRequestPolicy: p, ETag: aws.String(f.etags[*p.Id])}, nil
}

func (f *fakeAPI) GetOriginRequestPolicy(_ context.Context, in *sdk.GetOriginRequestPolicyInput, _ ...func(*sdk.Options)) (*sdk.GetOriginRequestPolicyOutput, error) {
	f.calls = append(f.calls, "GetOriginRequestPolicy")
	p, ok := f.policies[aws.ToString(in.Id)]
	if !ok {
		return nil, &smithy.GenericAPIError{Code: "NoSuchOriginRequestPolicy"}
	}
	return &sdk.GetOriginRequestPolicyOutput{OriginRequestPolicy: p, ETag: aws.String(f.etags[*p.Id])}, nil
}

func (f *fakeAPI) UpdateOriginRequestPolicy(_ context.Context, in *sdk.UpdateOriginRequestPolicyInput, _ ...func(*sdk.Options)) (*sdk.UpdateOriginRequestPolicyOutput, error) {
	f.calls = append(f.calls, "UpdateOriginRequestPolicy")
	id := aws.ToString(in.Id)
	if aws.ToString(in.IfMatch) != f.etags[id] {
		return nil, &smithy.GenericAPIError{Code: "PreconditionFailed"}
	}
	f.policies[id].OriginRequestPolicyConfig = in.OriginRequestPolicyConfig
	f.etags[id] = f.next("etag")
	return &sdk.UpdateOriginRequestPolicyOutput{OriginRequestPolicy: f.policies[id], ETag: aws.String(f.etags[id])}, nil
}

func (f *fakeAPI) functionSummary(name string) *types.FunctionSummary {
	return &types.FunctionSummary{Name: aws.String(name), FunctionMetadata: &types.FunctionMetadata{
		FunctionARN: aws.String("arn:aws:cloudfront::123456789012:function/" + name), Stage: f.fnStage[name],
	}}
}

func (f *fakeAPI) checkFunction(name, ifMatch string) error {
	if _, ok := f.fnCode[name]; !ok {
		return &smithy.GenericAPIError{Code: "NoSuchFunctionExists"}
	}
	if ifMatch != f.etags[name] {
		return &smithy.GenericAPIError{Code: "PreconditionFailed"}
	}
	return nil
}

func (f *fakeAPI) CreateFunction(_ context.Context, in *sdk.CreateFunctionInput, _ ...func(*sdk.Options)) (*sdk.CreateFunctionOutput, error) {
	f.calls = append(f.calls, "CreateFunction")
	name := aws.ToString(in.Name)
	if in.FunctionConfig.Runtime != types.FunctionRuntimeCloudfrontJs20 {
		return nil, &smithy.GenericAPIError{Code: "InvalidArgument"}
	}
	f.fnCode[name], f.fnStage[name], f.etags[name] = in.FunctionCode, types.FunctionStageDevelopment, f.next("etag")
	return &sdk.CreateFunctionOutput{FunctionSummary: f.functionSummary(name), ETag: aws.String(f.etags[name])}, nil
}

func (f *fakeAPI) DescribeFunction(_ context.Context, in *sdk.DescribeFunctionInput, _ ...func(*sdk.Options)) (*sdk.DescribeFunctionOutput, error) {
	f.calls = append(f.calls, "DescribeFunction")
	name := aws.ToString(in.Name)
	if _, ok := f.fnCode[name]; !ok {
		return nil, &smithy.GenericAPIError{Code: "NoSuchFunctionExists"}
	}
	return &sdk.DescribeFunctionOutput{FunctionSummary: f.functionSummary(name), ETag: aws.String(f.etags[name])}, nil
}

func (f *fakeAPI) UpdateFunction(_ context.Context, in *sdk.UpdateFunctionInput, _ ...func(*sdk.Options)) (*sdk.UpdateFunctionOutput, error) {
	f.calls = append(f.calls, "UpdateFunction")
	name := aws.ToString(in.Name)
	if err := f.checkFunction(name, aws.ToString(in.IfMatch)); err != nil {
		return nil, err
	}
	f.fnCode[name], f.fnStage[name], f.etags[name] = in.FunctionCode, types.FunctionStageDevelopment, f.next("etag")
	return &sdk.UpdateFunctionOutput{FunctionSummary: f.functionSummary(name), ETag: aws.String(f.etags[name])}, nil
}

func (f *fakeAPI) PublishFunction(_ context.Context, in *sdk.PublishFunctionInput, _ ...func(*sdk.Options)) (*sdk.PublishFunctionOutput, error) {
	f.calls = append(f.calls, "PublishFunction")
	name := aws.ToString(in.Name)
	if err := f.checkFunction(name, aws.ToString(in.IfMatch)); err != nil {
		return nil, err
	}
	s := f.functionSummary(name)
	s.FunctionMetadata.Stage = types.FunctionStageLive
	return &sdk.PublishFunctionOutput{FunctionSummary: s}, nil
}
