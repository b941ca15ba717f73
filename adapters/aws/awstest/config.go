package awstest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
)

// Region is the region every test client uses.
const Region = "us-east-1"

// Config returns an aws.Config pointed at Endpoint(t) with static test credentials, whatever
// credentials the environment holds.
func Config(t testing.TB) aws.Config {
	t.Helper()
	cfg, err := awsconfig.New(context.Background(), awsconfig.Options{
		Region:      Region,
		Endpoint:    Endpoint(t),
		Credentials: awsconfig.TestCredentials(),
	})
	if err != nil {
		t.Fatalf("aws config for moto: %v", err)
	}
	return cfg
}

// Name returns a resource name unique to this run of t: prefix, the test's name (shortened)
// and a random suffix, using only [A-Za-z0-9-] and at most 60 characters, which every
// service here accepts (an SQS FIFO queue adds ".fifo" within its 80).
func Name(t testing.TB, prefix string) string {
	t.Helper()
	var b strings.Builder
	for _, r := range t.Name() {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	test := strings.Trim(b.String(), "-")
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	tail := "-" + hex.EncodeToString(suffix)
	room := 60 - len(prefix) - len(tail) - 1
	if len(test) > room {
		test = test[len(test)-max(room, 0):] // the end of a subtest name is the distinctive part
	}
	return strings.Trim(prefix+"-"+test, "-") + tail
}
