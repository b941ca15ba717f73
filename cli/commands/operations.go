package commands

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/cloudfront-manager/cfm/cli/client"
)

func (a *app) operationsCommand() *cobra.Command {
	c := &cobra.Command{Use: "operations", Aliases: []string{"operation", "ops"}, Short: "Asynchronous operations: what a mutation started, step by step"}
	var pg page
	var status, resource, actor string
	listCmd := pg.flags(a.readCommand("list", "List operations, most recently updated first", 0, func(ctx context.Context, c *client.ClientWithResponses, _ []string) error {
		limit, cursor := pg.params()
		params := &client.ListOperationsParams{Status: optional(client.OperationStatus(status)), ResourceId: optional(resource),
			Actor: optional(actor), Limit: limit, Cursor: cursor}
		r, err := c.ListOperationsWithResponse(ctx, params)
		return a.show(r, err, func(w io.Writer) error {
			d := r.JSON200.Data
			rows := make([][]string, 0, len(d.Operations))
			for _, o := range d.Operations {
				current := ""
				if n := len(o.Steps); n > 0 {
					current = fmt.Sprintf("%s (%s)", o.Steps[n-1].Name, o.Steps[n-1].Status)
				}
				rows = append(rows, []string{o.Id, o.Kind, o.ResourceId, string(o.Status), current, o.Actor, when(o.UpdatedAt)})
			}
			return rowsThenCursor(w, []string{"ID", "KIND", "RESOURCE", "STATUS", "LAST STEP", "ACTOR", "UPDATED"}, rows, d.NextCursor)
		})
	}))
	listCmd.Flags().StringVar(&status, "status", "", "only operations in this status: Accepted, Running, Succeeded, Failed")
	listCmd.Flags().StringVar(&resource, "resource", "", "only operations on this resource id")
	listCmd.Flags().StringVar(&actor, "actor", "", "only operations asked for by this user")
	c.AddCommand(listCmd,
		a.readCommand("get ID", "Show an operation: steps, attempts, last error, result", 1, func(ctx context.Context, c *client.ClientWithResponses, args []string) error {
			r, err := c.GetOperationWithResponse(ctx, args[0])
			return a.show(r, err, func(w io.Writer) error { return operationTable(w, r.JSON200.Data.Operation) })
		}),
		&cobra.Command{Use: "wait ID", Short: "Follow an operation until it ends (exit 1 when it failed, 5 after --timeout)", Args: cobra.ExactArgs(1),
			RunE: a.run(func(ctx context.Context, args []string) error { return a.follow(ctx, args[0]) })},
	)
	return c
}
