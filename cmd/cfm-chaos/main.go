// Command cfm-chaos is the chaos run (package chaos): it starts a built cfm-local as a child
// process with every fault on, drives mixed operations at it, kills it with SIGKILL at random
// points, and prints what it found. It exits 1 unless nothing was lost, stuck, duplicated,
// orphaned or disagreeing and every Failed operation is explained.
//
//	go build -o bin/cfm-local ./cmd/cfm-local && go run ./cmd/cfm-chaos -cfm-local bin/cfm-local -ops 1000
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cloudfront-manager/cfm/chaos"
)

func main() {
	os.Exit(run())
}

func run() int {
	ops := flag.Int("ops", 1000, "mutating requests to send (about a tenth are creates)")
	binary := flag.String("cfm-local", "bin/cfm-local", "the built cfm-local to run")
	dir := flag.String("data", "", "data directory (default: a new temporary one, removed after a goal-met run)")
	rate := flag.Float64("rate", 6, "requests per second, all clients together")
	d := chaos.Defaults(0)
	clients := flag.Int("clients", d.Clients, "concurrent clients")
	settle := flag.Duration("settle", d.Settle, "how long accepted operations may take to end after the load")
	logPath := flag.String("log", "", "file for cfm-local's log (default: the data directory's cfm-local.log)")
	seed := flag.Uint64("seed", uint64(time.Now().UnixNano()), "workload seed")
	flag.Parse()

	cfg := chaos.Defaults(*ops)
	cfg.Binary, cfg.Clients, cfg.Settle, cfg.Seed = *binary, *clients, *settle, *seed
	cfg.Log = func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "chaos %s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
	}
	cfg.DataDir = *dir
	temp := cfg.DataDir == ""
	if temp {
		d, err := os.MkdirTemp("", "cfm-chaos-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		cfg.DataDir = d
	}
	if *logPath == "" {
		*logPath = cfg.DataDir + "/cfm-local.log"
	}
	logFile, err := os.Create(*logPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer logFile.Close()
	cfg.Log("seed %d, data %s, cfm-local log %s", cfg.Seed, cfg.DataDir, *logPath)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := chaos.Run(ctx, cfg, *rate, logFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "chaos run could not finish:", err)
		return 2
	}
	rep.Print(os.Stdout)
	if !rep.OK() {
		fmt.Fprintf(os.Stderr, "data kept in %s\n", cfg.DataDir)
		return 1
	}
	if temp {
		_ = os.RemoveAll(cfg.DataDir)
	}
	return 0
}
