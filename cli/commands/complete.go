package commands

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cloudfront-manager/cfm/cli/client"
)

// lister reads the first page of a resource for shell completion: "id\tdescription" rows.
type lister func(ctx context.Context, c *client.ClientWithResponses) ([]string, error)

// completeIDs makes the ID argument of every subcommand of group complete from the API
// (cfm distributions get <TAB>), with the profile and API URL of the command line.
func (a *app) completeIDs(group *cobra.Command, list lister) {
	for _, sub := range group.Commands() {
		if f := strings.Fields(sub.Use); len(f) < 2 || f[1] != "ID" {
			continue
		}
		sub.ValidArgsFunction = func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 || a.resolve(cmd, args) != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			c, err := a.api()
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			rows, err := list(cmd.Context(), c)
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			return rows, cobra.ShellCompDirectiveNoFileComp
		}
	}
}

const completionPage = 100

// listers are the resources whose ids complete.
func listers() map[string]lister {
	limit := ptr(completionPage)
	return map[string]lister{
		"distributions": func(ctx context.Context, c *client.ClientWithResponses) ([]string, error) {
			r, err := c.ListDistributionsWithResponse(ctx, &client.ListDistributionsParams{Limit: limit})
			return completions(r, err, func() []client.DistributionSummary { return r.JSON200.Data.Distributions },
				func(d client.DistributionSummary) string { return d.Id + "\t" + d.Name + " (" + string(d.Status) + ")" })
		},
		"origins": func(ctx context.Context, c *client.ClientWithResponses) ([]string, error) {
			r, err := c.ListOriginsWithResponse(ctx, &client.ListOriginsParams{Limit: limit})
			return completions(r, err, func() []client.Origin { return r.JSON200.Data.Origins },
				func(o client.Origin) string { return o.OriginId + "\t" + o.Name + " (" + o.BucketName + ")" })
		},
		"edge-functions": func(ctx context.Context, c *client.ClientWithResponses) ([]string, error) {
			r, err := c.ListEdgeFunctionsWithResponse(ctx, &client.ListEdgeFunctionsParams{Limit: limit})
			return completions(r, err, func() []client.EdgeFunctionSummary { return r.JSON200.Data.Functions },
				func(f client.EdgeFunctionSummary) string { return f.FunctionId + "\t" + f.FunctionName })
		},
		"templates": func(ctx context.Context, c *client.ClientWithResponses) ([]string, error) {
			r, err := c.ListTemplatesWithResponse(ctx, &client.ListTemplatesParams{Limit: limit})
			return completions(r, err, func() []client.Template { return r.JSON200.Data.Templates },
				func(t client.Template) string { return t.TemplateId + "\t" + t.Name })
		},
		"operations": func(ctx context.Context, c *client.ClientWithResponses) ([]string, error) {
			r, err := c.ListOperationsWithResponse(ctx, &client.ListOperationsParams{Limit: limit})
			return completions(r, err, func() []client.Operation { return r.JSON200.Data.Operations },
				func(o client.Operation) string {
					return o.Id + "\t" + o.Kind + " " + o.ResourceId + " (" + string(o.Status) + ")"
				})
		},
	}
}

// completions are the rows of a list answer, or its error.
func completions[T any](r any, err error, items func() []T, row func(T) string) ([]string, error) {
	if _, err := reply(r, err); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(items()))
	for _, it := range items() {
		out = append(out, row(it))
	}
	return out, nil
}
