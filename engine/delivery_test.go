package engine

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/connect"
)

// Design §3: a spike at step n with a delay of d steps acts during step n + d,
// after that step's update, so the state sampled at the start of step n+d+1
// shows it; a zero delay acts in the spike's own step.
func TestDeliveryTiming(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		weights []float64
		delays  []int32
		delay   int32
		want    [3][]float64 // samples of post cells 0, 1, 2 at steps 0..11
	}{
		{
			name: "shared delay 2", delay: 2,
			want: [3][]float64{
				{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1}, // pre 1 spikes at step 7
				{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, // pre 0 spikes at step 3
				{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1},
			},
		},
		{
			name: "zero delay", delay: 0,
			want: [3][]float64{
				{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1},
				{0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1},
				{0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1},
			},
		},
		{
			name: "per-synapse weights and delays", weights: []float64{0.5, 2, -1}, delays: []int32{0, 3, 1},
			want: [3][]float64{
				{0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1},
				{0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5},
				{0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2},
			},
		},
	}
	for _, tc := range cases {
		for _, threads := range []int{1, 2, 3} {
			pre := &scripted{x: make([]float64, 2), spikes: map[int64][]int32{3: {0}, 7: {1}}, reset: math.NaN()}
			post := &scripted{x: make([]float64, 3), reset: math.NaN()}
			plan := twoGroups(pre, post, tc.weights, tc.delays, tc.delay)
			r, err := newRunner(plan, threads, false) // bypass Workers' size rule to exercise every split
			if err != nil {
				t.Fatal(err)
			}
			res := runWith(r)
			for c := 0; c < 3; c++ {
				got := res.Traces[0].Data[0][c]
				for n := range tc.want[c] {
					if got[n] != tc.want[c][n] {
						t.Fatalf("%s, %d threads: post %d sampled %v, want %v", tc.name, threads, c, got, tc.want[c])
					}
				}
			}
			if s := res.Spikes[0]; len(s.Step) != 2 || s.Step[0] != 3 || s.Cell[0] != 0 || s.Step[1] != 7 || s.Cell[1] != 1 {
				t.Errorf("%s: recorded spikes %+v", tc.name, s)
			}
			if res.Counts[0][0] != 1 || res.Counts[0][1] != 1 {
				t.Errorf("%s: counts %v", tc.name, res.Counts[0])
			}
		}
	}
}

// Input with no delay is added to its target synapse by synapse, in the
// order of the sources, as Brian2's on_pre does; input with a delay is
// summed in its ring slot and the sum added once. The difference shows in
// the rounding: 2^53 + 1 + 1 is 2^53 one add at a time (ties to even), but
// 2^53 + 2 through the slot.
func TestInputSummation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		delay int32
		want  float64
	}{{0, 1 << 53}, {1, 1<<53 + 2}} {
		for _, threads := range []int{1, 2} {
			pre := &scripted{x: make([]float64, 2), spikes: map[int64][]int32{3: {0, 1}}, reset: math.NaN()}
			post := &scripted{x: []float64{1 << 53, 0, 0}, reset: math.NaN()}
			plan := twoGroups(pre, post, nil, nil, tc.delay)
			plan.Projections[0].Conn = &connect.CSR{NPre: 2, NPost: 3, RowPtr: []int64{0, 1, 2}, Col: []int32{0, 0}}
			r, err := newRunner(plan, threads, false)
			if err != nil {
				t.Fatal(err)
			}
			res := runWith(r)
			if got := res.Traces[0].Data[0][0][11]; got != tc.want {
				t.Errorf("delay %d, %d threads: x = %.17g, want %.17g", tc.delay, threads, got, tc.want)
			}
		}
	}
}

