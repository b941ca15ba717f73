package edge

import (
	"fmt"
	"strings"

	"github.com/cloudfront-manager/cfm/domain"
)

// MaxOrigins caps the candidate origins of one routing function (CloudFront allows 100 origins
// per distribution; the CloudFront Functions 10 KB limit is the practical bound).
const MaxOrigins = 25

// Preset is a named routing configuration from the seed API. Every preset routes a viewer to the
// nearest candidate origin by great-circle distance; presets differ in which origin sets they
// accept, so a request that names a preset gets exactly the shape it promised.
type Preset struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	MinOrigins  int    `json:"minOrigins"`
	MaxOrigins  int    `json:"maxOrigins"`
	// Zones, when set, requires exactly one origin in each listed zone.
	Zones []Zone `json:"zones,omitempty"`
}

var presets = []Preset{
	{Name: "geographic", MinOrigins: 1, MaxOrigins: MaxOrigins,
		Description: "nearest origin by great-circle distance among all configured origins (1 to 25, distinct regions)"},
	{Name: "global-3-region", MinOrigins: 3, MaxOrigins: 3,
		Description: "exactly three origins in distinct regions; each viewer goes to the nearest of the three"},
	{Name: "global-three", MinOrigins: 3, MaxOrigins: 3, Zones: []Zone{ZoneAmericas, ZoneEMEA, ZoneAPAC},
		Description: "exactly three origins, one in the Americas, one in Europe/Middle East/Africa and one in Asia-Pacific; each viewer goes to the nearest"},
	{Name: "asia-us", MinOrigins: 2, MaxOrigins: 2, Zones: []Zone{ZoneAPAC, ZoneAmericas},
		Description: "exactly two origins, one in Asia-Pacific and one in the Americas; each viewer goes to the nearer one (Europe usually to the Americas, the Middle East to Asia-Pacific)"},
}

// Presets lists the named presets in a stable order.
func Presets() []Preset { return append([]Preset(nil), presets...) }

// DefaultPreset is used when a spec names none.
const DefaultPreset = "geographic"

func lookupPreset(name string) (Preset, bool) {
	for _, p := range presets {
		if p.Name == name {
			return p, true
		}
	}
	return Preset{}, false
}

// checkPreset records where the origin set breaks the preset's shape. fields[i] names origin i.
func checkPreset(v *domain.ValidationError, p Preset, origins []domain.RoutingOrigin, fields []string) {
	n := len(origins)
	if n < p.MinOrigins || n > p.MaxOrigins {
		want := fmt.Sprintf("%d to %d", p.MinOrigins, p.MaxOrigins)
		if p.MinOrigins == p.MaxOrigins {
			want = fmt.Sprint(p.MinOrigins)
		}
		v.Add("origins.additional", "preset %s needs %s origins in total (default included), got %d", p.Name, want, n)
		return
	}
	if len(p.Zones) == 0 {
		return
	}
	taken := map[Zone]string{}
	for i, o := range origins {
		r, ok := LookupRegion(o.Region)
		if !ok {
			continue // already reported
		}
		if !containsZone(p.Zones, r.Zone) {
			v.Add(fields[i]+".region", "preset %s accepts only regions in %s; %s is in %s", p.Name, zoneList(p.Zones), o.Region, r.Zone)
			continue
		}
		if prev, dup := taken[r.Zone]; dup {
			v.Add(fields[i]+".region", "preset %s needs one origin per zone; %s is already covered by %s", p.Name, r.Zone, prev)
			continue
		}
		taken[r.Zone] = fields[i]
	}
}

func containsZone(zs []Zone, z Zone) bool {
	for _, x := range zs {
		if x == z {
			return true
		}
	}
	return false
}

func zoneList(zs []Zone) string {
	s := make([]string, len(zs))
	for i, z := range zs {
		s[i] = string(z)
	}
	return strings.Join(s, ", ")
}
