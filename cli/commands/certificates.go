package commands

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/cloudfront-manager/cfm/cli/client"
	"github.com/cloudfront-manager/cfm/cli/output"
)

func (a *app) certificatesCommand() *cobra.Command {
	c := &cobra.Command{Use: "certificates", Aliases: []string{"certificate", "certs"}, Short: "ACM certificates CloudFront can use (us-east-1)"}
	c.AddCommand(
		a.readCommand("list", "List issued certificates", 0, func(ctx context.Context, c *client.ClientWithResponses, _ []string) error {
			r, err := c.ListCertificatesWithResponse(ctx)
			return a.show(r, err, func(w io.Writer) error {
				rows := [][]string{}
				for _, x := range r.JSON200.Data.Certificates {
					rows = append(rows, []string{x.CertificateArn, x.DomainName, list(x.SubjectAlternativeNames), x.Status, when(deref(x.NotAfter))})
				}
				return output.Rows(w, []string{"ARN", "DOMAIN", "NAMES", "STATUS", "EXPIRES"}, rows)
			})
		}),
		a.readCommand("get ARN", "Show one certificate", 1, func(ctx context.Context, c *client.ClientWithResponses, args []string) error {
			r, err := c.GetCertificateWithResponse(ctx, args[0])
			return a.show(r, err, func(w io.Writer) error {
				x := r.JSON200.Data.Certificate
				return output.Fields(w, [2]string{"arn", x.CertificateArn}, [2]string{"domain", x.DomainName},
					[2]string{"names", list(x.SubjectAlternativeNames)}, [2]string{"status", x.Status}, [2]string{"type", deref(x.Type)},
					[2]string{"key", deref(x.KeyAlgorithm)}, [2]string{"in use", yesNo(deref(x.InUse))},
					[2]string{"not before", when(deref(x.NotBefore))}, [2]string{"not after", when(deref(x.NotAfter))})
			})
		}),
	)
	return c
}
