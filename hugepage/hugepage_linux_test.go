package hugepage

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// vmaFlags returns the VmFlags and AnonHugePages lines of the mapping of
// /proc/self/smaps that holds address a.
func vmaFlags(t *testing.T, a uintptr) (flags []string, anonHuge string) {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x", &lo, &hi); n == 2 && strings.Contains(line, " ") {
			in = lo <= a && a < hi
			continue
		}
		if !in {
			continue
		}
		if v, ok := strings.CutPrefix(line, "AnonHugePages:"); ok {
			anonHuge = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "VmFlags:"); ok {
			return strings.Fields(v), anonHuge
		}
	}
	t.Fatalf("no mapping holds %#x", a)
	return nil, ""
}

// A large slice is advised (its mapping carries the kernel's "hg" flag,
// MADV_HUGEPAGE), is zero and has the asked length and capacity. (That a
// small one is not cannot be seen the same way: its memory may have been
// part of an advised slice that is now free.)
func TestMakeAdvises(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skipf("kernel without transparent huge pages: %v", err)
	}
	s := MakeCap[int32](MinBytes/4, MinBytes/2)
	if len(s) != MinBytes/4 || cap(s) != MinBytes/2 {
		t.Fatalf("len, cap = %d, %d; want %d, %d", len(s), cap(s), MinBytes/4, MinBytes/2)
	}
	for i := range s {
		if s[i] != 0 {
			t.Fatalf("s[%d] = %d, want 0", i, s[i])
		}
		s[i] = int32(i)
	}
	mid := uintptr(unsafe.Pointer(&s[len(s)/2]))
	flags, huge := vmaFlags(t, mid)
	if !slices.Contains(flags, "hg") {
		t.Errorf("mapping of a %d-byte slice has flags %v, want hg (MADV_HUGEPAGE)", 4*cap(s), flags)
	}
	t.Logf("AnonHugePages of its mapping: %s (0 where the system has no huge page free or disables them)", huge)
}
