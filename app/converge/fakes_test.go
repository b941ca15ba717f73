package converge_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/store"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// sentQueue records every message sent.
type sentQueue struct {
	mu   sync.Mutex
	sent []struct {
		Queue string
		Msg   domain.Message
	}
	fail error
}

func (q *sentQueue) Send(_ context.Context, name string, m domain.Message) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.fail != nil {
		return q.fail
	}
	q.sent = append(q.sent, struct {
		Queue string
		Msg   domain.Message
	}{name, m})
	return nil
}

// busRecorder records published events.
type busRecorder struct {
	mu     sync.Mutex
	events []domain.Event
}

func (b *busRecorder) Publish(_ context.Context, evs ...domain.Event) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.events = append(b.events, evs...)
	return nil
}

func (b *busRecorder) types() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, e := range b.events {
		out = append(out, e.Type)
	}
	return out
}

// fakeCDN is a scripted CloudFront: it records calls and returns queued errors first.
type fakeCDN struct {
	domain.CDN // unused methods panic
	mu         sync.Mutex
	calls      []string
	createErrs []error
	status     string
	created    map[string]string // caller reference -> id
}

func (f *fakeCDN) CreateDistribution(_ context.Context, cfg domain.DistributionConfig) (domain.LiveDistribution, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "Create")
	if f.created == nil {
		f.created = map[string]string{}
	}
	if len(f.createErrs) > 0 {
		err := f.createErrs[0]
		f.createErrs = f.createErrs[1:]
		if err != nil {
			return domain.LiveDistribution{}, err
		}
	}
	if id, ok := f.created[cfg.CallerReference]; ok {
		return domain.LiveDistribution{}, &domain.AlreadyExistsError{ExistingID: id, Err: domain.ErrAlreadyExists}
	}
	id := "EFAKE" + string(rune('A'+len(f.created)))
	f.created[cfg.CallerReference] = id
	return f.live(id), nil
}

func (f *fakeCDN) GetDistribution(_ context.Context, id string) (domain.LiveDistribution, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "Get "+id)
	return f.live(id), nil
}

// FindDistribution finds what CreateDistribution made for a caller reference.
func (f *fakeCDN) FindDistribution(_ context.Context, ref string, _ time.Time) (domain.LiveDistribution, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "Find "+ref)
	if id, ok := f.created[ref]; ok {
		return f.live(id), nil
	}
	return domain.LiveDistribution{}, domain.ErrNotFound
}

func (f *fakeCDN) live(id string) domain.LiveDistribution {
	st := f.status
	if st == "" {
		st = domain.CloudStatusInProgress
	}
	return domain.LiveDistribution{ID: id, ARN: "arn:aws:cloudfront::1:distribution/" + id, DomainName: "d1.cloudfront.net", Status: st, ETag: "E1"}
}

func (f *fakeCDN) count(call string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c == call {
			n++
		}
	}
	return n
}

type harness struct {
	deps  shared.Deps
	queue *sentQueue
	bus   *busRecorder
	cdn   *fakeCDN
	now   time.Time
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "store.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	h := &harness{queue: &sentQueue{}, bus: &busRecorder{}, cdn: &fakeCDN{}, now: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	h.deps = shared.Deps{Store: st, Queue: h.queue, Bus: h.bus, Cloud: shared.Cloud{CDN: h.cdn}, Policy: domain.DefaultPolicy(),
		Timing: shared.DefaultTiming(), Prefix: "cfm", Clock: func() time.Time { return h.now }}
	return h
}

var dev = domain.Principal{Username: "dev", Groups: []string{domain.GroupDevelopers}}

func createRequest() domain.DistributionRequest {
	return domain.DistributionRequest{Name: "site", Config: domain.DistributionConfig{
		Origins: &domain.Origins{Quantity: 1, Items: []domain.Origin{{Id: "o1", DomainName: "bucket1.s3.amazonaws.com"}}}}}
}
