// Package schemas holds the JSON Schemas (draft 2020-12) of the domain events the product
// publishes, one file per detail-type and version ("<type>.v<version>.json"), embedded, and a
// validator for them. Subscribers get the same files; a changed shape is a new version file,
// never an edit of a shipped one.
package schemas

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed *.json
var files embed.FS

// baseURL is the $id prefix of every schema.
const baseURL = "https://cloudfront-manager.dev/events/"

// FileName names the schema of an event type and version, e.g. "distribution.drifted.v1.json".
func FileName(eventType string, version int) string {
	return fmt.Sprintf("%s.v%d.json", eventType, version)
}

// Document returns the raw schema of an event type and version.
func Document(eventType string, version int) ([]byte, error) {
	b, err := files.ReadFile(FileName(eventType, version))
	if err != nil {
		return nil, fmt.Errorf("schema of %s v%d: %w", eventType, version, err)
	}
	return b, nil
}

// Names lists every embedded schema file, sorted.
func Names() []string {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		panic(err) // the embedded root always exists
	}
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// Validator checks event details against the embedded schemas.
type Validator struct {
	byName map[string]*jsonschema.Schema
}

// NewValidator compiles every embedded schema.
func NewValidator() (*Validator, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	v := &Validator{byName: map[string]*jsonschema.Schema{}}
	for _, name := range Names() {
		raw, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read schema %s: %w", name, err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("parse schema %s: %w", name, err)
		}
		if err := c.AddResource(baseURL+name, doc); err != nil {
			return nil, fmt.Errorf("add schema %s: %w", name, err)
		}
		sch, err := c.Compile(baseURL + name)
		if err != nil {
			return nil, fmt.Errorf("compile schema %s: %w", name, err)
		}
		v.byName[name] = sch
	}
	return v, nil
}

// Validate checks one event detail. The version is read from the detail's "version" field.
func (v *Validator) Validate(eventType string, detail []byte) error {
	var head struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(detail, &head); err != nil {
		return fmt.Errorf("%s: detail is not a JSON object: %w", eventType, err)
	}
	name := FileName(eventType, head.Version)
	sch, ok := v.byName[name]
	if !ok {
		return fmt.Errorf("%s: no schema %s (known: %s)", eventType, name, strings.Join(Names(), ", "))
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(detail))
	if err != nil {
		return fmt.Errorf("%s: decode detail: %w", eventType, err)
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("%s v%d: %w", eventType, head.Version, err)
	}
	return nil
}
