// Package console serves the web console: its embedded static files, the runtime settings at
// /config.json, and index.html for every other GET path (the console routes in the browser).
// Every page carries a strict Content-Security-Policy: scripts only from this origin, no eval,
// no inline script, and network access only to the API and the identity provider.
package console

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"
)

// Settings are the runtime settings the console reads from /config.json (on AWS the deploy
// writes the same file into the bucket).
type Settings struct {
	// APIURL is the API's base URL; empty means the console's own origin.
	APIURL string `json:"apiUrl"`
	// Authority is the OIDC issuer (Cognito user pool URL, or <local>/local).
	Authority string `json:"authority"`
	// ClientID is the app client id (the ID tokens' audience).
	ClientID string `json:"clientId"`
	// RedirectURI is the console's callback URL (<console>/callback).
	RedirectURI string `json:"redirectUri"`
	// PostLogoutRedirectURI is where sign-out returns (the console's root).
	PostLogoutRedirectURI string `json:"postLogoutRedirectUri"`
	// LogoutURL is the identity provider's logout endpoint when its discovery document has
	// none (Cognito's managed login: https://<domain>/logout); empty = from discovery.
	LogoutURL string `json:"logoutUrl,omitempty"`
	// Scope is the OAuth scope requested (openid at least).
	Scope string `json:"scope"`
	// Environment names where the console runs (local, aws) for the header badge.
	Environment string `json:"environment"`
}

// workerPath is the routing-map worker. It alone may run generated routing code (from a blob
// it builds), and it has no network access: see WorkerCSP.
const workerPath = "/assets/routing-worker.js"

// PageCSP is the policy of every console page. connect lists the origins the page may call
// besides its own (the API, the identity provider). Trusted Types are required for every DOM
// script sink; the one policy allowed, cfm-worker, admits only the routing worker's URL.
func PageCSP(connect ...string) string {
	src := []string{"'self'"}
	for _, c := range connect {
		if c != "" && !slices.Contains(src, c) {
			src = append(src, c)
		}
	}
	return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
		"connect-src " + strings.Join(src, " ") + "; worker-src 'self'; manifest-src 'self'; " +
		"frame-ancestors 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types cfm-worker"
}

// WorkerCSP is the routing worker's policy: it may load the generated routing code it was
// handed as a blob, and nothing may leave it (no fetch, no WebSocket, no nested import).
const WorkerCSP = "default-src 'none'; script-src 'self' blob:; connect-src 'none'"

type file struct {
	body  []byte
	ctype string
	etag  string
}

type handler struct {
	files    map[string]file // by URL path
	index    file
	config   []byte
	pageCSP  string
	modified time.Time
}

// New serves assets (index.html at its root) with settings at /config.json.
func New(assets fs.FS, s Settings) (http.Handler, error) {
	if s.Authority == "" || s.ClientID == "" || s.RedirectURI == "" {
		return nil, errors.New("console: authority, clientId and redirectUri are required")
	}
	if s.Scope == "" {
		s.Scope = "openid"
	}
	cfg, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	h := &handler{files: map[string]file{}, config: cfg,
		pageCSP: PageCSP(originOf(s.APIURL), originOf(s.Authority))}
	err = fs.WalkDir(assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		h.files["/"+p] = file{body: b, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("console assets: %w", err)
	}
	idx, ok := h.files["/index.html"]
	if !ok {
		return nil, errors.New("console assets: no index.html (run npm run build in console/)")
	}
	h.index = idx
	return h, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	switch p := r.URL.Path; {
	case p == "/config.json":
		hd.Set("Content-Security-Policy", "default-src 'none'")
		h.write(w, r, file{body: h.config, ctype: "application/json", etag: ""}, "no-store")
	case p == workerPath:
		hd.Set("Content-Security-Policy", WorkerCSP)
		h.write(w, r, h.files[p], "no-cache")
	case h.files[p].body != nil && p != "/index.html":
		hd.Set("Content-Security-Policy", h.pageCSP)
		h.write(w, r, h.files[p], "no-cache")
	case path.Ext(p) != "" || strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/local/"):
		http.NotFound(w, r) // a missing file is a 404, not the page
	default:
		hd.Set("Content-Security-Policy", h.pageCSP)
		h.write(w, r, h.index, "no-cache")
	}
}

func (h *handler) write(w http.ResponseWriter, r *http.Request, f file, cache string) {
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Cache-Control", cache)
	if f.etag != "" {
		w.Header().Set("ETag", f.etag)
	}
	http.ServeContent(w, r, "", h.modified, bytes.NewReader(f.body))
}

func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
