// Command cfm is the CloudFront Manager command line (cli/commands holds the command tree).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/cli/browser"

	"github.com/cloudfront-manager/cfm/cli/commands"
)

func main() {
	browser.Stdout = os.Stderr // a browser launcher's chatter is not cfm's output
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := commands.Execute(ctx, os.Args[1:], commands.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		OpenBrowser: browser.OpenURL,
	})
	stop()
	os.Exit(code)
}
