package engine

import (
	"context"
	"math"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/connect"
	"github.com/volleysim/volley/rng"
)

// A projection with long rows (a random 60% of 4000 post cells per row, so
// the bounds between the workers' parts are kept when there are several
// workers) gives every post cell the same input for 1, 2 and 3 workers, and
// the parts from the kept bounds, found by either worker beside a bound,
// are those the binary search finds, the first time and the next.
func TestRowSplits(t *testing.T) {
	t.Parallel()
	const nPre, nPost, steps = 20, 4000, 6
	s := rng.New(21, rng.User, 0, 0, 0)
	c := denseRows(&s, nPre, nPost)
	weights := make([]float64, len(c.Col))
	for k := range weights {
		weights[k] = s.Float64()
	}
	run := func(threads int) ([]float64, *runner) {
		pre := &scripted{x: make([]float64, nPre), reset: math.NaN(), spikes: map[int64][]int32{}}
		for n := range int64(steps) {
			pre.spikes[n] = []int32{int32(n), int32(n + 7), int32(n + 11)}
		}
		post := &scripted{x: make([]float64, nPost), reset: math.NaN()}
		xv := &build.Var{Name: "x", Data: post.x}
		plan := &build.Plan{Name: "t", DT: 1e-3, Steps: steps,
			Groups: []*build.Group{
				{Name: "pre", N: nPre, Vars: []*build.Var{{Name: "x", Data: pre.x}}, Kernel: pre},
				{Name: "post", N: nPost, Vars: []*build.Var{xv}, Kernel: post},
			},
			Views:       []build.View{{Name: "pre", Group: 0, N: nPre}, {Name: "post", Group: 1, N: nPost}},
			Inputs:      []*build.Input{{Group: 1, Name: "x", Var: xv}},
			Projections: []*build.Projection{{Name: "p", Pre: 0, Post: 1, Input: 0, Conn: c, Weight: 1, Weights: weights, Delay: 1}},
		}
		if w := Workers(plan, threads); w != threads {
			t.Fatalf("%d workers for %d threads", w, threads)
		}
		if _, err := Run(context.Background(), plan, Options{Threads: threads}); err != nil {
			t.Fatal(err)
		}
		r, err := newRunner(plan, threads, false)
		if err != nil {
			t.Fatal(err)
		}
		return post.x, r
	}
	want, _ := run(1)
	for _, threads := range []int{2, 3} {
		got, r := run(threads)
		if !slices.Equal(got, want) {
			t.Errorf("%d threads: input differs from 1 thread", threads)
		}
		if r.splits[0] == nil {
			t.Fatalf("%d threads: no bounds kept for the long rows", threads)
		}
		for pass := range 2 {
			for row := range nPre {
				cols := c.Col[c.RowPtr[row]:c.RowPtr[row+1]]
				for w := range threads {
					clo, chi := r.postColumns(r.plan.Projections[0], w)
					r0 := &runner{splits: make([][]atomic.Int32, 1)}
					i, j := r.columnSpan(0, row, cols, w, clo, chi, int32(r.plan.Views[1].N))
					wi, wj := r0.columnSpan(0, row, cols, w, clo, chi, int32(r.plan.Views[1].N))
					if i != wi || j != wj {
						t.Errorf("%d workers, pass %d, row %d, worker %d: [%d, %d), search [%d, %d)", threads, pass, row, w, i, j, wi, wj)
					}
				}
			}
			for k := range r.splits[0] {
				if r.splits[0][k].Load() == 0 {
					t.Fatalf("%d workers: bound %d not kept", threads, k)
				}
			}
		}
	}
	if slices.Max(want) == 0 {
		t.Fatal("no input delivered")
	}
}

