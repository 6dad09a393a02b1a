package connect

import (
	"fmt"
	"math"
)

// Rule is a connectivity rule.
type Rule int

// Connectivity rules (names as in PyNN's connectors).
const (
	// FixedProbability connects each candidate pair independently with
	// probability Spec.P.
	FixedProbability Rule = 1 + iota
	// AllToAll connects every candidate pair.
	AllToAll
	// OneToOne connects pre i to post i; the sizes must be equal.
	OneToOne
	// FixedNumberPre gives each post neuron Spec.N pre neurons.
	FixedNumberPre
	// FixedNumberPost gives each pre neuron Spec.N post neurons.
	FixedNumberPost
	// FromList connects exactly the pairs in Spec.Pairs.
	FromList
)

var ruleNames = [...]string{
	FixedProbability: "fixed_probability",
	AllToAll:         "all_to_all",
	OneToOne:         "one_to_one",
	FixedNumberPre:   "fixed_number_pre",
	FixedNumberPost:  "fixed_number_post",
	FromList:         "from_list",
}

// String returns the rule's model-file name, e.g. "fixed_probability".
func (r Rule) String() string {
	if r >= FixedProbability && r <= FromList {
		return ruleNames[r]
	}
	return fmt.Sprintf("Rule(%d)", int(r))
}

// Spec describes one projection's connectivity. P, N, WithReplacement and
// Pairs are read only by the rules they belong to; the self-connection
// fields by every rule but FromList.
type Spec struct {
	Rule Rule
	// P is the connection probability of FixedProbability, in [0, 1].
	P float64
	// N is the number of pre neurons per post neuron (FixedNumberPre) or of
	// post neurons per pre neuron (FixedNumberPost).
	N int
	// AllowSelf allows a neuron to connect to itself (PyNN
	// allow_self_connections, NEST allow_autapses). It matters only when
	// SameRoot is set, and is ignored by FromList.
	AllowSelf bool
	// WithReplacement lets FixedNumber* draw the same partner more than
	// once, giving multapses (PyNN with_replacement, default false).
	WithReplacement bool
	// SameRoot says that pre and post are views of one root group: pre i and
	// post j are the same neuron when PreOffset+i == PostOffset+j.
	SameRoot              bool
	PreOffset, PostOffset int
	// Pairs are the (pre, post) pairs of FromList, in any order, kept with
	// multiplicity.
	Pairs [][2]int32
}

// maxSize is the largest group size: indices must fit in int32.
const maxSize int64 = math.MaxInt32 + 1

// check validates the sizes and the rule's parameters.
func (sp *Spec) check(nPre, nPost, threads int) error {
	if nPre < 0 || nPost < 0 {
		return fmt.Errorf("connect: %v: sizes %d × %d (pre × post) must not be negative", sp.Rule, nPre, nPost)
	}
	if int64(nPre) > maxSize || int64(nPost) > maxSize {
		return fmt.Errorf("connect: %v: sizes %d × %d (pre × post) exceed the 32-bit index limit %d", sp.Rule, nPre, nPost, maxSize)
	}
	if threads < 1 {
		return fmt.Errorf("connect: threads = %d must be at least 1", threads)
	}
	switch sp.Rule {
	case FixedProbability:
		if !(sp.P >= 0 && sp.P <= 1) {
			return fmt.Errorf("connect: fixed_probability: p = %v is outside [0, 1]", sp.P)
		}
	case AllToAll, FromList:
	case OneToOne:
		if nPre != nPost {
			return fmt.Errorf("connect: one_to_one: pre size %d differs from post size %d", nPre, nPost)
		}
	case FixedNumberPre:
		return sp.checkNumber(nPost, nPre, sp.PostOffset, sp.PreOffset, "post", "pre")
	case FixedNumberPost:
		return sp.checkNumber(nPre, nPost, sp.PreOffset, sp.PostOffset, "pre", "post")
	default:
		return fmt.Errorf("connect: rule %d is unknown; valid: all_to_all, fixed_number_post, fixed_number_pre, fixed_probability, from_list, one_to_one", int(sp.Rule))
	}
	return nil
}

// checkNumber validates N for a fixed-number rule in which each of nOwn
// "own" neurons draws N partners among nOther "other" neurons.
func (sp *Spec) checkNumber(nOwn, nOther, ownOff, otherOff int, own, other string) error {
	if sp.N < 0 {
		return fmt.Errorf("connect: %v: n = %d is negative", sp.Rule, sp.N)
	}
	if sp.N == 0 || nOwn == 0 {
		return nil
	}
	// The own neuron with the fewest candidates: one whose self is among
	// the others, if self connections are excluded.
	worst, cand := 0, nOther
	for i := 0; i < nOwn; i++ {
		if selfIndex(sp.excludeSelf(), ownOff, otherOff, i, nOther) >= 0 {
			worst, cand = i, nOther-1
			break
		}
	}
	excluded := ""
	if cand < nOther {
		excluded = " (self connections excluded)"
	}
	switch {
	case cand == 0:
		return fmt.Errorf("connect: %v: n = %d but %s neuron %d has no candidate %s neurons%s", sp.Rule, sp.N, own, worst, other, excluded)
	case !sp.WithReplacement && sp.N > cand:
		return fmt.Errorf("connect: %v: n = %d exceeds the %d candidate %s neurons of %s neuron %d without replacement%s", sp.Rule, sp.N, cand, other, own, worst, excluded)
	}
	return nil
}

// excludeSelf reports whether self connections must be left out.
func (sp *Spec) excludeSelf() bool { return sp.SameRoot && !sp.AllowSelf }

// selfIndex returns the index among the nOther "other" neurons of the
// neuron that is "own" neuron i itself, or -1 if there is none or self
// connections are allowed. For rows by pre: ownOff = PreOffset, otherOff =
// PostOffset.
func selfIndex(exclude bool, ownOff, otherOff, i, nOther int) int {
	if !exclude {
		return -1
	}
	j := ownOff + i - otherOff
	if j < 0 || j >= nOther {
		return -1
	}
	return j
}
