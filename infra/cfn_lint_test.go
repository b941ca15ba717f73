package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCfnLint runs cfn-lint over every synthesized template of both fixtures, with the
// repository's .cfnlintrc (regions, and each ignored rule with its reason). Any error or
// warning fails. CFM_CFN_LINT is the pinned binary; `make lint-templates` (part of `make
// test`) installs it into .venv and sets it. Without it the test is skipped.
func TestCfnLint(t *testing.T) {
	bin := os.Getenv("CFM_CFN_LINT")
	if bin == "" {
		t.Skip("CFM_CFN_LINT is not set (make lint-templates runs this test with the pinned cfn-lint)")
	}
	// CFM_TEMPLATES_OUT keeps the templates for other scanners run by hand (docs/deploy.md).
	dir := os.Getenv("CFM_TEMPLATES_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	var files []string
	for name, f := range map[string]*fixture{"main": mainFixture(t), "alt": altFixture(t)} {
		for stack, tpl := range f.json {
			raw, err := json.MarshalIndent(tpl, "", " ")
			require.NoError(t, err)
			file := filepath.Join(dir, name+"-"+stack+".template.json")
			require.NoError(t, os.WriteFile(file, raw, 0o644))
			files = append(files, file)
		}
	}
	sort.Strings(files)
	require.Len(t, files, 12)
	cmd := exec.Command(bin, append([]string{"--format", "parseable", "--"}, files...)...)
	cmd.Dir = repoRoot // .cfnlintrc
	out, err := cmd.CombinedOutput()
	t.Logf("cfn-lint %d templates:\n%s", len(files), out)
	require.NoError(t, err, "cfn-lint reported findings (exit status: 2 errors, 4 warnings, 8 informational)")
}
