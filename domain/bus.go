package domain

import (
	"context"
	"time"
)

// EventSource is the "source" of every domain event on the bus.
const EventSource = "cloudfront-manager"

// Event is a domain event as published: Type is the detail-type, Detail its JSON payload.
type Event struct {
	ID     string
	Type   string
	Time   time.Time
	Detail []byte
}

// Publisher publishes domain events to subscribers.
type Publisher interface {
	Publish(ctx context.Context, events ...Event) error
}
