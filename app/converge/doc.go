// Package converge holds the worker side: Worker.Handle runs the converger of an operation's
// kind (the table in worker.go), records progress step by step, and on a permanent failure runs
// the kind's failure hook. The Sweeper re-sends stuck operations and fails those past their
// deadline.
package converge
