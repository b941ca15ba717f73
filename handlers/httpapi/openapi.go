package httpapi

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"sort"
)

// The OpenAPI document is assembled from openapi/*.json: base.json holds info, security and
// shared components; every other file adds the paths and schemas of one resource.
//
//go:embed openapi/*.json
var openAPIFiles embed.FS

var openAPIDocument = mustAssembleOpenAPI()

// OpenAPIDocument returns the API description served at /api/openapi.json.
func OpenAPIDocument() []byte { return openAPIDocument }

func serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openAPIDocument)
}

func mustAssembleOpenAPI() []byte {
	doc, err := assembleOpenAPI(openAPIFiles)
	if err != nil {
		panic(err) // a broken embedded document is a build defect; tests catch it
	}
	return doc
}

func assembleOpenAPI(files fs.FS) ([]byte, error) {
	names, err := fs.Glob(files, "openapi/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	doc := map[string]any{}
	for _, name := range names {
		raw, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, err
		}
		var part map[string]any
		if err := json.Unmarshal(raw, &part); err != nil {
			return nil, fmt.Errorf("openapi fragment %s: %w", name, err)
		}
		if err := mergeInto(doc, part, name); err != nil {
			return nil, err
		}
	}
	completeContract(doc)
	return json.MarshalIndent(doc, "", "  ")
}

// mergeInto adds src to dst; two fragments defining the same leaf is an error.
func mergeInto(dst, src map[string]any, path string) error {
	for k, v := range src {
		cur, exists := dst[k]
		if !exists {
			dst[k] = v
			continue
		}
		cm, ok1 := cur.(map[string]any)
		vm, ok2 := v.(map[string]any)
		if !ok1 || !ok2 {
			return fmt.Errorf("openapi: %s/%s is defined twice", path, k)
		}
		if err := mergeInto(cm, vm, path+"/"+k); err != nil {
			return err
		}
	}
	return nil
}
