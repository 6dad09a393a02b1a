package build

import (
	"fmt"

	"github.com/volleysim/volley/connect"
	"github.com/volleysim/volley/hugepage"
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/rng"
	"github.com/volleysim/volley/units"
	"github.com/volleysim/volley/xmath"
)

// STP is the short-term plasticity of a projection: PyNN's
// TsodyksMarkramSynapse, with the semantics of NEST's tsodyks_synapse and of
// PyNN's NEURON and Brian2 backends (Tsodyks, Uziel & Markram 2000). Each
// synapse has resources in three states, recovered x, active y and inactive
// z (x + y + z = 1), and a utilisation u. Between spikes y decays into z
// with the postsynaptic time constant TauSyn, z recovers into x with TauRec
// and u decays to 0 with TauFacil. At a presynaptic spike u += U(1 - u) (u =
// U when TauFacil is 0), the synapse transmits weight·u·x, and y += u·x.
//
// The state is indexed by CSR position. The interval between two spikes of a
// synapse is the same at emission and at arrival because its delay is fixed,
// so the update is done when the spike is emitted.
type STP struct {
	U, TauRec, TauFacil, TauSyn float64 // U dimensionless, time constants in s
	DT                          float64 // the time step, s

	// Per-synapse values of U, tau_rec and tau_facil, in CSR order, when
	// they were given as distributions or expressions; nil otherwise.
	Us, TauRecs, TauFacils []float64

	Y, Z, UT []float64 // per synapse: active and inactive resources, utilisation
	Last     []int64   // per synapse: step of the last spike

	synDecay []float64 // exp(-d·DT/TauSyn) for d steps, d < len(synDecay)

	// For monitors that sample x every step: per synapse, exp(-DT/tau_rec)
	// and exp(-(ErStep - Last)·DT/tau_rec) as last computed at step ErStep,
	// so that the next step's value is one product instead of an
	// exponential. Nil unless such a monitor exists.
	erStepFactor []float64
	ErCache      []float64
	ErStep       []int64
}

// CacheRecovery prepares the per-synapse cache of the recovery factor used
// when x is sampled every step.
func (s *STP) CacheRecovery() {
	if s.ErCache != nil {
		return
	}
	n := len(s.Y)
	s.erStepFactor, s.ErCache, s.ErStep = hugepage.Make[float64](n), hugepage.Make[float64](n), hugepage.Make[int64](n)
	for k := range n {
		s.erStepFactor[k] = xmath.Exp(-s.DT / s.tauRec(k))
		s.ErStep[k] = -1
	}
}

// u, tauRec and tauFacil return the parameters of synapse k.
func (s *STP) u(k int) float64 {
	if s.Us != nil {
		return s.Us[k]
	}
	return s.U
}

func (s *STP) tauRec(k int) float64 {
	if s.TauRecs != nil {
		return s.TauRecs[k]
	}
	return s.TauRec
}

func (s *STP) tauFacil(k int) float64 {
	if s.TauFacils != nil {
		return s.TauFacils[k]
	}
	return s.TauFacil
}

// recovery returns exp(-(n - Last)·DT/tau_rec) for synapse k, from the cache
// when it holds the value of step n-1 since the last spike.
func (s *STP) recovery(k int, n int64) float64 {
	if s.ErCache == nil {
		return xmath.Exp(-float64(n-s.Last[k]) * s.DT / s.tauRec(k))
	}
	var er float64
	if st := s.ErStep[k]; st == n-1 && st > s.Last[k] {
		er = s.ErCache[k] * s.erStepFactor[k]
	} else {
		er = xmath.Exp(-float64(n-s.Last[k]) * s.DT / s.tauRec(k))
	}
	s.ErCache[k], s.ErStep[k] = er, n
	return er
}

// maxDecayTable bounds the table of decay factors of the active resources.
const maxDecayTable = 1 << 16

// tabulate fills the table of decay factors for intervals of up to steps.
func (s *STP) tabulate(steps int64) {
	s.synDecay = make([]float64, min(steps+1, maxDecayTable))
	for d := range s.synDecay {
		s.synDecay[d] = xmath.Exp(-float64(d) * s.DT / s.TauSyn)
	}
}

// activeDecay returns exp(-d·DT/TauSyn), from the table where it holds d.
func (s *STP) activeDecay(d int64) float64 {
	if d < int64(len(s.synDecay)) {
		return s.synDecay[d]
	}
	return xmath.Exp(-float64(d) * s.DT / s.TauSyn)
}

