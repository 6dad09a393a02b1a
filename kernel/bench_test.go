package kernel

import (
	"fmt"
	"testing"
)

// adexKernel is the Euler step of the AdEx network of the adex_net_seed
// example (Naud 2008 parameters in SI units, conductance input, white-noise
// current), as the integrate package writes it, with the threshold and reset
// of the example.
func adexKernel(b *testing.B, n int) *Kernel {
	b.Helper()
	v, w, ge, gi := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range v {
		v[i] = -0.065 + float64(1e-4*float64(i%50)) // float64(a*b): no FMA, the same values on every platform
		ge[i] = 1e-9 * float64(i%7)
	}
	p := prog(&testing.T{},
		"__dW_xi = sqrt(dt)*_xi",
		"_V = V + dt*((-gL*(V - EL) + gL*DT*exp((V - VT)/DT) - ge*(V - Ee) - gi*(V - Ei) - w)/C) + -Iext/C*__dW_xi",
		"_w = w + dt*((a*(V - EL) - w)/tau_w)",
		"_ge = ge + dt*(-ge/tau_g)",
		"_gi = gi + dt*(-gi/tau_g)",
		"V <- _V", "w <- _w", "ge <- _ge", "gi <- _gi")
	p.Noise = []string{"_xi"}
	k, err := New(Spec{N: n, DT: 1e-4, Seed: 1, ID: 2,
		Arrays: map[string][]float64{"V": v, "w": w, "ge": ge, "gi": gi},
		Consts: map[string]float64{"C": 104e-12, "gL": 4.3e-9, "EL": -0.065, "VT": -0.052, "DT": 0.8e-3,
			"Vs": 0.04, "Vr": -0.053, "a": -0.8e-9, "b": 65e-12, "tau_w": 0.088, "Ee": 0, "Ei": -0.08,
			"tau_g": 0.007, "Iext": 8e-12},
		Update:    p,
		Threshold: mustExpr(b, "V > Vs"), ThresholdSrc: "V > Vs",
		Reset: statements(&testing.T{}, "V = Vr; w += b"), ResetSrc: "V = Vr; w += b"})
	if err != nil {
		b.Fatal(err)
	}
	return k
}

// BenchmarkAdEx times one step of the AdEx Euler kernel (its block-machine
// program and one normal draw per cell) per cell, for the 100 cells of
// adex_net_seed and for a block-filling group.
func BenchmarkAdEx(b *testing.B) {
	for _, n := range []int{100, 4096} {
		b.Run(fmt.Sprintf("cells=%d", n), func(b *testing.B) {
			k := adexKernel(b, n)
			var out []int32
			step := int64(0)
			for b.Loop() {
				out, _ = k.Step(0, n, step, out[:0])
				k.Reset(out, step)
				step++
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/cell")
		})
	}
}
