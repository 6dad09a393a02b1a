package engine

import (
	"unsafe"

	"github.com/volleysim/volley/connect"
)

// Each worker delivers the part of a spike's row that falls in its own
// cells. In short rows of narrow tables a table found once for the
// worker's block holds it (rowSpans); otherwise a search in the sorted row
// finds it at every spike: a binary search in a short row, and in a long
// row a search outwards from where the bound would lie in a row spread
// evenly over the view (lowerBoundNear), which reads the one or two lines
// around it that the delivery reads next. Those lines are asked for, all
// spikes' at once, before the searches (prefetchSpan). For long rows,
// bounds kept per row once found, in a table emptied when the workers'
// blocks change, ran no faster (tian2020 on two workers: 100 ms 5% slower,
// 300 ms the same, alternating runs): few rows spike twice between
// changes, the two workers beside a bound wrote it into the same cache
// lines, and every change of the blocks had to wait until the table's cost
// was repaid.

// column is the type of a connectivity table's post indices: int32, or
// uint16 in a narrowed table (connect.CSR.Narrow). The functions that read
// a row's columns are generic over it; each type gets its own compiled
// copy, as both are integers of different sizes.
type column interface{ ~int32 | ~uint16 }

// rowSpan returns the synapses of row [a, b) of conn whose columns lie in
// [clo, chi), of a view of n cells (see columnSpan).
func rowSpan(conn *connect.CSR, a, b int64, clo, chi, n int32) (int64, int64) {
	var i, j int
	if conn.Col16 != nil {
		i, j = columnSpan(conn.Col16[a:b], clo, chi, n)
	} else {
		i, j = columnSpan(conn.Col[a:b], clo, chi, n)
	}
	return a + int64(i), a + int64(j)
}

// nearRow is the row length from which the bounds are searched from a
// guess rather than by halving the row.
const nearRow = 256

// columnSpan returns the indices [i, j) of the columns cols of a row of a
// view of n cells that lie in [clo, chi), a worker's cells. Columns lie in
// [0, n), so the first worker's part starts at 0 and the last one's ends
// at the row's end without a search.
func columnSpan[C column](cols []C, clo, chi, n int32) (int, int) {
	i, j := 0, len(cols)
	if len(cols) >= nearRow {
		if clo > 0 {
			i = lowerBoundNear(cols, clo, guess(len(cols), clo, n))
		}
		if chi < n {
			j = lowerBoundNear(cols, chi, guess(len(cols), chi, n))
		}
		return i, j
	}
	if clo > 0 {
		i = lowerBound(cols, clo)
	}
	if chi < n {
		j = i + lowerBound(cols[i:], chi)
	}
	return i, j
}

// guess returns where column x would lie in a row of m columns spread
// evenly over a view of n cells.
func guess(m int, x, n int32) int { return int(int64(m) * int64(x) / int64(max(1, n))) }

// prefetchSpan asks for the lines of a row's columns cols that columnSpan
// reads to find the part [clo, chi) of a view of n cells: in a long row
// the line of each bound's guess and the one before it, a short row whole
// (up to prefetchSynapses columns, the lines its halvings read first).
func prefetchSpan[C column](cols []C, clo, chi, n int32) {
	if len(cols) == 0 {
		return
	}
	size := int(unsafe.Sizeof(cols[0]))
	if len(cols) < nearRow {
		m := min(len(cols), prefetchSynapses)
		prefetch(unsafe.Pointer(&cols[len(cols)/2-m/2]), lines(int64(m*size)))
		return
	}
	for _, x := range [2]int32{clo, chi} {
		if x > 0 && x < n {
			g := min(max(guess(len(cols), x, n)-cacheLine/size, 0), len(cols)-1) // the line before the guess's
			prefetch(unsafe.Pointer(&cols[g]), 2)
		}
	}
}

// lowerBoundNear returns lowerBound(cols, x), searching outwards from guess
// in steps that double, then by halves between the last two probes. In a
// row whose columns spread evenly over the view a guess from x's place in
// the view lands a few columns from the answer, and the search reads the
// one or two cache lines around it instead of the dozen scattered ones of a
// binary search through thousands of columns (tian2020's rows' parts for
// two workers: 4.5 ms before the run).
func lowerBoundNear[C column](cols []C, x int32, guess int) int {
	n := len(cols)
	guess = min(max(guess, 0), n)
	if guess < n && int32(cols[guess]) < x {
		// the answer lies after guess
		lo, step := guess+1, 1
		p := guess + step
		for p < n && int32(cols[p]) < x {
			lo = p + 1
			step *= 2
			p = guess + step
		}
		hi := min(p, n)
		return lo + lowerBound(cols[lo:hi], x)
	}
	// the answer lies at or before guess
	hi, step := guess, 1
	p := guess - step
	for p >= 0 && int32(cols[p]) >= x {
		hi = p
		step *= 2
		p = guess - step
	}
	lo := max(p+1, 0)
	return lo + lowerBound(cols[lo:hi], x)
}
