package domain

import "context"

// Kind names a record type in the store.
type Kind string

const (
	KindDistribution Kind = "distribution"
	KindOperation    Kind = "operation"
	KindOrigin       Kind = "origin"
	KindTemplate     Kind = "template"
	KindEdgeFunction Kind = "edgeFunction"
	KindHistory      Kind = "history"
	KindIdempotency  Kind = "idempotency"
)

// Item is one stored record: an entity serialized as JSON plus the keys it is found by.
//
// Version is optimistic concurrency: a Put of Version 1 requires that no item exists; a Put of
// Version n>1 requires that the stored item has Version n-1. Every index is sorted by SortKey.
type Item struct {
	Kind    Kind
	ID      string
	Version int64
	// Parent groups items under another (history under its resource); "" = none.
	Parent string
	// Status indexes items of a kind by state (operations for the sweeper); "" = none.
	Status string
	// Owner indexes items of a kind by who they belong to (operations by actor); "" = none.
	Owner string
	// SortKey orders items inside every index (usually RFC 3339 time + id).
	SortKey string
	Body    []byte
}

// Write is one conditional change inside an atomic Store.Write.
type Write struct {
	Put    *Item
	Delete *DeleteKey
}

// DeleteKey removes an item; Version 0 deletes unconditionally, n>0 requires Version n.
type DeleteKey struct {
	Kind    Kind
	ID      string
	Version int64
}

// Index selects how a Query finds items.
type Index string

const (
	ByKind   Index = "kind"   // all items of Query.Kind
	ByParent Index = "parent" // items of Query.Kind whose Parent is Query.Key
	ByStatus Index = "status" // items of Query.Kind whose Status is Query.Key
	ByOwner  Index = "owner"  // items of Query.Kind whose Owner is Query.Key
)

// Query reads one page of an index in SortKey order (Descending reverses it).
type Query struct {
	Kind       Kind
	Index      Index
	Key        string
	Limit      int
	Cursor     string // opaque, from the previous Page
	Descending bool
	// Below, when set, returns only items whose SortKey is lower (the sweeper's "older than").
	Below string
}

// Page is one page of a Query; Next is "" on the last page.
type Page struct {
	Items []Item
	Next  string
}

// Store persists records with conditional, atomic writes and indexed queries.
// A failed condition returns an error that Is ErrConflict; a missing item, ErrNotFound.
// No method scans a whole table.
type Store interface {
	Get(ctx context.Context, kind Kind, id string) (Item, error)
	Write(ctx context.Context, writes ...Write) error
	Query(ctx context.Context, q Query) (Page, error)
}
