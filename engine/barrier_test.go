package engine

import (
	"fmt"
	"sync"
	"testing"
	"time"
	"unsafe"
)

// Every worker must see the same flags in every round, and no worker
// may start a round before all have finished the previous one, whether it
// waits at once or works between announcing itself and waiting (arrive,
// then await: some workers of a round do, some do not).
func TestBarrier(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 2, 3, 4, 5, 8} {
		const rounds = 2000
		b := newBarrier(n)
		seen := make([][]uint32, n)
		counter := make([]int, rounds+1)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for w := 0; w < n; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for r := 0; r < rounds; r++ {
					mu.Lock()
					counter[r]++
					mu.Unlock()
					var f uint32
					if r%7 == 3 && w == r%n {
						f |= flagStop
					}
					if r%5 == 1 && w == (r+1)%n {
						f |= flagRebalance
					}
					var got uint32
					if (r+w)%3 == 0 {
						round := b.arrive(f)
						mu.Lock()
						counter[rounds]++ // work between the two
						mu.Unlock()
						got = b.await(round, f)
					} else {
						got = b.wait(f)
					}
					mu.Lock()
					if counter[r] != n {
						t.Errorf("n=%d round %d: passed with %d of %d arrived", n, r, counter[r], n)
					}
					mu.Unlock()
					seen[w] = append(seen[w], got)
				}
			}(w)
		}
		wg.Wait()
		for r := 0; r < rounds; r++ {
			var want uint32
			if r%7 == 3 {
				want |= flagStop
			}
			if r%5 == 1 {
				want |= flagRebalance
			}
			for w := 0; w < n; w++ {
				if seen[w][r] != want {
					t.Fatalf("n=%d round %d worker %d: flags %b, want %b", n, r, w, seen[w][r], want)
				}
			}
		}
	}
}

// BenchmarkBarrier measures a round of the barrier: two workers that do
// nothing else, so that a round costs what the last arrival takes to reach
// the other worker.
func BenchmarkBarrier(b *testing.B) {
	const n = 2
	bar := newBarrier(n)
	var wg sync.WaitGroup
	for w := 1; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range b.N {
				bar.wait(0)
			}
		}()
	}
	for range b.N {
		bar.wait(0)
	}
	wg.Wait()
}

// A barrier fills whole cache lines from a line's start, so that nothing
// else shares the line every round writes.
func TestBarrierLines(t *testing.T) {
	t.Parallel()
	if s := unsafe.Sizeof(barrier{}); s != 2*cacheLine {
		t.Errorf("barrier takes %d bytes, want %d", s, 2*cacheLine)
	}
	heap := make(chan *barrier, 8) // what is sent on a channel lives on the heap, as a runner's barrier
	for range cap(heap) {
		heap <- newBarrier(2)
	}
	for range cap(heap) {
		if a := uintptr(unsafe.Pointer(<-heap)); a%cacheLine != 0 {
			t.Fatalf("barrier at %#x, not on a cache line", a)
		}
	}
}

// BenchmarkBarrierCeiling measures the most two workers can gain on this
// machine when they meet at the barrier after every epoch, for epochs of
// several lengths: each worker runs a chain of arithmetic that touches no
// memory, the two equally long, and "speedup" is the time one worker takes
// for both chains of every epoch over the time the two workers take. What
// falls short of 2 is the barrier's rounds and the epochs that one core
// finishes later than the other (an interrupt, the host's other work),
// which a run pays at every barrier: a simulation that splits its steps
// between two workers cannot scale better at the same epoch length.
func BenchmarkBarrierCeiling(b *testing.B) {
	perMicro, end := chainRate()
	if !(end > 0) {
		b.Fatalf("chain ended at %g", end)
	}
	for _, micros := range []int{3, 5, 10, 20} {
		b.Run(fmt.Sprintf("epoch=%dus", micros), func(b *testing.B) {
			iters := micros * perMicro
			start := time.Now()
			var alone float64
			for range b.N {
				alone += chain(2 * iters)
			}
			one := time.Since(start)
			bar := newBarrier(2)
			var other float64
			var wg sync.WaitGroup
			wg.Add(1)
			b.ResetTimer()
			start = time.Now()
			go func() {
				defer wg.Done()
				for range b.N {
					other += chain(iters)
					bar.wait(0)
				}
			}()
			var own float64
			for range b.N {
				own += chain(iters)
				bar.wait(0)
			}
			wg.Wait()
			two := time.Since(start)
			if own != other || alone == 0 {
				b.Fatalf("the two workers' chains gave %g and %g", own, other)
			}
			b.ReportMetric(float64(one)/float64(two), "speedup")
		})
	}
}

// chain runs n steps of a dependent chain of floating-point arithmetic,
// which touches no memory, and returns its end.
func chain(n int) float64 {
	x := 1.0
	for range n {
		x = x*0.9999999 + 1e-9
	}
	return x
}

// chainRate returns how many steps of chain take about a microsecond here,
// and the end of the chain it timed (which the caller uses, so that the
// chain is not optimised away).
func chainRate() (int, float64) {
	const n = 1 << 22
	start := time.Now()
	x := chain(n)
	return max(1, int(float64(n)/float64(time.Since(start).Microseconds()+1))), x
}
