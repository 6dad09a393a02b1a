package catalog

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/units"
)

// cellModels are the catalog models with a membrane: every one of them has a
// template.
func cellModels(t *testing.T) []*Model {
	t.Helper()
	var ms []*Model
	for _, m := range Models() {
		if m.Source {
			if m.Template != nil {
				t.Errorf("%s: spike source with a template", m.Name)
			}
			continue
		}
		if m.Template == nil {
			t.Errorf("%s: no template", m.Name)
			continue
		}
		ms = append(ms, m)
	}
	return ms
}

// dimOf gives the dimensions of a model's parameters and state variables,
// and of t and dt.
func dimOf(m *Model) func(string) (units.Dim, bool) {
	return func(name string) (units.Dim, bool) {
		if p, ok := m.Param(name); ok {
			return p.Default.Dim, true
		}
		if s, ok := m.StateVar(name); ok {
			return s.Init.Dim, true
		}
		if name == "t" || name == "dt" {
			return units.Second, true
		}
		return units.Dim{}, false
	}
}

// Every template parses; its state variables are exactly the model's, each
// with a differential equation of the right unit; its parameters are the
// group's constants, not parameter lines; its subexpressions shadow nothing;
// and the model's method is the template's.
func TestTemplateStructure(t *testing.T) {
	t.Parallel()
	for _, m := range cellModels(t) {
		tp := m.Template
		q, err := eqn.ParseEquations(tp.Equations)
		if err != nil {
			t.Errorf("%s: equations: %v", m.Name, err)
			continue
		}
		if tp.Method != m.Method {
			t.Errorf("%s: template method %q, model method %q", m.Name, tp.Method, m.Method)
		}
		for _, s := range m.State {
			e, ok := q.Lookup(s.Name)
			if !ok || e.Kind != eqn.Differential {
				t.Errorf("%s: state variable %s has no differential equation", m.Name, s.Name)
				continue
			}
			if e.Dim != s.Init.Dim {
				t.Errorf("%s: d%s/dt is declared in %v, the initial value %s is in %v", m.Name, s.Name, e.Dim, s.Unit, s.Init.Dim)
			}
		}
		for _, e := range q.Eqs {
			switch e.Kind {
			case eqn.Differential:
				if _, ok := m.StateVar(e.Var); !ok {
					t.Errorf("%s: d%s/dt: %s is not a state variable; valid: %s", m.Name, e.Var, e.Var, strings.Join(m.StateNames(), ", "))
				}
			case eqn.Subexpression:
				_, isParam := m.Param(e.Var)
				_, isState := m.StateVar(e.Var)
				if isParam || isState {
					t.Errorf("%s: subexpression %s shadows a parameter or state variable", m.Name, e.Var)
				}
			case eqn.Parameter:
				t.Errorf("%s: parameter line %s: catalog parameters are constants of the group", m.Name, e.Var)
			}
		}
		for _, r := range m.Receptors {
			if _, ok := m.StateVar(r.Var); !ok {
				t.Errorf("%s: receptor %s feeds %s, not a state variable", m.Name, r.Name, r.Var)
			}
		}
	}
}

// Every name a template uses is a parameter, a state variable, a
// subexpression of the template, a unit, t or dt.
func TestTemplateNames(t *testing.T) {
	t.Parallel()
	for _, m := range cellModels(t) {
		tp := m.Template
		q, err := eqn.ParseEquations(tp.Equations)
		if err != nil {
			t.Errorf("%s: equations: %v", m.Name, err)
			continue
		}
		known := func(name string) bool {
			if _, ok := dimOf(m)(name); ok {
				return true
			}
			if e, ok := q.Lookup(name); ok && e.Kind == eqn.Subexpression {
				return true
			}
			if name == "e" || name == "pi" { // constants of the expression language
				return true
			}
			_, ok := units.Lookup(name)
			return ok
		}
		var exprs []eqn.Expr
		for _, e := range q.Eqs {
			if e.Expr != nil {
				exprs = append(exprs, e.Expr)
			}
		}
		for _, src := range []string{tp.Threshold, tp.Refractory} {
			if src == "" {
				continue
			}
			x, err := eqn.ParseExpr(src)
			if err != nil {
				t.Errorf("%s: %q: %v", m.Name, src, err)
				continue
			}
			exprs = append(exprs, x)
		}
		stmts, err := eqn.ParseStatements(tp.Reset)
		if err != nil {
			t.Errorf("%s: reset: %v", m.Name, err)
		}
		for _, s := range stmts {
			exprs = append(exprs, s.Expr)
		}
		for _, x := range exprs {
			for _, name := range eqn.Names(x) {
				if !known(name) {
					t.Errorf("%s: %q uses unknown name %s", m.Name, eqn.String(x), name)
				}
			}
		}
	}
}

