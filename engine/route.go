package engine

import "github.com/volleysim/volley/build"

// route is what a worker needs at every step to deliver the spikes of one
// projection into its cells, found once for its block rather than at every
// projection and step (the views' bounds, the columns it owns, its table of
// row parts). Where no cell of the projection's presynaptic group spiked,
// the worker skips the projection on the route alone: in coba, whose
// Poisson sources fall silent after 50 ms, two of the six projections
// deliver nothing at most steps. BenchmarkQuietStep (coba with kernels
// that do nothing) took 245–268 ns a step on one worker before routes,
// most of it in deliver, which every worker pays in full at every step
// whatever its share of the cells; with routes, 110–131 ns. coba itself,
// alternating runs with the runs before routes: 0.989 times as long on one
// thread (11 pairs), 0.947 and 0.994 on two (15 and 11 pairs); tian2020,
// whose two projections have spikes at every step, 0.997 on two (9 pairs).
type route struct {
	pr         *build.Projection
	rg         *ring
	p          int   // index of pr in the plan
	pre        int   // root group of the pre view
	first, end int32 // the pre view's cells in its group
	start      int   // first cell of the post view in its group
	n          int32 // cells of the post view
	clo, chi   int32 // columns of the post view that the worker owns
	cells      int   // cells of the worker's block of the post group
	spans      *rowSpans
	own        bool // worker 0 delivers its own spikes first (see ownFirst)
}

// newRoutes returns each worker's routes: one per projection delivered
// through a ring, in the plan's order, fitted to the blocks of r.part but
// for the tables of row parts, which refreshRoutes finds on the worker's
// own thread.
func newRoutes(r *runner) [][]route {
	routes := make([][]route, r.workers)
	for w := range routes {
		for p, pr := range r.plan.Projections {
			if pr.Input < 0 {
				continue // equation-defined synapses: synapseEvents
			}
			pre, post := r.plan.Views[pr.Pre], r.plan.Views[pr.Post]
			routes[w] = append(routes[w], route{pr: pr, rg: &r.rings[pr.Input], p: p,
				pre: pre.Group, first: int32(pre.Start), end: int32(pre.Start + pre.N),
				start: post.Start, n: int32(post.N), own: r.ownFirst != nil && r.ownFirst[p]})
		}
		r.fitRoutes(routes[w], w)
	}
	return routes
}

// refreshRoutes fits worker w's routes to its present blocks: the columns
// it owns, its block's size and the tables of the parts of short rows,
// found again where their bounds changed.
func (r *runner) refreshRoutes(w int) {
	r.refreshSpans(w)
	r.fitRoutes(r.routes[w], w)
}

// fitRoutes fits worker w's routes to its present blocks, with the tables
// of row parts that are made for them.
func (r *runner) fitRoutes(routes []route, w int) {
	for i := range routes {
		rt := &routes[i]
		post := r.plan.Views[rt.pr.Post]
		rt.clo, rt.chi = r.postColumns(rt.pr, w)
		rt.cells = r.part[post.Group][w+1] - r.part[post.Group][w]
		rt.spans = nil
		if rt.clo < rt.chi && !rt.whole() && r.spans != nil && r.spans[w][rt.p].made(rt.clo, rt.chi) {
			rt.spans = r.spans[w][rt.p]
		}
	}
}

// whole reports whether the worker owns every cell of the post view, and
// so delivers whole rows.
func (rt *route) whole() bool { return rt.clo == 0 && rt.chi == rt.n }

// silent reports whether none of lists holds a spike.
func silent(lists []*spikeList) bool {
	for _, l := range lists {
		if len(l.cells) > 0 {
			return false
		}
	}
	return true
}
