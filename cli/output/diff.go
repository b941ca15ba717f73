package output

import (
	"encoding/json"
	"fmt"
	"io"
)

// Change is one changed path of a plan: From is absent for a new field, To for a removed one.
type Change struct {
	Path string
	From any
	To   any
}

// ANSI colours, used only on a terminal.
const (
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	reset  = "\x1b[0m"
)

// Diff prints changes one a line: "~ path: old → new", "+ path: new", "- path: old".
func Diff(w io.Writer, changes []Change, color bool) error {
	if len(changes) == 0 {
		_, err := fmt.Fprintln(w, "no changes")
		return err
	}
	paint := func(c, s string) string {
		if !color {
			return s
		}
		return c + s + reset
	}
	for _, c := range changes {
		var line string
		switch {
		case c.From == nil:
			line = paint(green, "+ "+c.Path+": "+compact(c.To))
		case c.To == nil:
			line = paint(red, "- "+c.Path+": "+compact(c.From))
		default:
			line = paint(yellow, "~ "+c.Path+": ") + paint(red, compact(c.From)) + " → " + paint(green, compact(c.To))
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d change(s)\n", len(changes))
	return err
}

// compact is a value as one line of JSON.
func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
