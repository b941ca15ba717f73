package converge_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestHistoryPagesNewestFirst(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	ctx := context.Background()
	for _, name := range []string{"one", "two", "three"} {
		h.advance(time.Second)
		_, err := h.dists().Update(ctx, dev, d.ID, changeOf(name, `{}`), "")
		require.NoError(t, err)
	}
	var actions, names []string
	cursor := ""
	for range 10 {
		page, err := h.dists().History(ctx, mutViewer, d.ID, intake.PageRequest{Limit: 2, Cursor: cursor})
		require.NoError(t, err)
		assert.LessOrEqual(t, len(page.Items), 2)
		for _, e := range page.Items {
			actions = append(actions, e.Action)
			if e.Action == "Renamed" {
				names = append(names, e.Changes[0].To.(string))
				assert.Equal(t, dev.Username, e.Actor)
			}
		}
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	assert.Equal(t, []string{"three", "two", "one"}, names)
	assert.Equal(t, "CreateRequested", actions[len(actions)-1], "oldest last")
	assert.Len(t, actions, 3+3, "three renames, create requested/created/deployed")

	_, err := h.dists().History(ctx, domain.Principal{Username: "nobody"}, d.ID, intake.PageRequest{})
	require.ErrorIs(t, err, domain.ErrForbidden)
	_, err = h.dists().History(ctx, mutViewer, "dist-never", intake.PageRequest{})
	require.ErrorIs(t, err, domain.ErrNotFound)
	_, err = h.dists().History(ctx, mutViewer, d.ID, intake.PageRequest{Limit: 1000})
	var ve *domain.ValidationError
	require.ErrorAs(t, err, &ve)
}
