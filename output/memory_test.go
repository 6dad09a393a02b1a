package output

import (
	"strings"
	"testing"
)

func TestCheckMemory(t *testing.T) {
	t.Parallel()
	avail, ok := AvailableMemory()
	if !ok {
		t.Skip("no /proc/meminfo")
	}
	if avail <= 0 {
		t.Fatalf("available memory %d", avail)
	}
	if err := CheckMemory(1 << 20); err != nil {
		t.Errorf("1 MiB refused: %v", err)
	}
	err := CheckMemory(avail * 4)
	if err == nil || !strings.Contains(err.Error(), "available") {
		t.Errorf("4× the available memory: %v", err)
	}
}

func TestHumanBytes(t *testing.T) {
	t.Parallel()
	for in, want := range map[int64]string{512: "512 B", 2048: "2.0 KiB", 3 << 20: "3.0 MiB", 5 << 30: "5.00 GiB"} {
		if got := HumanBytes(in); got != want {
			t.Errorf("HumanBytes(%d) = %q, want %q", in, got, want)
		}
	}
}
