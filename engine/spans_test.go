package engine

import (
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/rng"
)

// A table of row parts holds, after every change of a worker's cells, the
// parts that a search of each row finds (columnSpan), whatever the bounds
// it was made for before: moves by a few cells and across the view, a
// worker at either end of it, no cell at all, the whole view.
func TestRowSpans(t *testing.T) {
	t.Parallel()
	const nPre, nPost = 300, 1000
	s := rng.New(24, rng.User, 0, 0, 0)
	conn := narrowed(t, randomRows(&s, nPre, nPost, 0.03))
	pr := &build.Projection{Input: 0, Conn: conn}
	if !keepSpans(pr) {
		t.Fatalf("no table for rows of %d columns on average", len(conn.Col16)/nPre)
	}
	tb := &rowSpans{clo: -1, span: make([]int32, 2*nPre)}
	for step, b := range [][2]int32{{0, 500}, {0, 512}, {0, 497}, {500, 1000}, {300, 301}, {0, 1000},
		{700, 700}, {1, 999}, {999, 1000}, {0, 1}, {480, 520}, {16, 32}} {
		clo, chi := b[0], b[1]
		tb.find(conn, clo, chi, nPost)
		if !tb.made(clo, chi) {
			t.Fatalf("step %d: table not marked for [%d, %d)", step, clo, chi)
		}
		if clo >= chi || clo == 0 && chi == nPost {
			continue // not read: the worker has no part, or whole rows
		}
		for row := range nPre {
			start, end := conn.RowPtr[row], conn.RowPtr[row+1]
			i, j := columnSpan(conn.Col16[start:end], clo, chi, nPost)
			if a, b := tb.part(start, row); a != start+int64(i) || b != start+int64(j) {
				t.Fatalf("step %d, cells [%d, %d), row %d: part [%d, %d), want [%d, %d)",
					step, clo, chi, row, a-start, b-start, i, j)
			}
		}
	}
}

// Tables are kept for projections through rings with short 16-bit rows and
// at most maxSpanRows rows; one worker has none.
func TestKeepSpans(t *testing.T) {
	t.Parallel()
	s := rng.New(25, rng.User, 0, 0, 0)
	short := narrowed(t, randomRows(&s, 50, 1000, 0.03))
	long := narrowed(t, randomRows(&s, 50, 1000, 0.5))
	wide := randomRows(&s, 50, 1000, 0.03) // 32-bit columns
	for _, c := range []struct {
		name string
		pr   *build.Projection
		want bool
	}{
		{"short rows", &build.Projection{Input: 0, Conn: short}, true},
		{"long rows", &build.Projection{Input: 0, Conn: long}, false},
		{"32-bit columns", &build.Projection{Input: 0, Conn: wide}, false},
		{"equation-defined synapses", &build.Projection{Input: -1, Conn: short}, false},
	} {
		if got := keepSpans(c.pr); got != c.want {
			t.Errorf("%s: keepSpans = %v, want %v", c.name, got, c.want)
		}
	}
	plan := &build.Plan{Projections: []*build.Projection{{Input: 0, Conn: short}, {Input: 0, Conn: long}}}
	if got := newSpans(plan, 1); got != nil {
		t.Errorf("one worker: %d tables, want none", len(got))
	}
	got := newSpans(plan, 2)
	if len(got) != 2 || got[1][0] == nil || got[1][1] != nil || len(got[1][0].span) != 2*50 {
		t.Errorf("two workers: tables %v, want one for the short rows of each worker", got)
	}
}
