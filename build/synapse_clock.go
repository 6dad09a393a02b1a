package build

import (
	"github.com/volleysim/volley/integrate"
	"github.com/volleysim/volley/kernel"
)

// ClockStep advances the clock-driven variables of synapses [a, b) by one
// step. float64(x*y) keeps Go from fusing a product and a sum into a fused
// multiply-add (arm64, GOAMD64=v3), which would change the bits from
// platform to platform.
func (s *Synapses) ClockStep(a, b int, n int64) {
	if s.prog != nil {
		s.prog.step(a, b, n)
	}
	pr := s.clock
	if pr == nil || s.Lazy || a >= b {
		return
	}
	nv := pr.n
	if nv == 1 {
		x := pr.vars[0][a:b]
		if pr.shared {
			p, q := pr.p[0], pr.q[0]
			for k, v := range x {
				x[k] = float64(p*v) + q
			}
			return
		}
		ps, qs := pr.p[a:b], pr.q[a:b]
		for k, v := range x {
			x[k] = float64(ps[k]*v) + qs[k]
		}
		return
	}
	switch {
	case pr.chain != nil:
		pr.chain.step(a, b)
		return
	case nv == 2 && !pr.shared:
		clockStep2(pr.vars[0][a:b], pr.vars[1][a:b], pr.p[4*a:4*b], pr.q[2*a:2*b])
		return
	case nv == 3 && !pr.shared:
		clockStep3(pr.vars[0][a:b], pr.vars[1][a:b], pr.vars[2][a:b], pr.p[9*a:9*b], pr.q[3*a:3*b])
		return
	}
	x, tmp := make([]float64, nv), make([]float64, nv)
	for k := a; k < b; k++ {
		for i, v := range pr.vars {
			x[i] = v[k]
		}
		p, q := pr.p, pr.q
		if !pr.shared {
			p, q = p[k*nv*nv:(k+1)*nv*nv], q[k*nv:(k+1)*nv]
		}
		integrate.Linear{N: nv, P: p, Q: q}.Step(x, tmp)
		for i, v := range pr.vars {
			v[k] = x[i]
		}
	}
}

// clockStep2 advances two-variable systems with per-synapse propagators
// (p: 4 per synapse, row-major; q: 2). Products are rounded before they are
// added (no fused multiply-add), as in kernel.Chain.
func clockStep2(x0, x1, p, q []float64) {
	x1 = x1[:len(x0)]
	p, q = p[:4*len(x0)], q[:2*len(x0)]
	for k, a := range x0 {
		b := x1[k]
		pk, qk := p[4*k:4*k+4:4*k+4], q[2*k:2*k+2:2*k+2]
		x0[k] = float64(pk[0]*a) + float64(pk[1]*b) + qk[0]
		x1[k] = float64(pk[2]*a) + float64(pk[3]*b) + qk[1]
	}
}

// clockStep3 advances three-variable systems with per-synapse propagators
// (p: 9 per synapse, row-major; q: 3).
func clockStep3(x0, x1, x2, p, q []float64) {
	x1, x2 = x1[:len(x0)], x2[:len(x0)]
	p, q = p[:9*len(x0)], q[:3*len(x0)]
	for k, a := range x0 {
		b, c := x1[k], x2[k]
		pk, qk := p[9*k:9*k+9:9*k+9], q[3*k:3*k+3:3*k+3]
		x0[k] = float64(pk[0]*a) + float64(pk[1]*b) + float64(pk[2]*c) + qk[0]
		x1[k] = float64(pk[3]*a) + float64(pk[4]*b) + float64(pk[5]*c) + qk[1]
		x2[k] = float64(pk[6]*a) + float64(pk[7]*b) + float64(pk[8]*c) + qk[2]
	}
}

// chain2 is the one-step propagator of a two-variable system in which one
// variable, d, decays alone at a rate shared by every synapse, and the
// other, x, depends on it, as the recovered and active resources of the
// Tsodyks–Markram model with a shared synaptic time constant:
// x ← px·x + pd·d + q (per synapse), d ← decay·d. It holds three numbers
// per synapse instead of the general propagator's six.
type chain2 struct {
	x, d      []float64
	px, pd, q []float64
	decay     float64
}

// newChain2 returns the chain2 form of the per-synapse two-variable
// propagator p (4 per synapse, row-major), q (2) of variables vars, or nil
// if the system does not have that form.
func newChain2(vars [][]float64, p, q []float64) *chain2 {
	n := len(q) / 2
	if len(vars) != 2 || n == 0 {
		return nil
	}
	for _, x := range []int{0, 1} {
		d := 1 - x
		decay := p[2*d+d] // synapse 0's
		ok := true
		for k := range n {
			pk, qk := p[4*k:4*k+4], q[2*k:2*k+2]
			ok = ok && pk[2*d+x] == 0 && qk[d] == 0 && pk[2*d+d] == decay
		}
		if !ok {
			continue
		}
		c := &chain2{x: vars[x], d: vars[d], decay: decay,
			px: make([]float64, n), pd: make([]float64, n), q: make([]float64, n)}
		for k := range n {
			c.px[k], c.pd[k], c.q[k] = p[4*k+2*x+x], p[4*k+2*x+d], q[2*k+x]
		}
		return c
	}
	return nil
}

// step advances synapses [a, b): x with the general loop's products and
// sums (addition commutes, so the same bits), d by its decay (the general
// loop adds 0·x and 0 to it, which changes at most the sign of a zero).
func (c *chain2) step(a, b int) {
	kernel.Chain(c.x[a:b], c.d[a:b], c.px[a:b], c.pd[a:b], c.q[a:b], c.decay)
}
