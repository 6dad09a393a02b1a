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
// several lengths: each worker runs arithmetic that touches no memory, the
// two equally long, and "speedup" is the time one worker takes for both
// shares of every epoch over the time the two workers take. What falls
// short of 2 is the barrier's rounds and the epochs that one core finishes
// later than the other (an interrupt, the host's other work), which a run
// pays at every barrier: a simulation that splits its steps between two
// workers cannot scale better at the same epoch length.
//
// The work is of two kinds. A dependent chain (work=chain) waits on each
// result and leaves most of a core's arithmetic units idle, so two threads
// sharing one physical core (siblings of simultaneous multithreading) run
// it almost as fast as two cores would; eight independent chains
// (work=lanes) keep the units busy, as the neuron kernels do, and two
// siblings share them. Where the two kinds differ, the machine's two
// processors share a core at that time, and a simulation gains little from
// a second thread then. On the development VM the two agreed whenever this
// benchmark ran (2026-12-05, 5 µs epochs: chain 1.74–1.88, lanes
// 1.82–1.89), but for some minutes that morning a throwaway program's
// throughput loops ran 0.92–1.48 times as fast on two threads as on one
// while its dependent chain ran 1.93–2.00 times, and coba 1.10 times
// (volley bench, probes 1.10/1.11).
func BenchmarkBarrierCeiling(b *testing.B) {
	for _, work := range []struct {
		name string
		f    func(int) float64
	}{{"chain", chain}, {"lanes", lanes}} {
		perMicro, end := rate(work.f)
		if !(end > 0) {
			b.Fatalf("%s ended at %g", work.name, end)
		}
		for _, micros := range []int{3, 5, 10, 20} {
			b.Run(fmt.Sprintf("work=%s/epoch=%dus", work.name, micros), func(b *testing.B) {
				iters := micros * perMicro
				start := time.Now()
				var alone float64
				for range b.N {
					alone += work.f(2 * iters)
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
						other += work.f(iters)
						bar.wait(0)
					}
				}()
				var own float64
				for range b.N {
					own += work.f(iters)
					bar.wait(0)
				}
				wg.Wait()
				two := time.Since(start)
				if own != other || alone == 0 {
					b.Fatalf("the two workers' work gave %g and %g", own, other)
				}
				b.ReportMetric(float64(one)/float64(two), "speedup")
			})
		}
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

// lanes runs n steps of eight independent chains of floating-point
// arithmetic, which touch no memory, and returns the sum of their ends.
func lanes(n int) float64 {
	a, b, c, d, e, f, g, h := 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7
	for range n {
		a = a*0.9999999 + 1e-9
		b = b*0.9999999 + 1e-9
		c = c*0.9999999 + 1e-9
		d = d*0.9999999 + 1e-9
		e = e*0.9999999 + 1e-9
		f = f*0.9999999 + 1e-9
		g = g*0.9999999 + 1e-9
		h = h*0.9999999 + 1e-9
	}
	return a + b + c + d + e + f + g + h
}

// rate returns how many steps of work take about a microsecond here, and
// the end of the work it timed (which the caller uses, so that the work is
// not optimised away).
func rate(work func(int) float64) (int, float64) {
	const n = 1 << 22
	start := time.Now()
	x := work(n)
	return max(1, int(float64(n)/float64(time.Since(start).Microseconds()+1))), x
}
