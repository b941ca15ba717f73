package queue_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/queue"
	"github.com/cloudfront-manager/cfm/domain"
)

// TestInFlightSurvivesRestart: the process stops (the DB is closed without acking, like a
// crash after Receive); after reopening, the message comes back once its visibility ends.
func TestInFlightSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	clock := newClock()
	path := filepath.Join(t.TempDir(), "queue.db")
	q, err := queue.Open(path, queue.Options{Clock: clock.Now})
	require.NoError(t, err)
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "d1", DedupID: "op1", Body: []byte("create")}))
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "d1", DedupID: "op2", Body: []byte("update")}))
	ds, err := q.Receive(ctx, domain.QueueCommands, 10, time.Minute)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	require.NoError(t, q.Close())

	q, err = queue.Open(path, queue.Options{Clock: clock.Now})
	require.NoError(t, err)
	defer func() { require.NoError(t, q.Close()) }()
	none, err := q.Receive(ctx, domain.QueueCommands, 10, time.Minute)
	require.NoError(t, err)
	assert.Empty(t, none, "still in flight, and its group is blocked")

	clock.Add(time.Minute + time.Second)
	again, err := q.Receive(ctx, domain.QueueCommands, 10, time.Minute)
	require.NoError(t, err)
	require.Len(t, again, 1)
	assert.Equal(t, "create", string(again[0].Body))
	assert.Equal(t, 2, again[0].ReceiveCount)
	require.NoError(t, q.Ack(ctx, domain.QueueCommands, again[0].Receipt))
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "d1", DedupID: "op2", Body: []byte("dup")}))
	next, err := q.Receive(ctx, domain.QueueCommands, 10, time.Minute)
	require.NoError(t, err)
	require.Len(t, next, 1)
	assert.Equal(t, "update", string(next[0].Body), "dedup ids survive the restart too")
}

const childEnv = "CFM_QUEUE_CHILD"

// TestChild is the child process of the kill -9 tests; it does nothing in a normal run.
func TestChild(t *testing.T) {
	role := os.Getenv(childEnv)
	if role == "" {
		t.Skip("child process of TestKilled*")
	}
	ctx := context.Background()
	q, err := queue.Open(os.Getenv("CFM_QUEUE_PATH"), queue.Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	switch role {
	case "receive": // take two messages, ack one, then hang mid-work
		ds, err := q.Receive(ctx, domain.QueuePolls, 2, time.Minute)
		if err != nil || len(ds) != 2 || q.Ack(ctx, domain.QueuePolls, ds[0].Receipt) != nil {
			fmt.Println("error", err, len(ds))
			os.Exit(1)
		}
		fmt.Println("ready", string(ds[0].Body), string(ds[1].Body))
	case "send": // send as fast as possible, printing each number once Send returned
		for i := 0; ; i++ {
			if err := q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte(strconv.Itoa(i))}); err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
			fmt.Println(i)
		}
	}
	select {} // wait for SIGKILL
}

// startChild runs TestChild in a new process and returns it with its stdout lines.
func startChild(t *testing.T, role, path string) (*exec.Cmd, *bufio.Scanner) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.v=false")
	cmd.Env = append(os.Environ(), childEnv+"="+role, "CFM_QUEUE_PATH="+path)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd, bufio.NewScanner(out)
}

func kill(t *testing.T, cmd *exec.Cmd) {
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()
}

// TestKilledWhileWorking: a worker process receives two messages, acks one and is killed
// with SIGKILL. The acked message is gone; the other returns after its visibility timeout.
func TestKilledWhileWorking(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "queue.db")
	q, err := queue.Open(path, queue.Options{})
	require.NoError(t, err)
	for _, b := range []string{"a", "b", "c"} {
		require.NoError(t, q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte(b)}))
	}
	require.NoError(t, q.Close())

	cmd, lines := startChild(t, "receive", path)
	require.True(t, lines.Scan(), "child said nothing")
	require.Equal(t, "ready a b", lines.Text())
	kill(t, cmd)

	clock := newClock()
	clock.now = time.Now()
	q = openAt(t, path, queue.Options{Clock: clock.Now})
	n, err := q.Len(ctx, domain.QueuePolls)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "the ack before the kill is durable")
	ds, err := q.Receive(ctx, domain.QueuePolls, 10, time.Minute)
	require.NoError(t, err)
	require.Equal(t, []string{"c"}, bodiesOf(ds), "b is still in flight")
	require.NoError(t, q.Ack(ctx, domain.QueuePolls, ds[0].Receipt))

	clock.Add(time.Minute + time.Second)
	ds, err = q.Receive(ctx, domain.QueuePolls, 10, time.Minute)
	require.NoError(t, err)
	require.Equal(t, []string{"b"}, bodiesOf(ds), "b is back after its visibility timeout")
	assert.Equal(t, 2, ds[0].ReceiveCount)
}

// TestKilledWhileSending: every Send that returned before SIGKILL is in the queue after
// reopening, in order, and the file is intact.
func TestKilledWhileSending(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "queue.db")
	cmd, lines := startChild(t, "send", path)
	last := -1
	for last < 30 && lines.Scan() {
		n, err := strconv.Atoi(lines.Text())
		require.NoError(t, err, lines.Text())
		last = n
	}
	kill(t, cmd)
	require.GreaterOrEqual(t, last, 30, "child stopped early")

	q := openAt(t, path, queue.Options{})
	n, err := q.Len(ctx, domain.QueuePolls)
	require.NoError(t, err)
	require.GreaterOrEqual(t, n, last+1)
	for want := 0; want < n; {
		ds, err := q.Receive(ctx, domain.QueuePolls, 10, time.Minute)
		require.NoError(t, err)
		require.NotEmpty(t, ds)
		for _, d := range ds {
			assert.Equal(t, strconv.Itoa(want), string(d.Body))
			want++
		}
	}
}

func bodiesOf(ds []queue.Delivery) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, string(d.Body))
	}
	return out
}
