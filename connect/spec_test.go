package connect

import (
	"math"
	"testing"
)

// A size past the 32-bit index limit is refused (where int holds it).
func TestErrorHugeSize(t *testing.T) {
	t.Parallel()
	if math.MaxInt == math.MaxInt32 {
		t.Skip("int holds no size past 2^31 here")
	}
	shift := 32 // a variable: 1 << 32 is no int constant on 32-bit targets
	_, err := Generate(Spec{Rule: AllToAll}, 1, 1<<shift, 1, 1, 1)
	want := "connect: all_to_all: sizes 1 × 4294967296 (pre × post) exceed the 32-bit index limit 2147483648"
	if err == nil || err.Error() != want {
		t.Errorf("got error %v, want %s", err, want)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		sp          Spec
		nPre, nPost int
		threads     int
		want        string
	}{
		{"p > 1", Spec{Rule: FixedProbability, P: 1.5}, 10, 10, 1,
			"connect: fixed_probability: p = 1.5 is outside [0, 1]"},
		{"p < 0", Spec{Rule: FixedProbability, P: -0.1}, 10, 10, 1,
			"connect: fixed_probability: p = -0.1 is outside [0, 1]"},
		{"p NaN", Spec{Rule: FixedProbability, P: math.NaN()}, 10, 10, 1,
			"connect: fixed_probability: p = NaN is outside [0, 1]"},
		{"negative pre", Spec{Rule: AllToAll}, -1, 10, 1,
			"connect: all_to_all: sizes -1 × 10 (pre × post) must not be negative"},
		{"negative post", Spec{Rule: FixedProbability}, 1, -10, 1,
			"connect: fixed_probability: sizes 1 × -10 (pre × post) must not be negative"},
		{"threads", Spec{Rule: AllToAll}, 1, 1, 0,
			"connect: threads = 0 must be at least 1"},
		{"unknown rule", Spec{}, 1, 1, 1,
			"connect: rule 0 is unknown; valid: all_to_all, fixed_number_post, fixed_number_pre, fixed_probability, from_list, one_to_one"},
		{"one_to_one sizes", Spec{Rule: OneToOne}, 10, 12, 1,
			"connect: one_to_one: pre size 10 differs from post size 12"},
		{"n negative", Spec{Rule: FixedNumberPost, N: -3}, 10, 10, 1,
			"connect: fixed_number_post: n = -3 is negative"},
		{"n too large post", Spec{Rule: FixedNumberPost, N: 11}, 5, 10, 1,
			"connect: fixed_number_post: n = 11 exceeds the 10 candidate post neurons of pre neuron 0 without replacement"},
		{"n too large pre", Spec{Rule: FixedNumberPre, N: 6}, 5, 10, 1,
			"connect: fixed_number_pre: n = 6 exceeds the 5 candidate pre neurons of post neuron 0 without replacement"},
		{"n too large no self", Spec{Rule: FixedNumberPost, N: 10, SameRoot: true, PreOffset: 5}, 5, 10, 1,
			"connect: fixed_number_post: n = 10 exceeds the 9 candidate post neurons of pre neuron 0 without replacement (self connections excluded)"},
		{"no candidates", Spec{Rule: FixedNumberPost, N: 2, WithReplacement: true, SameRoot: true}, 1, 1, 1,
			"connect: fixed_number_post: n = 2 but pre neuron 0 has no candidate post neurons (self connections excluded)"},
		{"no candidates empty", Spec{Rule: FixedNumberPre, N: 1, WithReplacement: true}, 0, 3, 1,
			"connect: fixed_number_pre: n = 1 but post neuron 0 has no candidate pre neurons"},
		{"pair out of range", Spec{Rule: FromList, Pairs: [][2]int32{{0, 0}, {12, 4}}}, 10, 8, 1,
			"connect: from_list: pair 1 (12, 4) is outside the 10 × 8 (pre × post) range"},
		{"pair negative", Spec{Rule: FromList, Pairs: [][2]int32{{0, -1}}}, 10, 8, 1,
			"connect: from_list: pair 0 (0, -1) is outside the 10 × 8 (pre × post) range"},
	}
	for _, c := range cases {
		csr, err := Generate(c.sp, c.nPre, c.nPost, 1, 1, c.threads)
		if err == nil {
			t.Errorf("%s: no error, got %d synapses", c.name, csr.Len())
			continue
		}
		if err.Error() != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, err, c.want)
		}
	}
}

func TestRuleString(t *testing.T) {
	t.Parallel()
	for r, want := range map[Rule]string{FixedProbability: "fixed_probability", FromList: "from_list", 0: "Rule(0)", 42: "Rule(42)"} {
		if got := r.String(); got != want {
			t.Errorf("Rule(%d).String() = %q, want %q", int(r), got, want)
		}
	}
}
