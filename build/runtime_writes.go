package build

import "github.com/volleysim/volley/eqn"

// runtimeWrites returns the variables of the root group named group that
// change during a run other than through its own equations, each with what
// changes it: the group's reset statements, synaptic input (a projection's
// target), summed variables, and the statements of equation-defined
// synapses that write into their pre or post cells.
func (n *Network) runtimeWrites(group string, reset []eqn.Statement) map[string]string {
	w := map[string]string{}
	for _, st := range reset {
		w[st.Var] = "the reset writes it"
	}
	for _, in := range n.Inputs {
		if n.Groups[in.Group].Name == group {
			w[in.Name] = "synaptic input is added to it"
		}
	}
	for _, t := range n.summedTargets {
		if t.group == group {
			w[t.name] = "projection " + t.projection + " sums into it"
		}
	}
	for _, p := range n.Projections {
		m := p.syn
		if m == nil {
			continue
		}
		for _, st := range append(append([]eqn.Statement(nil), m.onPre...), m.onPost...) {
			if g, base, _, ok := m.cellVar(st.Var); ok && g.Name == group && m.varIndex(st.Var) < 0 {
				w[base] = "projection " + p.Name + " writes it"
			}
		}
	}
	return w
}
