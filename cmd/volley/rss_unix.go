//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakRSSMB returns the peak resident memory of a finished process in MB:
// getrusage's ru_maxrss, in kilobytes on Linux and the BSDs, in bytes on
// macOS. On Linux a child that Go starts shares the parent's memory until it
// execs, and the kernel keeps the larger of the two peaks: the figure is
// the bench's own peak when that is the larger (seen with a probe that held
// 16 MB in the bench: every child read 29 MB), so the bench keeps its own
// memory small.
func peakRSSMB(ps *os.ProcessState) float64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return float64(ru.Maxrss) / (1 << 20)
	}
	return float64(ru.Maxrss) / 1024
}
