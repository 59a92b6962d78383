//go:build unix

package main

import (
	"os/exec"
	"syscall"
)

// PostgreSQL refuses to run as root; when we are root, the Node side names the user to run it as.
func setCredential(cmd *exec.Cmd, uid, gid int) {
	if uid < 0 {
		return
	}
	cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
}
