package edge_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCloudFrontFunctionFixtureSelectsNearestOriginByID(t *testing.T) {
	fn, err := edge.Generate(threeRegions(""))
	require.NoError(t, err)
	require.Equal(t, domain.EdgeTargetCloudFrontFunction, fn.Target)
	n := startNode(t)
	n.load(t, "cff", "cff", fn.Code)

	ev := loadFixture(t, "cff-viewer-request.json") // a viewer in Seoul
	a := n.run(t, "cff", ev)
	assert.Equal(t, "origin-ap-northeast-2", chosenCFF(t, a))
	// The function selects the origin and returns the request itself unchanged.
	want, err := json.Marshal(ev["request"])
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(a.Result))
}

func TestLambdaEdgeFixtureRewritesOriginAndHost(t *testing.T) {
	fn, err := edge.Generate(threeRegions(domain.EdgeTargetLambdaEdge))
	require.NoError(t, err)
	n := startNode(t)
	n.load(t, "le", "lambda", fn.Code)

	r := decodeLambda(t, n.run(t, "le", loadFixture(t, "lambda-origin-request.json"))) // a viewer in Munich
	s3 := r.Origin.S3
	assert.Equal(t, "content-bucket-eu.s3.eu-central-1.amazonaws.com", s3.DomainName)
	assert.Equal(t, "eu-central-1", s3.Region)
	assert.Equal(t, "none", s3.AuthMethod)
	assert.Equal(t, "", s3.Path)
	assert.Equal(t, "content-bucket-eu.s3.eu-central-1.amazonaws.com", r.header("host"))
	assert.Equal(t, "/media/index.html", r.URI)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, "Amazon CloudFront", r.header("user-agent"), "unrelated headers stay")
	assert.Equal(t, "20260314T150926Z", r.header("x-amz-date"))
	assert.Equal(t, "UNSIGNED-PAYLOAD", r.header("x-amz-content-sha256"))
	assert.Equal(t, testEnv["AWS_SESSION_TOKEN"], r.header("x-amz-security-token"))
	assert.True(t, strings.HasPrefix(r.header("authorization"),
		"AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEYID0001/20260314/eu-central-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature="),
		r.header("authorization"))
}

func TestLambdaEdgeWithoutCredentialsFailsLoudly(t *testing.T) {
	fn, err := edge.Generate(threeRegions(domain.EdgeTargetLambdaEdge))
	require.NoError(t, err)
	n := startNode(t)
	n.load(t, "le", "lambda", fn.Code)
	a := n.call(t, map[string]any{"op": "run", "id": "le", "event": loadFixture(t, "lambda-origin-request.json"), "env": map[string]string{}})
	require.False(t, a.OK)
	assert.Contains(t, a.Error, "no execution-role credentials")
}

// TestHeaderFallbacks runs the same viewer cases through both targets in one node process.
func TestHeaderFallbacks(t *testing.T) {
	cases := []struct {
		name string
		v    viewer
		want string // region of the chosen origin
	}{
		{"coordinates Seoul", viewer{"37.56600", "126.97800", "US"}, "ap-northeast-2"},
		{"coordinates New York win over country", viewer{"40.71280", "-74.00600", "KR"}, "us-east-1"},
		{"coordinates Lisbon", viewer{"38.72230", "-9.13930", ""}, "eu-central-1"},
		{"country only", viewer{"", "", "KR"}, "ap-northeast-2"},
		{"lower-case country", viewer{"", "", "de"}, "eu-central-1"},
		{"bad latitude falls back to country", viewer{"abc", "126.97800", "JP"}, "ap-northeast-2"},
		{"latitude out of range falls back to country", viewer{"91.00000", "0.00000", "FR"}, "eu-central-1"},
		{"longitude missing falls back to country", viewer{"-23.55000", "", "BR"}, "us-east-1"},
		{"unknown country goes to default", viewer{"", "", "ZZ"}, "us-east-1"},
		{"no headers goes to default", viewer{}, "us-east-1"},
		{"hostile country value goes to default", viewer{"", "", "KR'); cf.selectRequestOriginById('x"}, "us-east-1"},
		{"hostile coordinate ignored", viewer{"1e309", "NaN", "KR"}, "ap-northeast-2"},
	}
	cff, err := edge.Generate(threeRegions(domain.EdgeTargetCloudFrontFunction))
	require.NoError(t, err)
	le, err := edge.Generate(threeRegions(domain.EdgeTargetLambdaEdge))
	require.NoError(t, err)
	n := startNode(t)
	n.load(t, "cff", "cff", cff.Code)
	n.load(t, "le", "lambda", le.Code)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, "origin-"+c.want, chosenCFF(t, n.run(t, "cff", cffEvent(t, c.v))))
			assert.Equal(t, c.want, decodeLambda(t, n.run(t, "le", lambdaEvent(t, c.v))).Origin.S3.Region)
		})
	}
}

// worldSpec has six origins on five continents.
func worldSpec(target string) edge.Spec {
	o := func(r string) domain.RoutingOrigin {
		return domain.RoutingOrigin{OriginID: "o-" + r, Region: r, BucketName: "bucket-" + r}
	}
	return edge.Spec{Name: "world", Target: target, Origins: domain.RoutingOrigins{Default: o("us-east-1"),
		Additional: []domain.RoutingOrigin{o("us-west-2"), o("eu-west-1"), o("ap-southeast-1"), o("sa-east-1"), o("ap-northeast-1")}}}
}

// expectNearest is the independent Go computation: the index of the nearest origin region.
func expectNearest(spec edge.Spec, lat, lon float64) (best int, dists []float64) {
	for i, o := range spec.Origins.All() {
		r, _ := edge.LookupRegion(o.Region)
		dists = append(dists, edge.DistanceKm(lat, lon, r.Latitude, r.Longitude))
		if dists[i] < dists[best] {
			best = i
		}
	}
	return best, dists
}

