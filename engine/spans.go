package engine

import (
	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/connect"
)

// A worker's parts of short rows are found once for its block and kept in
// a table per projection (rowSpans), rather than searched at every spike:
// in a short row the part's bounds cost a chain of loads through the row
// (a binary search) that the delivery of its few columns cannot hide, and
// the row's second part doubles the per-row costs of splitting it
// (BenchmarkSparseDelivery's coba-like table on two workers: 1034 ns a
// step with the searches, 877 with the tables, medians of 8 and 6 runs;
// coba on two threads 2% faster, coba_hh 4%, alternating runs).
// When the blocks change, each worker finds its new bounds in every row
// from the old ones, which lie a few columns away (coba on two threads: a
// change of the blocks, its barriers and these searches took about 75 µs,
// about ten changes a simulated second; timers in a test build). Long rows
// keep their searches from a guess (see columnSpan): their parts' bounds
// cost little beside their columns, and a table per row
// of a large network would cost more cache than it saves. Tables are kept
// only where the post view has at most NarrowMax cells (its columns are
// 16-bit) and the pre view at most maxSpanRows cells, which bounds each
// table to 512 KiB per worker.

// maxSpanRows is the most rows of a projection whose parts are kept in a
// table.
const maxSpanRows = 1 << 16

// rowSpans is a worker's parts of the rows of one projection: span holds,
// for each row, the offsets [lo, hi) within the row of its columns in
// [clo, chi), the worker's cells of the post view.
type rowSpans struct {
	clo, chi int32
	span     []int32 // [rows][2]
}

// newSpans returns, for each of the workers and each projection of plan,
// the table of the worker's parts of the projection's rows, nil where the
// rows are long or the table would be large (see maxSpanRows); nil for one
// worker, which delivers whole rows.
func newSpans(plan *build.Plan, workers int) [][]*rowSpans {
	if workers < 2 {
		return nil
	}
	spans := make([][]*rowSpans, workers)
	for w := range spans {
		spans[w] = make([]*rowSpans, len(plan.Projections))
		for p, pr := range plan.Projections {
			if keepSpans(pr) {
				spans[w][p] = &rowSpans{clo: -1, span: make([]int32, 2*pr.Conn.NPre)}
			}
		}
	}
	return spans
}

// keepSpans reports whether the parts of projection pr's rows are kept in
// tables: a projection delivered through a ring, with 16-bit columns, at
// most maxSpanRows rows and fewer than nearRow columns a row on average.
func keepSpans(pr *build.Projection) bool {
	rows := pr.Conn.NPre
	return pr.Input >= 0 && pr.Conn.Col16 != nil && rows > 0 && rows <= maxSpanRows &&
		int64(len(pr.Conn.Col16)) < int64(rows)*nearRow
}

// refreshSpans finds worker w's parts of the rows of every projection with
// a table whose bounds changed since the table was made.
func (r *runner) refreshSpans(w int) {
	if r.spans == nil {
		return
	}
	for p, t := range r.spans[w] {
		if t == nil {
			continue
		}
		pr := r.plan.Projections[p]
		if clo, chi := r.postColumns(pr, w); clo != t.clo || chi != t.chi {
			t.find(pr.Conn, clo, chi, int32(r.plan.Views[pr.Post].N))
		}
	}
}

// find fills t with the parts [clo, chi) of conn's rows, of a view of n
// cells, searching each bound from where the table had it.
func (t *rowSpans) find(conn *connect.CSR, clo, chi, n int32) {
	t.clo, t.chi = clo, chi
	if clo >= chi || clo == 0 && chi == n {
		return // the worker owns no cell of the view, or delivers whole rows
	}
	col := conn.Col16
	for row := range conn.NPre {
		cols := col[conn.RowPtr[row]:conn.RowPtr[row+1]]
		lo, hi := 0, len(cols)
		if clo > 0 {
			lo = lowerBoundNear(cols, clo, int(t.span[2*row]))
		}
		if chi < n {
			hi = lowerBoundNear(cols, chi, int(t.span[2*row+1]))
		}
		t.span[2*row], t.span[2*row+1] = int32(lo), int32(hi)
	}
}

// made reports whether t holds the parts of the cells [clo, chi); false
// for no table.
func (t *rowSpans) made(clo, chi int32) bool { return t != nil && t.clo == clo && t.chi == chi }

// part returns the synapses [a, b) of the part of the row that starts at
// synapse start.
func (t *rowSpans) part(start int64, row int) (a, b int64) {
	return start + int64(t.span[2*row]), start + int64(t.span[2*row+1])
}
