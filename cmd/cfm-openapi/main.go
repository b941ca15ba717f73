// Command cfm-openapi prints the assembled OpenAPI document (the one served at
// /api/openapi.json). The console generates its API types from it (console/scripts/gen-api.mjs).
package main

import (
	"os"

	"github.com/cloudfront-manager/cfm/handlers/httpapi"
)

func main() {
	if _, err := os.Stdout.Write(httpapi.OpenAPIDocument()); err != nil {
		os.Exit(1)
	}
}
