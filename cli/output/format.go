// Package output prints what the API answered: a table (the default), the API's data as JSON
// (-o json) or the same data as YAML (-o yaml), and a plan's changes as a readable diff.
package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"go.yaml.in/yaml/v3"
)

// Format is how results are printed.
type Format string

const (
	Table Format = "table"
	JSON  Format = "json"
	YAML  Format = "yaml"
)

// ParseFormat checks an -o value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Table, JSON, YAML:
		return f, nil
	}
	return "", fmt.Errorf("output %q: must be table, json or yaml", s)
}

// Data prints data (the "data" member of an API answer) as JSON or YAML, exactly as the API sent
// it: the same members in the same order. For Table, it calls table instead.
func Data(w io.Writer, f Format, data json.RawMessage, table func(io.Writer) error) error {
	switch f {
	case JSON:
		var buf bytes.Buffer
		if err := json.Indent(&buf, data, "", "  "); err != nil {
			return fmt.Errorf("print json: %w", err)
		}
		buf.WriteByte('\n')
		_, err := w.Write(buf.Bytes())
		return err
	case YAML:
		return writeYAML(w, data)
	default:
		return table(w)
	}
}

// writeYAML re-encodes JSON as block YAML. JSON is YAML, so it is parsed as a node tree, which
// keeps the members' order; only the flow style of the source is dropped.
func writeYAML(w io.Writer, data json.RawMessage) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("print yaml: %w", err)
	}
	blockStyle(&doc)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return fmt.Errorf("print yaml: %w", err)
	}
	return enc.Close()
}

func blockStyle(n *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		if len(n.Content) > 0 {
			n.Style = 0
		}
	case yaml.ScalarNode:
		n.Style = 0 // the encoder quotes whatever would otherwise read as another type
	}
	for _, c := range n.Content {
		blockStyle(c)
	}
}

// Rows prints a table: a header and one line per row, columns aligned.
func Rows(w io.Writer, header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	writeRow(tw, header)
	for _, r := range rows {
		writeRow(tw, r)
	}
	return tw.Flush()
}

// Fields prints name/value pairs, one a line.
func Fields(w io.Writer, pairs ...[2]string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, p := range pairs {
		if p[1] != "" {
			writeRow(tw, []string{p[0] + ":", p[1]})
		}
	}
	return tw.Flush()
}

func writeRow(w io.Writer, cells []string) {
	for i, c := range cells {
		if i > 0 {
			_, _ = io.WriteString(w, "\t")
		}
		_, _ = io.WriteString(w, c)
	}
	_, _ = io.WriteString(w, "\n")
}
