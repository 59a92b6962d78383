package main

import (
	"os"
	"os/exec"
)

// Windows has no user switch here (the Node side never asks for one) and no SIGINT to send a
// process: postgres is stopped the way embedded-postgres stops it there, by terminating it.
// unconfirmed: not run on Windows by this project's tests.
func configurePostgresCommand(_ *exec.Cmd, _, _ int) {}

func askPostgresToStop(p *os.Process) {
	_ = p.Kill()
}
