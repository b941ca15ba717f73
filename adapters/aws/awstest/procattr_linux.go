package awstest

import "syscall"

// sysProcAttr kills the server with the test binary, even when `go test -timeout` kills that.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