// Dimensions: each right-hand side has the dimension of its variable (per
// second for derivatives), the threshold is a condition, every reset
// statement assigns a state variable a value of its dimension, and the
// refractory period is a time or a condition.
func TestTemplateDimensions(t *testing.T) {
	t.Parallel()
	for _, m := range cellModels(t) {
		tp := m.Template
		q, err := eqn.ParseEquations(tp.Equations)
		if err != nil {
			t.Errorf("%s: equations: %v", m.Name, err)
			continue
		}
		if err := q.Check(dimOf(m)); err != nil {
			t.Errorf("%s: %v", m.Name, err)
		}
		// The same check equation by equation with Dims, with
		// subexpressions by their declared dimension.
		withSub := func(name string) (units.Dim, bool) {
			if e, ok := q.Lookup(name); ok && e.Kind == eqn.Subexpression {
				return e.Dim, true
			}
			return dimOf(m)(name)
		}
		for _, e := range q.Eqs {
			got, err := eqn.Dims(e.Expr, withSub)
			want := e.Dim
			if e.Kind == eqn.Differential {
				want = e.Dim.Div(units.Second)
			}
			if err != nil || got != want {
				t.Errorf("%s: %s: right-hand side in %v (%v), want %v", m.Name, e.Var, got, err, want)
			}
		}
		cond := func(what, src string, alsoTime bool) {
			x, err := eqn.ParseExpr(src)
			if err != nil {
				t.Errorf("%s: %s %q: %v", m.Name, what, src, err)
				return
			}
			d, err := eqn.Dims(x, withSub)
			if err != nil || !(d == units.Dimensionless || alsoTime && d == units.Second) {
				t.Errorf("%s: %s %q has dimension %v (%v)", m.Name, what, src, d, err)
			}
		}
		cond("threshold", tp.Threshold, false)
		if tp.Refractory != "" {
			cond("refractory", tp.Refractory, true)
		}
		stmts, err := eqn.ParseStatements(tp.Reset)
		if err != nil {
			t.Errorf("%s: reset: %v", m.Name, err)
			continue
		}
		for _, s := range stmts {
			sv, ok := m.StateVar(s.Var)
			if !ok {
				t.Errorf("%s: reset %q assigns %s, not a state variable", m.Name, s, s.Var)
				continue
			}
			want := sv.Init.Dim
			if s.Op == "*=" || s.Op == "/=" {
				want = units.Dimensionless
			}
			if d, err := eqn.Dims(s.Expr, withSub); err != nil || d != want {
				t.Errorf("%s: reset %q: right-hand side in %v (%v), want %v", m.Name, s, d, err, want)
			}
		}
	}
}

// unitDim is the dimension of a table's unit text, read independently of
// param: PyNN's "/ms" is one over a millisecond.
func unitDim(t *testing.T, unit string) units.Dim {
	t.Helper()
	if unit == "1" {
		return units.Dimensionless
	}
	if rest, ok := strings.CutPrefix(unit, "/"); ok {
		return units.Dimensionless.Div(unitDim(t, rest))
	}
	q, err := units.Parse(unit)
	if err != nil {
		t.Fatalf("unit %q: %v", unit, err)
	}
	return q.Dim
}

