package commands

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// deref is *p, or the zero value for nil: optional API fields in tables.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func ptr[T any](v T) *T { return &v }

// optional is a pointer to v, or nil for the zero value (an unset flag).
func optional[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func list(items []string) string { return strings.Join(items, ",") }

func count(n int, what string) string { return fmt.Sprintf("%d %s", n, what) }
