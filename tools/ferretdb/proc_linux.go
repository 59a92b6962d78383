package main

import (
	"os"
	"os/exec"
	"syscall"
)

func configurePostgresCommand(cmd *exec.Cmd, uid, gid int) {
	cmd.SysProcAttr = &syscall.SysProcAttr{
		// Should this program die without stopping postgres (SIGKILL), the kernel asks postgres for a
		// fast shutdown. It is delivered when the forking thread ends, see spawnPostgres.
		Pdeathsig: syscall.SIGINT,
		// Its own process group: a Ctrl-C in the terminal reaches the Node service, which drains its
		// requests first and then stops us; postgres must not stop under it.
		Setpgid: true,
	}
	setCredential(cmd, uid, gid)
}

func askPostgresToStop(p *os.Process) {
	_ = p.Signal(syscall.SIGINT)
}
