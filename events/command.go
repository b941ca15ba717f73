// Package events holds the wire contracts: commands on the queues and domain events on the
// bus. Each type carries a version; a shipped type is never renamed.
package events

import (
	"encoding/json"
	"fmt"
)

// Command types.
const (
	// CommandExecute asks a worker to converge an operation (FIFO command queue).
	CommandExecute = "operation.execute"
	// CommandCheckDeployment asks a worker to poll CloudFront until Deployed (delayed poll queue).
	CommandCheckDeployment = "deployment.check"
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
	case c.Type != CommandExecute && c.Type != CommandCheckDeployment:
		return Command{}, fmt.Errorf("unknown command type %q", c.Type)
	case c.Version != CommandVersion:
		return Command{}, fmt.Errorf("unsupported command version %d", c.Version)
	case c.OperationID == "":
		return Command{}, fmt.Errorf("command without operationId")
	}
	return c, nil
}
