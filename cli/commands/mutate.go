package commands

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/cloudfront-manager/cfm/cli/client"
	"github.com/cloudfront-manager/cfm/cli/output"
	"github.com/cloudfront-manager/cfm/cli/progress"
)

// mutationFlags adds --wait and --idempotency-key to a command that changes something.
func (a *app) mutationFlags(c *cobra.Command) *cobra.Command {
	c.Flags().BoolVar(&a.wait, "wait", false, "follow the operation until it ends (see --timeout)")
	c.Flags().StringVar(&a.idemKey, "idempotency-key", "", "Idempotency-Key to send (default: derived from the command, its arguments, the file and $CFM_RUN_ID)")
	return c
}

// fileFlag adds the required -f FILE.
func fileFlag(c *cobra.Command, file *string, what string) *cobra.Command {
	c.Flags().StringVarP(file, "file", "f", "", what+" as a JSON file ('-' reads standard input)")
	_ = c.MarkFlagRequired("file")
	return c
}

// readFile reads -f: a JSON file, or standard input for "-".
func (a *app) readFile(path string) ([]byte, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(a.env.Stdin)
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, usagef("read %s: %v", path, err)
	}
	if !json.Valid(b) {
		return nil, usagef("%s is not valid JSON", path)
	}
	return b, nil
}

// accepted is what every asynchronous mutation answers: the operation it started.
type accepted struct {
	Operation *client.OperationRef `json:"operation"`
}

// submitted handles a mutation's answer: an error with its exit code, or the data printed
// (table: what was accepted), or, with --wait, the operation followed to its end.
func (a *app) submitted(ctx context.Context, r any, err error, table func(io.Writer) error) error {
	data, err := reply(r, err)
	if err != nil {
		return err
	}
	var acc accepted
	_ = json.Unmarshal(data, &acc)
	if !a.wait || acc.Operation == nil {
		return output.Data(a.out(), a.format, data, func(w io.Writer) error {
			if err := table(w); err != nil {
				return err
			}
			if acc.Operation != nil {
				_, err := fmt.Fprintf(w, "\nOperation %s %s. Follow it: cfm operations wait %s\n", acc.Operation.Id, acc.Operation.Status, acc.Operation.Id)
				return err
			}
			return nil
		})
	}
	return a.follow(ctx, acc.Operation.Id)
}

var errTimeout = errors.New("timed out")

// follow waits for an operation, showing its progress on stderr, then prints it. A network
// error, a 429 or a 5xx while polling does not end the wait (the next poll tries again); the
// timeout, an interrupt or any other answer does.
func (a *app) follow(ctx context.Context, id string) error {
	c, err := a.api()
	if err != nil {
		return err
	}
	start := a.env.Now()
	rep := progress.New(a.env.Stderr, a.env.IsTerminal(a.env.Stderr), start, a.env.Now)
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, a.timeout)
	defer cancel()
	last := progress.Snapshot{ID: id}
	var lastErr error
	for {
		resp, err := c.GetOperationWithResponse(ctx, id)
		switch {
		case parent.Err() != nil:
			rep.Finish(last, errors.New("interrupted"))
			return withCode(ExitInterrupted, fmt.Errorf("interrupted; operation %s goes on: cfm operations wait %s", id, id))
		case ctx.Err() != nil:
			rep.Finish(last, fmt.Errorf("%w (--timeout %s)", errTimeout, a.timeout))
			msg := fmt.Errorf("operation %s did not end within %s; it goes on: cfm operations wait %s", id, a.timeout, id)
			if lastErr != nil {
				msg = fmt.Errorf("%w (the last poll failed: %w)", msg, lastErr)
			}
			return withCode(ExitTimeout, msg)
		}
		var data json.RawMessage
		if err == nil {
			data, err = reply(resp, nil)
		}
		if err != nil {
			if !transient(resp, err) {
				rep.Finish(last, err)
				return sent(err)
			}
			lastErr = err
		} else {
			lastErr = nil
			op := resp.JSON200.Data.Operation
			last = snapshot(op)
			if op.Status == "Succeeded" || op.Status == "Failed" {
				rep.Finish(last, nil)
				if err := a.printOperation(ctx, c, op, data); err != nil {
					return err
				}
				if op.Status == "Failed" {
					return withCode(ExitFailed, fmt.Errorf("operation %s failed: %s", id, deref(op.LastError)))
				}
				return nil
			}
			rep.Update(last)
		}
		select {
		case <-ctx.Done():
		case <-time.After(a.env.PollInterval):
		}
	}
}

