package engine

import (
	"runtime"
	"sync/atomic"
)

// barrier is a reusable spinning barrier for a fixed number of workers that
// also agrees on flags: wait returns, to every worker of a round, the union
// of the flags that the workers passed in that round.
//
// It fills two cache lines of its own (Go places an object of 128 bytes on
// a multiple of 128): every round writes its line, which moves between the
// cores, and anything else in it would move too. Unpadded, its fields
// shared a line with the 24-byte arrays of the workers' block bounds that
// every worker reads all through its update and delivery.
type barrier struct {
	n     int32
	count atomic.Int32
	gen   atomic.Uint32
	flags [2]atomic.Uint32 // per round parity
	spins int32            // reads of a waiting worker before it yields (see newBarrier)
	_     [2*cacheLine - 24]byte
}

// The flags the workers agree on at a barrier.
const (
	flagStop      uint32 = 1 << iota // the run ends after this epoch
	flagRebalance                    // the workers' shares change after this epoch
)

// Reads of the round by a waiting worker before it lets the Go scheduler
// run something else at every further read: briefly where workers
// outnumber processors, so that one without a processor gets one soon;
// else for a few microseconds, since most waits are shorter and a call
// into the scheduler delays seeing the last arrival (BenchmarkBarrier,
// two workers doing nothing else, 5 runs: 227–238 ns a round against
// 301–505 when yielding after 64 reads).
const (
	sharedSpins = 64
	ownSpins    = 1024
)

// newBarrier returns a barrier for n workers.
func newBarrier(n int) *barrier {
	b := &barrier{n: int32(n), spins: ownSpins}
	if n > runtime.GOMAXPROCS(0) {
		b.spins = sharedSpins
	}
	return b
}

// wait blocks until all n workers have called it in this round and returns
// the union of their flags.
func (b *barrier) wait(f uint32) uint32 { return b.await(b.arrive(f), f) }

// arrive announces a worker in this round with flags f and returns the
// round, for await: a worker can work between the two, and the last to
// arrive opens the barrier for the others without waiting itself.
func (b *barrier) arrive(f uint32) uint32 {
	if b.n == 1 {
		return 0
	}
	g := b.gen.Load()
	if f != 0 {
		b.flags[g&1].Or(f)
	}
	if b.count.Add(1) == b.n {
		b.count.Store(0)
		b.flags[(g+1)&1].Store(0)
		b.gen.Add(1)
	}
	return g
}

// await blocks until every worker has arrived in round g and returns the
// union of their flags; f is the worker's own, which is all there is with
// one worker. The flags of round g stay until round g+1 is complete, which
// needs this worker.
func (b *barrier) await(g, f uint32) uint32 {
	if b.n == 1 {
		return f
	}
	for spins := int32(0); b.gen.Load() == g; spins++ {
		if spins > b.spins {
			runtime.Gosched()
		}
	}
	return b.flags[g&1].Load()
}
