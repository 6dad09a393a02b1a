package output

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// AvailableMemory returns the memory the system can give a new process
// without swapping (Linux's MemAvailable), in bytes; ok is false where it is
// not known.
func AvailableMemory() (bytes int64, ok bool) {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemAvailable:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil {
				return 0, false
			}
			return kb * 1024, true
		}
	}
	return 0, false
}

// CheckMemory refuses a run whose estimated memory exceeds what the machine
// has available, instead of letting the system kill it halfway.
func CheckMemory(need int64) error {
	avail, ok := AvailableMemory()
	if !ok || need <= avail {
		return nil
	}
	return fmt.Errorf("the model needs about %s (state, synapses, delay buffers, traces), but only %s of memory is available; "+
		"record fewer cells or variables, shorten the run, or use a machine with more memory", HumanBytes(need), HumanBytes(avail))
}

// HumanBytes prints a byte count with a binary unit.
func HumanBytes(b int64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(b)/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(b)/(1<<10))
	}
	return fmt.Sprintf("%d B", b)
}
