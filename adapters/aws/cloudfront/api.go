package cloudfront

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
)

// The narrow slices of the SDK client each port uses.

type distributionsAPI interface {
	CreateDistribution(ctx context.Context, in *sdk.CreateDistributionInput, optFns ...func(*sdk.Options)) (*sdk.CreateDistributionOutput, error)
	CreateDistributionWithTags(ctx context.Context, in *sdk.CreateDistributionWithTagsInput, optFns ...func(*sdk.Options)) (*sdk.CreateDistributionWithTagsOutput, error)
	GetDistribution(ctx context.Context, in *sdk.GetDistributionInput, optFns ...func(*sdk.Options)) (*sdk.GetDistributionOutput, error)
	GetDistributionConfig(ctx context.Context, in *sdk.GetDistributionConfigInput, optFns ...func(*sdk.Options)) (*sdk.GetDistributionConfigOutput, error)
	UpdateDistribution(ctx context.Context, in *sdk.UpdateDistributionInput, optFns ...func(*sdk.Options)) (*sdk.UpdateDistributionOutput, error)
	DeleteDistribution(ctx context.Context, in *sdk.DeleteDistributionInput, optFns ...func(*sdk.Options)) (*sdk.DeleteDistributionOutput, error)
	ListDistributions(ctx context.Context, in *sdk.ListDistributionsInput, optFns ...func(*sdk.Options)) (*sdk.ListDistributionsOutput, error)
}

type invalidationsAPI interface {
	CreateInvalidation(ctx context.Context, in *sdk.CreateInvalidationInput, optFns ...func(*sdk.Options)) (*sdk.CreateInvalidationOutput, error)
	GetInvalidation(ctx context.Context, in *sdk.GetInvalidationInput, optFns ...func(*sdk.Options)) (*sdk.GetInvalidationOutput, error)
}

type originAccessControlsAPI interface {
	CreateOriginAccessControl(ctx context.Context, in *sdk.CreateOriginAccessControlInput, optFns ...func(*sdk.Options)) (*sdk.CreateOriginAccessControlOutput, error)
	GetOriginAccessControl(ctx context.Context, in *sdk.GetOriginAccessControlInput, optFns ...func(*sdk.Options)) (*sdk.GetOriginAccessControlOutput, error)
	ListOriginAccessControls(ctx context.Context, in *sdk.ListOriginAccessControlsInput, optFns ...func(*sdk.Options)) (*sdk.ListOriginAccessControlsOutput, error)
	DeleteOriginAccessControl(ctx context.Context, in *sdk.DeleteOriginAccessControlInput, optFns ...func(*sdk.Options)) (*sdk.DeleteOriginAccessControlOutput, error)
}

type originRequestPoliciesAPI interface {
	ListOriginRequestPolicies(ctx context.Context, in *sdk.ListOriginRequestPoliciesInput, optFns ...func(*sdk.Options)) (*sdk.ListOriginRequestPoliciesOutput, error)
	CreateOriginRequestPolicy(ctx context.Context, in *sdk.CreateOriginRequestPolicyInput, optFns ...func(*sdk.Options)) (*sdk.CreateOriginRequestPolicyOutput, error)
	GetOriginRequestPolicy(ctx context.Context, in *sdk.GetOriginRequestPolicyInput, optFns ...func(*sdk.Options)) (*sdk.GetOriginRequestPolicyOutput, error)
	UpdateOriginRequestPolicy(ctx context.Context, in *sdk.UpdateOriginRequestPolicyInput, optFns ...func(*sdk.Options)) (*sdk.UpdateOriginRequestPolicyOutput, error)
}

type functionsAPI interface {
	CreateFunction(ctx context.Context, in *sdk.CreateFunctionInput, optFns ...func(*sdk.Options)) (*sdk.CreateFunctionOutput, error)
	DescribeFunction(ctx context.Context, in *sdk.DescribeFunctionInput, optFns ...func(*sdk.Options)) (*sdk.DescribeFunctionOutput, error)
	UpdateFunction(ctx context.Context, in *sdk.UpdateFunctionInput, optFns ...func(*sdk.Options)) (*sdk.UpdateFunctionOutput, error)
	PublishFunction(ctx context.Context, in *sdk.PublishFunctionInput, optFns ...func(*sdk.Options)) (*sdk.PublishFunctionOutput, error)
	DeleteFunction(ctx context.Context, in *sdk.DeleteFunctionInput, optFns ...func(*sdk.Options)) (*sdk.DeleteFunctionOutput, error)
}

type taggingAPI interface {
	TagResource(ctx context.Context, in *sdk.TagResourceInput, optFns ...func(*sdk.Options)) (*sdk.TagResourceOutput, error)
	UntagResource(ctx context.Context, in *sdk.UntagResourceInput, optFns ...func(*sdk.Options)) (*sdk.UntagResourceOutput, error)
	ListTagsForResource(ctx context.Context, in *sdk.ListTagsForResourceInput, optFns ...func(*sdk.Options)) (*sdk.ListTagsForResourceOutput, error)
}
