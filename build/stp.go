package build

import (
	"fmt"
	"math"

	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/units"
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

	Y, Z, UT []float64 // per synapse: active and inactive resources, utilisation
	Last     []int64   // per synapse: step of the last spike
}

// Release updates synapse k for a spike at step n and returns the fraction
// u·x of its weight that it transmits.
func (s *STP) Release(k int, n int64) float64 {
	h := float64(n-s.Last[k]) * s.DT
	s.Last[k] = n
	y, z, u := s.Y[k], s.Z[k], s.UT[k]
	er, es := math.Exp(-h/s.TauRec), math.Exp(-h/s.TauSyn)
	if s.TauSyn == s.TauRec {
		z = z*er + y*h/s.TauRec*er
	} else {
		z = z*er + y*(es-er)/(s.TauSyn/s.TauRec-1)
	}
	y *= es
	if s.TauFacil > 0 {
		u *= math.Exp(-h / s.TauFacil)
		u += s.U * (1 - u)
	} else {
		u = s.U
	}
	r := u * (1 - y - z)
	s.Y[k], s.Z[k], s.UT[k] = y+r, z, u
	return r
}

// Synapse describes the projection's synapse type for people: "" for static
// synapses.
func (p *ProjectionSpec) Synapse() string {
	s := p.stp
	if s == nil {
		return ""
	}
	return fmt.Sprintf("TsodyksMarkramSynapse(U=%g, tau_rec=%g ms, tau_facil=%g ms, tau_syn=%g ms)",
		s.U, s.TauRec*1e3, s.TauFacil*1e3, s.TauSyn*1e3)
}

// stpSpec holds the resolved parameters of a TsodyksMarkramSynapse.
type stpSpec struct {
	U, TauRec, TauFacil, TauSyn float64
}

// resolveSTP reads the parameters of a TsodyksMarkramSynapse (PyNN names and
// defaults: U = 0.5, tau_rec = 100 ms, tau_facil = 0 ms). tau_syn, which
// PyNN takes from the receptor's time constant of the postsynaptic cell
// (tau_syn_E or tau_syn_I), may be given; it is required when the target is a
// variable of an equation-defined group.
func (n *Network) resolveSTP(ns *namespace, p *model.Projection, spec *ProjectionSpec) (*stpSpec, error) {
	s := &stpSpec{U: 0.5, TauRec: 0.1}
	haveSyn := false
	for _, par := range p.Params {
		var err error
		switch par.Name {
		case "U":
			s.U, err = ns.scalar(par.Value, units.Dimensionless)
		case "tau_rec":
			s.TauRec, err = ns.scalar(par.Value, units.Second)
		case "tau_facil":
			s.TauFacil, err = ns.scalar(par.Value, units.Second)
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
	switch {
	case !(s.U > 0 && s.U <= 1):
		return nil, errorAt(p.Pos, "projection %q: TsodyksMarkramSynapse U = %g is outside (0, 1]", p.Name, s.U)
	case !(s.TauRec > 0):
		return nil, errorAt(p.Pos, "projection %q: TsodyksMarkramSynapse tau_rec = %g s must be > 0", p.Name, s.TauRec)
	case !(s.TauSyn > 0):
		return nil, errorAt(p.Pos, "projection %q: TsodyksMarkramSynapse tau_syn = %g s must be > 0", p.Name, s.TauSyn)
	case !(s.TauFacil >= 0):
		return nil, errorAt(p.Pos, "projection %q: TsodyksMarkramSynapse tau_facil = %g s must be ≥ 0", p.Name, s.TauFacil)
	}
	return s, nil
}

// newSTP allocates the state of nsyn synapses: all resources recovered, u = 0
// (PyNN's initial value).
func (s *stpSpec) newSTP(nsyn int, dt float64) *STP {
	return &STP{U: s.U, TauRec: s.TauRec, TauFacil: s.TauFacil, TauSyn: s.TauSyn, DT: dt,
		Y: make([]float64, nsyn), Z: make([]float64, nsyn), UT: make([]float64, nsyn), Last: make([]int64, nsyn)}
}
