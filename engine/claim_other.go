//go:build !amd64 || purego

package engine

// prefetchw does nothing where Volley has no assembly for it.
func prefetchw(p *float64, lines int) {}
