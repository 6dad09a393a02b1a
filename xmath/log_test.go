package xmath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
)

// bigPrec is the precision of the logarithms of the tests.
const bigPrec = 200

// bigLogRatio returns log(a/b) for integers a > b > 0 to bigPrec bits:
// 2·atanh(z) with z = (a − b)/(a + b), by its series.
func bigLogRatio(a, b int64) *big.Float {
	z := new(big.Float).SetPrec(bigPrec).SetInt64(a - b)
	z.Quo(z, new(big.Float).SetPrec(bigPrec).SetInt64(a+b))
	return bigAtanh2(z)
}

// bigAtanh2 returns 2·atanh(z) for |z| ≤ 1/3 to bigPrec bits: 2·(z + z³/3
// + z⁵/5 + …).
func bigAtanh2(z *big.Float) *big.Float {
	z2 := new(big.Float).SetPrec(bigPrec).Mul(z, z)
	sum := new(big.Float).SetPrec(bigPrec).Set(z)
	if z.Sign() == 0 {
		return sum
	}
	term := new(big.Float).SetPrec(bigPrec).Set(z)
	t := new(big.Float).SetPrec(bigPrec)
	for n := int64(3); ; n += 2 {
		term.Mul(term, z2)
		t.Quo(term, new(big.Float).SetPrec(bigPrec).SetInt64(n))
		if t.Sign() == 0 || t.MantExp(nil)-sum.MantExp(nil) < -bigPrec {
			break
		}
		sum.Add(sum, t)
	}
	return sum.Add(sum, sum)
}

// bigLogs returns ln2 and log(1 + j/128), j = 0..128, to bigPrec bits
// (less a few ulps: each is the sum of j logarithms of ratios).
var bigLogs = sync.OnceValues(func() (*big.Float, [129]*big.Float) {
	var l [129]*big.Float
	l[0] = new(big.Float).SetPrec(bigPrec)
	for j := 1; j <= 128; j++ {
		l[j] = new(big.Float).SetPrec(bigPrec).Add(l[j-1], bigLogRatio(int64(128+j), int64(127+j)))
	}
	return bigLogRatio(2, 1), l
})

// bigLog returns log x for finite x > 0 to about bigPrec bits: x = 2^e·y
// with y in [1, 2), c = 1 + j/128 the nearest grid point, log x = e·ln2 +
// log c + 2·atanh((y − c)/(y + c)).
func bigLog(x float64) *big.Float {
	ln2, l := bigLogs()
	y, e := math.Frexp(x) // y in [1/2, 1)
	y, e = 2*y, e-1
	j := int(math.Round((y - 1) * 128))
	c := 1 + float64(j)/128
	z := new(big.Float).SetPrec(bigPrec).SetFloat64(y - c) // exact
	w := new(big.Float).SetPrec(bigPrec).SetFloat64(y)
	z.Quo(z, w.Add(w, new(big.Float).SetFloat64(c)))
	r := bigAtanh2(z)
	r.Add(r, l[j])
	return r.Add(r, new(big.Float).SetPrec(bigPrec).Mul(ln2, new(big.Float).SetInt64(int64(e))))
}

// splitLog returns v's hi part, rounded to a multiple of 2^-42, and the
// rest rounded: the parts of ln2Hi, ln2Lo and logTable.
func splitLog(v *big.Float) (hi, lo float64) {
	s := new(big.Float).SetPrec(bigPrec).SetMantExp(v, 42)
	s.Add(s, big.NewFloat(0.5))
	n, _ := s.Int(nil) // rounded down: v ≥ 0
	h := new(big.Float).SetPrec(bigPrec).SetInt(n)
	h.SetMantExp(h, -42)
	hi, _ = h.Float64()
	lo, _ = new(big.Float).SetPrec(bigPrec).Sub(v, h).Float64()
	return hi, lo
}

