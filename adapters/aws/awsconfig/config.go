// Package awsconfig loads the one aws.Config every AWS adapter is built from.
//
// CFM_AWS_ENDPOINT_URL points every client at an emulator (the moto server in tests and in the
// local-AWS mode of `make run`). With an endpoint set and no credentials in the environment,
// static test credentials are used so that nothing ever reaches for a real account's profile.
package awsconfig

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// EnvEndpoint names the variable that points every AWS client at an emulator.
const EnvEndpoint = "CFM_AWS_ENDPOINT_URL"

// DefaultMaxAttempts bounds the SDK's own retries of one call (first attempt included).
const DefaultMaxAttempts = 5

// Options selects how a Config is built; the zero value of a field means "the default".
type Options struct {
	// Region of the clients; "" lets the SDK resolve it (AWS_REGION, profile).
	Region string
	// Endpoint, when set, is the BaseEndpoint of every client (an emulator's URL).
	Endpoint string
	// Credentials overrides the default chain (tests pass static ones).
	Credentials aws.CredentialsProvider
	// MaxAttempts bounds the SDK's retries of one call; 0 = DefaultMaxAttempts.
	MaxAttempts int
}

// Load builds the Config for region from the environment: the default credential chain,
// CFM_AWS_ENDPOINT_URL as the endpoint of every client, adaptive retries.
func Load(ctx context.Context, region string) (aws.Config, error) {
	return New(ctx, Options{Region: region, Endpoint: os.Getenv(EnvEndpoint)})
}

// New builds a Config from explicit options (Load reads them from the environment).
func New(ctx context.Context, o Options) (aws.Config, error) {
	attempts := o.MaxAttempts
	if attempts <= 0 {
		attempts = DefaultMaxAttempts
	}
	loaders := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer { return newRetryer(attempts) }),
	}
	if o.Region != "" {
		loaders = append(loaders, config.WithRegion(o.Region))
	}
	switch {
	case o.Credentials != nil:
		loaders = append(loaders, config.WithCredentialsProvider(o.Credentials))
	case o.Endpoint != "" && !envHasCredentials():
		loaders = append(loaders, config.WithCredentialsProvider(TestCredentials()))
	}
	if o.Endpoint != "" {
		loaders = append(loaders, config.WithBaseEndpoint(o.Endpoint))
	}
	cfg, err := config.LoadDefaultConfig(ctx, loaders...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("load aws config (region %q): %w", o.Region, err)
	}
	if cfg.Region == "" && o.Endpoint != "" {
		cfg.Region = GlobalRegion // an emulator does not care; keep `make run` zero-config
	}
	if cfg.Region == "" {
		return aws.Config{}, fmt.Errorf("load aws config: no region (set AWS_REGION)")
	}
	return cfg, nil
}

// TestCredentials are the static credentials used against an emulator.
func TestCredentials() aws.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider("testing", "testing", "")
}

// newRetryer is adaptive mode (client-side rate limiting once throttled) with bounded attempts.
func newRetryer(attempts int) aws.Retryer {
	return retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
		o.StandardOptions = append(o.StandardOptions, func(so *retry.StandardOptions) {
			so.MaxAttempts = attempts
		})
	})
}

// envHasCredentials reports whether the environment names credentials explicitly
// (a key pair or a profile); an emulator endpoint alone then keeps them.
func envHasCredentials() bool {
	keys := os.Getenv("AWS_ACCESS_KEY_ID") != "" && os.Getenv("AWS_SECRET_ACCESS_KEY") != ""
	return keys || os.Getenv("AWS_PROFILE") != ""
}
