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

func (a *app) templatesCommand() *cobra.Command {
	c := &cobra.Command{Use: "templates", Aliases: []string{"template"}, Short: "Distribution templates: named partial configs applied with overrides"}
	var pg page
	var category, file string
	listCmd := pg.flags(a.readCommand("list", "List templates, newest first", 0, func(ctx context.Context, c *client.ClientWithResponses, _ []string) error {
		limit, cursor := pg.params()
		r, err := c.ListTemplatesWithResponse(ctx, &client.ListTemplatesParams{Category: optional(category), Limit: limit, Cursor: cursor})
		return a.show(r, err, func(w io.Writer) error {
			d := r.JSON200.Data
			rows := make([][]string, 0, len(d.Templates))
			for _, t := range d.Templates {
				rows = append(rows, []string{t.TemplateId, t.Name, t.Category, t.CreatedBy, when(t.UpdatedAt)})
			}
			return rowsThenCursor(w, []string{"ID", "NAME", "CATEGORY", "CREATED BY", "UPDATED"}, rows, d.NextCursor)
		})
	}))
	listCmd.Flags().StringVar(&category, "category", "", "only templates of this category")

	// Templates are written at once (no operation): create, update and delete print the result.
	withFile := func(use, short, command string, n int, send func(ctx context.Context, c *client.ClientWithResponses, args []string, b []byte, key client.RequestEditorFn) (any, error),
		table func(r any, w io.Writer) error) *cobra.Command {
		cmd := &cobra.Command{Use: use, Short: short, Args: cobra.ExactArgs(n), RunE: a.run(func(ctx context.Context, args []string) error {
			return a.withFile(file, func(c *client.ClientWithResponses, b []byte) error {
				r, err := send(ctx, c, args, b, withKey(a.idempotencyKey(command, args, b)))
				return a.submitted(ctx, r, err, func(w io.Writer) error { return table(r, w) })
			})
		})}
		return a.mutationFlags(fileFlag(cmd, &file, "the request"))
	}
	create := withFile("create -f FILE", "Create a template", "templates create", 0,
		func(ctx context.Context, c *client.ClientWithResponses, _ []string, b []byte, key client.RequestEditorFn) (any, error) {
			return c.CreateTemplateWithBodyWithResponse(ctx, &client.CreateTemplateParams{}, "application/json", bytes.NewReader(b), key)
		}, func(r any, w io.Writer) error {
			return templateTable(w, r.(*client.CreateTemplateResponse).JSON201.Data.Template)
		})
	update := withFile("update ID -f FILE", "Change a template (name, description, category, config)", "templates update", 1,
		func(ctx context.Context, c *client.ClientWithResponses, args []string, b []byte, key client.RequestEditorFn) (any, error) {
			return c.UpdateTemplateWithBodyWithResponse(ctx, args[0], "application/json", bytes.NewReader(b), key)
		}, func(r any, w io.Writer) error {
			return templateTable(w, r.(*client.UpdateTemplateResponse).JSON200.Data.Template)
		})
	apply := withFile("apply ID -f FILE", "Create a distribution from a template with overrides", "templates apply", 1,
		func(ctx context.Context, c *client.ClientWithResponses, args []string, b []byte, key client.RequestEditorFn) (any, error) {
			return c.ApplyTemplateWithBodyWithResponse(ctx, args[0], &client.ApplyTemplateParams{}, "application/json", bytes.NewReader(b), key)
		}, func(r any, w io.Writer) error {
			return distributionTable(w, r.(*client.ApplyTemplateResponse).JSON202.Data.Distribution)
		})
	del := a.mutationFlags(&cobra.Command{Use: "delete ID", Short: "Delete a template", Args: cobra.ExactArgs(1),
		RunE: a.run(func(ctx context.Context, args []string) error {
			return a.withAPI(func(c *client.ClientWithResponses) error {
				r, err := c.DeleteTemplateWithResponse(ctx, args[0], withKey(a.idempotencyKey("templates delete", args, nil)))
				return a.submitted(ctx, r, err, func(w io.Writer) error {
					_, err := fmt.Fprintf(w, "template %s deleted\n", r.JSON200.Data.TemplateId)
					return err
				})
			})
		})})
	c.AddCommand(listCmd,
		a.readCommand("get ID", "Show one template", 1, func(ctx context.Context, c *client.ClientWithResponses, args []string) error {
			r, err := c.GetTemplateWithResponse(ctx, args[0])
			return a.show(r, err, func(w io.Writer) error { return templateTable(w, r.JSON200.Data.Template) })
		}),
		create, update, del, apply)
	return c
}

func templateTable(w io.Writer, t client.Template) error {
	return output.Fields(w, [2]string{"id", t.TemplateId}, [2]string{"name", t.Name}, [2]string{"category", t.Category},
		[2]string{"description", deref(t.Description)}, [2]string{"created by", t.CreatedBy},
		[2]string{"version", fmt.Sprint(t.Version)}, [2]string{"updated", when(t.UpdatedAt)})
}