// Sampler returns the function that gives variable v ("x", "y" or "u") of
// synapse k at step n, at or after its last spike, or nil for another name.
// It changes no synapse (only the recovery cache, see CacheRecovery).
func (s *STP) Sampler(v string) func(k int, n int64) float64 {
	switch v {
	case "x":
		return s.recovered
	case "y":
		return s.active
	case "u":
		return s.utilisation
	}
	return nil
}

func (s *STP) recovered(k int, n int64) float64 {
	y, z := s.Y[k], s.Z[k]
	if y == 0 && z == 0 {
		return 1
	}
	d := n - s.Last[k]
	er, es := s.recovery(k, n), s.activeDecay(d)
	return 1 - float64(y*es) - s.inactive(y, z, float64(d)*s.DT, s.tauRec(k), er, es)
}

func (s *STP) active(k int, n int64) float64 {
	return s.Y[k] * s.activeDecay(n-s.Last[k])
}

func (s *STP) utilisation(k int, n int64) float64 {
	if tf := s.tauFacil(k); tf > 0 {
		return s.UT[k] * xmath.Exp(-float64(n-s.Last[k])*s.DT/tf)
	}
	return s.UT[k]
}

// decay advances the active and inactive resources y and z by d steps.
func (s *STP) decay(y, z float64, d int64, tauRec float64) (float64, float64) {
	h := float64(d) * s.DT
	er, es := xmath.Exp(-h/tauRec), s.activeDecay(d)
	return float64(y * es), s.inactive(y, z, h, tauRec, er, es)
}

// inactive returns the inactive resources h seconds after y and z, given
// er = exp(-h/tauRec) and es = exp(-h/TauSyn).
//
// float64(x*y) here and in the other methods keeps Go from fusing a product
// and a sum into a fused multiply-add (arm64, GOAMD64=v3), which would change
// the bits from platform to platform.
func (s *STP) inactive(y, z, h, tauRec, er, es float64) float64 {
	if s.TauSyn == tauRec {
		return float64(z*er) + float64(y*h/tauRec*er)
	}
	return float64(z*er) + y*(es-er)/(s.TauSyn/tauRec-1)
}

// Release updates synapse k for a spike at step n and returns the fraction
// u·x of its weight that it transmits.
func (s *STP) Release(k int, n int64) float64 {
	d := n - s.Last[k]
	y, z := s.decay(s.Y[k], s.Z[k], d, s.tauRec(k))
	u := s.u(k)
	if tf := s.tauFacil(k); tf > 0 {
		decayed := float64(s.UT[k] * xmath.Exp(-float64(d)*s.DT/tf))
		u = decayed + float64(u*(1-decayed))
	}
	r := float64(u * (1 - y - z))
	s.Y[k], s.Z[k], s.UT[k], s.Last[k] = y+r, z, u, n
	return r
}

// Synapse describes the projection's synapse type for people: "" for static
// synapses.
func (p *ProjectionSpec) Synapse() string {
	if m := p.syn; m != nil {
		var clock, event, params []string
		for _, v := range m.vars {
			switch v.Kind {
			case synClock:
				clock = append(clock, v.Name)
			case synEvent:
				event = append(event, v.Name)
			default:
				params = append(params, v.Name)
			}
		}
		out := fmt.Sprintf("equations(parameters %s; clock-driven %s; event-driven %s", orNone(params), orNone(clock), orNone(event))
		for _, sm := range m.summed {
			out += "; summed into " + sm.Target
		}
		if len(m.onPre) > 0 {
			out += fmt.Sprintf("; on_pre %d statements", len(m.onPre))
		}
		if len(m.onPost) > 0 {
			out += fmt.Sprintf("; on_post %d statements", len(m.onPost))
		}
		return out + ")"
	}
	s := p.stp
	if s == nil {
		return ""
	}
	show := func(d dist, scale float64, unit string) string {
		if d.constant() {
			return fmt.Sprintf("%g%s", d.c*scale, unit)
		}
		return fmt.Sprintf("%q", d.text)
	}
	return fmt.Sprintf("TsodyksMarkramSynapse(U=%s, tau_rec=%s, tau_facil=%s, tau_syn=%g ms)",
		show(s.U, 1, ""), show(s.TauRec, 1e3, " ms"), show(s.TauFacil, 1e3, " ms"), s.TauSyn*1e3)
}

// stpSpec holds the resolved parameters of a TsodyksMarkramSynapse: U,
// tau_rec and tau_facil may be constants, distributions or expressions of i
// and j, as weights.
type stpSpec struct {
	U, TauRec, TauFacil dist
	TauSyn              float64
}

