package engine

import (
	"math"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/rng"
)

// routePlan is a group of 1000 cells split into views exc [0, 800) and
// inh [800, 1000), with projections exc→exc, inh→exc (short rows of 16-bit
// columns, with tables of row parts) and inh→inh, and a silent group of 10
// sources onto exc.
func routePlan(t *testing.T) *build.Plan {
	t.Helper()
	const n, nExc = 1000, 800
	s := rng.New(5, rng.User, 0, 0, 0)
	cells := &scripted{x: make([]float64, n), reset: math.NaN()}
	src := &scripted{x: make([]float64, 10), reset: math.NaN()}
	x := &build.Var{Name: "x", Data: cells.x}
	views := []build.View{{Name: "cells", Group: 0, N: n}, {Name: "exc", Group: 0, N: nExc},
		{Name: "inh", Group: 0, Start: nExc, N: n - nExc}, {Name: "src", Group: 1, N: 10}}
	proj := func(name string, pre, post int) *build.Projection {
		return &build.Projection{Name: name, Pre: pre, Post: post, Input: 0, Weight: 1, Delay: 2,
			Conn: narrowed(t, randomRows(&s, views[pre].N, views[post].N, 0.05))}
	}
	return &build.Plan{Name: "routes", DT: 1e-4, Steps: 10,
		Groups: []*build.Group{{Name: "cells", N: n, Vars: []*build.Var{x}, Kernel: cells},
			{Name: "src", N: 10, Vars: []*build.Var{{Name: "x", Data: src.x}}, Kernel: src}},
		Views:       views,
		Inputs:      []*build.Input{{Group: 0, Name: "x", Var: x}},
		Projections: []*build.Projection{proj("ee", 1, 1), proj("ie", 2, 1), proj("ii", 2, 2), proj("se", 3, 1)},
	}
}

// A worker's routes follow its blocks: after the blocks change, each route
// holds the columns of the post view the worker owns, its block's size,
// and the projection's table of row parts made for those columns, except
// where the worker delivers whole rows.
func TestRoutesFollowBlocks(t *testing.T) {
	t.Parallel()
	plan := routePlan(t)
	r, err := newRunner(plan, 2, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, bound := range []int{512, 800, 900, 1000} {
		r.part[0] = []int{0, bound, 1000}
		for w := range r.workers {
			r.refreshRoutes(w)
			if got := len(r.routes[w]); got != len(plan.Projections) {
				t.Fatalf("bound %d, worker %d: %d routes, want %d", bound, w, got, len(plan.Projections))
			}
			for _, rt := range r.routes[w] {
				clo, chi := r.postColumns(rt.pr, w)
				cells := r.part[0][w+1] - r.part[0][w]
				if rt.clo != clo || rt.chi != chi || rt.cells != cells {
					t.Errorf("bound %d, worker %d, %s: columns [%d, %d) of %d cells, want [%d, %d) of %d",
						bound, w, rt.pr.Name, rt.clo, rt.chi, rt.cells, clo, chi, cells)
				}
				whole := clo == 0 && chi == int32(plan.Views[rt.pr.Post].N)
				if wantTable := !whole && clo < chi; (rt.spans != nil) != wantTable || rt.spans != nil && !rt.spans.made(clo, chi) {
					t.Errorf("bound %d, worker %d, %s: table %v, want one made for [%d, %d): %v", bound, w, rt.pr.Name, rt.spans != nil, clo, chi, wantTable)
				}
			}
		}
	}
}

// A projection whose presynaptic group has no spike in the lists a worker
// delivers leaves the rings as they were, and one spike of it reaches its
// row's cells of the worker's block and no others.
func TestDeliverSkipsSilentGroups(t *testing.T) {
	t.Parallel()
	plan := routePlan(t)
	r, err := newRunner(plan, 2, false)
	if err != nil {
		t.Fatal(err)
	}
	for w := range r.workers {
		r.refreshRoutes(w)
	}
	spikes := r.spikes[0][0]
	slot := r.rings[0].slots[2]
	for w := range r.workers {
		r.deliver(w, 0, spikes, allSpikes)
	}
	for c, v := range slot {
		if v != emptySlot() || !math.Signbit(v) {
			t.Fatalf("no spikes: slot entry %d is %g, want −0", c, v)
		}
	}
	// cell 900 (inh) spikes, listed by the worker that owns it
	owner := r.owner(0, 900)
	spikes[0][owner].cells = []int32{900}
	for w := range r.workers {
		r.deliver(w, 0, spikes, allSpikes)
	}
	want := make([]float64, len(slot))
	for _, p := range []int{1, 2} { // ie, ii
		pr := plan.Projections[p]
		post := plan.Views[pr.Post]
		row := 900 - plan.Views[pr.Pre].Start
		for k := pr.Conn.RowPtr[row]; k < pr.Conn.RowPtr[row+1]; k++ {
			want[post.Start+int(pr.Conn.Post(k))]++
		}
	}
	for c, v := range slot {
		if v != want[c] && !(want[c] == 0 && v == emptySlot()) {
			t.Errorf("cell %d: %g in the slot, want %g", c, v, want[c])
		}
	}
}
