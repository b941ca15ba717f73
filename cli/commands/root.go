// Package commands is the cfm command tree (cobra): one file per resource, each command a thin
// call of the generated API client, with the output, exit code, Idempotency-Key and --wait
// handling they share.
package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/cloudfront-manager/cfm/cli/auth"
	"github.com/cloudfront-manager/cfm/cli/output"
)

// DefaultAPIURL is cfm-local's address (`make run`).
const DefaultAPIURL = "http://127.0.0.1:8080"

// Env is everything the commands take from the outside world; main passes the process's.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// ConfigDir holds profiles and tokens; "" is os.UserConfigDir()/cfm.
	ConfigDir   string
	HTTP        *http.Client
	OpenBrowser func(url string) error
	Now         func() time.Time
	// PollInterval is how often --wait reads the operation; 0 is one second.
	PollInterval time.Duration
	// Sleep waits between the API client's retries (retry.go); nil waits for real.
	Sleep func(ctx context.Context, d time.Duration) error
	// IsTerminal reports whether w is a terminal (live progress, colours); nil checks *os.File.
	IsTerminal func(w io.Writer) bool
}

func (e *Env) defaults() {
	if e.Stdin == nil {
		e.Stdin = strings.NewReader("")
	}
	if e.Stdout == nil {
		e.Stdout = io.Discard
	}
	if e.Stderr == nil {
		e.Stderr = io.Discard
	}
	if e.Getenv == nil {
		e.Getenv = func(string) string { return "" }
	}
	if e.HTTP == nil {
		e.HTTP = &http.Client{Timeout: time.Minute}
	}
	if e.Now == nil {
		e.Now = time.Now
	}
	if e.Sleep == nil {
		e.Sleep = sleepContext
	}
	if e.PollInterval <= 0 {
		e.PollInterval = time.Second
	}
	if e.IsTerminal == nil {
		e.IsTerminal = func(w io.Writer) bool {
			f, ok := w.(*os.File)
			if !ok || !term.IsTerminal(int(f.Fd())) {
				return false
			}
			// A terminal that reports no size (some CI runners' pseudo-terminals) cannot show
			// a live line: it gets the plain lines.
			width, height, err := term.GetSize(int(f.Fd()))
			return err == nil && width > 0 && height > 0
		}
	}
}

// app is one run of the CLI: the environment and the global flags.
type app struct {
	env     Env
	store   auth.Store
	profile string
	apiURL  string
	format  output.Format
	timeout time.Duration
	wait    bool
	idemKey string

	flagProfile, flagAPIURL, flagOutput string
	started                             bool // a command's RunE began: later errors are not usage errors
}

// Execute runs the CLI with args (without the program name) and returns the exit code.
func Execute(ctx context.Context, args []string, env Env) int {
	env.defaults()
	a := &app{env: env}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	code := codeOf(err)
	var e *exitError
	if !a.started && !errors.As(err, &e) {
		code = ExitUsage // cobra's own: unknown command or flag, wrong arguments, missing flag
	}
	fmt.Fprintf(env.Stderr, "cfm: %v\n", err)
	if code == ExitUsage && !a.started {
		fmt.Fprintln(env.Stderr, "Run 'cfm --help' for usage.")
	}
	return code
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "cfm",
		Short: "CloudFront Manager: distributions, origins, certificates, edge functions and templates within your platform's guardrails",
		Long: `cfm drives the CloudFront Manager API from a terminal or a CI pipeline.

Sign in once (cfm login), then create or update a distribution from a file and follow it
until it is deployed:

  cfm distributions create -f site.json --wait

Exit codes: 0 success, 1 the operation failed (or another error), 2 usage, 3 not signed in
or forbidden, 4 refused by a guardrail (422) or a conflict (409), 5 timeout, 130 interrupted.`,
		SilenceUsage:      true,
		SilenceErrors:     true,
		PersistentPreRunE: a.resolve,
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.flagProfile, "profile", "", "profile to use (default $CFM_PROFILE, else \"default\")")
	pf.StringVar(&a.flagAPIURL, "api-url", "", "API base URL (default $CFM_API_URL, else the profile's, else "+DefaultAPIURL+")")
	pf.StringVarP(&a.flagOutput, "output", "o", "table", "output format: table, json or yaml")
	pf.DurationVar(&a.timeout, "timeout", 30*time.Minute, "how long --wait and 'operations wait' follow an operation")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return withCode(ExitUsage, err) })

	root.AddGroup(&cobra.Group{ID: "resources", Title: "Resources:"}, &cobra.Group{ID: "session", Title: "Sign-in:"})
	complete := listers()
	for _, c := range []*cobra.Command{a.distributionsCommand(), a.originsCommand(), a.certificatesCommand(),
		a.edgeFunctionsCommand(), a.templatesCommand(), a.operationsCommand()} {
		if list, ok := complete[c.Name()]; ok {
			a.completeIDs(c, list)
		}
		c.GroupID = "resources"
		c.Args = cobra.NoArgs // "cfm distributions lisst" is a usage error, not the help
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{a.loginCommand(), a.logoutCommand(), a.whoamiCommand()} {
		c.GroupID = "session"
		root.AddCommand(c)
	}
	return root
}

// resolve applies the global flags, environment and profile: profile, API URL, output format.
func (a *app) resolve(*cobra.Command, []string) error {
	a.profile = firstOf(a.flagProfile, a.env.Getenv("CFM_PROFILE"), "default")
	if err := auth.CheckProfile(a.profile); err != nil {
		return withCode(ExitUsage, err)
	}
	dir := a.env.ConfigDir
	if dir == "" {
		var err error
		if dir, err = auth.DefaultDir(); err != nil {
			return err
		}
	}
	a.store = auth.Store{Dir: dir}
	p, err := a.store.Profile(a.profile)
	if err != nil {
		return err
	}
	a.apiURL = trimURL(firstOf(a.flagAPIURL, a.env.Getenv("CFM_API_URL"), p.APIURL, DefaultAPIURL))
	f, err := output.ParseFormat(a.flagOutput)
	if err != nil {
		return withCode(ExitUsage, err)
	}
	a.format = f
	if a.timeout <= 0 {
		return usagef("--timeout must be positive")
	}
	return nil
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// run wraps a command's work: from here on an error is the command's, not a usage error.
func (a *app) run(fn func(ctx context.Context, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		a.started = true
		return fn(cmd.Context(), args)
	}
}

// out is where results go.
func (a *app) out() io.Writer { return a.env.Stdout }
