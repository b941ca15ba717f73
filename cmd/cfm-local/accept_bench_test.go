package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// BenchmarkAcceptPath measures POST /api/distributions end to end on loopback (token check,
// strict decode, plan, one durable commit of intent + queued command, 202), at concurrency 1
// and 32, next to GET /healthz on the same server (the yardstick) and a bare net/http
// handler answering the same request: the ceiling of this machine.
// It reports requests/s and p50/p99 latency; `make bench` prints them.
func BenchmarkAcceptPath(b *testing.B) {
	sys, err := start(context.Background(), config{DataDir: b.TempDir(), DeploySeconds: 1,
		PollInitial: time.Hour, Policy: domain.DefaultPolicy(), PublicURL: "http://cfm.bench"})
	if err != nil {
		b.Fatal(err)
	}
	sys.stopWorkers() // measure the accept path, no workers competing for the disk
	defer sys.Close()
	api := httptest.NewServer(sys.Handler)
	defer api.Close()
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		_, _ = w.Write([]byte(`{"success":true}`))
	}))
	defer bare.Close()
	token := benchToken(b, api.URL)
	body, _ := json.Marshal(seedCreateBody("bench"))
	for _, c := range []int{1, 32} {
		b.Run(fmt.Sprintf("api/c=%d", c), func(b *testing.B) { load(b, "POST", api.URL+"/api/distributions", token, body, c) })
		b.Run(fmt.Sprintf("healthz/c=%d", c), func(b *testing.B) { load(b, "GET", api.URL+"/healthz", "", nil, c) })
		b.Run(fmt.Sprintf("bare/c=%d", c), func(b *testing.B) { load(b, "POST", bare.URL+"/api/distributions", token, body, c) })
	}
}

func benchToken(b *testing.B, base string) string {
	resp, err := http.Post(base+"/local/token", "application/json", bytes.NewBufferString(`{"username":"bench","groups":["developers"]}`))
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		b.Fatalf("token: %v", err)
	}
	return out.Token
}

// load sends b.N requests from c goroutines and reports throughput and latency percentiles.
func load(b *testing.B, method, url, token string, body []byte, c int) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c, MaxConnsPerHost: c}}
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	begin := time.Now()
	for range c {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				t0 := time.Now()
				req, _ := http.NewRequest(method, url, bytes.NewReader(body))
				if body != nil {
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Authorization", "Bearer "+token)
				}
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusAccepted && resp.StatusCode != http.StatusOK {
					b.Errorf("status %d", resp.StatusCode)
					return
				}
				lat[i] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(begin)
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds()), "p99-µs")
}
