package edge

import "sort"

// Zone groups regions for presets that want one origin per part of the world.
type Zone string

const (
	ZoneAmericas Zone = "americas"
	ZoneEMEA     Zone = "europe-middle-east-africa"
	ZoneAPAC     Zone = "asia-pacific"
)

// Region is one commercial AWS region with the approximate coordinates of its metro area.
type Region struct {
	Code      string  `json:"code"`
	Name      string  `json:"name"`
	Zone      Zone    `json:"zone"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// regions is the single table of commercial (aws partition) regions. China, GovCloud and the
// European Sovereign Cloud are separate partitions and are not listed. Coordinates have two
// decimals on purpose: the generated code embeds exactly these numbers.
var regions = []Region{
	{"us-east-1", "US East (N. Virginia)", ZoneAmericas, 39.04, -77.49},
	{"us-east-2", "US East (Ohio)", ZoneAmericas, 39.96, -83.00},
	{"us-west-1", "US West (N. California)", ZoneAmericas, 37.35, -121.96},
	{"us-west-2", "US West (Oregon)", ZoneAmericas, 45.84, -119.70},
	{"ca-central-1", "Canada (Central)", ZoneAmericas, 45.50, -73.57},
	{"ca-west-1", "Canada West (Calgary)", ZoneAmericas, 51.05, -114.07},
	{"mx-central-1", "Mexico (Central)", ZoneAmericas, 20.59, -100.39},
	{"sa-east-1", "South America (Sao Paulo)", ZoneAmericas, -23.55, -46.63},
	{"eu-west-1", "Europe (Ireland)", ZoneEMEA, 53.35, -6.26},
	{"eu-west-2", "Europe (London)", ZoneEMEA, 51.51, -0.13},
	{"eu-west-3", "Europe (Paris)", ZoneEMEA, 48.86, 2.35},
	{"eu-central-1", "Europe (Frankfurt)", ZoneEMEA, 50.11, 8.68},
	{"eu-central-2", "Europe (Zurich)", ZoneEMEA, 47.37, 8.54},
	{"eu-south-1", "Europe (Milan)", ZoneEMEA, 45.46, 9.19},
	{"eu-south-2", "Europe (Spain)", ZoneEMEA, 41.65, -0.88},
	{"eu-north-1", "Europe (Stockholm)", ZoneEMEA, 59.33, 18.07},
	{"il-central-1", "Israel (Tel Aviv)", ZoneEMEA, 32.09, 34.78},
	{"me-south-1", "Middle East (Bahrain)", ZoneEMEA, 26.07, 50.56},
	{"me-central-1", "Middle East (UAE)", ZoneEMEA, 25.20, 55.27},
	{"af-south-1", "Africa (Cape Town)", ZoneEMEA, -33.92, 18.42},
	{"ap-east-1", "Asia Pacific (Hong Kong)", ZoneAPAC, 22.32, 114.17},
	{"ap-east-2", "Asia Pacific (Taipei)", ZoneAPAC, 25.03, 121.56},
	{"ap-south-1", "Asia Pacific (Mumbai)", ZoneAPAC, 19.08, 72.88},
	{"ap-south-2", "Asia Pacific (Hyderabad)", ZoneAPAC, 17.39, 78.49},
	{"ap-southeast-1", "Asia Pacific (Singapore)", ZoneAPAC, 1.35, 103.82},
	{"ap-southeast-2", "Asia Pacific (Sydney)", ZoneAPAC, -33.87, 151.21},
	{"ap-southeast-3", "Asia Pacific (Jakarta)", ZoneAPAC, -6.21, 106.85},
	{"ap-southeast-4", "Asia Pacific (Melbourne)", ZoneAPAC, -37.81, 144.96},
	{"ap-southeast-5", "Asia Pacific (Malaysia)", ZoneAPAC, 3.14, 101.69},
	{"ap-southeast-6", "Asia Pacific (New Zealand)", ZoneAPAC, -36.85, 174.76},
	{"ap-southeast-7", "Asia Pacific (Thailand)", ZoneAPAC, 13.76, 100.50},
	{"ap-northeast-1", "Asia Pacific (Tokyo)", ZoneAPAC, 35.68, 139.69},
	{"ap-northeast-2", "Asia Pacific (Seoul)", ZoneAPAC, 37.57, 126.98},
	{"ap-northeast-3", "Asia Pacific (Osaka)", ZoneAPAC, 34.69, 135.50},
}

var regionIndex = func() map[string]Region {
	m := make(map[string]Region, len(regions))
	for _, r := range regions {
		m[r.Code] = r
	}
	return m
}()

// KnownRegion reports whether code is a commercial AWS region in the table.
func KnownRegion(code string) bool {
	_, ok := regionIndex[code]
	return ok
}

// LookupRegion returns the table entry for code.
func LookupRegion(code string) (Region, bool) {
	r, ok := regionIndex[code]
	return r, ok
}

// Regions returns every region in the table, sorted by code.
func Regions() []Region {
	out := append([]Region(nil), regions...)
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