// Worker 0 delivers its own spikes before the other workers' only where
// that keeps the order of every sum (ownFirst): two projections into one
// variable, whose weights are summed in an order where it shows (1 + 1e-16
// − 1 + 0.5 is 0.5, 1 − 1 + 1e-16 + 0.5 is not), give 0.5 on one, two and
// three workers,
// with no delay (one step per epoch; the second projection may not go
// first) and with delays of 2 and 3 steps (epochs of two steps; a slot
// receives from two steps of one epoch, the second projection's first, so
// neither may).
func TestOwnSpikesFirst(t *testing.T) {
	t.Parallel()
	const n = 2 * cellsPerLine // two workers' blocks: cells 0–7 and 8–15
	for _, tc := range []struct {
		name           string
		delay0, delay1 int32
		step0, step1   int64 // when the sources of projections 0 and 1 fire
		sample         int   // the step whose start shows the sum
		w0, w1         []float64
		first          []bool
	}{
		{"no delay", 0, 0, 3, 3, 4, []float64{1, 1e-16}, []float64{-1, 0.5}, []bool{true, false}},
		{"delays 2 and 3", 2, 3, 5, 4, 8, []float64{-1, 0.5}, []float64{1, 1e-16}, nil},
	} {
		// projection 0: cells 0 (worker 0) and 8 (worker 1) onto cell 3
		// with weights w0; projection 1: cells 1 and 9 with w1
		rows := func(a, b int32) *connect.CSR {
			c := &connect.CSR{NPre: n, NPost: n, RowPtr: make([]int64, n+1), Col: []int32{3, 3}}
			for i := range n {
				c.RowPtr[i+1] = c.RowPtr[i]
				if int32(i) == a || int32(i) == b {
					c.RowPtr[i+1]++
				}
			}
			return c
		}
		for _, threads := range []int{1, 2, 3} {
			pre := &scripted{x: make([]float64, n), reset: math.NaN(),
				spikes: map[int64][]int32{tc.step0: {0, 8}}}
			pre.spikes[tc.step1] = append(pre.spikes[tc.step1], 1, 9)
			slices.Sort(pre.spikes[tc.step1])
			post := &scripted{x: make([]float64, n), reset: math.NaN()}
			xv := &build.Var{Name: "x", Data: post.x}
			plan := &build.Plan{Name: "t", DT: 1e-3, Steps: 12,
				Groups: []*build.Group{
					{Name: "pre", N: n, Vars: []*build.Var{{Name: "x", Data: pre.x}}, Kernel: pre},
					{Name: "post", N: n, Vars: []*build.Var{xv}, Kernel: post},
				},
				Views:  []build.View{{Name: "pre", Group: 0, N: n}, {Name: "post", Group: 1, N: n}},
				Inputs: []*build.Input{{Group: 1, Name: "x", Var: xv}},
				Projections: []*build.Projection{
					{Name: "p0", Pre: 0, Post: 1, Input: 0, Conn: rows(0, 8), Weights: tc.w0, Delay: tc.delay0},
					{Name: "p1", Pre: 0, Post: 1, Input: 0, Conn: rows(1, 9), Weights: tc.w1, Delay: tc.delay1},
				},
				Monitors: []build.StateMonitor{{Name: "m", View: 1, Vars: []*build.Var{xv}, Indices: []int{3}, Every: 1}},
			}
			if got := ownFirst(plan, epochSteps(plan)); !slices.Equal(got, tc.first) {
				t.Fatalf("%s: ownFirst %v, want %v", tc.name, got, tc.first)
			}
			r, err := newRunner(plan, threads, false)
			if err != nil {
				t.Fatal(err)
			}
			x := runWith(r).Traces[0].Data[0][0]
			if x[tc.sample-1] != 0 || x[tc.sample] != 0.5 {
				t.Errorf("%s, %d workers: x = %g at step %d and %.17g at %d, want 0 and 0.5 (1 + 1e-16 − 1 + 0.5, in that order)",
					tc.name, threads, x[tc.sample-1], tc.sample-1, x[tc.sample], tc.sample)
			}
		}
	}
}

// firing is a test kernel whose n cells fire in turn, k consecutive cells per
// step (k divides n); it has no state.
type firing struct{ n, k int }

func (f *firing) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	first := int(step*int64(f.k)) % f.n
	for c := max(lo, first); c < min(hi, first+f.k); c++ {
		out = append(out, int32(c))
	}
	return out, true
}

func (f *firing) Reset([]int32, int64) {}

