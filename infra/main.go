// Command infra is the CDK app of CloudFront Manager. The root cdk.json runs it
// (`npx cdk synth|deploy` from the repository root); see docs/deploy.md.
package main

import (
	"fmt"
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	wd, err := os.Getwd()
	if err != nil {
		fail(err)
	}
	root, err := FindRoot(wd)
	if err != nil {
		fail(err)
	}
	cfg, err := LoadConfig(func(k string) any { return app.Node().TryGetContext(jsii.String(k)) }, root)
	if err != nil {
		fail(err)
	}
	NewStacks(app, cfg)
	app.Synth(nil)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "cfm infra:", err)
	os.Exit(1)
}
