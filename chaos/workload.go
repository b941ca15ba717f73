package chaos

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	pathpkg "path"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// accepted is an operation the API accepted (202).
type accepted struct {
	ID, Action, Resource string
}

// workload is the load the clients send, and what they saw.
type workload struct {
	cfg  Config
	run  string // makes names unique per run
	base string

	sent atomic.Int64
	// throttled counts the 429 answers the clients retried.
	throttled atomic.Int64
	mu        sync.Mutex
	ops       []accepted
	// refused counts the requests answered without an operation, by "status action".
	refused map[string]int
	// unexpected are answers the workload never provokes: a 400/422 (a bad request from the
	// driver is a driver bug), a 5xx after every retry, a transport error after the deadline.
	unexpected []string
}

// actions is the mix: an action and its weight. A client without a distribution creates one.
var actions = []struct {
	name   string
	weight int
}{
	{"create distribution", 6}, {"create distribution on an origin", 4}, {"update distribution", 35}, {"invalidate", 20}, {"delete distribution", 5},
	{"create origin", 9}, {"delete origin", 5}, {"create edge function", 9}, {"delete edge function", 7},
}

// owned is what one client created and has not deleted (buckets: origin id → bucket name).
type owned struct {
	dists, origins, fns []string
	buckets             map[string]string
}

// drive runs cfg.Clients clients until cfg.Ops requests were sent, paced at rate per second.
func (w *workload) drive(ctx context.Context, rate float64) {
	var wg sync.WaitGroup
	for i := range w.cfg.Clients {
		rng := rand.New(rand.NewPCG(w.cfg.Seed, uint64(i)))
		c := newClient(w.base, fmt.Sprintf("chaos-%d", i), "developers")
		wg.Go(func() {
			defer func() { w.throttled.Add(int64(c.throttled)) }()
			mine := owned{buckets: map[string]string{}}
			for n := 0; ctx.Err() == nil; n++ {
				if w.sent.Add(1) > int64(w.cfg.Ops) {
					return
				}
				w.step(ctx, c, rng, &mine, fmt.Sprintf("%s-%d-%d", w.run, i, n))
				gap := float64(w.cfg.Clients) / rate * (0.5 + rng.Float64())
				if sleep(ctx, time.Duration(gap*float64(time.Second))) != nil {
					return
				}
			}
		})
	}
	wg.Wait()
}

func pick(rng *rand.Rand) string {
	total := 0
	for _, a := range actions {
		total += a.weight
	}
	n := rng.IntN(total)
	for _, a := range actions {
		if n < a.weight {
			return a.name
		}
		n -= a.weight
	}
	return actions[0].name
}

