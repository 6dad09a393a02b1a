package build

import (
	"strings"
	"testing"
)

// synBase is a model with equation-defined synapses; cases append to or
// replace parts of it.
const synBase = `name = "syn"
[run]
dt = "0.1 ms"
duration = "10 ms"
[groups.pre]
size = 10
model = "SpikeSourcePoisson"
params = { rate = "10 Hz" }
[groups.cells]
size = 5
equations = """
dv/dt = (I - v)/(10*ms) : volt
dge/dt = -ge/(5*ms) : siemens
I : volt
"""
[projections.p]
pre = "pre"
post = "cells"
connector = { rule = "all_to_all" }
`

// TestSynapseModelErrors checks that mistakes in equation-defined synapses
// stop the build with the projection and the reason.
func TestSynapseModelErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, add, want string }{
		{"dimension of on_pre", `equations = "w : 1"` + "\n" + `on_pre = "ge_post += w"`,
			`on_pre statement "ge_post += w": the right-hand side has dimension 1 (dimensionless), ge_post needs S`},
		{"unknown variable", `equations = "w : siemens"` + "\n" + `on_pre = "gx_post += w"`,
			`on_pre "gx_post += w" assigns unknown variable "gx_post"`},
		{"writing a presynaptic variable", `equations = "w : 1"` + "\n" + `on_pre = "rate_pre = w*Hz"`,
			`statement "rate_pre = w*Hz" assigns "rate_pre", which is not a synaptic or postsynaptic variable`},
		{"writing a presynaptic cell variable", `equations = "w : volt"` + "\n" + `on_pre = "v_pre += w"` + "\n" + `# pre: cells`,
			`writes the presynaptic variable v_pre`},
		{"temporary never read", `equations = "w : siemens"` + "\n" + `on_pre = "gex = w"`,
			`a new name is a temporary only if a later statement reads it`},
		{"summed into a state variable", `equations = """` + "\nw : volt\nv_post = w : volt (summed)\n" + `"""`,
			`"v" of group "cells" must be a parameter`},
		{"summed without _post", `equations = """` + "\nw : volt\nI = w : volt (summed)\n" + `"""`,
			`must name a postsynaptic variable with _post`},
		{"unknown parameter", `equations = "w : siemens"` + "\n" + `on_pre = "ge_post += w"` + "\n" + `params = { wx = "1 nS" }`,
			`"wx" is not a variable of the synapse's equations; variables: w`},
		{"weight with equations", `equations = "w : siemens"` + "\n" + `on_pre = "ge_post += w"` + "\n" + `weight = "1 nS"`,
			`give the weight as a synaptic parameter in params`},
		{"nonlinear event-driven", `equations = "dx/dt = -x**2/second : 1 (event-driven)"` + "\n" + `on_pre = "x += 1"`,
			`event-driven equations`},
		{"noise", `equations = "dx/dt = -x/second + xi/sqrt(second) : 1"` + "\n" + `on_pre = "x += 1"`,
			`noise in synaptic equations is not supported yet`},
		{"list weights without w", `equations = "x : siemens"` + "\n" + `on_pre = "ge_post += x"` + "\n" + `# connector: list`,
			`the connection list has a weight column, which sets the synaptic variable w`},
		{"w from params and from the list", `equations = "w : siemens"` + "\n" + `on_pre = "ge_post += w"` + "\n" + `params = { w = "1 nS" }` + "\n" + `# connector: list`,
			`w is set both by params and by the connection list's weight column`},
		{"temporary read before it is set", `equations = "w : siemens"` + "\n" + `on_pre = "ge_post += r*w; r = 2"`,
			`unknown`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := synBase + tc.add + "\n"
			if strings.Contains(tc.add, "# pre: cells") {
				text = strings.Replace(text, `pre = "pre"`, `pre = "cells"`, 1)
			}
			if strings.Contains(tc.add, "# connector: list") {
				text = strings.Replace(text, `connector = { rule = "all_to_all" }`,
					`connector = { rule = "from_list", list = [[0, 1, 0.002, 1.0]] }`, 1)
			}
			_, err := resolveText(t, text)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
			if err != nil && !strings.Contains(err.Error(), "syn.toml") && !strings.Contains(err.Error(), "projection") {
				t.Errorf("error %v does not say where", err)
			}
		})
	}
}
