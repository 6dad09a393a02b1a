package units

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// unit is a named unit: its value is exactly 10^exp10 in SI units of dim.
// Every unit Volley knows has a power-of-ten scale, which lets Parse compute
// "0.2 ms" as the float64 nearest to 0.0002, not as 0.2*0.001.
type unit struct {
	exp10 int
	dim   Dim
}

func (u unit) quantity() Quantity {
	v, _ := strconv.ParseFloat("1e"+strconv.Itoa(u.exp10), 64)
	return Quantity{Value: v, Dim: u.dim}
}

// prefixes are the SI prefixes Brian2 accepts, "da" first so that it wins
// over "d". Both micro signs (U+00B5 and U+03BC) are accepted as well as "u".
var prefixes = [...]struct {
	p     string
	exp10 int
}{
	{"da", 1},
	{"y", -24}, {"z", -21}, {"a", -18}, {"f", -15}, {"p", -12}, {"n", -9},
	{"u", -6}, {"\u00b5", -6}, {"\u03bc", -6}, {"m", -3}, {"c", -2}, {"d", -1},
	{"h", 2}, {"k", 3}, {"M", 6}, {"G", 9}, {"T", 12}, {"P", 15}, {"E", 18},
	{"Z", 21}, {"Y", 24},
}

var (
	dimPascal = Dim{idxMetre: -2, idxKilogram: 2, idxSecond: -4}
	dimWeber  = Dim{idxMetre: 4, idxKilogram: 2, idxSecond: -4, idxAmp: -2}
	dimTesla  = Dim{idxKilogram: 2, idxSecond: -4, idxAmp: -2}
	dimHenry  = Dim{idxMetre: 4, idxKilogram: 2, idxSecond: -4, idxAmp: -4}
	dimLux    = Dim{idxMetre: -4, idxCandela: 2}
	dimGray   = Dim{idxMetre: 4, idxSecond: -4}
	dimKatal  = Dim{idxMole: 2, idxSecond: -2}
	dimMolar  = Dim{idxMole: 2, idxMetre: -6}
	dimVolume = Dim{idxMetre: 6}
)

// baseUnit resolves a name without prefix or power suffix. prefixable says
// whether Brian2 also defines the name with SI prefixes.
func baseUnit(name string) (u unit, prefixable, ok bool) {
	switch name {
	// Brian2 full names (brian2/units/allunits.py).
	case "metre", "meter", "m":
		return unit{0, Metre}, true, true
	case "gram", "gramme", "g":
		return unit{-3, Kilogram}, true, true
	case "kilogram":
		return unit{0, Kilogram}, false, true
	case "second", "s":
		return unit{0, Second}, true, true
	case "amp", "ampere", "A":
		return unit{0, Amp}, true, true
	case "kelvin", "K":
		return unit{0, Kelvin}, true, true
	case "mole", "mol":
		return unit{0, Mole}, true, true
	case "candle", "candela", "cd":
		return unit{0, Candela}, true, true
	case "radian", "steradian":
		return unit{0, Dimensionless}, true, true
	case "hertz", "Hz", "becquerel":
		return unit{0, Hertz}, true, true
	case "newton":
		return unit{0, Newton}, true, true
	case "pascal":
		return unit{0, dimPascal}, true, true
	case "joule", "J":
		return unit{0, Joule}, true, true
	case "watt", "W":
		return unit{0, Watt}, true, true
	case "coulomb", "C":
		return unit{0, Coulomb}, true, true
	case "volt", "V":
		return unit{0, Volt}, true, true
	case "farad", "F":
		return unit{0, Farad}, true, true
	case "ohm", "\u03a9":
		return unit{0, Ohm}, true, true
	case "siemens", "S":
		return unit{0, Siemens}, true, true
	case "weber":
		return unit{0, dimWeber}, true, true
	case "tesla":
		return unit{0, dimTesla}, true, true
	case "henry":
		return unit{0, dimHenry}, true, true
	case "lumen":
		return unit{0, Candela}, true, true
	case "lux":
		return unit{0, dimLux}, true, true
	case "gray", "sievert":
		return unit{0, dimGray}, true, true
	case "katal":
		return unit{0, dimKatal}, true, true
	case "molar", "M":
		return unit{3, dimMolar}, true, true
	case "liter", "litre":
		return unit{-3, dimVolume}, true, true
	}
	return unit{}, false, false
}