// The parts from the kept bounds are those of the binary search also for a
// projection onto a view that starts inside the group, whose first and
// last workers' cells lie partly outside it.
func TestRowSplitsSubView(t *testing.T) {
	t.Parallel()
	const nPre, nGroup, start, nView, workers = 30, 4000, 1500, 2000, 3
	s := rng.New(22, rng.User, 0, 0, 0)
	c := denseRows(&s, nPre, nView)
	post := &scripted{x: make([]float64, nGroup), reset: math.NaN()}
	xv := &build.Var{Name: "x", Data: post.x}
	plan := &build.Plan{Name: "t", DT: 1e-3, Steps: 1,
		Groups: []*build.Group{
			{Name: "pre", N: nPre, Vars: []*build.Var{{Name: "x", Data: make([]float64, nPre)}}, Kernel: &scripted{x: make([]float64, nPre), reset: math.NaN()}},
			{Name: "post", N: nGroup, Vars: []*build.Var{xv}, Kernel: post},
		},
		Views:       []build.View{{Name: "pre", Group: 0, N: nPre}, {Name: "part", Group: 1, Start: start, N: nView}},
		Inputs:      []*build.Input{{Group: 1, Name: "x", Var: xv}},
		Projections: []*build.Projection{{Name: "p", Pre: 0, Post: 1, Input: 0, Conn: c, Weight: 1}},
	}
	r, err := newRunner(plan, workers, false)
	if err != nil {
		t.Fatal(err)
	}
	if r.splits[0] == nil {
		t.Fatal("no bounds kept for the long rows")
	}
	search := &runner{splits: make([][]atomic.Int32, 1)}
	for row := range nPre {
		cols := c.Col[c.RowPtr[row]:c.RowPtr[row+1]]
		for w := range workers {
			clo, chi := r.postColumns(plan.Projections[0], w)
			i, j := r.columnSpan(0, row, cols, w, clo, chi, int32(r.plan.Views[1].N))
			wi, wj := search.columnSpan(0, row, cols, w, clo, chi, int32(r.plan.Views[1].N))
			if i != wi || j != wj {
				t.Errorf("row %d, worker %d: [%d, %d), search [%d, %d)", row, w, i, j, wi, wj)
			}
		}
	}
}

// prefetchSpan, a hint, stays inside rows of every length, for every
// worker, with bounds kept or not and with kept bounds found or not: a
// slice index out of range would panic.
func TestPrefetchSpan(t *testing.T) {
	t.Parallel()
	const n, workers = 300, 3
	cols := make([]int32, n)
	for k := range cols {
		cols[k] = int32(k)
	}
	r := &runner{workers: workers, splits: [][]atomic.Int32{nil, make([]atomic.Int32, workers-1)}}
	for length := range 40 {
		row := cols[n/2-length/2 : n/2-length/2+length]
		for w := range workers {
			clo, chi := int32(w*n/workers), int32((w+1)*n/workers)
			r.prefetchSpan(0, 0, row, w, clo, chi, n) // bounds not kept
			r.prefetchSpan(1, 0, row, w, clo, chi, n)
			r.splits[1][min(w, workers-2)].Store(1) // found
			r.prefetchSpan(1, 0, row, w, clo, chi, n)
			clear(r.splits[1])
		}
	}
}

// denseRows returns a table of nPre rows, each holding a random 60% of the
// nPost columns: long rows, whose bounds between the workers are kept.
func denseRows(s *rng.Stream, nPre, nPost int) *connect.CSR {
	c := &connect.CSR{NPre: nPre, NPost: nPost, RowPtr: make([]int64, nPre+1)}
	for i := range nPre {
		for j := range nPost {
			if s.Float64() < 0.6 {
				c.Col = append(c.Col, int32(j))
			}
		}
		c.RowPtr[i+1] = int64(len(c.Col))
	}
	return c
}

// The search from a guess finds what a binary search finds, for every
// guess in and around rows of random lengths, with repeated columns, for x
// below, inside and above each row.
func TestLowerBoundNear(t *testing.T) {
	t.Parallel()
	s := rng.New(23, rng.User, 0, 0, 0)
	for n := range 200 {
		cols := make([]int32, n)
		for k := range cols {
			cols[k] = int32(s.Uint64() % 150)
		}
		slices.Sort(cols)
		for x := int32(-1); x <= 151; x += 3 {
			want, _ := slices.BinarySearch(cols, x)
			for guess := -3; guess <= n+3; guess++ {
				if got := lowerBoundNear(cols, x, guess); got != want {
					t.Fatalf("row of %d, x = %d, guess %d: %d, want %d", n, x, guess, got, want)
				}
			}
		}
	}
}