// TestLogTable computes ln2Hi, ln2Lo and logTable again from 200-bit
// logarithms and prints the lines that differ, ready to paste.
func TestLogTable(t *testing.T) {
	t.Parallel()
	hx := func(f float64) string { return strconv.FormatFloat(f, 'x', -1, 64) }
	ln2, l := bigLogs()
	if hi, lo := splitLog(ln2); hi != ln2Hi || lo != ln2Lo {
		t.Errorf("ln2Hi, ln2Lo = %s, %s; want %s, %s", hx(ln2Hi), hx(ln2Lo), hx(hi), hx(lo))
	}
	for j := range logTable {
		if hi, lo := splitLog(l[j]); hi != logTable[j][0] || lo != logTable[j][1] {
			t.Errorf("logTable[%d] = {%s, %s}; want {%s, %s},", j, hx(logTable[j][0]), hx(logTable[j][1]), hx(hi), hx(lo))
		}
	}
	if logTable[128] != [2]float64{ln2Hi, ln2Lo} {
		t.Errorf("logTable[128] = %v, want ln2Hi, ln2Lo", logTable[128])
	}
}

// TestLogAccuracy checks Log within one ulp of a 200-bit reference at
// random positive doubles of every exponent (subnormals included), near 1
// on both sides, around every grid point and the edges of the intervals
// between them, the edges of the range near 1, powers of two and their
// neighbours; it also counts the values where Log differs from math.Log.
func TestLogAccuracy(t *testing.T) {
	t.Parallel()
	s := rand.New(rand.NewPCG(3, 0))
	var xs []float64
	for range 30000 {
		xs = append(xs, math.Float64frombits(s.Uint64()>>1)) // any sign-less double
	}
	for range 10000 {
		d := math.Ldexp(s.Float64(), -s.IntN(60))
		xs = append(xs, 1+d, 1-d/2)
	}
	for j := range 129 {
		c := 1 + float64(j)/128
		for _, d := range []float64{0, 1.0 / 256, -1.0 / 256} {
			v := c + d
			xs = append(xs, v, math.Nextafter(v, 0), math.Nextafter(v, 3), v/2, math.Nextafter(v/2, 0), math.Nextafter(v/2, 3))
			for range 20 {
				xs = append(xs, v+(s.Float64()-0.5)/256)
			}
		}
	}
	for e := -1074; e <= 1023; e++ {
		p := math.Ldexp(1, e)
		xs = append(xs, p, math.Nextafter(p, 0), math.Nextafter(p, math.Inf(1)), 1.5*p)
	}
	xs = append(xs, 1-3.0/512, 1+3.0/256, math.Nextafter(1-3.0/512, 0), math.Nextafter(1+3.0/256, 0),
		math.MaxFloat64, math.SmallestNonzeroFloat64, 0x1p-1022, math.Nextafter(0x1p-1022, 0), math.E, 10, 3.442619855899)
	var worst, worstX, worstMath float64
	differ := 0
	for _, x := range xs {
		if !(x > 0) || math.IsInf(x, 0) || math.IsNaN(x) {
			continue
		}
		got, want := Log(x), bigLog(x)
		if u := ulps(got, want); u > worst {
			worst, worstX = u, x
		}
		if got != math.Log(x) {
			differ++
			if x >= 0x1p-1022 { // math.Log on amd64 is wrong below (golang/go#56600)
				worstMath = max(worstMath, ulps(math.Log(x), want))
			}
		}
	}
	if worst > 1 {
		t.Errorf("largest error %.3g ulp at x = %v", worst, worstX)
	}
	t.Logf("largest error %.3g ulp at x = %v; %d of %d values differ from math.Log, whose largest error there (normal x) is %.3g ulp", worst, worstX, differ, len(xs), worstMath)
	for _, c := range []struct{ x, want float64 }{
		{1, 0}, {math.Inf(1), math.Inf(1)}, {0, math.Inf(-1)}, {math.Copysign(0, -1), math.Inf(-1)},
		{2, math.Ln2}, {0.5, -math.Ln2}, {math.E, 1},
	} {
		if got := Log(c.x); got != c.want || math.Signbit(got) != math.Signbit(c.want) {
			t.Errorf("Log(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	for _, x := range []float64{-1, -math.SmallestNonzeroFloat64, math.Inf(-1), math.NaN()} {
		if got := Log(x); !math.IsNaN(got) {
			t.Errorf("Log(%v) = %v, want NaN", x, got)
		}
	}
}

func BenchmarkLog(b *testing.B) {
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = 0.01 + 0.37*float64(i)
	}
	b.Run("xmath", func(b *testing.B) {
		var sum float64
		for b.Loop() {
			for _, x := range xs {
				sum += Log(x)
			}
		}
		_ = sum
	})
	b.Run("math", func(b *testing.B) {
		var sum float64
		for b.Loop() {
			for _, x := range xs {
				sum += math.Log(x)
			}
		}
		_ = sum
	})
}
