package domain

import "context"

// Authenticator turns a bearer token into a Principal. A missing, malformed, expired or
// wrongly signed token returns an error that Is ErrUnauthenticated.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (Principal, error)
}
