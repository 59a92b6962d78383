//go:build unix && !linux

package main

import (
	"os"
	"os/exec"
	"syscall"
)

// Outside Linux there is no parent-death signal: postgres stops with us on every path but our own
// SIGKILL (the Node service never sends one; see README).
func configurePostgresCommand(cmd *exec.Cmd, uid, gid int) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setCredential(cmd, uid, gid)
}

func askPostgresToStop(p *os.Process) {
	_ = p.Signal(syscall.SIGINT)
}
