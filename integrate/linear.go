package integrate

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Linear is the exact one-step solution of dx/dt = A·x + b over a fixed dt:
// x(t+dt) = P·x(t) + Q.
type Linear struct {
	N int
	P []float64 // N×N, row-major: P[i*N+j]
	Q []float64 // N
}

// ExactLinear computes the propagator of dx/dt = A·x + b for one step of dt.
// a is N×N in row-major order and b has N entries; both must be finite.
func ExactLinear(a []float64, b []float64, dt float64) (Linear, error) {
	n := len(b)
	if n == 0 {
		return Linear{}, fmt.Errorf("integrate: exact: empty system")
	}
	if len(a) != n*n {
		return Linear{}, fmt.Errorf("integrate: exact: matrix has %d entries, want %d×%d", len(a), n, n)
	}
	if !(dt > 0) || math.IsInf(dt, 0) {
		return Linear{}, fmt.Errorf("integrate: exact: dt = %g is not a positive finite step", dt)
	}
	aug := mat.NewDense(n+1, n+1, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := a[i*n+j]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return Linear{}, fmt.Errorf("integrate: exact: coefficient A[%d][%d] = %g is not finite", i, j, v)
			}
			aug.Set(i, j, v*dt)
		}
		if math.IsNaN(b[i]) || math.IsInf(b[i], 0) {
			return Linear{}, fmt.Errorf("integrate: exact: input b[%d] = %g is not finite", i, b[i])
		}
		aug.Set(i, n, b[i]*dt)
	}
	d := balance(aug)
	var e mat.Dense
	e.Exp(aug)
	unbalance(&e, d)
	l := Linear{N: n, P: make([]float64, n*n), Q: make([]float64, n)}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			l.P[i*n+j] = e.At(i, j)
		}
		l.Q[i] = e.At(i, n)
	}
	return l, nil
}

// Step applies the propagator to x in place, using tmp (length N) as scratch.
// float64(p*x[j]) keeps Go from fusing the product and the sum into a fused
// multiply-add (arm64, GOAMD64=v3), so every platform gives the same bits.
func (l Linear) Step(x, tmp []float64) {
	n := l.N
	for i := 0; i < n; i++ {
		s := l.Q[i]
		row := l.P[i*n : i*n+n]
		for j, p := range row {
			s += float64(p * x[j])
		}
		tmp[i] = s
	}
	copy(x, tmp[:n])
}

// balance scales m in place by a diagonal similarity D⁻¹·m·D with powers of two
// (exact in floating point) so that off-diagonal rows and columns have
// comparable norms, as LAPACK's dgebal does, and returns the diagonal of D.
// Model systems mix SI scales (1/C ≈ 1e10, 1/tau ≈ 1e2), and the scaling and
// squaring of the matrix exponential loses digits on such matrices. Unlike
// dgebal, a row (column) whose column (row) has no off-diagonal entries is
// scaled towards its diagonal entry instead of being left alone, which is what
// triangular systems such as a membrane driven by synaptic currents need.
func balance(m *mat.Dense) []float64 {
	n, _ := m.Dims()
	d := make([]float64, n)
	for i := range d {
		d[i] = 1
	}
	for pass := 0; pass < 16; pass++ {
		changed := false
		for i := 0; i < n; i++ {
			var c, r float64
			for j := 0; j < n; j++ {
				if j != i {
					c += math.Abs(m.At(j, i))
					r += math.Abs(m.At(i, j))
				}
			}
			diag := math.Abs(m.At(i, i))
			var f float64
			switch {
			case c == 0 && r == 0:
				continue
			case c == 0 && diag > 0:
				f = r / diag
			case r == 0 && diag > 0:
				f = diag / c
			case c > 0 && r > 0:
				f = math.Sqrt(r / c)
			default:
				continue
			}
			f = math.Exp2(math.Round(math.Log2(f)))
			if f < 2 && f > 0.5 {
				continue
			}
			changed = true
			d[i] *= f
			for j := 0; j < n; j++ {
				if j != i {
					m.Set(i, j, m.At(i, j)/f)
					m.Set(j, i, m.At(j, i)*f)
				}
			}
		}
		if !changed {
			break
		}
	}
	return d
}

// unbalance undoes balance on exp(D⁻¹·A·D) = D⁻¹·exp(A)·D.
func unbalance(e *mat.Dense, d []float64) {
	n := len(d)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			e.Set(i, j, e.At(i, j)*d[i]/d[j])
		}
	}
}
