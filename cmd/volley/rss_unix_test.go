//go:build unix

package main

import (
	"os"
	"os/exec"
	"testing"
)

// The peak resident memory of a finished child (this test binary, running
// no test) comes out in megabytes: more than 1 MB, less than 1000.
func TestPeakRSS(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	if mb := peakRSSMB(cmd.ProcessState); !(mb > 1 && mb < 1000) {
		t.Errorf("peak RSS %g MB", mb)
	}
}
