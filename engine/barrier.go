package engine

import (
	"runtime"
	"sync/atomic"
)

// barrier is a reusable spinning barrier for a fixed number of workers that
// also agrees on a stop flag: wait returns true for every worker of a round
// if any of them asked to stop in that round.
type barrier struct {
	n     int32
	count atomic.Int32
	gen   atomic.Uint32
	stop  [2]atomic.Bool // per round parity
}

func newBarrier(n int) *barrier { return &barrier{n: int32(n)} }

// wait blocks until all n workers have called it in this round.
func (b *barrier) wait(stop bool) bool {
	if b.n == 1 {
		return stop
	}
	g := b.gen.Load()
	flag := &b.stop[g&1]
	if stop {
		flag.Store(true)
	}
	if b.count.Add(1) == b.n {
		b.count.Store(0)
		b.stop[(g+1)&1].Store(false)
		b.gen.Add(1)
		return flag.Load()
	}
	for spins := 0; b.gen.Load() == g; spins++ {
		if spins > 64 {
			runtime.Gosched()
		}
	}
	return flag.Load()
}
