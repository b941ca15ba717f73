package awsconfig_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
)

// cleanEnv hides the developer's AWS environment and files from the SDK.
func cleanEnv(t *testing.T) {
	t.Helper()
	none := filepath.Join(t.TempDir(), "none")
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
		"AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_CONFIG_FILE": none, "AWS_SHARED_CREDENTIALS_FILE": none,
		"AWS_ENDPOINT_URL": "", "AWS_EC2_METADATA_DISABLED": "true", awsconfig.EnvEndpoint: "",
	} {
		t.Setenv(k, v)
	}
}

// TestLoadWithEndpoint: CFM_AWS_ENDPOINT_URL reaches every client, test credentials stand in
// for missing ones, and a real call goes to the emulator.
func TestLoadWithEndpoint(t *testing.T) {
	cleanEnv(t)
	endpoint := awstest.Endpoint(t)
	t.Setenv(awsconfig.EnvEndpoint, endpoint)
	cfg, err := awsconfig.Load(context.Background(), "eu-west-1")
	require.NoError(t, err)
	assert.Equal(t, endpoint, aws.ToString(cfg.BaseEndpoint))
	assert.Equal(t, "eu-west-1", cfg.Region)
	creds, err := cfg.Credentials.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "testing", creds.AccessKeyID)

	r := cfg.Retryer()
	assert.IsType(t, &retry.AdaptiveMode{}, r)
	assert.Equal(t, awsconfig.DefaultMaxAttempts, r.MaxAttempts())

	_, err = awsconfig.NewDynamoDB(cfg).ListTables(context.Background(), &dynamodb.ListTablesInput{})
	require.NoError(t, err, "the call reached moto")

	s3c := awsconfig.NewS3(cfg)
	assert.True(t, s3c.Options().UsePathStyle, "path-style with an endpoint")
	bucket := "cfm-awsconfig-test"
	_, err = s3c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(bucket),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraintEuWest1}})
	require.NoError(t, err)
	_, err = s3c.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String(bucket)})
	require.NoError(t, err, "path-style addressing reaches the bucket on 127.0.0.1")
	_, _ = s3c.DeleteBucket(context.Background(), &s3.DeleteBucketInput{Bucket: aws.String(bucket)})

	for name, region := range map[string]string{
		"cloudfront": awsconfig.NewCloudFront(cfg).Options().Region,
		"acm":        awsconfig.NewACMForCloudFront(cfg).Options().Region,
		"lambda":     awsconfig.NewLambdaEdge(cfg).Options().Region,
	} {
		assert.Equal(t, awsconfig.GlobalRegion, region, name)
	}
	assert.Equal(t, "eu-west-1", cfg.Region, "InRegion copies")
}

func TestLoadKeepsEnvironmentCredentials(t *testing.T) {
	cleanEnv(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	t.Setenv(awsconfig.EnvEndpoint, "http://127.0.0.1:1")
	cfg, err := awsconfig.Load(context.Background(), "")
	require.NoError(t, err)
	creds, err := cfg.Credentials.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "AKIDEXAMPLE", creds.AccessKeyID)
	assert.Equal(t, awsconfig.GlobalRegion, cfg.Region, "an emulator without a region gets one")
}

func TestLoadWithoutEndpoint(t *testing.T) {
	cleanEnv(t)
	cfg, err := awsconfig.Load(context.Background(), "us-west-2")
	require.NoError(t, err)
	assert.Nil(t, cfg.BaseEndpoint)
	assert.False(t, awsconfig.NewS3(cfg).Options().UsePathStyle)
	_, err = awsconfig.Load(context.Background(), "")
	require.Error(t, err, "no region and no emulator")
}

func TestMaxAttempts(t *testing.T) {
	cleanEnv(t)
	cfg, err := awsconfig.New(context.Background(), awsconfig.Options{Region: "us-east-1", MaxAttempts: 2})
	require.NoError(t, err)
	assert.Equal(t, 2, cfg.Retryer().MaxAttempts())
}
