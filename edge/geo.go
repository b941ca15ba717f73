package edge

import "math"

// earthRadiusKm is the mean Earth radius. The generated JavaScript uses the same constant and
// the same haversine formula, so Go and the edge agree on which origin is nearest.
const earthRadiusKm = 6371.0

// DistanceKm is the great-circle (haversine) distance between two coordinates in degrees.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(a)))
}

// nearest returns the index of the point closest to (lat, lon); ties go to the lower index, so
// the default origin (index 0) wins a tie.
func nearest(lat, lon float64, pts []point) int {
	best, bestD := 0, math.Inf(1)
	for i, p := range pts {
		if d := DistanceKm(lat, lon, p.lat, p.lon); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}
