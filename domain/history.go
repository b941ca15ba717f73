package domain

import "time"

// HistoryEntry is one audited change to a resource: who, when, what, which operation.
type HistoryEntry struct {
	ID          string    `json:"id"`
	ResourceID  string    `json:"resourceId"`
	Action      string    `json:"action"` // e.g. "CreateRequested", "Deployed", "Drifted"
	Actor       string    `json:"actor"`
	OperationID string    `json:"operationId,omitempty"`
	Changes     []Change  `json:"changes,omitempty"`
	Message     string    `json:"message,omitempty"`
	At          time.Time `json:"at"`
}

// Change is one field that differs between two configs.
type Change struct {
	Path string `json:"path"`
	From any    `json:"from,omitempty"`
	To   any    `json:"to,omitempty"`
}
