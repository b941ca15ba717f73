package commands

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"

	"github.com/spf13/cobra"

	"github.com/cloudfront-manager/cfm/cli/client"
	"github.com/cloudfront-manager/cfm/cli/output"
)

// page holds the paging flags of a list command.
type page struct {
	limit  int
	cursor string
}

func (p *page) flags(c *cobra.Command) *cobra.Command {
	c.Flags().IntVar(&p.limit, "limit", 0, "items per page, 1-100 (default: the API's, 20)")
	c.Flags().StringVar(&p.cursor, "cursor", "", "the page after this cursor (printed under a full table)")
	return c
}

func (p *page) params() (*client.Limit, *client.Cursor) { return optional(p.limit), optional(p.cursor) }

// show prints a read's answer: its data, or in a table what table writes.
func (a *app) show(r any, err error, table func(io.Writer) error) error {
	data, err := reply(r, err)
	if err != nil {
		return err
	}
	return output.Data(a.out(), a.format, data, table)
}

// reply checks a generated client's answer (a *XxxResponse, each with HTTPResponse and Body)
// and returns its data, or the error it stands for with its exit code.
func reply(r any, err error) (json.RawMessage, error) {
	if err != nil {
		return nil, sent(err)
	}
	v := reflect.ValueOf(r).Elem()
	resp, _ := v.FieldByName("HTTPResponse").Interface().(*http.Response)
	if resp == nil {
		return nil, errors.New("the API client returned no answer")
	}
	return answer(resp.StatusCode, v.FieldByName("Body").Bytes())
}

// rowsThenCursor prints a table and, when there is more, how to read the next page.
func rowsThenCursor(w io.Writer, header []string, rows [][]string, next string) error {
	if err := output.Rows(w, header, rows); err != nil {
		return err
	}
	if next != "" {
		_, err := fmt.Fprintf(w, "\nMore: --cursor %s\n", next)
		return err
	}
	return nil
}

// readCommand builds a command with exactly n arguments that only reads.
func (a *app) readCommand(use, short string, n int, fn func(ctx context.Context, c *client.ClientWithResponses, args []string) error) *cobra.Command {
	return &cobra.Command{Use: use, Short: short, Args: cobra.ExactArgs(n), RunE: a.run(func(ctx context.Context, args []string) error {
		return a.withAPI(func(c *client.ClientWithResponses) error { return fn(ctx, c, args) })
	})}
}
