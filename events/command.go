// Package events holds the wire contracts: commands on the queues and domain events on the
// bus. Each type carries a version; a shipped type is never renamed.
package events

import (
	"encoding/json"
	"fmt"
	"time"
)

// Command types.
const (
	// CommandExecute asks a worker to converge an operation (FIFO command queue).
	CommandExecute = "operation.execute"
	// CommandCheckDeployment asks a worker to look at an operation's deployment again (poll
	// queue): a delayed poll, or the deployment watcher's wake-up carrying what it observed.
	CommandCheckDeployment = "deployment.check"
	// CommandWatchDeployments is one tick of the account's deployment watcher (poll queue,
	// delayed by the tick; Tick is its sequence number, 0 for an immediate check).
	CommandWatchDeployments = "deployment.watch"
)

// CommandVersion is the current command schema version.
const CommandVersion = 1

// Command is the body of every queue message: the operation carries the intent, so the
// command only points at it.
type Command struct {
	Type        string `json:"type"`
	Version     int    `json:"version"`
	OperationID string `json:"operationId"`
	ResourceID  string `json:"resourceId"`
	// Poll counts deployment checks, for the backoff.
	Poll int `json:"poll,omitempty"`
	// Tick is the deployment watcher's tick sequence (deployment.watch only).
	Tick int64 `json:"tick,omitempty"`
	// Observed is what the deployment watcher read for the operation's distribution (on its
	// wake-up): the worker trusts it instead of reading the distribution again.
	Observed *Observed `json:"observed,omitempty"`
}

// Observed is one distribution's deployment status as a ListDistributions page showed it.
type Observed struct {
	CloudFrontID string    `json:"cloudfrontId"`
	Status       string    `json:"status"`
	DomainName   string    `json:"domainName,omitempty"`
	At           time.Time `json:"at"`
}

// Marshal encodes the command.
func (c Command) Marshal() []byte {
	b, err := json.Marshal(c)
	if err != nil {
		panic(err) // plain struct of strings and ints
	}
	return b
}

// ParseCommand decodes and checks a command body.
func ParseCommand(body []byte) (Command, error) {
	var c Command
	if err := json.Unmarshal(body, &c); err != nil {
		return Command{}, fmt.Errorf("decode command: %w", err)
	}
	switch {
	case c.Type != CommandExecute && c.Type != CommandCheckDeployment && c.Type != CommandWatchDeployments:
		return Command{}, fmt.Errorf("unknown command type %q", c.Type)
	case c.Version != CommandVersion:
		return Command{}, fmt.Errorf("unsupported command version %d", c.Version)
	case c.OperationID == "" && c.Type != CommandWatchDeployments:
		return Command{}, fmt.Errorf("command without operationId")
	}
	return c, nil
}