// step sends one request of a random action.
func (w *workload) step(ctx context.Context, c *client, rng *rand.Rand, mine *owned, tag string) {
	action := pick(rng)
	if len(mine.dists) == 0 && (action == "update distribution" || action == "invalidate" || action == "delete distribution") {
		action = "create distribution"
	}
	if len(mine.origins) == 0 && (action == "delete origin" || action == "create distribution on an origin") {
		action = "create origin"
	}
	if len(mine.fns) == 0 && action == "delete edge function" {
		action = "create edge function"
	}
	one := func(ids []string) string { return ids[rng.IntN(len(ids))] }
	var method, path string
	var body any
	switch action {
	case "create distribution":
		method, path, body = http.MethodPost, "/api/distributions", distributionBody(tag, "chaos-content")
	case "create distribution on an origin": // its bucket policy must list the distribution
		method, path, body = http.MethodPost, "/api/distributions", distributionBody(tag, mine.buckets[one(mine.origins)])
	case "update distribution":
		method, path = http.MethodPut, "/api/distributions/"+one(mine.dists)
		body = map[string]any{"config": map[string]any{"Comment": "chaos update " + tag,
			"PriceClass": []string{"PriceClass_100", "PriceClass_200", "PriceClass_All"}[rng.IntN(3)]}}
	case "invalidate":
		method, path = http.MethodPost, "/api/distributions/"+one(mine.dists)+"/invalidate"
		body = map[string]any{"paths": []string{"/chaos/" + tag + ".html"}}
	case "delete distribution":
		method, path = http.MethodDelete, "/api/distributions/"+one(mine.dists)
	case "create origin":
		method, path = http.MethodPost, "/api/origins"
		body = map[string]any{"name": "chaos origin " + tag, "bucketName": "cfm-chaos-" + tag, "region": "us-east-1"}
	case "delete origin":
		method, path = http.MethodDelete, "/api/origins/"+one(mine.origins)
	case "create edge function":
		method, path, body = http.MethodPost, "/api/lambda-edge/functions", edgeFunctionBody("chaos-fn-"+tag)
	case "delete edge function":
		method, path = http.MethodDelete, "/api/lambda-edge/functions/"+one(mine.fns)
	}
	a, err := c.do(ctx, method, path, body, "chaos-"+tag)
	if err != nil {
		if ctx.Err() == nil {
			w.note(action, 0, fmt.Sprintf("%s %s: %v", method, path, err))
		}
		return
	}
	opID := str(a.Body, "data", "operation", "id")
	if a.Status != http.StatusAccepted || opID == "" {
		w.note(action, a.Status, fmt.Sprintf("%s %s: %d %s", method, path, a.Status, str(a.Body, "error", "message")))
		if a.Status == http.StatusNotFound {
			mine.forget(path)
		}
		return
	}
	var resource string
	switch action {
	case "create distribution", "create distribution on an origin":
		resource = str(a.Body, "data", "distribution", "id")
		mine.dists = append(mine.dists, resource)
	case "create origin":
		resource = str(a.Body, "data", "origin", "originId")
		mine.origins = append(mine.origins, resource)
		mine.buckets[resource] = str(a.Body, "data", "origin", "bucketName")
	case "create edge function":
		resource = str(a.Body, "data", "function", "functionId")
		mine.fns = append(mine.fns, resource)
	default:
		resource = lastID(path)
		if action == "delete distribution" || action == "delete origin" || action == "delete edge function" {
			mine.forget(path)
		}
	}
	w.mu.Lock()
	w.ops = append(w.ops, accepted{ID: opID, Action: action, Resource: resource})
	w.mu.Unlock()
}

// note records a request answered without an operation: a 404 (deleted meanwhile) or 409
// (busy, in use) is the workload's own doing; anything else is unexpected.
func (w *workload) note(action string, status int, detail string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.refused == nil {
		w.refused = map[string]int{}
	}
	w.refused[fmt.Sprintf("%d %s", status, action)]++
	if status != http.StatusConflict && status != http.StatusNotFound {
		w.unexpected = append(w.unexpected, detail)
	}
}

func (o *owned) forget(path string) {
	id := lastID(path)
	for _, list := range []*[]string{&o.dists, &o.origins, &o.fns} {
		for i, v := range *list {
			if v == id {
				*list = append((*list)[:i], (*list)[i+1:]...)
				break
			}
		}
	}
}

// lastID is the resource id in /api/<kind>/<id>[/verb].
func lastID(path string) string {
	return pathpkg.Base(strings.TrimSuffix(path, "/invalidate"))
}

// distributionBody is the seed's single-origin create on bucket (a managed origin's bucket:
// the plan points the origin at its OAC and the worker lists it in the bucket policy).
func distributionBody(tag, bucket string) map[string]any {
	return map[string]any{"name": "chaos " + tag, "isMultiOrigin": false, "config": map[string]any{
		"Comment": "chaos " + tag, "Enabled": true,
		"Origins": map[string]any{"Quantity": 1, "Items": []any{map[string]any{
			"Id": "origin-1", "DomainName": bucket + ".s3.amazonaws.com",
			"S3OriginConfig": map[string]any{"OriginAccessIdentity": ""}}}},
		"DefaultCacheBehavior": map[string]any{"TargetOriginId": "origin-1", "ViewerProtocolPolicy": "redirect-to-https"},
	}}
}

// edgeFunctionBody is the seed's geographic routing function (Lambda@Edge).
func edgeFunctionBody(name string) map[string]any {
	return map[string]any{"name": name, "preset": "geographic", "origins": map[string]any{
		"default": map[string]any{"originId": "origin-us-east-1", "region": "us-east-1", "bucketName": "content-bucket-us"},
		"additional": []any{
			map[string]any{"originId": "origin-eu-central-1", "region": "eu-central-1", "bucketName": "content-bucket-eu"},
		}}}
}
