package commands

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/cloudfront-manager/cfm/cli/client"
	"github.com/cloudfront-manager/cfm/cli/output"
)

func (a *app) edgeFunctionsCommand() *cobra.Command {
	c := &cobra.Command{Use: "edge-functions", Aliases: []string{"edge-function", "functions"}, Short: "Edge routing functions (CloudFront Functions, Lambda@Edge)"}
	var pg page
	var file string
	preview := &cobra.Command{Use: "preview -f FILE", Short: "Show the code that would be generated for a routing request", Args: cobra.NoArgs,
		RunE: a.run(func(ctx context.Context, _ []string) error {
			return a.withFile(file, func(c *client.ClientWithResponses, b []byte) error {
				r, err := c.PreviewEdgeFunctionWithBodyWithResponse(ctx, "application/json", bytes.NewReader(b))
				return a.show(r, err, func(w io.Writer) error {
					p := r.JSON200.Data
					if err := output.Fields(w, [2]string{"target", string(p.Target)}, [2]string{"runtime", p.Runtime},
						[2]string{"preset", string(p.Preset)}, [2]string{"event", string(p.EventType)}, [2]string{"origins", fmt.Sprint(p.OriginCount)},
						[2]string{"size", fmt.Sprintf("%d of %d bytes", p.EstimatedSize, p.SizeLimit)}); err != nil {
						return err
					}
					_, err := fmt.Fprintf(w, "\n%s\n", p.FunctionCode)
					return err
				})
			})
		})}
	create := &cobra.Command{Use: "create -f FILE", Short: "Create an edge routing function", Args: cobra.NoArgs,
		RunE: a.run(func(ctx context.Context, _ []string) error {
			return a.withFile(file, func(c *client.ClientWithResponses, b []byte) error {
				r, err := c.CreateEdgeFunctionWithBodyWithResponse(ctx, &client.CreateEdgeFunctionParams{}, "application/json", bytes.NewReader(b),
					withKey(a.idempotencyKey("edge-functions create", nil, b)))
				return a.submitted(ctx, r, err, func(w io.Writer) error { return edgeFunctionTable(w, r.JSON202.Data.Function) })
			})
		})}
	del := &cobra.Command{Use: "delete ID", Short: "Delete an edge function (Lambda@Edge: once its replicas are gone)", Args: cobra.ExactArgs(1),
		RunE: a.run(func(ctx context.Context, args []string) error {
			return a.withAPI(func(c *client.ClientWithResponses) error {
				r, err := c.DeleteEdgeFunctionWithResponse(ctx, args[0], &client.DeleteEdgeFunctionParams{},
					withKey(a.idempotencyKey("edge-functions delete", args, nil)))
				return a.submitted(ctx, r, err, func(w io.Writer) error {
					fn := r.JSON202.Data.Function
					return orGone(w, fn, "functionId", fn.AsEdgeFunction, edgeFunctionTable)
				})
			})
		})}
	c.AddCommand(
		fileFlag(preview, &file, "the routing request"),
		pg.flags(a.readCommand("list", "List edge functions", 0, func(ctx context.Context, c *client.ClientWithResponses, _ []string) error {
			limit, cursor := pg.params()
			r, err := c.ListEdgeFunctionsWithResponse(ctx, &client.ListEdgeFunctionsParams{Limit: limit, Cursor: cursor})
			return a.show(r, err, func(w io.Writer) error {
				d := r.JSON200.Data
				rows := make([][]string, 0, len(d.Functions))
				for _, f := range d.Functions {
					rows = append(rows, []string{f.FunctionId, f.FunctionName, string(f.Target), string(f.Preset), string(f.Status), f.CreatedBy})
				}
				return rowsThenCursor(w, []string{"ID", "NAME", "TARGET", "PRESET", "STATUS", "CREATED BY"}, rows, d.NextCursor)
			})
		})),
		a.readCommand("get ID", "Show one edge function", 1, func(ctx context.Context, c *client.ClientWithResponses, args []string) error {
			r, err := c.GetEdgeFunctionWithResponse(ctx, args[0])
			return a.show(r, err, func(w io.Writer) error { return edgeFunctionTable(w, r.JSON200.Data.Function) })
		}),
		a.readCommand("presets", "List the routing presets", 0, func(ctx context.Context, c *client.ClientWithResponses, _ []string) error {
			r, err := c.ListEdgePresetsWithResponse(ctx)
			return a.show(r, err, func(w io.Writer) error {
				d := r.JSON200.Data
				rows := make([][]string, 0, len(d.Presets))
				for _, p := range d.Presets {
					def := ""
					if string(p.Name) == d.Default {
						def = "default"
					}
					rows = append(rows, []string{string(p.Name), fmt.Sprintf("%d-%d", p.MinOrigins, p.MaxOrigins), def, p.Description})
				}
				return output.Rows(w, []string{"PRESET", "ORIGINS", "", "DESCRIPTION"}, rows)
			})
		}),
		a.mutationFlags(fileFlag(create, &file, "the edge function request")),
		a.mutationFlags(del),
	)
	return c
}

func edgeFunctionTable(w io.Writer, f client.EdgeFunction) error {
	return output.Fields(w, [2]string{"id", f.FunctionId}, [2]string{"name", f.FunctionName}, [2]string{"target", string(f.Target)},
		[2]string{"preset", string(f.Preset)}, [2]string{"status", string(f.Status)}, [2]string{"arn", deref(f.FunctionArn)},
		[2]string{"created by", f.CreatedBy}, [2]string{"created", when(f.CreatedAt)})
}
