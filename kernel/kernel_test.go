package kernel

import (
	"math"
	"strings"
	"testing"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/integrate"
)

func mustExpr(t testing.TB, s string) eqn.Expr {
	t.Helper()
	e, err := eqn.ParseExpr(s)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// prog builds an update program from "name = expr" lines: temporaries
// start with "_", and "var <- _temp" lines are the updates.
func prog(t *testing.T, lines ...string) *integrate.Program {
	t.Helper()
	p := &integrate.Program{Method: "test"}
	for _, l := range lines {
		if name, src, ok := strings.Cut(l, "<-"); ok {
			p.Updates = append(p.Updates, integrate.Assign{Name: strings.TrimSpace(name), Expr: mustExpr(t, src)})
			continue
		}
		name, src, _ := strings.Cut(l, "=")
		p.Stmts = append(p.Stmts, integrate.Assign{Name: strings.TrimSpace(name), Expr: mustExpr(t, src)})
	}
	return p
}

func statements(t *testing.T, s string) []eqn.Statement {
	t.Helper()
	st, err := eqn.ParseStatements(s)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// An Euler-integrated LIF with per-cell input I: the kernel's values equal, bit
// for bit, a Go loop evaluating the same expression in the same order, with
// divisions by constants as multiplications by their reciprocals, over
// block boundaries (BlockSize+3 cells).
func TestLIFMatchesGoLoop(t *testing.T) {
	t.Parallel()
	const n, dt = BlockSize + 3, 1e-4
	const el, tau, c = -0.065, 0.02, 1e-10
	v, in := make([]float64, n), make([]float64, n)
	for i := range v {
		v[i] = -0.065 + float64(0.0001*float64(i%17)) // float64(a*b): no FMA (arm64, GOAMD64=v3), the same bits everywhere
		in[i] = 1e-12 * float64(i)
	}
	ref := append([]float64(nil), v...)
	k, err := New(Spec{N: n, DT: dt, Arrays: map[string][]float64{"v": v, "I": in},
		Consts: map[string]float64{"El": el, "tau": tau, "C": c},
		Update: prog(t, "_v = v + dt*((El - v)/tau + I/C)", "v <- _v")})
	if err != nil {
		t.Fatal(err)
	}
	for step := int64(0); step < 50; step++ {
		if _, ok := k.Step(0, n, step, nil); !ok {
			t.Fatal("non-finite")
		}
		for i := range ref {
			ref[i] = ref[i] + float64(dt*(float64((el-ref[i])*(1/tau))+float64(in[i]*(1/c))))
		}
	}
	for i := range ref {
		if v[i] != ref[i] {
			t.Fatalf("cell %d: %.17g, Go loop %.17g", i, v[i], ref[i])
		}
	}
}

// Threshold, reset and a constant refractory period follow Brian2: the reset
// statements run in order, v is clamped while refractory, and no spike is
// emitted before timestep(t − lastspike) ≥ timestep(refractory).
func TestThresholdResetRefractory(t *testing.T) {
	t.Parallel()
	const dt = 1e-4
	v, w := []float64{0}, []float64{0}
	k, err := New(Spec{N: 1, DT: dt, Arrays: map[string][]float64{"v": v, "w": w},
		Consts:       map[string]float64{"rate": 10},
		Update:       prog(t, "_v = v + dt*rate", "v <- _v"),
		Clamp:        []string{"v"},
		Threshold:    mustExpr(t, "v > 0.0095"),
		ThresholdSrc: "v > 0.0095",
		Reset:        statements(t, "w += 1; v = w/1000"),
		Refractory:   mustExpr(t, "2 ms"),
	})
	if err != nil {
		t.Fatal(err)
	}
	var spikes []int64
	var trace []float64
	for step := int64(0); step < 60; step++ {
		out, _ := k.Step(0, 1, step, nil)
		if len(out) > 0 {
			spikes = append(spikes, step)
			k.Reset(out, step)
		}
		trace = append(trace, v[0])
	}
	// v grows by 1e-3 per step: the first update gives 0.001 and the tenth 0.01 > 0.0095,
	// at step 9. Reset: w = 1, v = 0.001. Clamped for 19 steps (2 ms = 20 steps),
	// growing again from step 29: 0.002 ... 0.010 at step 37.
	want := []int64{9, 37}
	if len(spikes) < 2 || spikes[0] != want[0] || spikes[1] != want[1] {
		t.Fatalf("spikes at steps %v, want %v first; v trace %v", spikes, want, trace)
	}
	for s := 10; s < 29; s++ {
		if trace[s] != 0.001 {
			t.Fatalf("step %d: v = %g while refractory, want the reset value 0.001", s, trace[s])
		}
	}
	if w[0] != float64(len(spikes)) {
		t.Errorf("w = %g after %d spikes", w[0], len(spikes))
	}
	if ls := k.last[0]; ls != spikes[len(spikes)-1] {
		t.Errorf("last spike step %d, want %d", ls, spikes[len(spikes)-1])
	}
}

// A refractory condition keeps a cell refractory from its spike until the
// condition is false.
func TestRefractoryCondition(t *testing.T) {
	t.Parallel()
	x := []float64{0}
	k, err := New(Spec{N: 1, DT: 1e-3, Arrays: map[string][]float64{"x": x},
		Update:                prog(t, "_x = x + 1", "x <- _x"),
		Threshold:             mustExpr(t, "x >= 3"),
		Reset:                 statements(t, "x = 10"),
		Refractory:            mustExpr(t, "x > 5"),
		RefractoryIsCondition: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	var spikes []int64
	for step := int64(0); step < 8; step++ {
		out, _ := k.Step(0, 1, step, nil)
		if len(out) > 0 {
			spikes = append(spikes, step)
			k.Reset(out, step)
		}
	}
	// Without clamping x keeps growing: 1, 2, 3 → spike at step 2, reset to 10;
	// then x = 11, 12 ... > 5: the condition holds, so no more spikes.
	if len(spikes) != 1 || spikes[0] != 2 {
		t.Fatalf("spikes %v, want [2]", spikes)
	}
}

// rand() in a threshold gives Poisson spikes: counts within 4 sigma, and the
// same spikes however the cells are split into blocks.
func TestRandomThreshold(t *testing.T) {
	t.Parallel()
	const n, steps, p = 1000, 200, 0.05
	mk := func() *Kernel {
		k, err := New(Spec{N: n, DT: 1e-4, Seed: 3, ID: 9, Arrays: map[string][]float64{},
			Consts:    map[string]float64{"p": p},
			Threshold: mustExpr(t, "rand() < p")})
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	a, b := mk(), mk()
	total := 0
	for s := int64(0); s < steps; s++ {
		x, _ := a.Step(0, n, s, nil)
		y, _ := b.Step(0, 333, s, nil)
		y, _ = b.Step(333, n, s, y)
		if len(x) != len(y) {
			t.Fatalf("step %d: %d spikes in one block, %d in two", s, len(x), len(y))
		}
		for i := range x {
			if x[i] != y[i] {
				t.Fatalf("step %d: spikes differ", s)
			}
		}
		total += len(x)
	}
	mean, sd := float64(n*steps)*p, math.Sqrt(float64(n*steps)*p*(1-p))
	if math.Abs(float64(total)-mean) > 4*sd {
		t.Errorf("%d spikes, expected %.0f ± %.0f", total, mean, 4*sd)
	}
}

// Noise draws are standard normal: a random walk x += sigma*xi has variance
// steps·sigma² after steps steps (4-sigma bound on the sample variance).
func TestNoise(t *testing.T) {
	t.Parallel()
	const n, steps = 4000, 25
	x := make([]float64, n)
	p := prog(t, "_x = x + 0.5*_xi", "x <- _x")
	p.Noise = []string{"_xi"}
	k, err := New(Spec{N: n, DT: 1e-4, Seed: 1, ID: 2, Arrays: map[string][]float64{"x": x}, Update: p})
	if err != nil {
		t.Fatal(err)
	}
	for s := int64(0); s < steps; s++ {
		k.Step(0, n, s, nil)
	}
	var m, v float64
	for _, xi := range x {
		m += xi / n
	}
	for _, xi := range x {
		v += (xi - m) * (xi - m) / (n - 1)
	}
	want := steps * 0.25
	if sd := want * math.Sqrt(2.0/(n-1)); math.Abs(v-want) > 4*sd || math.Abs(m) > 4*math.Sqrt(want/n) {
		t.Errorf("mean %g variance %g, want 0 and %g", m, v, want)
	}
}

// lastspike and not_refractory are readable; i is the cell index.
func TestSpecialNames(t *testing.T) {
	t.Parallel()
	y := make([]float64, 3)
	k, err := New(Spec{N: 3, DT: 1e-3, Arrays: map[string][]float64{"y": y},
		Update:     prog(t, "_y = i*100 + not_refractory*10 + (lastspike < 0)", "y <- _y"),
		Threshold:  mustExpr(t, "i == 1"),
		Refractory: mustExpr(t, "5 ms"),
	})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := k.Step(0, 3, 0, nil)
	k.Reset(out, 0)
	k.Step(0, 3, 1, nil)
	want := []float64{11, 100, 211} // cell 1 spiked at step 0: refractory, lastspike = 0
	for i := range want {
		if y[i] != want[i] {
			t.Errorf("y = %v, want %v", y, want)
			break
		}
	}
}

// A NaN in an updated variable is reported.
func TestNonFinite(t *testing.T) {
	t.Parallel()
	x := []float64{1, -1}
	k, err := New(Spec{N: 2, DT: 1e-3, Arrays: map[string][]float64{"x": x}, Update: prog(t, "_x = sqrt(x)", "x <- _x")})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := k.Step(0, 2, 0, nil); ok {
		t.Error("sqrt(-1) reported finite")
	}
}

// Unknown names are errors that show the expression with a caret.
func TestCompileErrors(t *testing.T) {
	t.Parallel()
	_, err := New(Spec{N: 1, DT: 1e-3, Arrays: map[string][]float64{"v": {0}},
		Threshold: mustExpr(t, "v > vt"), ThresholdSrc: "v > vt"})
	if err == nil || !strings.Contains(err.Error(), `unknown name "vt"`) || !strings.Contains(err.Error(), "^") {
		t.Errorf("error %v, want an unknown-name error with a caret", err)
	}
	_, err = New(Spec{N: 1, DT: 1e-3, Arrays: map[string][]float64{"v": {0}}, Reset: statements(t, "u = 1")})
	if err == nil || !strings.Contains(err.Error(), `"u"`) {
		t.Errorf("error %v, want one naming u", err)
	}
}

// Constant subexpressions are folded and common ones computed once.
func TestFoldingAndSharing(t *testing.T) {
	t.Parallel()
	x := []float64{2}
	k, err := New(Spec{N: 1, DT: 1e-3, Arrays: map[string][]float64{"x": x},
		Consts: map[string]float64{"a": 3},
		Update: prog(t, "_x = exp(x*a) + exp(x*a) + (a*2 + 1)", "x <- _x")})
	if err != nil {
		t.Fatal(err)
	}
	if exps := opCounts(k.update)[opExp]; exps != 1 {
		t.Errorf("%d exp instructions, want 1 (shared)", exps)
	}
	k.Step(0, 1, 0, nil)
	if want := 2*math.Exp(6) + 7; x[0] != want {
		t.Errorf("x = %g, want %g", x[0], want)
	}
}

// A multiplication by a number of a product or a sum with a number runs as
// one instruction with the rounding of the two operations: the values equal,
// bit for bit, a Go loop that rounds each operation (float64 conversions
// forbid fused multiply-adds), for a − c, c·a, a/c and a + c.
func TestFusedConstantOps(t *testing.T) {
	t.Parallel()
	k, x, ref := rampKernel(t, "(x - c)*250.1 + (x*g)*0.31 + (c + x)/0.29 + 3*(x/g)",
		map[string]float64{"c": 0.013, "g": 1.7})
	fused := opCounts(k.update)
	// (x − c)·250.1 and (c + x)/0.29 as single instructions, (x·g)·0.31 and
	// 3·(x/g) each with the addition that takes it: five in all
	if fused[opAddMulC] != 2 || fused[opMulMulAddC] != 2 || len(k.update.code) != 5 {
		t.Errorf("instructions %v, want 2 opAddMulC, 2 opMulMulAddC and one more", fused)
	}
	k.Step(0, len(x), 0, nil)
	cc, g, r := 0.013, 1.7, 0.29 // variables: 1/g rounds 1.7, as the compiler does
	for i, v := range ref {
		// float64(a*b) keeps Go from fusing into an FMA (arm64, GOAMD64=v3)
		a := float64(float64(v-cc) * 250.1)
		b := float64(float64(v*g) * 0.31)
		c := float64(float64(cc+v) * (1 / r))
		d := float64(float64(v*(1/g)) * 3)
		if want := float64(float64(a+b)+c) + d; x[i] != want {
			t.Fatalf("cell %d: %.17g, separate operations %.17g", i, x[i], want)
		}
	}
}

// An instruction that a superinstruction made dead is dropped, also the
// first one (virtual register 0, which the unused operands of other
// instructions must not keep alive): (x − c)·k is one instruction.
func TestDeadFirstInstruction(t *testing.T) {
	t.Parallel()
	k, err := New(Spec{N: 1, DT: 1e-4, Arrays: map[string][]float64{"x": {1}},
		Consts: map[string]float64{"c": 0.013},
		Update: prog(t, "_x = (x - c)*250.1", "x <- _x")})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(k.update.code); n != 1 || k.update.code[0].op != opAddMulC {
		t.Errorf("%d instructions (first %v), want one opAddMulC", n, k.update.code[0].op)
	}
}

// x − 0, x + (−0), x·1 and x/1 compile to no arithmetic (the update then
// only copies x): they are x, bit for bit, for every x; x + 0 is not
// (−0 + 0 is +0) and stays.
func TestExactIdentities(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		expr string
		ops  int
	}{{"((x - 0)*1)/1 + (-0)", 0}, {"1*x", 0}, {"x + 0", 1}, {"x - (-0)", 1}} {
		x := []float64{math.Copysign(0, -1), 0, 1.5, -2.25e-300}
		ref := append([]float64(nil), x...)
		k, err := New(Spec{N: len(x), DT: 1e-4, Arrays: map[string][]float64{"x": x},
			Update: prog(t, "_x = "+c.expr, "x <- _x")})
		if err != nil {
			t.Fatal(err)
		}
		if ops := len(k.update.code) - opCounts(k.update)[opCopy]; ops != c.ops {
			t.Errorf("%s: %d instructions besides copies, want %d", c.expr, ops, c.ops)
		}
		k.Step(0, len(x), 0, nil)
		for i, v := range ref {
			want := v
			if c.ops == 1 {
				want = v + 0
			}
			if math.Float64bits(x[i]) != math.Float64bits(want) {
				t.Errorf("%s at %v: %v, want %v", c.expr, v, x[i], want)
			}
		}
	}
}

// x − a·b and a·b + c run as single instructions (opRSubMul, opMulAdd) with
// the bits of the separate product and sum, over 37 cells (four lanes at a
// time and a tail in the SIMD build).
func TestFusedProducts(t *testing.T) {
	t.Parallel()
	const n = 37
	x, y, z := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range x {
		// float64(a*b) keeps Go from fusing into an FMA (arm64, GOAMD64=v3)
		x[i], y[i], z[i] = -0.07+float64(0.0123*float64(i)), float64(1e-9*float64(i%7))+3e-10, 0.3-float64(0.011*float64(i))
	}
	rx, ry, rz := append([]float64(nil), x...), append([]float64(nil), y...), append([]float64(nil), z...)
	k, err := New(Spec{N: n, DT: 1e-4, Arrays: map[string][]float64{"x": x, "y": y, "z": z},
		Update: prog(t, "_x = (z - y*x) + x*z", "x <- _x")})
	if err != nil {
		t.Fatal(err)
	}
	ops := opCounts(k.update)
	if ops[opRSubMul] != 1 || ops[opMulAdd] != 1 || len(k.update.code) != 2 {
		t.Errorf("instructions %v, want one opRSubMul and one opMulAdd", ops)
	}
	k.Step(0, n, 0, nil)
	for i := range x {
		if want := float64(rz[i]-float64(ry[i]*rx[i])) + float64(rx[i]*rz[i]); x[i] != want {
			t.Fatalf("cell %d: %.17g, separate operations %.17g", i, x[i], want)
		}
	}
}

// ((x − c)·k2)·k3 and k / (x·c) run as single instructions (opAddMulMulC,
// opRDivMulC) with the bits of the separate operations.
func TestFusedChains(t *testing.T) {
	t.Parallel()
	k, x, ref := rampKernel(t, "((x - c)*250.1)*3.7 + 1.28/(x*0.001)", map[string]float64{"c": 0.013})
	ops := opCounts(k.update)
	if ops[opAddMulMulC] != 1 || ops[opRDivMulC] != 1 || len(k.update.code) != 3 {
		t.Errorf("instructions %v, want one opAddMulMulC, one opRDivMulC and the sum", ops)
	}
	k.Step(0, len(x), 0, nil)
	for i, v := range ref {
		// float64(a*b) keeps Go from fusing into an FMA (arm64, GOAMD64=v3)
		a := float64(float64(float64(v-0.013)*250.1) * 3.7)
		b := 1.28 / float64(v*0.001)
		if want := a + b; x[i] != want {
			t.Fatalf("cell %d: %.17g, separate operations %.17g", i, x[i], want)
		}
	}
}

// rampKernel compiles the update x ← expr over 37 cells (four lanes at a
// time and a tail in the SIMD build) whose x rises from −0.07 in steps of
// 0.0123, and returns the kernel, x and a copy of its initial values.
func rampKernel(t *testing.T, expr string, consts map[string]float64) (k *Kernel, x, ref []float64) {
	t.Helper()
	x = make([]float64, 37)
	for i := range x {
		x[i] = -0.07 + float64(0.0123*float64(i)) // float64(a*b): no FMA, the same values everywhere
	}
	ref = append([]float64(nil), x...)
	k, err := New(Spec{N: len(x), DT: 1e-4, Arrays: map[string][]float64{"x": x}, Consts: consts,
		Update: prog(t, "_x = "+expr, "x <- _x")})
	if err != nil {
		t.Fatal(err)
	}
	return k, x, ref
}

// opCounts returns how many instructions of each opcode p has.
func opCounts(p *program) map[opcode]int {
	n := map[opcode]int{}
	for _, in := range p.code {
		n[in.op]++
	}
	return n
}