// resolveSTP reads the parameters of a TsodyksMarkramSynapse (PyNN names and
// defaults: U = 0.5, tau_rec = 100 ms, tau_facil = 0 ms). tau_syn, which
// PyNN takes from the receptor's time constant of the postsynaptic cell
// (tau_syn_E or tau_syn_I), may be given; it is required when the target is a
// variable of an equation-defined group.
func (n *Network) resolveSTP(ns *namespace, p *model.Projection, spec *ProjectionSpec) (*stpSpec, error) {
	s := &stpSpec{U: dist{c: 0.5}, TauRec: dist{c: 0.1}}
	haveSyn := false
	for _, par := range p.Params {
		var err error
		switch par.Name {
		case "U":
			s.U, err = ns.synapseValue(par.Value, units.Dimensionless)
		case "tau_rec":
			s.TauRec, err = ns.synapseValue(par.Value, units.Second)
		case "tau_facil":
			s.TauFacil, err = ns.synapseValue(par.Value, units.Second)
		case "tau_syn":
			s.TauSyn, err = ns.scalar(par.Value, units.Second)
			haveSyn = true
		default:
			return nil, errorAt(par.Value.Pos, "projection %q: TsodyksMarkramSynapse has no parameter %q; valid: U, tau_rec, tau_facil, tau_syn",
				p.Name, par.Name)
		}
		if err != nil {
			return nil, err
		}
	}
	if !haveSyn {
		g := n.Groups[n.Views[spec.Post].Group]
		name := map[string]string{"excitatory": "tau_syn_E", "inhibitory": "tau_syn_I"}[spec.target]
		v, ok := g.Params[name]
		if !ok {
			return nil, errorAt(p.Pos, "projection %q: TsodyksMarkramSynapse needs the decay time of the postsynaptic "+
				"input: %s has no parameter %q; give params.tau_syn", p.Name, g.Kind, name)
		}
		s.TauSyn = v
	}
	if !(s.TauSyn > 0) {
		return nil, errorAt(p.Pos, "projection %q: TsodyksMarkramSynapse tau_syn = %g s must be > 0", p.Name, s.TauSyn)
	}
	for _, c := range stpChecks(s) {
		if c.d.constant() && !c.ok(c.d.c) {
			return nil, errorAt(p.Pos, "projection %q: TsodyksMarkramSynapse %s = %g%s %s", p.Name, c.name, c.d.c, c.unit, c.rule)
		}
	}
	return s, nil
}

// stpCheck is the valid range of a TsodyksMarkramSynapse parameter.
type stpCheck struct {
	name, unit, rule string
	d                dist
	ok               func(float64) bool
}

func stpChecks(s *stpSpec) []stpCheck {
	return []stpCheck{
		{"U", "", "is outside (0, 1]", s.U, func(x float64) bool { return x > 0 && x <= 1 }},
		{"tau_rec", " s", "must be > 0", s.TauRec, func(x float64) bool { return x > 0 }},
		{"tau_facil", " s", "must be ≥ 0", s.TauFacil, func(x float64) bool { return x >= 0 }},
	}
}

// newSTP allocates the state of the synapses of csr (all resources
// recovered, u = 0, PyNN's initial value) and draws the per-synapse
// parameters, each from its own streams.
func (n *Network) newSTP(p *ProjectionSpec, csr *connect.CSR) (*STP, error) {
	s, nsyn := p.stp, csr.Len()
	st := &STP{U: s.U.c, TauRec: s.TauRec.c, TauFacil: s.TauFacil.c, TauSyn: s.TauSyn, DT: n.DT,
		Y: hugepage.Make[float64](int(nsyn)), Z: hugepage.Make[float64](int(nsyn)), UT: hugepage.Make[float64](int(nsyn)),
		Last: hugepage.Make[int64](int(nsyn))}
	st.tabulate(n.Steps)
	dst := []*[]float64{&st.Us, &st.TauRecs, &st.TauFacils}
	for k, c := range stpChecks(s) {
		if c.d.constant() {
			continue
		}
		q := *p
		q.ID = rng.Hash(p.Name + "." + c.name)
		var vals []float64
		if c.d.kind == "expr" {
			var err error
			if vals, err = n.synapseExpr(&q, csr, c.d, rng.Weight); err != nil {
				return nil, err
			}
		} else {
			vals = drawPerSynapse(csr, c.d, n.Seed, rng.Weight, q.ID)
		}
		for syn, x := range vals {
			if !c.ok(x) {
				return nil, errorAt(p.Pos, "projection %q: TsodyksMarkramSynapse %s of synapse %d is %g%s; it %s",
					p.Name, c.name, syn, x, c.unit, c.rule)
			}
		}
		*dst[k] = vals
	}
	return st, nil
}
