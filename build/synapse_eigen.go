package build

import (
	"math"

	"github.com/volleysim/volley/xmath"
)

// triangular is the exact solution of a linear system x' = A·x + b whose
// variables can be ordered so that each depends only on itself and on later
// ones (A upper triangular after a permutation, as in the Tsodyks–Markram
// synapse: x reads y, y and u only themselves). With the input b as a last
// variable of rate 0, the augmented matrix T is upper triangular with
// eigenvalues on its diagonal; when they are distinct wherever variables are
// coupled, T = V·diag(λ)·V⁻¹ with V unit upper triangular, and the solution
// over any interval h is x(h) = V·diag(exp(λh))·V⁻¹·x(0): a few
// exponentials per synapse and event instead of a matrix exponential.
//
// This is hand-written because no library computes the eigenvectors of
// small triangular matrices in closed form; gonum's general eigensolver
// would cost more than the matrix exponential it replaces.
type triangular struct {
	perm []int // perm[a]: the variable at triangular position a
	m    int   // variables + 1 (the input)
}

// triangularOrder returns an order of the n variables in which zero[i*n+j]
// (A[i][j] is structurally 0) holds for every variable i after j, or false
// when the dependencies have a cycle.
func triangularOrder(n int, zero []bool) (*triangular, bool) {
	// a variable comes before every variable it depends on: repeatedly take
	// one that no remaining variable depends on
	done := make([]bool, n)
	var perm []int
	for len(perm) < n {
		found := false
		for i := 0; i < n && !found; i++ {
			if done[i] {
				continue
			}
			free := true
			for j := 0; j < n; j++ {
				if j != i && !done[j] && !zero[j*n+i] {
					free = false // j depends on i: j must come first
				}
			}
			if free {
				done[i], found = true, true
				perm = append(perm, i)
			}
		}
		if !found {
			return nil, false
		}
	}
	return &triangular{perm: perm, m: n + 1}, true
}

// closeRates bounds how close two coupled rates may be, relative to the
// larger: the eigenvectors divide by their difference, so closer rates lose
// digits (1e-4 keeps about 12).
const closeRates = 1e-4

// decompose fills lam (m), v and vinv (m×m, row-major, in triangular order)
// for coefficients a (n×n, row-major) and b (n). It returns false when two
// coupled rates are too close for the eigenvectors to be accurate.
func (t *triangular) decompose(a, b []float64, lam, v, vinv []float64) bool {
	n, m := t.m-1, t.m
	at := func(i, j int) float64 { // augmented matrix in triangular order
		switch {
		case i == n:
			return 0
		case j == n:
			return b[t.perm[i]]
		}
		return a[t.perm[i]*n+t.perm[j]]
	}
	for i := range m {
		lam[i] = at(i, i)
	}
	clear(v)
	for k := range m {
		v[k*m+k] = 1
		for i := k - 1; i >= 0; i-- {
			var num float64
			for j := i + 1; j <= k; j++ {
				num += float64(at(i, j) * v[j*m+k]) // float64: no fused multiply-add
			}
			if num == 0 {
				continue
			}
			den := lam[k] - lam[i]
			if math.Abs(den) <= closeRates*max(math.Abs(lam[k]), math.Abs(lam[i])) || den == 0 {
				return false
			}
			v[i*m+k] = num / den
		}
	}
	// V is unit upper triangular: so is its inverse, by back substitution
	clear(vinv)
	for k := range m {
		vinv[k*m+k] = 1
		for i := k - 1; i >= 0; i-- {
			var s float64
			for j := i + 1; j <= k; j++ {
				s += float64(v[i*m+j] * vinv[j*m+k]) // float64: no fused multiply-add
			}
			vinv[i*m+k] = -s
		}
	}
	return true
}

// advance moves x (n values, in variable order) over d steps of dt with the
// decomposition (lam, v, vinv); powers[i], if not nil, tabulates
// exp(lam[i]·d·dt); z is scratch of m values. float64(x*y): no fused
// multiply-add (arm64, GOAMD64=v3), the same bits on every platform.
func (t *triangular) advance(x []float64, d int64, dt float64, lam, v, vinv []float64, powers [][]float64, z []float64) {
	n, m := t.m-1, t.m
	h := float64(d) * dt
	// z = V⁻¹·(x, 1), then scaled by exp(λh), then x = V·z
	for i := range m {
		s := vinv[i*m+n] // the input's component is 1
		for j := i; j < n; j++ {
			s += float64(vinv[i*m+j] * x[t.perm[j]])
		}
		switch {
		case lam[i] == 0:
		case powers != nil && powers[i] != nil && d < int64(len(powers[i])):
			s *= powers[i][d]
		default:
			s *= xmath.Exp(lam[i] * h)
		}
		z[i] = s
	}
	for i := range n {
		var s float64
		for j := i; j < m; j++ {
			s += float64(v[i*m+j] * z[j])
		}
		x[t.perm[i]] = s
	}
}

