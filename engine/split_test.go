package engine

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/connect"
	"github.com/volleysim/volley/rng"
)

// A projection with long rows (a random 60% of 4000 post cells per row, so
// that the parts' bounds are searched from a guess) gives every post cell
// the same input for 1, 2 and 3 workers, with its columns in 32 bits or
// narrowed to 16, and each worker's part of every row is the one a binary
// search finds.
func TestRowParts(t *testing.T) {
	t.Parallel()
	const nPre, nPost, steps = 20, 4000, 6
	s := rng.New(21, rng.User, 0, 0, 0)
	c := randomRows(&s, nPre, nPost, 0.6)
	weights := make([]float64, len(c.Col))
	for k := range weights {
		weights[k] = s.Float64()
	}
	run := func(threads int, c *connect.CSR) ([]float64, *runner) {
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
	want, _ := run(1, c)
	c16 := narrowed(t, c)
	for _, threads := range []int{1, 2, 3} {
		for _, c := range []*connect.CSR{c, c16} {
			if threads == 1 && !c.Narrowed() {
				continue
			}
			got, r := run(threads, c)
			if !slices.Equal(got, want) {
				t.Errorf("%d threads, 16-bit columns %v: input differs from 1 thread's with 32", threads, c.Narrowed())
			}
			checkParts(t, r, c, 0)
		}
	}
	if slices.Max(want) == 0 {
		t.Fatal("no input delivered")
	}
}

// The parts are those of a binary search also for a projection onto a view
// that starts inside the group, whose first and last workers' cells lie
// partly outside it, for long rows and short ones.
func TestRowPartsSubView(t *testing.T) {
	t.Parallel()
	const nPre, nGroup, start, nView, workers = 30, 4000, 1500, 2000, 4
	s := rng.New(22, rng.User, 0, 0, 0)
	long, short := randomRows(&s, nPre, nView, 0.6), randomRows(&s, nPre, nView, 0.02)
	for _, c := range []*connect.CSR{long, short, narrowed(t, long), narrowed(t, short)} {
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
		checkParts(t, r, c, 0)
	}
}

// checkParts compares every worker's part of every row of projection p,
// table c, with the one slices.BinarySearch finds.
func checkParts(t *testing.T, r *runner, c *connect.CSR, p int) {
	t.Helper()
	pr := r.plan.Projections[p]
	n := int32(r.plan.Views[pr.Post].N)
	for row := range c.NPre {
		a, b := c.RowPtr[row], c.RowPtr[row+1]
		var cols []int32
		for k := a; k < b; k++ {
			cols = append(cols, c.Post(k))
		}
		for w := range r.workers {
			clo, chi := r.postColumns(pr, w)
			if clo >= chi {
				continue // no cell of the view: the part is never asked for
			}
			i, j := rowSpan(c, a, b, clo, chi, n)
			i, j = i-a, j-a
			wi, _ := slices.BinarySearch(cols, clo)
			wj, _ := slices.BinarySearch(cols, chi)
			if i != int64(wi) || j != int64(wj) {
				t.Errorf("%d workers, row %d of %d columns, worker %d: [%d, %d), binary search [%d, %d)",
					r.workers, row, len(cols), w, i, j, wi, wj)
			}
		}
	}
}

// prefetchSpan, a hint, stays inside rows of every length up to past
// nearRow, for any part of the view: a slice index out of range would
// panic.
func TestPrefetchSpan(t *testing.T) {
	t.Parallel()
	const n = 4 * nearRow
	cols := make([]int32, n)
	for k := range cols {
		cols[k] = int32(k)
	}
	for _, length := range []int{0, 1, 2, 15, 16, 17, nearRow - 1, nearRow, nearRow + 1, 3 * nearRow} {
		row := cols[(n-length)/2 : (n-length)/2+length]
		row16 := make([]uint16, len(row))
		for k, c := range row {
			row16[k] = uint16(c)
		}
		for _, b := range [][2]int32{{0, n}, {0, 1}, {0, n / 3}, {n / 3, 2 * n / 3}, {2 * n / 3, n}, {n - 1, n}} {
			prefetchSpan(row, b[0], b[1], n)
			prefetchSpan(row16, b[0], b[1], n)
		}
	}
}

// narrowed returns a copy of c with its columns narrowed to 16 bits.
func narrowed(t *testing.T, c *connect.CSR) *connect.CSR {
	t.Helper()
	n := &connect.CSR{NPre: c.NPre, NPost: c.NPost, RowPtr: c.RowPtr, Col: slices.Clone(c.Col)}
	if !n.Narrow() {
		t.Fatalf("%d post cells not narrowed", c.NPost)
	}
	return n
}

// randomRows returns a table of nPre rows, each holding each of the nPost
// columns with probability p.
func randomRows(s *rng.Stream, nPre, nPost int, p float64) *connect.CSR {
	c := &connect.CSR{NPre: nPre, NPost: nPost, RowPtr: make([]int64, nPre+1)}
	for i := range nPre {
		for j := range nPost {
			if s.Float64() < p {
				c.Col = append(c.Col, int32(j))
			}
		}
		c.RowPtr[i+1] = int64(len(c.Col))
	}
	return c
}

// The search from a guess finds what a binary search finds, for every
// guess in and around rows of random lengths, with repeated columns, for x
// below, inside and above each row, in 32-bit columns and in 16-bit ones.
func TestLowerBoundNear(t *testing.T) {
	t.Parallel()
	s := rng.New(23, rng.User, 0, 0, 0)
	for n := range 200 {
		cols := make([]int32, n)
		for k := range cols {
			cols[k] = int32(s.Uint64() % 150)
		}
		slices.Sort(cols)
		cols16 := make([]uint16, n)
		for k, c := range cols {
			cols16[k] = uint16(c)
		}
		for x := int32(-1); x <= 151; x += 3 {
			want, _ := slices.BinarySearch(cols, x)
			for guess := -3; guess <= n+3; guess++ {
				if got := lowerBoundNear(cols, x, guess); got != want {
					t.Fatalf("row of %d, x = %d, guess %d: %d, want %d", n, x, guess, got, want)
				}
				if got := lowerBoundNear(cols16, x, guess); got != want {
					t.Fatalf("16 bits: row of %d, x = %d, guess %d: %d, want %d", n, x, guess, got, want)
				}
			}
		}
	}
}