// transient reports whether a failed poll is worth repeating: the network, 429, 5xx.
func transient(resp *client.GetOperationResponse, err error) bool {
	var e *exitError
	if resp == nil || resp.HTTPResponse == nil {
		return !errors.As(err, &e) // our own refusal (not signed in) is final; the network is not
	}
	code := resp.StatusCode()
	return code == http.StatusTooManyRequests || code >= 500
}

func snapshot(op client.Operation) progress.Snapshot {
	s := progress.Snapshot{ID: op.Id, Kind: op.Kind, Status: string(op.Status), LastError: deref(op.LastError)}
	for _, st := range op.Steps {
		s.Steps = append(s.Steps, progress.Step{Name: st.Name, Status: st.Status, Detail: deref(st.Detail)})
	}
	return s
}

// printOperation prints a finished operation; in a table, a distribution it created or changed
// is shown with its deployment status and domain.
func (a *app) printOperation(ctx context.Context, c *client.ClientWithResponses, op client.Operation, data json.RawMessage) error {
	return output.Data(a.out(), a.format, data, func(w io.Writer) error {
		if err := operationTable(w, op); err != nil {
			return err
		}
		if op.ResourceType != "distribution" || op.Status != "Succeeded" || op.Kind == "DeleteDistribution" {
			return nil
		}
		d, err := c.GetDistributionWithResponse(ctx, op.ResourceId)
		if err != nil || d.JSON200 == nil || d.JSON200.Data == nil {
			return nil // the operation's outcome is printed; the distribution is extra
		}
		dist := d.JSON200.Data.Distribution
		_, err = fmt.Fprintf(w, "\ndistribution %s %s %s\n", dist.Id, dist.Status, deref(dist.DomainName))
		return err
	})
}

func operationTable(w io.Writer, op client.Operation) error {
	pairs := [][2]string{{"id", op.Id}, {"kind", op.Kind}, {"resource", op.ResourceType + " " + op.ResourceId},
		{"status", string(op.Status)}, {"actor", op.Actor}, {"attempts", fmt.Sprint(op.Attempts)},
		{"created", op.CreatedAt.Format(time.RFC3339)}, {"updated", op.UpdatedAt.Format(time.RFC3339)},
		{"last error", deref(op.LastError)}}
	if op.Result != nil {
		for _, k := range sortedKeys(*op.Result) {
			pairs = append(pairs, [2]string{"result " + k, (*op.Result)[k]})
		}
	}
	if err := output.Fields(w, pairs...); err != nil {
		return err
	}
	if len(op.Steps) == 0 {
		return nil
	}
	rows := make([][]string, 0, len(op.Steps))
	for i, st := range op.Steps {
		rows = append(rows, []string{fmt.Sprint(i + 1), st.Name, st.Status, st.At.Format(time.RFC3339), deref(st.Detail)})
	}
	_, _ = fmt.Fprintln(w)
	return output.Rows(w, []string{"#", "STEP", "STATUS", "AT", "DETAIL"}, rows)
}

// withAPI calls fn with the API client.
func (a *app) withAPI(fn func(c *client.ClientWithResponses) error) error {
	c, err := a.api()
	if err != nil {
		return err
	}
	return fn(c)
}

// withFile reads -f FILE, then calls fn with the API client and the file's bytes.
func (a *app) withFile(file string, fn func(c *client.ClientWithResponses, b []byte) error) error {
	b, err := a.readFile(file)
	if err != nil {
		return err
	}
	return a.withAPI(func(c *client.ClientWithResponses) error { return fn(c, b) })
}
