// Package storetest is the conformance suite for domain.Store. Every adapter (the embedded
// bbolt store, DynamoDB) runs it from its own tests:
//
//	storetest.Run(t, func(t *testing.T) domain.Store { return openStore(t) })
//
// Each case uses its own freshly named Kind, so newStore may return one shared store
// (a DynamoDB table on moto) as well as a fresh one per case.
package storetest

import (
	"crypto/rand"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// Case names, for Skip.
const (
	CaseGetPut          = "GetPut"
	CaseConditions      = "Conditions"
	CaseAtomicRollback  = "AtomicRollback"
	CaseInvalidWrites   = "InvalidWrites"
	CaseAnyBytes        = "AnyBytes"
	CaseIndexes         = "Indexes"
	CaseOrder           = "Order"
	CaseIndexMoves      = "IndexMoves"
	CasePaging          = "Paging"
	CaseDefaultLimit    = "DefaultLimit"
	CaseMaxLimit        = "MaxLimit"
	CaseBelow           = "Below"
	CaseInvalidQuery    = "InvalidQuery"
	CaseConcurrentPuts  = "ConcurrentPuts"
	CaseConcurrentMixed = "ConcurrentMixed"
)

// Option adjusts the suite for one adapter.
type Option func(*config)

type config struct {
	skip map[string]string
}

// Skip leaves a case out with the reason it cannot hold for this adapter (printed by t.Skip).
func Skip(caseName, reason string) Option {
	return func(c *config) { c.skip[caseName] = reason }
}

// Run runs every case as a subtest against the stores newStore returns.
func Run(t *testing.T, newStore func(t *testing.T) domain.Store, opts ...Option) {
	cfg := config{skip: map[string]string{}}
	for _, o := range opts {
		o(&cfg)
	}
	cases := []struct {
		name string
		run  func(t *testing.T, s domain.Store)
	}{
		{CaseGetPut, testGetPut},
		{CaseConditions, testConditions},
		{CaseAtomicRollback, testAtomicRollback},
		{CaseInvalidWrites, testInvalidWrites},
		{CaseAnyBytes, testAnyBytes},
		{CaseIndexes, testIndexes},
		{CaseOrder, testOrder},
		{CaseIndexMoves, testIndexMoves},
		{CasePaging, testPaging},
		{CaseDefaultLimit, testDefaultLimit},
		{CaseMaxLimit, testMaxLimit},
		{CaseBelow, testBelow},
		{CaseInvalidQuery, testInvalidQuery},
		{CaseConcurrentPuts, testConcurrentPuts},
		{CaseConcurrentMixed, testConcurrentMixed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if reason, ok := cfg.skip[c.name]; ok {
				t.Skip(reason)
			}
			c.run(t, newStore(t))
		})
	}
}

// freshKind returns a Kind no other case (or earlier run on a shared table) has used.
func freshKind(t *testing.T) domain.Kind {
	b := make([]byte, 6)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return domain.Kind("k" + hex.EncodeToString(b))
}

func put(it domain.Item) domain.Write { return domain.Write{Put: &it} }

func del(kind domain.Kind, id string, version int64) domain.Write {
	return domain.Write{Delete: &domain.DeleteKey{Kind: kind, ID: id, Version: version}}
}

// ids lists the IDs of items in order.
func ids(items []domain.Item) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}
