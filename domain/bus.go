package domain

import (
	"bytes"
	"context"
	"encoding/json"
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

// EventIDField is the detail member that carries Event.ID: subscribers deduplicate on it.
const EventIDField = "eventId"

// DetailWithID returns the event's detail with its id as the first member "eventId", unless
// the detail (a JSON object) carries one already. A detail that is no JSON object is returned
// as it is (publishing refuses it).
func (e Event) DetailWithID() []byte {
	var members map[string]json.RawMessage
	if e.ID == "" || json.Unmarshal(e.Detail, &members) != nil || members == nil {
		return e.Detail
	}
	if _, ok := members[EventIDField]; ok {
		return e.Detail
	}
	id, _ := json.Marshal(e.ID)                            // a string always encodes
	rest := bytes.TrimSpace(bytes.TrimSpace(e.Detail)[1:]) // the members and the closing brace
	out := append([]byte(`{"`+EventIDField+`":`), id...)
	if len(rest) > 1 { // more than "}"
		out = append(out, ',')
	}
	return append(out, rest...)
}

// Publisher publishes domain events to subscribers.
type Publisher interface {
	Publish(ctx context.Context, events ...Event) error
}
