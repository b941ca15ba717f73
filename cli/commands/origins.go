package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"io"

	"github.com/spf13/cobra"

	"github.com/cloudfront-manager/cfm/cli/client"
	"github.com/cloudfront-manager/cfm/cli/output"
)

func (a *app) originsCommand() *cobra.Command {
	c := &cobra.Command{Use: "origins", Aliases: []string{"origin"}, Short: "Managed S3 origins (bucket, Origin Access Control, bucket policy)"}
	var pg page
	var file string
	var force bool
	create := &cobra.Command{Use: "create -f FILE", Short: "Create an origin: an S3 bucket in a region and its Origin Access Control", Args: cobra.NoArgs,
		RunE: a.run(func(ctx context.Context, _ []string) error {
			return a.sendFile(ctx, file, "origins create", nil, func(c *client.ClientWithResponses, b io.Reader, key client.RequestEditorFn) (any, error) {
				r, err := c.CreateOriginWithBodyWithResponse(ctx, &client.CreateOriginParams{}, "application/json", b, key)
				return r, err
			}, func(w io.Writer, r any) error {
				return originTable(w, r.(*client.CreateOriginResponse).JSON202.Data.Origin)
			})
		})}
	update := &cobra.Command{Use: "update ID -f FILE", Short: "Change an origin's name, CORS or website settings", Args: cobra.ExactArgs(1),
		RunE: a.run(func(ctx context.Context, args []string) error {
			return a.sendFile(ctx, file, "origins update", args, func(c *client.ClientWithResponses, b io.Reader, key client.RequestEditorFn) (any, error) {
				r, err := c.UpdateOriginWithBodyWithResponse(ctx, args[0], &client.UpdateOriginParams{}, "application/json", b, key)
				return r, err
			}, func(w io.Writer, r any) error {
				o := r.(*client.UpdateOriginResponse).JSON202.Data.Origin
				return orGone(w, o, "originId", o.AsOrigin, originTable)
			})
		})}
	del := &cobra.Command{Use: "delete ID", Short: "Delete an origin and its bucket (--force empties a non-empty bucket)", Args: cobra.ExactArgs(1),
		RunE: a.run(func(ctx context.Context, args []string) error {
			return a.withAPI(func(c *client.ClientWithResponses) error {
				params := &client.DeleteOriginParams{}
				keyArgs := args
				if force {
					params.Force = ptr(client.DeleteOriginParamsForce("true"))
					keyArgs = append(keyArgs, "--force")
				}
				r, err := c.DeleteOriginWithResponse(ctx, args[0], params, withKey(a.idempotencyKey("origins delete", keyArgs, nil)))
				return a.submitted(ctx, r, err, func(w io.Writer) error {
					o := r.JSON202.Data.Origin
					return orGone(w, o, "originId", o.AsOrigin, originTable)
				})
			})
		})}
	del.Flags().BoolVar(&force, "force", false, "empty the bucket before deleting it")
	c.AddCommand(
		pg.flags(a.readCommand("list", "List origins", 0, func(ctx context.Context, c *client.ClientWithResponses, _ []string) error {
			limit, cursor := pg.params()
			r, err := c.ListOriginsWithResponse(ctx, &client.ListOriginsParams{Limit: limit, Cursor: cursor})
			return a.show(r, err, func(w io.Writer) error {
				d := r.JSON200.Data
				rows := make([][]string, 0, len(d.Origins))
				for _, o := range d.Origins {
					rows = append(rows, []string{o.OriginId, o.Name, o.BucketName, string(o.Region), string(o.Status), list(o.AssociatedDistributions)})
				}
				return rowsThenCursor(w, []string{"ID", "NAME", "BUCKET", "REGION", "STATUS", "DISTRIBUTIONS"}, rows, d.NextCursor)
			})
		})),
		a.readCommand("get ID", "Show one origin", 1, func(ctx context.Context, c *client.ClientWithResponses, args []string) error {
			r, err := c.GetOriginWithResponse(ctx, args[0])
			return a.show(r, err, func(w io.Writer) error { return originTable(w, r.JSON200.Data.Origin) })
		}),
		a.mutationFlags(fileFlag(create, &file, "the origin request")),
		a.mutationFlags(fileFlag(update, &file, "the change")),
		a.mutationFlags(del),
	)
	return c
}

// sendFile is a mutation whose body is -f FILE: read it, send it with its Idempotency-Key,
// print what was accepted (or follow it with --wait).
func (a *app) sendFile(ctx context.Context, file, command string, args []string,
	send func(c *client.ClientWithResponses, body io.Reader, key client.RequestEditorFn) (any, error), table func(io.Writer, any) error) error {
	return a.withFile(file, func(c *client.ClientWithResponses, b []byte) error {
		r, err := send(c, bytes.NewReader(b), withKey(a.idempotencyKey(command, args, b)))
		return a.submitted(ctx, r, err, func(w io.Writer) error { return table(w, r) })
	})
}

// orGone prints an update's or delete's resource with table, or, when the answer is the
// tombstone a replay shows once the resource is gone (the document's OriginGone and
// EdgeFunctionGone: the id and status Deleted), that id and status.
func orGone[R any](w io.Writer, answer json.Marshaler, idField string, as func() (R, error), table func(io.Writer, R) error) error {
	raw, err := answer.MarshalJSON()
	if err != nil {
		return err
	}
	var fields map[string]any
	if json.Unmarshal(raw, &fields) == nil && len(fields) == 2 && fields["status"] == "Deleted" {
		id, _ := fields[idField].(string)
		return output.Fields(w, [2]string{"id", id}, [2]string{"status", "Deleted"})
	}
	resource, err := as()
	if err != nil {
		return err
	}
	return table(w, resource)
}

func originTable(w io.Writer, o client.Origin) error {
	return output.Fields(w, [2]string{"id", o.OriginId}, [2]string{"name", o.Name}, [2]string{"bucket", o.BucketName},
		[2]string{"region", string(o.Region)}, [2]string{"status", string(o.Status)}, [2]string{"domain", deref(o.OriginDomain)},
		[2]string{"access", o.Access}, [2]string{"oac", deref(o.OacId)}, [2]string{"owner", o.Owner},
		[2]string{"distributions", list(o.AssociatedDistributions)}, [2]string{"operation", deref(o.OperationId)})
}
