package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

const writers = 16

// testConcurrentPuts: of N writers that all read version 1 and put version 2, exactly one
// wins, every other one gets ErrConflict, and the stored body is the winner's.
func testConcurrentPuts(t *testing.T, s domain.Store) {
	ctx := context.Background()
	kind := freshKind(t)
	require.NoError(t, s.Write(ctx, put(domain.Item{Kind: kind, ID: "d", Version: 1, Status: "Accepted", SortKey: "1"})))

	errs := make([]error, writers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range writers {
		wg.Go(func() {
			<-start
			errs[i] = s.Write(ctx, put(domain.Item{Kind: kind, ID: "d", Version: 2,
				Status: fmt.Sprintf("w%02d", i), SortKey: "1", Body: fmt.Appendf(nil, "writer %d", i)}))
		})
	}
	close(start)
	wg.Wait()

	winner := -1
	for i, err := range errs {
		if err == nil {
			require.Equal(t, -1, winner, "writers %d and %d both won", winner, i)
			winner = i
			continue
		}
		require.ErrorIs(t, err, domain.ErrConflict, "writer %d", i)
	}
	require.NotEqual(t, -1, winner, "no writer won")
	got, err := s.Get(ctx, kind, "d")
	require.NoError(t, err)
	assert.Equal(t, int64(2), got.Version)
	assert.Equal(t, fmt.Sprintf("writer %d", winner), string(got.Body))

	for i := range writers {
		page, err := s.Query(ctx, domain.Query{Kind: kind, Index: domain.ByStatus, Key: fmt.Sprintf("w%02d", i)})
		require.NoError(t, err)
		if i == winner {
			assert.Equal(t, []string{"d"}, ids(page.Items))
		} else {
			assert.Empty(t, page.Items, "a losing writer left an index entry")
		}
	}
}

// testConcurrentMixed: writers each bump their own counter item and a shared one in the
// same write, retrying on conflict; no update is lost and every write stays atomic.
func testConcurrentMixed(t *testing.T, s domain.Store) {
	ctx := context.Background()
	kind := freshKind(t)
	const perWriter = 5
	writes := []domain.Write{put(domain.Item{Kind: kind, ID: "shared", Version: 1, SortKey: "0"})}
	for i := range writers / 2 {
		writes = append(writes, put(domain.Item{Kind: kind, ID: fmt.Sprintf("own%02d", i), Version: 1, SortKey: "1"}))
	}
	require.NoError(t, s.Write(ctx, writes...))

	var wg sync.WaitGroup
	for i := range writers / 2 {
		wg.Go(func() {
			own := fmt.Sprintf("own%02d", i)
			for done := 0; done < perWriter; {
				shared, err := s.Get(ctx, kind, "shared")
				if !assert.NoError(t, err) {
					return
				}
				mine, err := s.Get(ctx, kind, own)
				if !assert.NoError(t, err) {
					return
				}
				err = s.Write(ctx,
					put(domain.Item{Kind: kind, ID: own, Version: mine.Version + 1, SortKey: "1"}),
					put(domain.Item{Kind: kind, ID: "shared", Version: shared.Version + 1, SortKey: "0"}),
				)
				if err == nil {
					done++
					continue
				}
				if !assert.ErrorIs(t, err, domain.ErrConflict) {
					return
				}
			}
		})
	}
	wg.Wait()

	shared, err := s.Get(ctx, kind, "shared")
	require.NoError(t, err)
	assert.Equal(t, int64(1+perWriter*writers/2), shared.Version, "no lost update on the shared item")
	for i := range writers / 2 {
		mine, err := s.Get(ctx, kind, fmt.Sprintf("own%02d", i))
		require.NoError(t, err)
		assert.Equal(t, int64(1+perWriter), mine.Version, "own%02d", i)
	}
}