// BenchmarkDelivery measures spike delivery per synaptic event: 10 of 1000
// source cells fire each step into all 4000 cells of a target group whose
// kernel does nothing, through a shared weight with no delay (straight into
// the target variable), a shared weight with a delay (through a ring slot,
// then applied) and per-synapse weights, on one and two workers.
func BenchmarkDelivery(b *testing.B) {
	const nPre, nPost, perStep = 1000, 4000, 10
	conn := &connect.CSR{NPre: nPre, NPost: nPost, RowPtr: make([]int64, nPre+1), Col: make([]int32, nPre*nPost)}
	for i := range nPre {
		conn.RowPtr[i+1] = int64((i + 1) * nPost)
		for j := range nPost {
			conn.Col[i*nPost+j] = int32(j)
		}
	}
	weights := make([]float64, len(conn.Col))
	for k := range weights {
		weights[k] = float64(k%7) * 1e-3
	}
	for _, c := range []struct {
		name    string
		weights []float64
		delay   int32
	}{{"shared", nil, 0}, {"shared-delay", nil, 20}, {"weights", weights, 0}} {
		for _, threads := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", c.name, threads), func(b *testing.B) {
				x := &build.Var{Name: "x", Data: make([]float64, nPost)}
				src := &build.Var{Name: "x", Data: make([]float64, nPre)}
				plan := &build.Plan{Name: "delivery", DT: 1e-4, Steps: int64(b.N),
					Groups: []*build.Group{
						{Name: "pre", N: nPre, Vars: []*build.Var{src}, Kernel: &firing{n: nPre, k: perStep}},
						{Name: "post", N: nPost, Vars: []*build.Var{x}, Kernel: &scripted{x: x.Data, reset: math.NaN()}},
					},
					Views:  []build.View{{Name: "pre", Group: 0, N: nPre}, {Name: "post", Group: 1, N: nPost}},
					Inputs: []*build.Input{{Group: 1, Name: "x", Var: x}},
					Projections: []*build.Projection{{Name: "p", Pre: 0, Post: 1, Input: 0, Conn: conn,
						Weight: 1e-3, Weights: c.weights, Delay: c.delay}},
				}
				if w := Workers(plan, threads); w != threads {
					b.Fatalf("%d workers, want %d", w, threads)
				}
				b.ResetTimer()
				if _, err := Run(context.Background(), plan, Options{Threads: threads}); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*perStep*nPost), "ns/event")
			})
		}
	}
}

// lowerBound finds what slices.BinarySearch finds, the first index whose
// value is at least x, in rows of every length up to 70 with repeated
// columns (multapses), for x below, inside and above each row, in 32-bit
// columns and in 16-bit ones.
func TestLowerBound(t *testing.T) {
	t.Parallel()
	for n := range 71 {
		cols := make([]int32, n)
		for k := range cols {
			cols[k] = int32(3*k/2 + k%3) // ascending, repeats some values
		}
		slices.Sort(cols)
		cols16 := make([]uint16, n)
		for k, c := range cols {
			cols16[k] = uint16(c)
		}
		for x := int32(-2); x <= int32(2*n+3); x++ {
			want, _ := slices.BinarySearch(cols, x)
			if got := lowerBound(cols, x); got != want {
				t.Fatalf("row of %d, x = %d: %d, want %d", n, x, got, want)
			}
			if got := lowerBound(cols16, x); got != want {
				t.Fatalf("16 bits: row of %d, x = %d: %d, want %d", n, x, got, want)
			}
		}
	}
}

// BenchmarkSparseDelivery measures the delivery and application of a step
// on one and two workers, in networks of the shape of coba (4000 cells, 2%:
// rows of about 80 columns; 13.5 Hz at 0.1 ms: 5 cells spike a step; a
// shared weight with a delay of a step) and of tian2020 (10000 cells, 25%:
// rows of about 2500 columns; 8 cells a step; no delay), with 16-bit
// columns as compiled plans have. One goroutine plays every worker in
// turn, so that the time is the workers' sum, free of the barrier's waits
// and of the other core's noise: what splitting the work costs. A step is
// an op.
func BenchmarkSparseDelivery(b *testing.B) {
	for _, shape := range []struct {
		name              string
		n, perStep, steps int
		p                 float64
		delay             int32
	}{{"coba", 4000, 5, 64, 0.02, 1}, {"tian2020", 10000, 8, 1024, 0.25, 0}} {
		rng := rand.New(rand.NewPCG(1, 2))
		n := shape.n
		conn, err := connect.Generate(connect.Spec{Rule: connect.FixedProbability, P: shape.p}, n, n, 1, 0, 2)
		if err != nil {
			b.Fatal(err)
		}
		conn.Narrow()
		fired := make([][]int32, shape.steps)
		for s := range fired {
			for _, c := range rng.Perm(n)[:shape.perStep] {
				fired[s] = append(fired[s], int32(c))
			}
			slices.Sort(fired[s])
		}
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", shape.name, workers), func(b *testing.B) {
				x := &build.Var{Name: "x", Data: make([]float64, n)}
				plan := &build.Plan{Name: "sparse", DT: 1e-4, Steps: 1,
					Groups: []*build.Group{{Name: "cells", N: n, Vars: []*build.Var{x}, Kernel: &scripted{x: x.Data, reset: math.NaN()}}},
					Views:  []build.View{{Name: "cells", Group: 0, N: n}},
					Inputs: []*build.Input{{Group: 0, Name: "x", Var: x}},
					Projections: []*build.Projection{{Name: "p", Pre: 0, Post: 0, Input: 0, Conn: conn,
						Weight: 1e-3, Delay: shape.delay}},
				}
				r, err := newRunner(plan, workers, false)
				if err != nil {
					b.Fatal(err)
				}
				// each step's spikes in the lists of the workers that own them
				lists := make([][][]int32, len(fired))
				for s, cells := range fired {
					lists[s] = make([][]int32, workers)
					for _, c := range cells {
						w := r.owner(0, int(c))
						lists[s][w] = append(lists[s][w], c)
					}
				}
				spikes := r.spikes[0][0]
				for w := range workers {
					r.refreshRoutes(w)
				}
				b.ResetTimer()
				for i := range b.N {
					step := int64(i)
					for w := range workers {
						spikes[0][w].cells = lists[i%len(lists)][w]
					}
					for w := range workers {
						r.deliver(w, step, spikes, allSpikes)
					}
					for w := range workers {
						r.apply(w, step)
					}
				}
			})
		}
	}
}

