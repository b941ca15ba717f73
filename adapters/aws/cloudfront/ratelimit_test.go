package cloudfront

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestCallsArePacedByTheLimiter(t *testing.T) {
	ctx := context.Background()
	c := New(awstest.Config(t), Options{Limiter: rate.NewLimiter(10, 1)})
	start := time.Now()
	for range 6 {
		_, err := c.GetDistribution(ctx, "EDOESNOTEXIST1")
		require.ErrorIs(t, err, domain.ErrNotFound)
	}
	// one token at once, then one every 100 ms
	assert.GreaterOrEqual(t, time.Since(start), 450*time.Millisecond)
}

func TestClientsShareTheProcessLimiterByDefault(t *testing.T) {
	a := New(awstest.Config(t), Options{})
	b := New(awstest.Config(t), Options{})
	assert.Same(t, SharedLimiter(), SharedLimiter())
	assert.Equal(t, rate.Limit(DefaultRate), SharedLimiter().Limit())
	assert.Equal(t, DefaultBurst, SharedLimiter().Burst())
	assert.NotSame(t, a, b)
}

// Throttling is retried by the SDK (adaptive mode), and every attempt waits for a token.
func TestThrottlingIsRetriedAndEachAttemptTakesAToken(t *testing.T) {
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		attempts.Add(1)
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r1</RequestId></ErrorResponse>`))
	}))
	defer srv.Close()
	cfg, err := awsconfig.New(context.Background(), awsconfig.Options{
		Region: "us-east-1", Endpoint: srv.URL, Credentials: awsconfig.TestCredentials(),
	})
	require.NoError(t, err)
	lim := rate.NewLimiter(rate.Every(time.Hour), 3) // three tokens, no refill
	c := New(cfg, Options{Limiter: lim, MaxAttempts: 3})

	_, err = c.GetDistribution(context.Background(), "E1")
	require.Error(t, err)
	assert.Equal(t, int32(3), attempts.Load())
	assert.ErrorIs(t, err, domain.ErrThrottled)
	d, ok := domain.RetryDelay(err)
	assert.True(t, ok)
	assert.Positive(t, d)

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = c.GetDistribution(ctx, "E1")
	require.Error(t, err, "the three attempts used the three tokens")
	assert.Equal(t, int32(3), attempts.Load(), "no request without a token")
}
