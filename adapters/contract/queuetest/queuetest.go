// Package queuetest is the conformance suite for the queues the product uses: the embedded
// queue (adapters/local/queue) and SQS (on moto in tests). The adapter's test wraps its
// queue in the small Queue interface below and calls Run:
//
//	queuetest.Run(t, wrapped, queuetest.Advance(clock.Add), queuetest.MaxReceives(3))
//
// Every case asks Names for a fresh FIFO queue and a fresh standard queue, whose dead-letter
// queues are DLQ(name); queues must redrive to it after MaxReceives receives.
package queuetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// Delivery is one received message as the suite sees it.
type Delivery struct {
	ID           string
	Receipt      string
	Body         []byte
	Group        string
	ReceiveCount int
}

// Queue is what the suite needs from an adapter.
type Queue interface {
	Send(ctx context.Context, queue string, m domain.Message) error
	// Receive returns up to max visible messages, hiding each for visibility.
	Receive(ctx context.Context, queue string, max int, visibility time.Duration) ([]Delivery, error)
	// Ack deletes a received message.
	Ack(ctx context.Context, queue, receipt string) error
	// Release makes a received message visible again after delay.
	Release(ctx context.Context, queue, receipt string, delay time.Duration) error
}

// Case names, for Skip.
const (
	CaseSendReceiveAck     = "SendReceiveAck"
	CaseFIFOGroupOrder     = "FIFOGroupOrder"
	CaseFIFOInFlightBlocks = "FIFOInFlightBlocks"
	CaseFIFODedup          = "FIFODedup"
	CaseFIFORejects        = "FIFORejects"
	CaseVisibilityTimeout  = "VisibilityTimeout"
	CaseStaleReceipt       = "StaleReceipt"
	CaseRelease            = "Release"
	CaseDelay              = "Delay"
	CaseDeadLetter         = "DeadLetter"
)

// Option adapts the suite to an adapter.
type Option func(*config)

type config struct {
	names       func(t *testing.T) (fifo, standard string)
	dlq         func(queue string) string
	maxReceives int
	advance     func(d time.Duration)
	short       time.Duration
	skip        map[string]string
}

// Names supplies a fresh FIFO and standard queue per case (default: random names, the FIFO
// one ending in ".fifo"; the local queue needs nothing created).
func Names(f func(t *testing.T) (fifo, standard string)) Option {
	return func(c *config) { c.names = f }
}

// DLQ names a queue's dead-letter queue (default: queue + "-dlq").
func DLQ(f func(queue string) string) Option { return func(c *config) { c.dlq = f } }

// MaxReceives is the redrive limit the queues were made with (default 5; at least 3, as
// some cases deliver one message three times).
func MaxReceives(n int) Option { return func(c *config) { c.maxReceives = n } }

// Advance lets time pass: a fake clock's Add for the local queue; default time.Sleep.
func Advance(f func(d time.Duration)) Option { return func(c *config) { c.advance = f } }

// Short is the visibility timeout and delay the suite waits out (default 1s, SQS's unit).
func Short(d time.Duration) Option { return func(c *config) { c.short = d } }

// Skip leaves a case out with the reason it cannot hold for this adapter.
func Skip(caseName, reason string) Option {
	return func(c *config) { c.skip[caseName] = reason }
}

// Run runs every case as a subtest.
func Run(t *testing.T, q Queue, opts ...Option) {
	cfg := config{
		names:       randomNames,
		dlq:         func(queue string) string { return queue + "-dlq" },
		maxReceives: 5,
		advance:     time.Sleep,
		short:       time.Second,
		skip:        map[string]string{},
	}
	for _, o := range opts {
		o(&cfg)
	}
	cases := []struct {
		name string
		run  func(t *testing.T, s *suite)
	}{
		{CaseSendReceiveAck, testSendReceiveAck},
		{CaseFIFOGroupOrder, testFIFOGroupOrder},
		{CaseFIFOInFlightBlocks, testFIFOInFlightBlocks},
		{CaseFIFODedup, testFIFODedup},
		{CaseFIFORejects, testFIFORejects},
		{CaseVisibilityTimeout, testVisibilityTimeout},
		{CaseStaleReceipt, testStaleReceipt},
		{CaseRelease, testRelease},
		{CaseDelay, testDelay},
		{CaseDeadLetter, testDeadLetter},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if reason, ok := cfg.skip[c.name]; ok {
				t.Skip(reason)
			}
			fifo, standard := cfg.names(t)
			c.run(t, &suite{t: t, q: q, cfg: cfg, fifo: fifo, standard: standard})
		})
	}
}

func randomNames(t *testing.T) (fifo, standard string) {
	b := make([]byte, 6)
	_, err := rand.Read(b)
	require.NoError(t, err)
	name := "t" + hex.EncodeToString(b)
	return name + ".fifo", name
}
