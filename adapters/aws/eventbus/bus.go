// Package eventbus implements domain.Publisher on an Amazon EventBridge bus: one PutEvents
// entry per domain event (Source domain.EventSource, DetailType Event.Type, Detail
// Event.Detail, Time Event.Time), in batches of at most 10 entries and 256 KiB, retrying the
// entries PutEvents reports as failed with a retryable code.
package eventbus

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/eventbridge"

	"github.com/cloudfront-manager/cfm/domain"
)

// eventsAPI is the part of the EventBridge client the publisher calls.
type eventsAPI interface {
	PutEvents(ctx context.Context, in *eventbridge.PutEventsInput, optFns ...func(*eventbridge.Options)) (*eventbridge.PutEventsOutput, error)
}

// Defaults of the failed-entry retries (the SDK retries whole failed calls by itself).
const (
	DefaultAttempts = 4
	DefaultBackoff  = 100 * time.Millisecond
)

// Bus publishes domain events to one EventBridge bus.
type Bus struct {
	api      eventsAPI
	name     string
	attempts int
	backoff  time.Duration
}

var _ domain.Publisher = (*Bus)(nil)

// Option configures a Bus.
type Option func(*Bus)

// WithRetries sets how often failed entries are sent (first attempt included) and the first
// backoff, doubled after each attempt.
func WithRetries(attempts int, backoff time.Duration) Option {
	return func(b *Bus) { b.attempts, b.backoff = max(attempts, 1), backoff }
}

// New returns a publisher on the bus named name (CFM_EVENT_BUS_NAME); api is usually
// awsconfig.NewEventBridge(cfg).
func New(api eventsAPI, name string, opts ...Option) *Bus {
	b := &Bus{api: api, name: name, attempts: DefaultAttempts, backoff: DefaultBackoff}
	for _, o := range opts {
		o(b)
	}
	return b
}
