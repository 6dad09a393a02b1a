//go:build amd64 && !purego

package engine

// prefetchw asks for the cache lines from p on, lines of them, to be
// brought into this core's cache for writing (PREFETCHW, 0F 0D /1, which
// processors without it execute as a no-op).
//
//go:noescape
func prefetchw(p *float64, lines int)
