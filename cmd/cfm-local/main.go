// Command cfm-local runs the whole product in one process on embedded defaults: the API, the
// workers, the sweeper, a simulated AWS cloud, a durable store and queue, and a local identity
// provider. `make run` starts it.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		slog.Error("cfm-local stopped", "error", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	cfg, err := configFromEnv()
	if err != nil {
		return err
	}
	return serve(ctx, cfg)
}

// serve runs the system on cfg.Addr until ctx ends.
func serve(ctx context.Context, cfg config) error {
	sys, err := start(ctx, cfg)
	if err != nil {
		return err
	}
	defer sys.Close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: sys.Handler, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	slog.Info("cfm-local listening", "addr", ln.Addr().String(), "data", cfg.DataDir,
		"token", "POST /local/token {\"username\":\"alice\",\"groups\":[\"developers\"]}")
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}