// BenchmarkConcurrentDelivery measures the delivery and application of
// epochs of two steps in a network of the shape of coba (4000 cells, 2%,
// 8 cells spiking a step, a shared weight with a delay of two steps), on
// one worker and on two workers that run at once on their own goroutines
// and meet at the barrier every epoch, as in a run: each publishes its
// spikes, announces itself, waits, then delivers every worker's spikes
// into its cells and applies its rings. Two workers take a round of the
// barrier and the other worker's spike lists, written on the other core,
// beyond half the work; with ask, each asks for the other's lists as
// askSpikes does (those of the first step after announcing itself, the
// rest once the barrier opens). An op is an epoch; per-worker is the time a
// worker spent delivering and applying, on average over the workers.
func BenchmarkConcurrentDelivery(b *testing.B) {
	const n, perStep, epochs, epoch = 4000, 8, 64, 2
	rng := rand.New(rand.NewPCG(3, 4))
	conn, err := connect.Generate(connect.Spec{Rule: connect.FixedProbability, P: 0.02}, n, n, 1, 0, 2)
	if err != nil {
		b.Fatal(err)
	}
	conn.Narrow()
	fired := make([][]int32, epochs*epoch)
	for s := range fired {
		for _, cell := range rng.Perm(n)[:perStep] {
			fired[s] = append(fired[s], int32(cell))
		}
		slices.Sort(fired[s])
	}
	for _, c := range []struct {
		workers int
		ask     bool
	}{{1, false}, {2, false}, {2, true}} {
		b.Run(fmt.Sprintf("workers=%d/ask=%v", c.workers, c.ask), func(b *testing.B) {
			x := &build.Var{Name: "x", Data: make([]float64, n)}
			plan := &build.Plan{Name: "sparse", DT: 1e-4, Steps: 1,
				Groups:      []*build.Group{{Name: "cells", N: n, Vars: []*build.Var{x}, Kernel: &scripted{x: x.Data, reset: math.NaN()}}},
				Views:       []build.View{{Name: "cells", Group: 0, N: n}},
				Inputs:      []*build.Input{{Group: 0, Name: "x", Var: x}},
				Projections: []*build.Projection{{Name: "p", Pre: 0, Post: 0, Input: 0, Conn: conn, Weight: 1e-3, Delay: epoch}},
			}
			r, err := newRunner(plan, c.workers, false)
			if err != nil {
				b.Fatal(err)
			}
			// each step's spikes split among the workers that own them
			own := make([][][]int32, len(fired))
			for s, cells := range fired {
				own[s] = make([][]int32, c.workers)
				for _, cell := range cells {
					w := r.owner(0, int(cell))
					own[s][w] = append(own[s][w], cell)
				}
			}
			spent := perWorker[workerFlags](c.workers)
			var wg sync.WaitGroup
			b.ResetTimer()
			for w := range c.workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r.refreshRoutes(w)
					for e := range b.N {
						spikes := r.spikes[e%3]
						n0 := int64(e * epoch)
						for k := range epoch {
							l := spikes[k][0][w]
							l.publish(append(l.spare[:0], own[(e*epoch+k)%len(own)][w]...))
						}
						round := r.bar.arrive(0)
						if c.ask {
							r.askSpikes(w, spikes[:1])
						}
						r.bar.await(round, 0)
						t0 := time.Now()
						if c.ask {
							r.askSpikes(w, spikes)
						}
						for k := range int64(epoch) {
							r.deliver(w, n0+k, spikes[k], allSpikes)
						}
						for k := range int64(epoch) {
							r.apply(w, n0+k)
						}
						spent[w].busy.Add(int64(time.Since(t0)))
					}
				}()
			}
			wg.Wait()
			var total int64
			for _, f := range spent {
				total += f.busy.Load()
			}
			b.ReportMetric(float64(total)/float64(c.workers)/float64(b.N), "ns/epoch/worker")
		})
	}
}
