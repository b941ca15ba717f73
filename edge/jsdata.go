package edge

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// jsData serializes v as JSON that is safe to paste into JavaScript source as an expression.
// Only data crosses into the program: json.Marshal escapes quotes, backslashes and control
// characters (and <, >, & as \u003c...), and we additionally escape U+2028/U+2029 (line
// terminators in older JavaScript grammars) and "</" so the text cannot end a surrounding
// <script> element when the code is shown in a browser.
func jsData(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode routing data: %w", err)
	}
	b = bytes.ReplaceAll(b, []byte("\u2028"), []byte(`\u2028`))
	b = bytes.ReplaceAll(b, []byte("\u2029"), []byte(`\u2029`))
	b = bytes.ReplaceAll(b, []byte("</"), []byte(`<\/`))
	return b, nil
}
