package sqsqueue

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/cloudfront-manager/cfm/domain"
)

// MaxDelaySeconds is SQS's longest per-message delay (15 minutes).
const MaxDelaySeconds = 900

// Send sends m to the named queue. On the FIFO queue Group and DedupID are required and a
// Delay is refused (SQS has no per-message delay there); on the standard queue Delay is
// rounded up to whole seconds and capped at 15 minutes, and Group and DedupID are ignored.
func (q *Queues) Send(ctx context.Context, name string, m domain.Message) error {
	url, err := q.url(name)
	if err != nil {
		return fmt.Errorf("send to %s: %w", name, err)
	}
	in := &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(string(m.Body))}
	v := &domain.ValidationError{}
	if !validBody(m.Body) {
		v.Add("body", "must be 1 byte or more of UTF-8 text without control characters but tab, LF and CR")
	}
	if isFIFO(url) {
		if m.Group == "" {
			v.Add("group", "is required on the FIFO queue %s", name)
		}
		if m.DedupID == "" {
			v.Add("dedupID", "is required on the FIFO queue %s", name)
		}
		if m.Delay != 0 {
			v.Add("delay", "is not supported on the FIFO queue %s", name)
		}
		in.MessageGroupId, in.MessageDeduplicationId = aws.String(m.Group), aws.String(m.DedupID)
	} else {
		if m.Delay < 0 {
			v.Add("delay", "must not be negative, is %s", m.Delay)
		}
		in.DelaySeconds = seconds(m.Delay, MaxDelaySeconds)
	}
	if err := v.OrNil(); err != nil {
		return fmt.Errorf("send to %s: %w", name, domain.Permanent(err))
	}
	if _, err := q.api.SendMessage(ctx, in); err != nil {
		return classify(fmt.Sprintf("send to %s (group %q, dedup %q)", name, m.Group, m.DedupID), err)
	}
	return nil
}

// validBody: SQS accepts #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF.
func validBody(b []byte) bool {
	if len(b) == 0 || !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		switch {
		case r == '\t', r == '\n', r == '\r':
		case r >= 0x20 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		default:
			return false
		}
	}
	return true
}
