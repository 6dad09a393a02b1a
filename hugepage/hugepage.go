// Package hugepage allocates the large arrays of a simulation (connectivity
// tables, per-synapse values, delay rings, the state of large groups) so
// that Linux can back them with transparent huge pages of 2 MiB instead of
// pages of 4 KiB.
//
// Mapping fresh memory costs one page fault per page at its first write. On
// the development machine (a virtual machine) that was 2.6 ms per MiB with
// 4 KiB pages: 0.53–0.57 s for a slice of 200 MB in a standalone Go
// program, a large part of building a network of 80 million synapses. With
// the advice below the same slice mapped in 0.03–0.29 s, and each TLB
// entry covers 2 MiB instead of 4 KiB. The Go runtime does not ask for huge
// pages itself (a sparse heap would waste memory); the arrays given here
// are dense and written in full, and NumPy advises them for its large
// arrays in the same way.
//
// The advice is only advice: where the kernel has transparent huge pages
// disabled ("never" in /sys/kernel/mm/transparent_hugepage/enabled), on
// other systems, or when no huge page is free, the memory is ordinary
// memory and nothing else changes. The environment variable
// VOLLEY_HUGEPAGES=0 turns the advice off (as NUMPY_MADVISE_HUGEPAGE=0 does
// NumPy's), for a system where compacting memory into huge pages stalls.
package hugepage

import (
	"os"
	"unsafe"
)

// MinBytes is the size from which Make and MakeCap advise huge pages:
// smaller slices would hold one huge page or none.
const MinBytes = 4 << 20

// Make returns make([]T, n), with huge pages advised when it takes at least
// MinBytes.
func Make[T any](n int) []T { return MakeCap[T](n, n) }

// MakeCap returns make([]T, n, c), with huge pages advised for its capacity
// when that takes at least MinBytes, unless VOLLEY_HUGEPAGES is 0.
func MakeCap[T any](n, c int) []T {
	s := make([]T, n, c)
	var zero T
	if size := uintptr(c) * unsafe.Sizeof(zero); wanted(size, os.Getenv("VOLLEY_HUGEPAGES")) {
		advise(unsafe.Pointer(unsafe.SliceData(s)), size)
	}
	return s
}

// wanted reports whether a slice of size bytes is advised, given the value
// of VOLLEY_HUGEPAGES.
func wanted(size uintptr, env string) bool { return size >= MinBytes && env != "0" }
