// Package bus is the embedded event bus: domain events are appended to a JSON-lines log under
// the data directory (an EventBridge stand-in that subscribers can tail) and fanned out to
// in-process subscribers.
package bus

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// Entry is one published event as written to the log (EventBridge's envelope names).
type Entry struct {
	ID         string          `json:"id"`
	Source     string          `json:"source"`
	DetailType string          `json:"detail-type"`
	Time       time.Time       `json:"time"`
	Detail     json.RawMessage `json:"detail"`
}

// Bus appends events to a file and notifies subscribers.
type Bus struct {
	mu   sync.Mutex
	f    *os.File
	subs []func(domain.Event)
}

var _ domain.Publisher = (*Bus)(nil)

// Open appends to (or creates) the log at path.
func Open(path string) (*Bus, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open event log: %w", err)
	}
	return &Bus{f: f}, nil
}

// Subscribe registers fn to be called, synchronously, for every published event.
func (b *Bus) Subscribe(fn func(domain.Event)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs = append(b.subs, fn)
}

// Publish writes every event (one line each, synced) and then tells subscribers.
func (b *Bus) Publish(_ context.Context, events ...domain.Event) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range events {
		line, err := json.Marshal(Entry{ID: e.ID, Source: domain.EventSource, DetailType: e.Type, Time: e.Time, Detail: e.Detail})
		if err != nil {
			return fmt.Errorf("encode event %s: %w", e.ID, err)
		}
		if _, err := b.f.Write(append(line, '\n')); err != nil {
			return fmt.Errorf("append event %s: %w", e.ID, err)
		}
	}
	if err := b.f.Sync(); err != nil {
		return fmt.Errorf("sync event log: %w", err)
	}
	for _, e := range events {
		for _, fn := range b.subs {
			fn(e)
		}
	}
	return nil
}

// Close closes the log.
func (b *Bus) Close() error { return b.f.Close() }
