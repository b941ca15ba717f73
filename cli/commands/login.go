package commands

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cloudfront-manager/cfm/cli/auth"
	"github.com/cloudfront-manager/cfm/cli/output"
)

// DefaultCallbackPort is the loopback port of the managed-login callback
// (http://localhost:53180/callback must be a callback URL of the app client).
const DefaultCallbackPort = 53180

func (a *app) loginCommand() *cobra.Command {
	var localUser, authURL, clientID string
	var groups []string
	var port int
	c := &cobra.Command{Use: "login", Short: "Sign in: the local identity provider (--local USER) or managed login in the browser",
		Long: `Sign in and cache the token for the profile (in the user config dir, mode 0600; it is never printed).

Against cfm-local (make run) the local identity provider issues a token for any user and groups:

  cfm login --local alice --groups developers

On AWS, cfm opens Cognito managed login in the browser (authorization code with PKCE) and
receives the code on a loopback redirect (http://localhost:PORT/callback, served on the loopback addresses only). The managed login
URL and app client id are remembered by the profile:

  cfm login --api-url https://api.example.com --auth-url https://cfm.auth.eu-west-1.amazoncognito.com --client-id 1abc...`,
		Args: cobra.NoArgs,
		RunE: a.run(func(ctx context.Context, _ []string) error {
			p, err := a.store.Profile(a.profile)
			if err != nil {
				return err
			}
			if a.flagAPIURL != "" || a.env.Getenv("CFM_API_URL") != "" {
				p.APIURL = a.apiURL
			}
			p.AuthURL = firstOf(authURL, a.env.Getenv("CFM_AUTH_URL"), p.AuthURL)
			p.ClientID = firstOf(clientID, a.env.Getenv("CFM_CLIENT_ID"), p.ClientID)
			if port != 0 {
				p.CallbackPort = port
			} else if p.CallbackPort == 0 {
				p.CallbackPort = DefaultCallbackPort
			}
			var tok auth.Token
			if localUser != "" {
				tok, err = auth.LocalLogin(ctx, a.env.HTTP, a.apiURL, localUser, groups)
			} else {
				if p.AuthURL == "" || p.ClientID == "" {
					return usagef("managed login needs --auth-url and --client-id once per profile (or --local USER for cfm-local)")
				}
				ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
				defer cancel()
				tok, err = a.browser(p).Login(ctx)
			}
			if err != nil {
				return withCode(ExitAuth, err)
			}
			if err := a.store.SaveProfile(a.profile, p); err != nil {
				return err
			}
			if err := a.store.SaveToken(a.profile, tok); err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.out(), "Signed in to %s as %s (%s) on profile %s until %s.\n", a.apiURL, tok.Username,
				firstOf(strings.Join(tok.Groups, ", "), "no groups"), a.profile, tok.ExpiresAt.Local().Format(time.RFC3339))
			return err
		})}
	c.Flags().StringVar(&localUser, "local", "", "sign in to cfm-local's identity provider as this user")
	c.Flags().StringSliceVar(&groups, "groups", nil, "with --local: the user's groups (admins, developers, viewers)")
	c.Flags().StringVar(&authURL, "auth-url", "", "managed login base URL (default $CFM_AUTH_URL, else the profile's)")
	c.Flags().StringVar(&clientID, "client-id", "", "app client id (default $CFM_CLIENT_ID, else the profile's)")
	c.Flags().IntVar(&port, "callback-port", 0, fmt.Sprintf("loopback port of the sign-in callback (default the profile's, else %d)", DefaultCallbackPort))
	c.MarkFlagsMutuallyExclusive("local", "auth-url")
	return c
}

func (a *app) logoutCommand() *cobra.Command {
	return &cobra.Command{Use: "logout", Short: "Forget the profile's cached token", Args: cobra.NoArgs,
		RunE: a.run(func(context.Context, []string) error {
			if err := a.store.DeleteToken(a.profile); err != nil {
				return err
			}
			_, err := fmt.Fprintf(a.out(), "Signed out of profile %s.\n", a.profile)
			return err
		})}
}

func (a *app) whoamiCommand() *cobra.Command {
	return &cobra.Command{Use: "whoami", Short: "Who the profile is signed in as (never the token)", Args: cobra.NoArgs,
		RunE: a.run(func(context.Context, []string) error {
			t, err := a.store.Token(a.profile)
			if err != nil {
				return withCode(ExitAuth, fmt.Errorf("%w: run cfm login (profile %s)", err, a.profile))
			}
			state := "valid"
			if !a.env.Now().Before(t.ExpiresAt) {
				state = "expired"
			}
			return output.Fields(a.out(), [2]string{"profile", a.profile}, [2]string{"api", a.apiURL}, [2]string{"user", t.Username},
				[2]string{"groups", strings.Join(t.Groups, ", ")}, [2]string{"expires", t.ExpiresAt.Local().Format(time.RFC3339) + " (" + state + ")"},
				[2]string{"token file", a.store.TokenPath(a.profile)})
		})}
}