// Every default and initial value has the dimension its unit implies.
func TestDefaultDimensions(t *testing.T) {
	t.Parallel()
	for _, m := range Models() {
		for _, p := range m.Params {
			if d := unitDim(t, p.Unit); p.Default.Dim != d || math.IsNaN(p.Default.Value) {
				t.Errorf("%s.%s: default %v in %v, unit %q is %v", m.Name, p.Name, p.Default.Value, p.Default.Dim, p.Unit, d)
			}
		}
		for _, s := range m.State {
			if d := unitDim(t, s.Unit); s.Init.Dim != d || math.IsNaN(s.Init.Value) {
				t.Errorf("%s.%s: initial value %v in %v, unit %q is %v", m.Name, s.Name, s.Init.Value, s.Init.Dim, s.Unit, d)
			}
		}
	}
}

// The parameter tables and initial values of the templated models are
// PyNN's: default_parameters and default_initial_values of
// pyNN/standardmodels/cells.py (NeuralEnsemble/PyNN 9de85b0), in PyNN's
// units, and every parameter PyNN has is in the table.
func TestPyNNDefaults(t *testing.T) {
	t.Parallel()
	type value struct {
		v     float64
		scale float64 // PyNN's unit in SI
	}
	const (
		mV, ms, nF, nA, uS, nS = 1e-3, 1e-3, 1e-9, 1e-9, 1e-6, 1e-9
		perMs, mVPerMs         = 1e3, 1
	)
	cases := []struct {
		model         string
		params, state map[string]value
	}{
		{"EIF_cond_exp_isfa_ista", map[string]value{
			"cm": {0.281, nF}, "tau_refrac": {0.1, ms}, "v_spike": {-40, mV}, "v_reset": {-70.6, mV},
			"v_rest": {-70.6, mV}, "tau_m": {9.3667, ms}, "i_offset": {0, nA}, "a": {4, nS}, "b": {0.0805, nA},
			"delta_T": {2, mV}, "tau_w": {144, ms}, "v_thresh": {-50.4, mV}, "e_rev_E": {0, mV},
			"tau_syn_E": {5, ms}, "e_rev_I": {-80, mV}, "tau_syn_I": {5, ms},
		}, map[string]value{"v": {-70.6, mV}, "w": {0, nA}, "gsyn_exc": {0, uS}, "gsyn_inh": {0, uS}}},
		{"HH_cond_exp", map[string]value{
			"gbar_Na": {20, uS}, "gbar_K": {6, uS}, "g_leak": {0.01, uS}, "cm": {0.2, nF}, "v_offset": {-63, mV},
			"e_rev_Na": {50, mV}, "e_rev_K": {-90, mV}, "e_rev_leak": {-65, mV}, "e_rev_E": {0, mV},
			"e_rev_I": {-80, mV}, "tau_syn_E": {0.2, ms}, "tau_syn_I": {2, ms}, "i_offset": {0, nA},
		}, map[string]value{"v": {-65, mV}, "gsyn_exc": {0, uS}, "gsyn_inh": {0, uS}, "h": {1, 1}, "m": {0, 1}, "n": {0, 1}}},
		{"Izhikevich", map[string]value{
			"a": {0.02, perMs}, "b": {0.2, perMs}, "c": {-65, mV}, "d": {2, mVPerMs}, "i_offset": {0, nA},
		}, map[string]value{"v": {-70, mV}, "u": {-14, mVPerMs}}},
	}
	for _, tc := range cases {
		m, err := Lookup(tc.model)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Params) != len(tc.params) || len(m.State) != len(tc.state) {
			t.Errorf("%s: %d parameters and %d state variables, PyNN has %d and %d",
				tc.model, len(m.Params), len(m.State), len(tc.params), len(tc.state))
		}
		for name, want := range tc.params {
			p, ok := m.Param(name)
			if w := want.v * want.scale; !ok || math.Abs(p.Default.Value-w) > 1e-12*math.Abs(w) {
				t.Errorf("%s.%s: default %g (present %v), PyNN %g", tc.model, name, p.Default.Value, ok, w)
			}
		}
		for name, want := range tc.state {
			s, ok := m.StateVar(name)
			if w := want.v * want.scale; !ok || math.Abs(s.Init.Value-w) > 1e-12*math.Abs(w) {
				t.Errorf("%s.%s: initial value %g (present %v), PyNN %g", tc.model, name, s.Init.Value, ok, w)
			}
		}
	}
}

