// Package console holds the built web console (dist/, made by `npm run build` in this folder
// from src/) so the binaries that serve it embed it. The sources, the build and the browser
// tests live beside it; see README.md here.
package console

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Assets returns the built console: index.html at the root, the bundle under assets/.
func Assets() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is a constant directory of the embed; cannot fail
	}
	return sub
}
