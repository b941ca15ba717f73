// Package client is the cfm API client, generated from the OpenAPI document by oapi-codegen
// (client.gen.go; regenerate with `go generate ./cli/client`).
package client

//go:generate go run ./gen -o client.gen.go
