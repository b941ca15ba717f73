package worker

import (
	"context"

	lambdaevents "github.com/aws/aws-lambda-go/events"
)

// HandleSQS processes a batch and reports each failed message alone, so one bad message never
// fails (and re-runs) the whole batch.
func (h Handler) HandleSQS(ctx context.Context, ev lambdaevents.SQSEvent) (lambdaevents.SQSEventResponse, error) {
	var resp lambdaevents.SQSEventResponse
	for _, m := range ev.Records {
		if err := h.HandleBody(ctx, []byte(m.Body)); err != nil {
			h.log().WarnContext(ctx, "message failed; it will be retried", "messageId", m.MessageId, "error", err)
			resp.BatchItemFailures = append(resp.BatchItemFailures, lambdaevents.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
		}
	}
	return resp, nil
}