// evalTemplate evaluates the right-hand side of variable name of a model's
// template, subexpressions inlined, at the default parameters and initial
// state with the given overrides (SI).
func evalTemplate(t *testing.T, m *Model, name string, set map[string]float64) float64 {
	t.Helper()
	q, err := eqn.ParseEquations(m.Template.Equations)
	if err != nil {
		t.Fatal(err)
	}
	if q, err = q.Inline(); err != nil {
		t.Fatal(err)
	}
	e, ok := q.Lookup(name)
	if !ok {
		t.Fatalf("%s: no equation for %s", m.Name, name)
	}
	lookup := func(n string) (units.Quantity, bool) {
		var d units.Dim
		var v float64
		if p, ok := m.Param(n); ok {
			d, v = p.Default.Dim, p.Default.Value
		} else if s, ok := m.StateVar(n); ok {
			d, v = s.Init.Dim, s.Init.Value
		} else {
			return units.Quantity{}, false
		}
		if x, ok := set[n]; ok {
			v = x
		}
		return units.Quantity{Value: v, Dim: d}, true
	}
	got, err := eqn.EvalQuantity(e.Expr, q.Src, lookup)
	if err != nil {
		t.Fatalf("%s: %s: %v", m.Name, name, err)
	}
	return got.Value
}

// The right-hand sides at chosen states equal the models' equations
// evaluated by hand, in SI (V/s, A/s, 1/s).
func TestTemplateValues(t *testing.T) {
	t.Parallel()
	// HH rate αm at v = −65 mV (u = −2 mV), from the Traub–Miles formula in
	// 1/ms.
	alpham := 0.32 * 15 / (math.Exp(15.0/4) - 1) * 1e3
	cases := []struct {
		model, name string
		set         map[string]float64
		want, tol   float64 // absolute tolerance, from rounding in the terms that cancel
	}{
		// 1 nA into 1 nF: 1 V/s.
		{"IF_curr_exp", "v", map[string]float64{"isyn_exc": 1e-9}, 1, 1e-12},
		{"IF_curr_exp", "isyn_exc", map[string]float64{"isyn_exc": 1e-9}, -1e-9 / 5e-3, 1e-20},
		// 0.01 µS at 65 mV from e_rev_E into 1 nF: 0.65 V/s.
		{"IF_cond_exp", "v", map[string]float64{"gsyn_exc": 1e-8}, 0.65, 1e-12},
		// At v = v_thresh: (v_rest − v_thresh + delta_T)/tau_m.
		{"EIF_cond_exp_isfa_ista", "v", map[string]float64{"v": -50.4e-3}, (-70.6 + 50.4 + 2) / 9.3667, 1e-12},
		{"EIF_cond_exp_isfa_ista", "w", map[string]float64{"v": -60.6e-3}, 4e-9 * 10e-3 / 144e-3, 1e-21},
		// At rest (v = e_rev_leak, m = n = 0): no current; dh/dt = −βh as h = 1.
		{"HH_cond_exp", "v", nil, 0, 1e-12},
		{"HH_cond_exp", "m", nil, alpham, 1e-10},
		{"HH_cond_exp", "h", nil, -4 / (1 + math.Exp(42.0/5)) * 1e3, 1e-10},
		// Izhikevich (2003) in mV/ms with I = 10: 0.04·4900 − 350 + 140 + 14 + 10 = 10 mV/ms.
		{"Izhikevich", "v", map[string]float64{"i_offset": 0.01e-9}, 10, 1e-11},
		{"Izhikevich", "u", nil, 0, 1e-12},
	}
	for _, tc := range cases {
		m, err := Lookup(tc.model)
		if err != nil {
			t.Fatal(err)
		}
		got := evalTemplate(t, m, tc.name, tc.set)
		if d := math.Abs(got - tc.want); !(d <= tc.tol) {
			t.Errorf("%s: d%s/dt = %.15g, want %.15g, diff %.3g > %.3g", tc.model, tc.name, got, tc.want, d, tc.tol)
		}
	}
}

