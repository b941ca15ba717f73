package edge_test

import (
	"testing"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
	"github.com/stretchr/testify/require"
)

// BenchmarkGeneratedFunctions runs each generated function b.N times inside ONE node process
// (the harness times every invocation with process.hrtime) and reports the per-request median
// and p99 plus the code and zip sizes. ns/op additionally includes the pipe round trip per batch.
func BenchmarkGeneratedFunctions(b *testing.B) {
	viewers := []viewer{
		{"37.56600", "126.97800", "KR"}, {"48.13700", "11.57500", "DE"}, {"40.71280", "-74.00600", "US"},
		{"-23.55000", "-46.63300", "BR"}, {"1.35200", "103.81980", "SG"}, {"", "", "JP"}, {"", "", "ZZ"}, {},
	}
	for _, tc := range []struct{ name, target, kind string }{
		{"cloudfront-function", domain.EdgeTargetCloudFrontFunction, "cff"},
		{"lambda-edge", domain.EdgeTargetLambdaEdge, "lambda"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			fn, err := edge.Generate(worldSpec(tc.target))
			require.NoError(b, err)
			zipSize := 0
			if tc.target == domain.EdgeTargetLambdaEdge {
				z, err := edge.PackageLambda(fn)
				require.NoError(b, err)
				zipSize = len(z)
			}
			events := make([]any, len(viewers))
			for i, v := range viewers {
				if tc.kind == "cff" {
					events[i] = cffEvent(b, v)
				} else {
					events[i] = lambdaEvent(b, v)
				}
			}
			n := startNode(b)
			n.load(b, "f", tc.kind, fn.Code)
			b.ResetTimer()
			a := n.mustCall(b, map[string]any{"op": "bench", "id": "f", "events": events, "iterations": b.N,
				"now": testNow.UnixMilli(), "env": testEnv})
			b.StopTimer()
			b.ReportMetric(a.MedianNs, "median-ns/req")
			b.ReportMetric(a.P99Ns, "p99-ns/req")
			b.ReportMetric(float64(fn.CodeSize), "code-bytes")
			b.ReportMetric(float64(zipSize), "zip-bytes")
		})
	}
}
