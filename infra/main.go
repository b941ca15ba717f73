// Command infra is the CDK app of CloudFront Manager. The root cdk.json runs it
// (`npx cdk synth|deploy` from the repository root); see docs/deploy.md.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	wd, err := os.Getwd()
	if err != nil {
		fail(err)
	}
	root, err := FindRoot(wd)
	if err != nil {
		fail(err)
	}
	// cdk.json runs the app from infra/, but the CLI names its output folder relative to the
	// repository root, where it reads the assembly back. (Setting CDK_OUTDIR here would be too
	// late: the jsii process starts, with a copy of the environment, before main.)
	var props *awscdk.AppProps
	if out := os.Getenv("CDK_OUTDIR"); out != "" && !filepath.IsAbs(out) {
		props = &awscdk.AppProps{Outdir: jsii.String(filepath.Join(root, out))}
	}
	app := awscdk.NewApp(props)
	cfg, err := LoadConfig(func(k string) any { return app.Node().TryGetContext(jsii.String(k)) }, root)
	if err != nil {
		fail(err)
	}
	NewStacks(app, cfg)
	app.Synth(nil)
	jsii.Close()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "cfm infra:", err)
	os.Exit(1)
}