// propagator writes the one-step propagator P (n×n) and input term q (n)
// for an interval h, in variable order.
func (t *triangular) propagator(h float64, lam, v, vinv, p, q []float64) {
	n, m := t.m-1, t.m
	e := make([]float64, m)
	for i := range m {
		e[i] = xmath.Exp(lam[i] * h)
	}
	// column c of P·[x;1] for unit vectors: P = (V·diag(e)·V⁻¹) restricted
	for i := range n {
		for c := range m {
			var s float64
			for j := i; j <= c; j++ {
				s += float64(v[i*m+j] * e[j] * vinv[j*m+c]) // float64: no fused multiply-add
			}
			if c == n {
				q[t.perm[i]] = s
			} else {
				p[t.perm[i]*n+t.perm[c]] = s
			}
		}
	}
}

// The lengths of a coefficient set's record in synPropagator.small, the
// numbers advanceSmall reads: 8 for m = 3 (one cache line), 15 for m = 4
// and one more to fill two.
const (
	smallStride3 = 8
	smallStride4 = 16
)

// packSmall copies, for m = 3 or 4, the eigenvalues and the entries of V⁻¹
// and V above the diagonal (the diagonal is 1, the rest 0) that
// advanceSmall reads into one record per coefficient set, so that an event
// reads one or two cache lines instead of five.
func (pr *synPropagator) packSmall(m, sets int) {
	idx := map[int][]int{3: {1, 2, 5}, 4: {1, 2, 3, 6, 7, 11}}[m]
	stride := smallStride3
	if m == 4 {
		stride = smallStride4
	}
	pr.small = make([]float64, sets*stride)
	for k := range sets {
		rec := pr.small[k*stride : (k+1)*stride]
		n := copy(rec, pr.lam[k*m:k*m+m-1]) // the input's eigenvalue is 0
		for _, i := range idx {
			rec[n] = pr.vinv[k*m*m+i]
			n++
		}
		for _, i := range idx {
			rec[n] = pr.v[k*m*m+i]
			n++
		}
	}
}

// advanceSmall is triangular.advance unrolled for two and three variables
// (m = 3, 4), on the state arrays of synapse k with the decomposition of
// coefficient set `set` packed by packSmall: V and V⁻¹ have a unit
// diagonal, the input's eigenvalue is 0. float64(x*y): no fused multiply-add
// (arm64, GOAMD64=v3), the same bits on every platform.
func (pr *synPropagator) advanceSmall(t *triangular, k, set int, d int64) {
	h := float64(d) * pr.dt
	e := func(i int, lam float64) float64 {
		if p := pr.powers[i]; p != nil && d < int64(len(p)) {
			return p[d]
		}
		return xmath.Exp(lam * h)
	}
	if t.m == 3 {
		r := pr.small[set*smallStride3 : (set+1)*smallStride3 : (set+1)*smallStride3]
		a, b := pr.vars[t.perm[0]], pr.vars[t.perm[1]]
		x0, x1 := a[k], b[k]
		z0 := float64((x0 + float64(r[2]*x1) + r[3]) * e(0, r[0]))
		z1 := float64((x1 + r[4]) * e(1, r[1]))
		a[k] = z0 + float64(r[5]*z1) + r[6]
		b[k] = z1 + r[7]
		return
	}
	r := pr.small[set*smallStride4 : (set+1)*smallStride4 : (set+1)*smallStride4]
	a, b, c := pr.vars[t.perm[0]], pr.vars[t.perm[1]], pr.vars[t.perm[2]]
	x0, x1, x2 := a[k], b[k], c[k]
	z0 := float64((x0 + float64(r[3]*x1) + float64(r[4]*x2) + r[5]) * e(0, r[0]))
	z1 := float64((x1 + float64(r[6]*x2) + r[7]) * e(1, r[1]))
	z2 := float64((x2 + r[8]) * e(2, r[2]))
	a[k] = z0 + float64(r[9]*z1) + float64(r[10]*z2) + r[11]
	b[k] = z1 + float64(r[12]*z2) + r[13]
	c[k] = z2 + r[14]
}
