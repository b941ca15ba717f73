package domain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// bucketPolicyVersion is the IAM policy language version a new policy document gets.
const bucketPolicyVersion = "2012-10-17"

// MergeBucketPolicy is the one bucket-policy merge (Buckets.MergePolicyStatement on AWS and in
// the simulator): it replaces the statement with st.Sid in the policy document doc (nil or
// empty: none), adds it when absent, or removes it when st.JSON is nil, keeping every other
// statement (as raw JSON, compacted, never re-escaped) and top-level member in their order.
// It returns the new document, or nil when no statement remains. Duplicate statements with
// st.Sid collapse into one.
func MergeBucketPolicy(doc []byte, st PolicyStatement) ([]byte, error) {
	if st.Sid == "" {
		return nil, errors.New("a statement needs a Sid")
	}
	var replacement json.RawMessage
	if st.JSON != nil {
		var probe struct{ Sid string }
		if err := json.Unmarshal(st.JSON, &probe); err != nil {
			return nil, fmt.Errorf("statement %s: %w", st.Sid, err)
		}
		if probe.Sid != st.Sid {
			return nil, fmt.Errorf("statement JSON has Sid %q, want %q", probe.Sid, st.Sid)
		}
		replacement = st.JSON
	}

	members := map[string]json.RawMessage{}
	var order []string
	if len(bytes.TrimSpace(doc)) > 0 {
		var err error
		if members, order, err = objectMembers(doc); err != nil {
			return nil, fmt.Errorf("current policy: %w", err)
		}
	}
	statements, err := statementList(members["Statement"])
	if err != nil {
		return nil, fmt.Errorf("current policy: %w", err)
	}

	out := make([]json.RawMessage, 0, len(statements)+1)
	replaced := false
	for _, s := range statements {
		var probe struct{ Sid string }
		_ = json.Unmarshal(s, &probe) // a statement without a Sid is never ours
		if probe.Sid != st.Sid {
			out = append(out, s)
			continue
		}
		if replacement != nil && !replaced {
			out = append(out, replacement)
			replaced = true
		}
	}
	if replacement != nil && !replaced {
		out = append(out, replacement)
	}
	if len(out) == 0 {
		return nil, nil
	}

	members["Statement"] = rawArray(out)
	if _, ok := members["Version"]; !ok {
		members["Version"] = json.RawMessage(`"` + bucketPolicyVersion + `"`)
	}
	return writeObject(members, append(append([]string{"Version"}, order...), "Statement"))
}

// objectMembers decodes a JSON object keeping its members raw and their order.
func objectMembers(doc []byte) (map[string]json.RawMessage, []string, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil, errors.New("policy is not a JSON object")
	}
	members := map[string]json.RawMessage{}
	var order []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		if _, dup := members[key]; !dup {
			order = append(order, key)
		}
		members[key] = v
	}
	return members, order, nil
}

// statementList accepts IAM's two shapes: an array of statements or a single one.
func statementList(raw json.RawMessage) ([]json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || bytes.Equal(raw, []byte("null")):
		return nil, nil
	case raw[0] == '{':
		return []json.RawMessage{raw}, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("policy statements: %w", err)
	}
	return list, nil
}

// rawArray joins raw values into a JSON array without re-encoding them (json.Marshal would
// HTML-escape &, < and > inside other teams' statements).
func rawArray(items []json.RawMessage) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, it := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(bytes.TrimSpace(it))
	}
	b.WriteByte(']')
	return b.Bytes()
}

// writeObject writes the members named in order (each once, all of them must be listed),
// compactly.
func writeObject(members map[string]json.RawMessage, order []string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	seen := map[string]bool{}
	first := true
	for _, k := range order {
		v, ok := members[k]
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		if !first {
			b.WriteByte(',')
		}
		first = false
		key, _ := json.Marshal(k)
		b.Write(key)
		b.WriteByte(':')
		if err := json.Compact(&b, v); err != nil {
			return nil, fmt.Errorf("member %s: %w", k, err)
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
