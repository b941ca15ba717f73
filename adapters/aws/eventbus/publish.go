package eventbus

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// PutEvents limits.
const (
	MaxBatchEntries = 10
	MaxBatchBytes   = 256 * 1024
)

// Publish puts every event on the bus, in order of batches. Events of a batch that succeeded
// are not sent again when a later batch fails. An event EventBridge cannot take (bad detail,
// too large) is a permanent error; entries still throttled after the retries are ErrThrottled.
func (b *Bus) Publish(ctx context.Context, events ...domain.Event) error {
	entries := make([]types.PutEventsRequestEntry, len(events))
	sizes := make([]int, len(events))
	v := &domain.ValidationError{}
	for i, e := range events {
		if len(e.Detail) == 0 {
			e.Detail = []byte("{}") // an event without a payload
		}
		e.Detail = e.DetailWithID() // every event on the bus carries its id (dedup key)
		entries[i], sizes[i] = b.entry(e)
		field := fmt.Sprintf("events[%d]", i)
		switch {
		case e.Type == "":
			v.Add(field+".type", "is required")
		case !json.Valid(e.Detail) || !isObject(e.Detail):
			v.Add(field+".detail", "must be a JSON object")
		case sizes[i] > MaxBatchBytes:
			v.Add(field, "is %d bytes, EventBridge takes at most %d", sizes[i], MaxBatchBytes)
		}
	}
	if err := v.OrNil(); err != nil {
		return fmt.Errorf("publish to %s: %w", b.name, domain.Permanent(err))
	}
	for start := 0; start < len(entries); {
		end, bytes := start, 0
		for end < len(entries) && end-start < MaxBatchEntries && bytes+sizes[end] <= MaxBatchBytes {
			bytes += sizes[end]
			end++
		}
		if err := b.putBatch(ctx, events[start:end], entries[start:end]); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// entry is the PutEvents entry of e and its size as EventBridge counts it.
func (b *Bus) entry(e domain.Event) (types.PutEventsRequestEntry, int) {
	entry := types.PutEventsRequestEntry{
		EventBusName: aws.String(b.name),
		Source:       aws.String(domain.EventSource),
		DetailType:   aws.String(e.Type),
		Detail:       aws.String(string(e.Detail)),
	}
	size := len(domain.EventSource) + len(e.Type) + len(e.Detail)
	if !e.Time.IsZero() {
		entry.Time = aws.Time(e.Time)
		size += 14
	}
	return entry, size
}

// putBatch sends one batch and re-sends the entries that failed with a retryable code.
func (b *Bus) putBatch(ctx context.Context, events []domain.Event, entries []types.PutEventsRequestEntry) error {
	pending := make([]int, len(entries)) // indexes into entries still to send
	for i := range pending {
		pending[i] = i
	}
	backoff := b.backoff
	var failures []string
	for attempt := 1; ; attempt++ {
		batch := make([]types.PutEventsRequestEntry, len(pending))
		for i, p := range pending {
			batch[i] = entries[p]
		}
		out, err := b.api.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: batch})
		if err != nil {
			return classify(fmt.Sprintf("publish %d events to %s", len(batch), b.name), err)
		}
		if out.FailedEntryCount == 0 {
			return nil
		}
		if len(out.Entries) != len(batch) {
			return fmt.Errorf("publish to %s: %d entries answered for %d sent", b.name, len(out.Entries), len(batch))
		}
		var retry []int
		var permanent, throttled, other bool
		failures = failures[:0]
		for i, r := range out.Entries {
			code := aws.ToString(r.ErrorCode)
			if code == "" {
				continue
			}
			e := events[pending[i]]
			failures = append(failures, fmt.Sprintf("%s %s: %s %s", e.Type, e.ID, code, aws.ToString(r.ErrorMessage)))
			switch code {
			case "ThrottlingException":
				throttled = true
				retry = append(retry, pending[i])
			case "InternalFailure", "InternalException", "ServiceUnavailable":
				retry = append(retry, pending[i])
			case "MalformedDetail", "InvalidArgument", "ValidationException", "InvalidAccountIdException":
				permanent = true
			default: // ResourceNotFoundException, AccessDeniedException, KMS: configuration
				other = true
			}
		}
		err = fmt.Errorf("publish to %s: %d of %d events failed: %s", b.name, len(failures), len(batch), strings.Join(failures, "; "))
		switch {
		case permanent:
			return domain.Permanent(err)
		case other:
			return err
		case attempt >= b.attempts:
			if throttled {
				return domain.RetryAfter(fmt.Errorf("%w: %w", err, domain.ErrThrottled), time.Second)
			}
			return domain.RetryAfter(err, time.Second)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (%w)", err, ctx.Err())
		case <-time.After(backoff):
		}
		backoff *= 2
		pending = retry
	}
}

func isObject(detail []byte) bool {
	s := strings.TrimLeft(string(detail), " \t\r\n")
	return strings.HasPrefix(s, "{")
}
