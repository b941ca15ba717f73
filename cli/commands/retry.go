package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Bounds of the API client's own retries (retrying.Do).
const (
	retryAttempts = 5                // sends of one request, the first included
	retryMaxWait  = time.Minute      // longest single wait, whatever Retry-After says
	retryBackoff  = 1 * time.Second  // first wait without Retry-After; doubled each time
	retryMaxDelay = 16 * time.Second // cap of that doubling
)

// retrying sends the API client's requests and repeats those that are safe to send again:
//   - a mutation carrying its Idempotency-Key (every mutation the CLI sends has one) after a
//     429, 502, 503 or 504 or a network error: the API answers a repeat with the same operation,
//     so a retry never starts a second one;
//   - a read only when the API asked for it with Retry-After on a 429 or 503 (--wait polls on
//     its own schedule as well).
//
// It waits Retry-After when given (capped at retryMaxWait), else a doubling delay, says so on
// stderr, stops after retryAttempts sends, and never waits past the request's context.
type retrying struct {
	client *http.Client
	sleep  func(ctx context.Context, d time.Duration) error
	notify func(format string, args ...any)
}

func (r retrying) Do(req *http.Request) (*http.Response, error) {
	keyed := req.Header.Get("Idempotency-Key") != ""
	read := req.Method == http.MethodGet || req.Method == http.MethodHead
	backoff := retryBackoff
	for attempt := 1; ; attempt++ {
		resp, err := r.client.Do(req)
		if attempt >= retryAttempts || req.Context().Err() != nil || (!keyed && !read) {
			return resp, err
		}
		wait, why, again := retryAfter(resp, err, keyed)
		if !again {
			return resp, err
		}
		if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
			return resp, err // a body that cannot be sent twice
		}
		if wait == 0 {
			wait, backoff = backoff, min(2*backoff, retryMaxDelay)
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			_ = resp.Body.Close()
		}
		how := ""
		if keyed {
			how = ", same Idempotency-Key"
		}
		r.notify("cfm: %s %s: %s; trying again in %s (attempt %d of %d%s)\n", req.Method, req.URL.Path, why, wait, attempt+1, retryAttempts, how)
		if err := r.sleep(req.Context(), wait); err != nil {
			return nil, err
		}
		next := req.Clone(req.Context())
		if req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			next.Body = body
		}
		req = next
	}
}

// retryAfter says whether an answer is worth sending again, after how long (0: the caller's
// backoff) and why, in words for stderr.
func retryAfter(resp *http.Response, err error, keyed bool) (time.Duration, string, bool) {
	if err != nil {
		var e *exitError
		if errors.As(err, &e) || !keyed {
			return 0, "", false
		}
		return 0, "the request did not reach the API (" + err.Error() + ")", true
	}
	wait := time.Duration(0)
	if s, perr := strconv.Atoi(resp.Header.Get("Retry-After")); perr == nil && s >= 0 {
		wait = min(time.Duration(s)*time.Second, retryMaxWait)
		if wait == 0 {
			wait = time.Millisecond // "now": still a pause, not the backoff
		}
	}
	why := fmt.Sprintf("the API answered %d", resp.StatusCode)
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return wait, why, keyed || resp.Header.Get("Retry-After") != ""
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return wait, why, keyed
	}
	return 0, "", false
}

// sleepContext waits d, or until ctx ends (its error).
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
