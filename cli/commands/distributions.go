package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/cloudfront-manager/cfm/cli/client"
	"github.com/cloudfront-manager/cfm/cli/output"
)

func (a *app) distributionsCommand() *cobra.Command {
	c := &cobra.Command{Use: "distributions", Aliases: []string{"distribution", "dist"}, Short: "CloudFront distributions"}
	var pg page
	c.AddCommand(
		pg.flags(a.readCommand("list", "List distributions, newest first", 0, func(ctx context.Context, c *client.ClientWithResponses, _ []string) error {
			limit, cursor := pg.params()
			r, err := c.ListDistributionsWithResponse(ctx, &client.ListDistributionsParams{Limit: limit, Cursor: cursor})
			return a.show(r, err, func(w io.Writer) error {
				d := r.JSON200.Data
				rows := make([][]string, 0, len(d.Distributions))
				for _, x := range d.Distributions {
					rows = append(rows, []string{x.Id, x.Name, string(x.Status), deref(x.DomainName), x.Owner, when(x.CreatedAt)})
				}
				return rowsThenCursor(w, []string{"ID", "NAME", "STATUS", "DOMAIN", "OWNER", "CREATED"}, rows, d.NextCursor)
			})
		})),
		a.readCommand("get ID", "Show one distribution", 1, func(ctx context.Context, c *client.ClientWithResponses, args []string) error {
			r, err := c.GetDistributionWithResponse(ctx, args[0])
			return a.show(r, err, func(w io.Writer) error {
				return distributionTable(w, r.JSON200.Data.Distribution)
			})
		}),
		a.readCommand("status ID", "Deployment status and estimated progress", 1, func(ctx context.Context, c *client.ClientWithResponses, args []string) error {
			r, err := c.GetDistributionStatusWithResponse(ctx, args[0])
			return a.show(r, err, func(w io.Writer) error {
				d := r.JSON200.Data
				return output.Fields(w, [2]string{"status", string(d.Status)}, [2]string{"progress", fmt.Sprintf("%d%%", d.DeploymentProgress)},
					[2]string{"last updated", when(d.LastUpdated)}, [2]string{"operation", deref(d.OperationId)})
			})
		}),
		a.historyCommand(),
		a.createDistributionCommand(),
		a.updateDistributionCommand(),
		a.deleteDistributionCommand(),
		a.invalidateCommand(),
	)
	return c
}

func (a *app) historyCommand() *cobra.Command {
	var pg page
	return pg.flags(a.readCommand("history ID", "A distribution's audit trail, newest first", 1, func(ctx context.Context, c *client.ClientWithResponses, args []string) error {
		limit, cursor := pg.params()
		r, err := c.GetDistributionHistoryWithResponse(ctx, args[0], &client.GetDistributionHistoryParams{Limit: limit, Cursor: cursor})
		return a.show(r, err, func(w io.Writer) error {
			d := r.JSON200.Data
			rows := make([][]string, 0, len(d.History))
			for _, h := range d.History {
				rows = append(rows, []string{when(h.At), h.Action, h.Actor, deref(h.OperationId), count(len(deref(h.Changes)), "changes"), deref(h.Message)})
			}
			return rowsThenCursor(w, []string{"AT", "ACTION", "ACTOR", "OPERATION", "CHANGES", "MESSAGE"}, rows, d.NextCursor)
		})
	}))
}

func (a *app) createDistributionCommand() *cobra.Command {
	var file string
	var dryRun bool
	c := &cobra.Command{Use: "create -f FILE", Short: "Create a distribution from a JSON request (see examples/site.json)", Args: cobra.NoArgs,
		RunE: a.run(func(ctx context.Context, _ []string) error {
			return a.withFile(file, func(c *client.ClientWithResponses, b []byte) error {
				params := &client.CreateDistributionParams{DryRun: optional(dryRun)}
				r, err := c.CreateDistributionWithBodyWithResponse(ctx, params, "application/json", bytes.NewReader(b),
					withKey(a.idempotencyKey("distributions create", nil, b)))
				if dryRun {
					return a.showPlan(r, err, func() []client.Change { return r.JSON200.Data.Changes })
				}
				return a.submitted(ctx, r, err, func(w io.Writer) error {
					return distributionTable(w, r.JSON202.Data.Distribution)
				})
			})
		})}
	c.Flags().BoolVar(&dryRun, "dry-run", false, "validate and plan only: print the config the guardrails make of the file, write nothing")
	return a.mutationFlags(fileFlag(c, &file, "the distribution request"))
}

