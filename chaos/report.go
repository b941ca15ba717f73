package chaos

import (
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Report is what a run found.
type Report struct {
	Sent, Accepted, Succeeded int
	ByAction                  map[string]int // accepted operations by action
	// Failed counts the Failed operations by reason; Unexplained are the reasons no expected
	// category covers.
	Failed                             map[string]int
	Unexplained                        []string
	Lost                               []string // accepted, but the API has no such operation
	Stuck                              []string // not terminal when the settle deadline passed
	Duplicates, Orphans, Disagreements []string
	// Unexpected are requests answered in a way the workload never provokes.
	Unexpected []string
	Refused    map[string]int // answered without an operation (404, 409), by status and action
	Retried429 int            // 429 answers, retried after Retry-After
	P50, P99   time.Duration  // accepted → terminal
	Slowest    time.Duration
	// Faults: queue duplicates, throttles, ETag races (as the process counted them) and the
	// crashes (self: after a cloud write; driver: kill -9 at a random moment).
	Faults                   map[string]int
	SelfCrashes, DriverKills int
	Took                     time.Duration
	Audited                  Audited
}

// Audited counts what the audit compared.
type Audited struct {
	Distributions, Origins, Functions                 int // product records
	CloudDistributions, Buckets, OACs, CloudFunctions int // simulated cloud resources
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

// expectedFailures are the reasons a Failed operation may have in a chaos run: refusals the
// workload provokes on purpose. Anything else is unexplained and fails the run.
var expectedFailures = []struct {
	name string
	re   *regexp.Regexp
}{
	// The workload invalidates and deletes the same distributions at random; a delete may be
	// accepted while an earlier invalidation still waits (throttled), and complete first. An
	// invalidation does not hold its distribution, so that invalidation fails, saying so.
	{"distribution deleted before its invalidation ran", regexp.MustCompile(`^permanent: distribution … was deleted before this invalidation ran$`)},
}

// explain names the expected category of a failure reason, or "".
func explain(reason string) string {
	for _, e := range expectedFailures {
		if e.re.MatchString(reason) {
			return e.name
		}
	}
	return ""
}

var idLike = regexp.MustCompile(`\b(dist|op|origin|func|tpl)-[0-9a-f]{8,}\b|\bE[A-Z0-9]{12,13}\b|\b[0-9a-f]{16,}\b|\b\d+\b`)

// reasonOf groups failure messages that differ only by ids and numbers.
func reasonOf(msg string) string {
	if msg == "" {
		return "(no reason recorded)"
	}
	r := idLike.ReplaceAllString(msg, "…")
	if len(r) > 160 {
		r = r[:160] + "…"
	}
	return r
}

// OK is the goal: nothing lost, stuck, duplicated, orphaned or disagreeing, every Failed
// explained, no unexpected answer, and something was actually accepted.
func (r Report) OK() bool {
	return r.Accepted > 0 && len(r.Lost)+len(r.Stuck)+len(r.Duplicates)+len(r.Orphans)+len(r.Disagreements)+
		len(r.Unexplained)+len(r.Unexpected) == 0
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(p*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// Print writes the table, then the details behind every non-zero problem row.
func (r Report) Print(w io.Writer) {
	failed := 0
	for _, n := range r.Failed {
		failed += n
	}
	row := func(name string, v any) { fmt.Fprintf(w, "| %-48s | %12v |\n", name, v) }
	head := func(name string) { fmt.Fprintf(w, "| %-48s | %12s |\n", name, "") }
	head("chaos run")
	fmt.Fprintf(w, "|%s|%s|\n", strings.Repeat("-", 50), strings.Repeat("-", 14))
	row("requests sent", r.Sent)
	row("accepted (operations)", r.Accepted)
	for _, a := range slices.Sorted(maps.Keys(r.ByAction)) {
		row("  "+a, r.ByAction[a])
	}
	row("ended Succeeded", r.Succeeded)
	row("ended Failed", failed)
	byLabel := map[string]int{}
	for reason, n := range r.Failed {
		label := explain(reason)
		if label == "" {
			label = "UNEXPLAINED"
		}
		byLabel[label] += n
	}
	for _, label := range slices.Sorted(maps.Keys(byLabel)) {
		row("  Failed: "+label, byLabel[label])
	}
	row("lost (accepted, no record or never terminal)", len(r.Lost))
	row("stuck (not terminal after the settle wait)", len(r.Stuck))
	row("duplicate distributions in the cloud", len(r.Duplicates))
	row("orphaned cloud resources", len(r.Orphans))
	row("records that disagree with the cloud", len(r.Disagreements))
	row("unexpected answers (400/422/5xx/no answer)", len(r.Unexpected))
	row("p50 time to a terminal state", r.P50.Round(time.Millisecond))
	row("p99 time to a terminal state", r.P99.Round(time.Millisecond))
	row("slowest to a terminal state", r.Slowest.Round(time.Millisecond))
	head("faults injected")
	row("  queue messages sent", r.Faults["sent"])
	row("  duplicate deliveries (queue copies)", fmt.Sprintf("%d (%.0f %%)", r.Faults["duplicate"], share(r.Faults["duplicate"], r.Faults["sent"])))
	row("  cloud calls", r.Faults["calls"])
	row("  throttled cloud calls (random)", fmt.Sprintf("%d (%.0f %%)", r.Faults["throttle"], share(r.Faults["throttle"], r.Faults["calls"])))
	row("  If-Match writes (Update/DeleteDistribution)", r.Faults["ifMatchWrite"])
	row("  ETag races (out-of-band changes)", fmt.Sprintf("%d (%.0f %%)", r.Faults["etagRace"], share(r.Faults["etagRace"], r.Faults["ifMatchWrite"])))
	row("  kill -9 after a cloud write", r.SelfCrashes)
	row("  kill -9 at a random moment", r.DriverKills)
	row("  kill -9 per accepted operation", fmt.Sprintf("%.0f %%", share(r.SelfCrashes+r.DriverKills, r.Accepted)))
	head("answered without an operation")
	row("  429, retried after Retry-After", r.Retried429)
	for _, k := range slices.Sorted(maps.Keys(r.Refused)) {
		row("  refused "+k, r.Refused[k])
	}
	head("audited")
	row("  distribution records / in the cloud", fmt.Sprintf("%d / %d", r.Audited.Distributions, r.Audited.CloudDistributions))
	row("  origin records / buckets / OACs", fmt.Sprintf("%d / %d / %d", r.Audited.Origins, r.Audited.Buckets, r.Audited.OACs))
	row("  edge function records / functions", fmt.Sprintf("%d / %d", r.Audited.Functions, r.Audited.CloudFunctions))
	row("wall time", r.Took.Round(time.Second))
	if len(r.Failed) > 0 {
		fmt.Fprintln(w, "\nFailed, by reason:")
		for _, reason := range slices.Sorted(maps.Keys(r.Failed)) {
			fmt.Fprintf(w, "  %4d  %s\n", r.Failed[reason], reason)
		}
	}
	for _, sec := range []struct {
		title string
		items []string
	}{{"unexplained failures", r.Unexplained}, {"lost", r.Lost}, {"stuck", r.Stuck}, {"duplicates", r.Duplicates},
		{"orphans", r.Orphans}, {"disagreements", r.Disagreements}, {"unexpected answers", r.Unexpected}} {
		if len(sec.items) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", sec.title)
		for i, it := range sec.items {
			if i == 20 {
				fmt.Fprintf(w, "  … and %d more\n", len(sec.items)-20)
				break
			}
			fmt.Fprintf(w, "  %s\n", it)
		}
	}
	if r.OK() {
		fmt.Fprintln(w, "\ngoal met: 0 lost, 0 stuck, 0 duplicates, 0 orphans, 0 disagreements, every Failed explained")
	} else {
		fmt.Fprintln(w, "\ngoal NOT met")
	}
}
