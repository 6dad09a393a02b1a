//go:build amd64 && !purego

package engine

import "unsafe"

// prefetchw asks for the cache lines from p on, lines of them, to be
// brought into this core's cache for writing (PREFETCHW, 0F 0D /1: AMD's
// processors have it, Intel's since Broadwell, and older ones are said to
// run it as a no-op; only the first kind was at hand here, which reports
// it as 3dnowprefetch).
//
//go:noescape
func prefetchw(p *float64, lines int)

// prefetch asks for the cache lines from p on, lines of them, to be brought
// into every level of this core's cache for reading (PREFETCHT0). Like
// prefetchw it is a hint: it faults on no address and changes no value.
//
//go:noescape
func prefetch(p unsafe.Pointer, lines int)