// TestPropertyNearestOrigin feeds thousands of seeded random viewer coordinates (uniform on the
// sphere, formatted like CloudFront's headers) through both generated functions and checks each
// choice against the nearest origin computed in Go. A different choice is accepted only for an
// exact tie (distances equal within floating-point noise).
func TestPropertyNearestOrigin(t *testing.T) {
	const samples = 3000
	for _, target := range []string{domain.EdgeTargetCloudFrontFunction, domain.EdgeTargetLambdaEdge} {
		t.Run(target, func(t *testing.T) {
			spec := worldSpec(target)
			fn, err := edge.Generate(spec)
			require.NoError(t, err)
			n := startNode(t)
			kind := map[string]string{domain.EdgeTargetCloudFrontFunction: "cff", domain.EdgeTargetLambdaEdge: "lambda"}[target]
			n.load(t, "f", kind, fn.Code)
			ids := map[string]int{}
			for i, o := range spec.Origins.All() {
				ids[o.OriginID] = i
				ids[o.Region] = i
			}
			rng := rand.New(rand.NewPCG(20260314, 3))
			hits := make([]int, len(ids)/2)
			for i := 0; i < samples; i++ {
				latText := strconv.FormatFloat(math.Asin(2*rng.Float64()-1)*180/math.Pi, 'f', 5, 64)
				lonText := strconv.FormatFloat(rng.Float64()*360-180, 'f', 5, 64)
				lat, _ := strconv.ParseFloat(latText, 64)
				lon, _ := strconv.ParseFloat(lonText, 64)
				v := viewer{latText, lonText, "AQ"}
				var got int
				if target == domain.EdgeTargetLambdaEdge {
					got = ids[decodeLambda(t, n.run(t, "f", lambdaEvent(t, v))).Origin.S3.Region]
				} else {
					got = ids[chosenCFF(t, n.run(t, "f", cffEvent(t, v)))]
				}
				want, d := expectNearest(spec, lat, lon)
				if got != want {
					require.InDelta(t, d[want], d[got], 1e-9*d[want], "viewer %s,%s: got origin %d, nearest is %d (%v)", latText, lonText, got, want, d)
				}
				hits[got]++
			}
			for i, h := range hits {
				assert.Positive(t, h, "origin %d was never chosen in %d samples", i, samples)
			}
		})
	}
}

// TestCountryFallbackEveryCountry: with only CloudFront-Viewer-Country, every country in the
// table goes to the origin nearest its representative coordinate.
func TestCountryFallbackEveryCountry(t *testing.T) {
	spec := worldSpec("")
	fn, err := edge.Generate(spec)
	require.NoError(t, err)
	n := startNode(t)
	n.load(t, "cff", "cff", fn.Code)
	all := spec.Origins.All()
	codes := edge.CountryCodes()
	require.Len(t, codes, 250)
	for _, c := range codes {
		lat, lon, ok := edge.CountryCoordinate(c)
		require.True(t, ok)
		want, _ := expectNearest(spec, lat, lon)
		assert.Equal(t, all[want].OriginID, chosenCFF(t, n.run(t, "cff", cffEvent(t, viewer{country: c}))), "country %s", c)
	}
}

// TestHostileDataCannotChangeTheProgram embeds hostile strings through the same serializer the
// generator uses, runs the result in node, and gets exactly the same strings back.
func TestHostileDataCannotChangeTheProgram(t *testing.T) {
	hostile := []string{
		`"; throw new Error("pwned"); //`,
		`'); process.exit(3); //`,
		"</script><script>alert(1)</script>",
		"`${globalThis.pwned = 1}`",
		"${7*7}",
		"line\u2028separator\u2029paragraph",
		"back\\slash\x00nul\nnewline",
		"<!-- --> ]]>",
		strings.Repeat("A\"'`<", 2000), // 10 000 characters
	}
	data, err := edge.JSData(map[string]any{"values": hostile})
	require.NoError(t, err)
	assert.NotContains(t, string(data), "</")
	assert.NotContains(t, string(data), "\u2028")
	assert.NotContains(t, string(data), "\u2029")
	n := startNode(t)
	a := n.mustCall(t, map[string]any{"op": "script",
		"code": "var ROUTING = " + string(data) + ";\n[typeof pwned, ROUTING.values]"})
	var got []json.RawMessage
	require.NoError(t, json.Unmarshal(a.Result, &got))
	require.Len(t, got, 2)
	assert.JSONEq(t, `"undefined"`, string(got[0]), "no hostile value executed")
	var values []string
	require.NoError(t, json.Unmarshal(got[1], &values))
	assert.Equal(t, hostile, values)
}

func TestHostileSpecValuesAreRejected(t *testing.T) {
	hostile := []string{`a"b`, "</script>", "x`y", "${x}", "a\u2028b", strings.Repeat("a", 10000), "KR'); x('"}
	for i, h := range hostile {
		for _, field := range []string{"originId", "bucketName", "region"} {
			t.Run(fmt.Sprintf("%d/%s", i, field), func(t *testing.T) {
				spec := threeRegions("")
				o := &spec.Origins.Additional[1]
				switch field {
				case "originId":
					o.OriginID = h
				case "bucketName":
					o.BucketName = h
				case "region":
					o.Region = h
				}
				_, err := edge.Generate(spec)
				var v *domain.ValidationError
				require.ErrorAs(t, err, &v)
				assert.Equal(t, "origins.additional[1]."+field, v.Fields[0].Field)
				assert.Less(t, len(err.Error()), 400, "the error does not echo huge input")
			})
		}
	}
}
