package bus_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/bus"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestPublishAppendsAndNotifies(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "events.jsonl")
	b, err := bus.Open(path)
	require.NoError(t, err)
	var got []string
	b.Subscribe(func(e domain.Event) { got = append(got, e.ID) })
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	require.NoError(t, b.Publish(context.Background(),
		domain.Event{ID: "a", Type: "operation.succeeded", Time: at, Detail: []byte(`{"x":1}`)},
		domain.Event{ID: "b", Type: "distribution.deployed", Time: at, Detail: []byte(`{"y":2}`)}))
	require.NoError(t, b.Close())
	assert.Equal(t, []string{"a", "b"}, got)

	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var entries []bus.Entry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e bus.Entry
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e))
		entries = append(entries, e)
	}
	require.Len(t, entries, 2)
	assert.Equal(t, "cloudfront-manager", entries[0].Source)
	assert.Equal(t, "distribution.deployed", entries[1].DetailType)
	assert.JSONEq(t, `{"y":2}`, string(entries[1].Detail))
}
