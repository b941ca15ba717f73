//go:build !linux

package awstest

import "syscall"

// sysProcAttr: without Pdeathsig the server is stopped by the last test's cleanup only.
func sysProcAttr() *syscall.SysProcAttr { return nil }
