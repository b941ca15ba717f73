package main

import (
	"log/slog"
	"os"
	"syscall"
)

// crashNow is the simulator's CrashAfterWriteRate fault: kill -9 of this very process, right
// after a cloud write committed and before the product recorded it.
func crashNow() {
	slog.Warn("chaos: SIGKILL after a cloud write (CFM_SIM_CRASH_AFTER_WRITE_RATE)")
	_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {} // the signal is on its way; nothing more runs
}
