//go:build !amd64 || purego

package engine

import "unsafe"

// prefetchw does nothing where Volley has no assembly for it.
func prefetchw(p *float64, lines int) {}

// prefetch does nothing where Volley has no assembly for it.
func prefetch(p unsafe.Pointer, lines int) {}