// The HH rate functions written with exprel equal PyNN's quotients
// (pyNN/brian2/standardmodels/cells.py, HH_cond_exp) wherever those are
// defined, and are finite where PyNN's are 0/0.
func TestHHRatesMatchPyNN(t *testing.T) {
	t.Parallel()
	pynn := map[string]string{
		"alpham": "(0.32/mV)*(13*mV-v+v_offset)/(exp((13*mV-v+v_offset)/(4*mV))-1.)/ms",
		"betam":  "(0.28/mV)*(v-v_offset-40*mV)/(exp((v-v_offset-40*mV)/(5*mV))-1)/ms",
		"alphah": "0.128*exp((17*mV-v+v_offset)/(18*mV))/ms",
		"betah":  "4./(1+exp((40*mV-v+v_offset)/(5*mV)))/ms",
		"alphan": "(0.032/mV)*(15*mV-v+v_offset)/(exp((15*mV-v+v_offset)/(5*mV))-1.)/ms",
		"betan":  ".5*exp((10*mV-v+v_offset)/(40*mV))/ms",
	}
	m := HHCondExp()
	q, err := eqn.ParseEquations(m.Template.Equations)
	if err != nil {
		t.Fatal(err)
	}
	const vOffset = -63e-3
	at := func(v float64) eqn.Lookup {
		return func(n string) (units.Quantity, bool) {
			switch n {
			case "v":
				return units.Quantity{Value: v, Dim: units.Volt}, true
			case "v_offset":
				return units.Quantity{Value: vOffset, Dim: units.Volt}, true
			}
			return units.Quantity{}, false
		}
	}
	// Steps of 0.37 mV from −120 mV to +60 mV miss the singular points.
	var vs []float64
	for i := 0; i < 487; i++ {
		vs = append(vs, -120e-3+float64(i)*0.37e-3)
	}
	singular := []float64{vOffset + 13e-3, vOffset + 40e-3, vOffset + 15e-3}
	for name, src := range pynn {
		ref, err := eqn.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		e, ok := q.Lookup(name)
		if !ok {
			t.Fatalf("no subexpression %s", name)
		}
		for _, v := range vs {
			want, err1 := eqn.EvalQuantity(ref, src, at(v))
			got, err2 := eqn.EvalQuantity(e.Expr, q.Src, at(v))
			if err1 != nil || err2 != nil {
				t.Fatalf("%s at %g V: %v, %v", name, v, err1, err2)
			}
			if math.Abs(got.Value-want.Value) > 1e-12*math.Abs(want.Value) || got.Dim != units.Hertz {
				t.Errorf("%s at %.4g mV: %.15g %v, PyNN %.15g", name, v*1e3, got.Value, got.Dim, want.Value)
			}
		}
		for _, v := range singular {
			got, err := eqn.EvalQuantity(e.Expr, q.Src, at(v))
			if err != nil || math.IsNaN(got.Value) || math.IsInf(got.Value, 0) {
				t.Errorf("%s at %.4g mV: %v (%v), want a finite rate", name, v*1e3, got.Value, err)
			}
		}
	}
}

// Models lists every model once, sorted, and Lookup finds each.
func TestModelsList(t *testing.T) {
	t.Parallel()
	want := []string{"EIF_cond_exp_isfa_ista", "HH_cond_exp", "IF_cond_alpha", "IF_cond_exp", "IF_curr_alpha", "IF_curr_exp",
		"Izhikevich", "SpikeSourceArray", "SpikeSourcePoisson"}
	if got := Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	for _, name := range want {
		if m, err := Lookup(name); err != nil || m.Name != name {
			t.Errorf("Lookup(%q): %v", name, err)
		}
	}
}
