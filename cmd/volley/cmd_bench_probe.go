package main

import (
	"math"
	"sync"
	"time"

	"github.com/volleysim/volley/xmath"
)

// probeSpeedup measures how much of n cores the machine gives at this
// moment: it times a fixed compute loop (exponentials over a vector that
// stays in the first-level cache, no memory traffic, no synchronisation) on
// one goroutine and then on n goroutines at once, five times each
// alternately, and returns n × (shortest time of one) / (shortest time of
// n). On n free cores that is n; a virtual machine whose cores are also
// busy with other work (another guest on the same physical cores, a
// process) gives less, and a parallel simulation run at that time scales
// less too. The shortest times, not the medians, because a short burst of
// other work must not count as a lasting slowdown of one side.
func probeSpeedup(n int) float64 {
	if n < 2 {
		return 1
	}
	one, all := math.Inf(1), math.Inf(1)
	for range 5 {
		one = min(one, timeProbe(1))
		all = min(all, timeProbe(n))
	}
	return float64(n) * one / all
}

// timeProbe runs probeWork on n goroutines at once and returns the seconds
// until the last one ends.
func timeProbe(n int) float64 {
	var wg sync.WaitGroup
	sums := make([]float64, n)
	start := time.Now()
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sums[w] = probeWork()
		}()
	}
	wg.Wait()
	return time.Since(start).Seconds()
}

// probeRounds sets the probe's length: about 20 ms of exponentials on
// one core of the development machine.
const probeRounds = 5000

// probeWork is the probe's loop; it returns a sum so that the work is not
// optimised away (probeWork's result is the same on every call).
func probeWork() float64 {
	x := make([]float64, 1024)
	for i := range x {
		x[i] = -1 + float64(float64(i)/1024) // float64: no fused multiply-add (exact either way)
	}
	s := 0.0
	for range probeRounds {
		for _, v := range x {
			s += xmath.Exp(v)
		}
	}
	return s
}