// lookupUnit resolves a unit name: a base name, a prefixed name, either
// optionally followed by a power suffix 2 or 3 (Brian2's "metre2", "cm3").
func lookupUnit(name string) (unit, bool) {
	if u, ok := lookupPrefixed(name); ok {
		return u, true
	}
	if n := len(name); n > 1 && (name[n-1] == '2' || name[n-1] == '3') {
		if u, ok := lookupPrefixed(name[:n-1]); ok {
			k := int(name[n-1] - '0')
			var d Dim
			for i := 0; i < k; i++ {
				d = d.Mul(u.dim)
			}
			return unit{u.exp10 * k, d}, true
		}
	}
	return unit{}, false
}

func lookupPrefixed(name string) (unit, bool) {
	if u, _, ok := baseUnit(name); ok {
		return u, true
	}
	for _, p := range prefixes {
		rest, found := strings.CutPrefix(name, p.p)
		if !found || rest == "" {
			continue
		}
		if u, prefixable, ok := baseUnit(rest); ok && prefixable {
			return unit{u.exp10 + p.exp10, u.dim}, true
		}
	}
	return unit{}, false
}

// Lookup returns the value in SI units of a unit name. It accepts every unit
// name Brian2 defines (brian2/units/allunits.py and stdunits.py): the full
// names (second, volt, amp, ampere, siemens, farad, ohm, hertz, metre,
// meter, gram, kilogram, kelvin, mole, mol, candela, coulomb, watt, joule,
// newton, pascal, weber, tesla, henry, molar, litre, …) with any SI prefix
// (msecond, mvolt, nsiemens, Mohm, ...), the short names ms, us, mV, nA, pA,
// nS, pF, Hz, kHz, cm, um, mM, ... and the power suffixes 2 and 3 (metre2,
// cm2, um3). As a Volley extension it also accepts the SI symbols s, m, g,
// A, K, mol, cd, Hz, J, W, C, V, F, S, ohm, Ω and M (molar, as in mM) with
// any prefix, and µ or μ for micro. Names are case-sensitive: mS is a
// millisiemens, ms a millisecond, M molar, m metre.
func Lookup(name string) (Quantity, bool) {
	u, ok := lookupUnit(name)
	if !ok {
		return Quantity{}, false
	}
	return u.quantity(), true
}

// commonNames are suggested first when a unit name is unknown.
var commonNames = [...]string{
	"second", "ms", "us", "volt", "mV", "uV", "amp", "nA", "pA", "uA", "mA",
	"siemens", "mS", "uS", "nS", "farad", "uF", "nF", "pF", "ohm", "kohm",
	"Mohm", "hertz", "Hz", "kHz", "metre", "meter", "cm", "mm", "um", "cm2",
	"um2", "molar", "mM", "uM", "mole", "mol", "kelvin", "coulomb", "joule",
	"watt", "kilogram", "gram", "msecond", "mvolt", "nsiemens", "pfarad",
	"namp", "pamp",
}

// Suggest returns up to three known unit names close to name (by case-folded
// edit distance), best first, for "did you mean" messages.
func Suggest(name string) []string {
	if name == "" || utf8.RuneCountInString(name) > 30 {
		return nil
	}
	type cand struct {
		name string
		dist int
	}
	var cs []cand
	seen := map[string]bool{}
	add := func(n string) {
		if seen[n] {
			return
		}
		seen[n] = true
		d := editDistance(strings.ToLower(name), strings.ToLower(n))
		if strings.EqualFold(name, n) {
			d = 0
		} else {
			d++ // exact case-folded matches rank first
		}
		if d <= 2 {
			cs = append(cs, cand{n, d})
		}
	}
	for _, n := range commonNames {
		add(n)
	}
	if len(cs) == 0 {
		for _, n := range prefixableNames {
			add(n)
			for _, p := range prefixes {
				add(p.p + n)
			}
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].dist < cs[j].dist })
	var out []string
	for _, c := range cs {
		if len(out) == 3 {
			break
		}
		out = append(out, c.name)
	}
	return out
}

var prefixableNames = [...]string{
	"metre", "meter", "gram", "gramme", "second", "amp", "ampere", "kelvin",
	"mole", "mol", "candela", "hertz", "newton", "pascal", "joule", "watt",
	"coulomb", "volt", "farad", "ohm", "siemens", "weber", "tesla", "henry",
	"molar", "litre", "liter", "s", "m", "g", "A", "K", "Hz", "J", "W", "C",
	"V", "F", "S", "M",
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
