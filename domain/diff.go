package domain

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

// DiffConfigs lists the fields that differ between two configs (nil = empty), as JSON paths
// (e.g. "DefaultCacheBehavior.ViewerProtocolPolicy", "Origins.Items[0].DomainName"), sorted;
// secrets are masked (secrets.go).
func DiffConfigs(from, to *DistributionConfig) []Change {
	return MaskChanges(Diff(toTree(from), toTree(to)))
}

// Diff compares two JSON-shaped trees (maps, slices, scalars).
func Diff(from, to any) []Change {
	var out []Change
	diffAt("", from, to, &out)
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func toTree(c *DistributionConfig) any {
	if c == nil {
		return nil
	}
	b, err := json.Marshal(c)
	if err != nil {
		panic(fmt.Sprintf("encode config: %v", err))
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		panic(fmt.Sprintf("decode config: %v", err))
	}
	return v
}

func diffAt(path string, a, b any, out *[]Change) {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok || bok {
		keys := map[string]bool{}
		for k := range am {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		for k := range keys {
			diffAt(join(path, k), am[k], bm[k], out)
		}
		return
	}
	as, aok := a.([]any)
	bs, bok := b.([]any)
	if aok || bok {
		for i := 0; i < max(len(as), len(bs)); i++ {
			var x, y any
			if i < len(as) {
				x = as[i]
			}
			if i < len(bs) {
				y = bs[i]
			}
			diffAt(fmt.Sprintf("%s[%d]", path, i), x, y, out)
		}
		return
	}
	if !reflect.DeepEqual(a, b) {
		*out = append(*out, Change{Path: path, From: a, To: b})
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
