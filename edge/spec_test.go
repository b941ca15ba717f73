package edge_test

import (
	"strings"
	"testing"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func origin(id, region, bucket string) domain.RoutingOrigin {
	return domain.RoutingOrigin{OriginID: id, Region: region, BucketName: bucket}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(s *edge.Spec)
		fields []string // offending fields, in order; none means valid
	}{
		{"valid seed example", func(*edge.Spec) {}, nil},
		{"default target and preset", func(s *edge.Spec) { s.Target, s.Preset = "", "" }, nil},
		{"lambda target", func(s *edge.Spec) { s.Target = domain.EdgeTargetLambdaEdge }, nil},
		{"bad name", func(s *edge.Spec) { s.Name = "my function" }, []string{"name"}},
		{"long name", func(s *edge.Spec) { s.Name = strings.Repeat("a", 65) }, []string{"name"}},
		{"unknown target", func(s *edge.Spec) { s.Target = "fastly" }, []string{"target"}},
		{"unknown preset", func(s *edge.Spec) { s.Preset = "nearest" }, []string{"preset"}},
		{"bad bucket", func(s *edge.Spec) { s.Origins.Additional[0].BucketName = "Bad_Bucket" }, []string{"origins.additional[0].bucketName"}},
		{"unknown region", func(s *edge.Spec) { s.Origins.Default.Region = "us-north-9" }, []string{"origins.default.region"}},
		{"gov region is not commercial", func(s *edge.Spec) { s.Origins.Default.Region = "us-gov-west-1" }, []string{"origins.default.region"}},
		{"duplicate origin id", func(s *edge.Spec) { s.Origins.Additional[1].OriginID = "origin-us-east-1" }, []string{"origins.additional[1].originId"}},
		{"duplicate region", func(s *edge.Spec) { s.Origins.Additional[1].Region = "eu-central-1" }, []string{"origins.additional[1].region"}},
		{"origin id with slash", func(s *edge.Spec) { s.Origins.Additional[1].OriginID = "a/b" }, []string{"origins.additional[1].originId"}},
		{"empty default", func(s *edge.Spec) { s.Origins.Default = domain.RoutingOrigin{} },
			[]string{"origins.default.originId", "origins.default.bucketName", "origins.default.region"}},
		{"3-region preset with 2 origins", func(s *edge.Spec) { s.Origins.Additional = s.Origins.Additional[:1] }, []string{"origins.additional"}},
		{"global-three needs one per zone", func(s *edge.Spec) {
			s.Preset = "global-three"
			s.Origins.Additional[1] = origin("origin-eu-west-1", "eu-west-1", "content-bucket-ie")
		}, []string{"origins.additional[1].region"}},
		{"global-three valid", func(s *edge.Spec) { s.Preset = "global-three" }, nil},
		{"asia-us valid", func(s *edge.Spec) {
			s.Preset = "asia-us"
			s.Origins.Additional = []domain.RoutingOrigin{origin("origin-ap-southeast-1", "ap-southeast-1", "content-bucket-sg")}
		}, nil},
		{"asia-us rejects europe", func(s *edge.Spec) {
			s.Preset = "asia-us"
			s.Origins.Additional = s.Origins.Additional[:1]
		}, []string{"origins.additional[0].region"}},
		{"too many origins", func(s *edge.Spec) {
			s.Preset = "geographic"
			for _, r := range edge.Regions() {
				s.Origins.Additional = append(s.Origins.Additional, origin("o-"+r.Code, r.Code, "b-"+r.Code))
			}
		}, []string{"origins.additional"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := threeRegions(domain.EdgeTargetCloudFrontFunction)
			c.edit(&s)
			err := edge.Validate(s)
			if c.fields == nil {
				require.NoError(t, err)
				return
			}
			var v *domain.ValidationError
			require.ErrorAs(t, err, &v)
			got := make([]string, len(v.Fields))
			for i, f := range v.Fields {
				got[i] = f.Field
			}
			assert.Equal(t, c.fields, got, err.Error())
		})
	}
}

func TestRegionsAndPresets(t *testing.T) {
	rs := edge.Regions()
	assert.Len(t, rs, 34)
	for i, r := range rs {
		assert.True(t, domain.ValidRegionFormat(r.Code), r.Code)
		assert.True(t, edge.KnownRegion(r.Code))
		assert.InDelta(t, 0, r.Latitude, 90)
		assert.InDelta(t, 0, r.Longitude, 180)
		if i > 0 {
			assert.Less(t, rs[i-1].Code, r.Code)
		}
	}
	assert.False(t, edge.KnownRegion("cn-north-1"))
	names := []string{}
	for _, p := range edge.Presets() {
		names = append(names, p.Name)
		assert.NotEmpty(t, p.Description)
	}
	assert.Equal(t, []string{"geographic", "global-3-region", "global-three", "asia-us"}, names)
}

func TestDistanceKm(t *testing.T) {
	// Known great-circle distances (spherical Earth, R = 6371 km), within 0.5%.
	assert.InDelta(t, 5570, edge.DistanceKm(51.5074, -0.1278, 40.7128, -74.0060), 28) // London - New York
	assert.InDelta(t, 0, edge.DistanceKm(10, 20, 10, 20), 1e-9)
	assert.InDelta(t, 20015, edge.DistanceKm(0, 0, 0, 180), 1) // half the circumference
}

func TestForwardedHeaders(t *testing.T) {
	want := []string{"CloudFront-Viewer-Country", "CloudFront-Viewer-Latitude", "CloudFront-Viewer-Longitude"}
	assert.Equal(t, want, edge.ForwardedHeaders(domain.EdgeTargetCloudFrontFunction))
	assert.Equal(t, want, edge.ForwardedHeaders(domain.EdgeTargetLambdaEdge))
	assert.Nil(t, edge.ForwardedHeaders("other"))
}