func (a *app) updateDistributionCommand() *cobra.Command {
	var file string
	var dryRun bool
	c := &cobra.Command{Use: "update ID -f FILE", Short: "Change a distribution (a JSON merge patch over its config; --dry-run shows the diff)", Args: cobra.ExactArgs(1),
		RunE: a.run(func(ctx context.Context, args []string) error {
			return a.withFile(file, func(c *client.ClientWithResponses, b []byte) error {
				params := &client.UpdateDistributionParams{DryRun: optional(dryRun)}
				r, err := c.UpdateDistributionWithBodyWithResponse(ctx, args[0], params, "application/json", bytes.NewReader(b),
					withKey(a.idempotencyKey("distributions update", args, b)))
				if dryRun {
					return a.showPlan(r, err, func() []client.Change { return r.JSON200.Data.Changes })
				}
				return a.submitted(ctx, r, err, func(w io.Writer) error {
					if r.JSON202 == nil { // 200: the change changes nothing, no operation was started
						if d := r.JSON200.Data; d.Distribution != nil {
							if err := distributionTable(w, *d.Distribution); err != nil {
								return err
							}
							_, _ = fmt.Fprintln(w)
						}
						return output.Diff(w, nil, false)
					}
					d := r.JSON202.Data
					if err := distributionTable(w, d.Distribution); err != nil {
						return err
					}
					_, _ = fmt.Fprintln(w)
					return output.Diff(w, changes(d.Changes), false)
				})
			})
		})}
	c.Flags().BoolVar(&dryRun, "dry-run", false, "validate and plan only: print the changed paths, old → new, write nothing")
	return a.mutationFlags(fileFlag(c, &file, "the change"))
}

func (a *app) deleteDistributionCommand() *cobra.Command {
	return a.mutationFlags(&cobra.Command{Use: "delete ID", Short: "Delete a distribution (disable, wait until deployed, delete)", Args: cobra.ExactArgs(1),
		RunE: a.run(func(ctx context.Context, args []string) error {
			return a.withAPI(func(c *client.ClientWithResponses) error {
				r, err := c.DeleteDistributionWithResponse(ctx, args[0], &client.DeleteDistributionParams{},
					withKey(a.idempotencyKey("distributions delete", args, nil)))
				return a.submitted(ctx, r, err, func(w io.Writer) error {
					return distributionTable(w, r.JSON202.Data.Distribution)
				})
			})
		})})
}

func (a *app) invalidateCommand() *cobra.Command {
	return a.mutationFlags(&cobra.Command{Use: "invalidate ID PATH...", Short: "Invalidate paths of a distribution (e.g. '/*' after an upload)", Args: cobra.MinimumNArgs(2),
		RunE: a.run(func(ctx context.Context, args []string) error {
			return a.withAPI(func(c *client.ClientWithResponses) error {
				b, _ := json.Marshal(client.InvalidationRequest{Paths: args[1:]})
				r, err := c.InvalidateDistributionWithBodyWithResponse(ctx, args[0], &client.InvalidateDistributionParams{}, "application/json",
					bytes.NewReader(b), withKey(a.idempotencyKey("distributions invalidate", args[:1], b)))
				return a.submitted(ctx, r, err, func(w io.Writer) error {
					d := r.JSON202.Data
					return output.Fields(w, [2]string{"distribution", d.DistributionId}, [2]string{"paths", list(d.Paths)},
						[2]string{"status", d.Status}, [2]string{"invalidation", deref(d.InvalidationId)})
				})
			})
		})})
}

// showPlan prints a dry run: the diff in a table (coloured on a terminal), else the data.
func (a *app) showPlan(r any, err error, planned func() []client.Change) error {
	return a.show(r, err, func(w io.Writer) error {
		return output.Diff(w, changes(planned()), a.env.IsTerminal(a.env.Stdout))
	})
}

func changes(cs []client.Change) []output.Change {
	out := make([]output.Change, 0, len(cs))
	for _, c := range cs {
		out = append(out, output.Change{Path: c.Path, From: c.From, To: c.To})
	}
	return out
}

func distributionTable(w io.Writer, d client.Distribution) error {
	return output.Fields(w, [2]string{"id", d.Id}, [2]string{"name", d.Name}, [2]string{"status", string(d.Status)},
		[2]string{"domain", deref(d.DomainName)}, [2]string{"cloudfront id", deref(d.CloudfrontId)},
		[2]string{"owner", d.Owner}, [2]string{"multi-origin", yesNo(d.IsMultiOrigin)}, [2]string{"drifted", yesNo(d.Drifted)},
		[2]string{"operation", deref(d.OperationId)}, [2]string{"version", fmt.Sprint(d.Version)},
		[2]string{"created", when(d.CreatedAt)}, [2]string{"updated", when(d.UpdatedAt)})
}
