package xmath

import "math"

// Log returns the natural logarithm of x within one unit in the last place
// (tested against 200-bit values; about 0.76 ulp at worst by the analysis
// below), with math.Log's special cases: Log(+Inf) = +Inf, Log(0) = −Inf,
// Log(x < 0) = NaN, Log(NaN) = NaN. Unlike math.Log, which is assembly on
// amd64 and s390x and Go code elsewhere (fused into multiply-adds on some
// platforms), it gives the same bits on every platform.
//
// It is the table method of Tang (ACM TOMS 16(4), 1990): x = 2^k·y with y
// in [1, 2), c = 1 + j/128 the nearest point of a grid of 129, so that
// log x = k·ln2 + log c + log1p(u) with u = (y − c)/c, |u| ≤ 2^-8. ln2 and
// the table's log c are held in two parts, hi + lo, the hi parts multiples
// of 2^-42, so that k·ln2hi + hi (|k| ≤ 1074) is exact. The sum with u is
// made exact too (Fast2Sum: |k·ln2hi + hi| ≥ |u| wherever it is not 0), so
// the result is rounded once, after the small terms (lo parts, the
// polynomial of log1p(u) − u, the error of the sum) are added to it: 0.5
// ulp, plus at most 0.25 ulp from the rounding of u. Near 1, where the
// result is as small as u, x − 1 is exact and takes u's place (c = 1, no
// division): x in [1 − 3/512, 1 + 3/256) gives 0.53 ulp at worst.
// float64(a*b) prevents fused multiply-adds (see doc.go).
func Log(x float64) float64 {
	switch {
	case !(x > 0): // 0, negative or NaN
		if x == 0 {
			return math.Inf(-1)
		}
		return math.NaN()
	case x > math.MaxFloat64:
		return x
	}
	b := math.Float64bits(x)
	k := int(b>>52) - 1023
	if b>>52 == 0 { // subnormal: scaled by 2^52, exactly
		b = math.Float64bits(x * 0x1p52)
		k = int(b>>52) - 1023 - 52
	}
	m := b & (1<<52 - 1)   // y = 1 + m/2^52
	j := (m + 1<<44) >> 45 // the nearest c = 1 + j/128, j in 0..128
	if k == 0 && j < 2 || k == -1 && j > 126 {
		f := x - 1 // exact (Sterbenz)
		return f + log1pPoly(f)
	}
	y := math.Float64frombits(m | 1023<<52)
	c := float64(float64(128+j) * (1.0 / 128)) // 1 + j/128, exact
	u := (y - c) / c                           // y − c is exact (Sterbenz)
	kf := float64(k)
	hi := float64(kf*ln2Hi) + logTable[j][0] // exact
	lo := float64(kf*ln2Lo) + logTable[j][1]
	s := hi + u
	e := (hi - s) + u // s + e = hi + u exactly
	return s + (e + (log1pPoly(u) + lo))
}

// log1pPoly returns log(1 + f) − f for |f| < 3/256: Taylor to f^9, whose
// truncation (f^10/10) is below 2^-60 of f.
func log1pPoly(f float64) float64 {
	p := -1.0/8 + float64(f*(1.0/9))
	p = 1.0/7 + float64(f*p)
	p = -1.0/6 + float64(f*p)
	p = 1.0/5 + float64(f*p)
	p = -1.0/4 + float64(f*p)
	p = 1.0/3 + float64(f*p)
	p = -1.0/2 + float64(f*p)
	return float64(float64(f*f) * p)
}

// ln2 in two parts: ln2Hi is ln2 rounded to a multiple of 2^-42 (41
// significant bits, so k·ln2Hi is exact for |k| < 2^12), ln2Lo the rest
// rounded.
const (
	ln2Hi = 0x1.62e42fefa38p-01
	ln2Lo = 0x1.ef35793c7673p-45
)

// logTable holds log(1 + j/128), j = 0..128, in two parts: the hi part
// rounded to a multiple of 2^-42, the rest rounded, from 200-bit values
// (TestLogTable computes them again). The last row is ln2Hi, ln2Lo.
var logTable = [129][2]float64{
	{0x0p+00, 0x0p+00},
	{0x1.fe02a6b1p-08, 0x1.9e23f0dda40e4p-46},
	{0x1.fc0a8b0fcp-07, 0x1.f1e7cf6d3a69cp-50},
	{0x1.7b91b07d6p-06, -0x1.3b955b602ace4p-44},
	{0x1.f829b0e78p-06, 0x1.980267c7e09e4p-45},
	{0x1.39e87b9fe8p-05, 0x1.eafd480ad9015p-44},
	{0x1.77458f633p-05, -0x1.181dce586af09p-44},
	{0x1.b42dd71198p-05, -0x1.c827ae5d6704cp-46},
	{0x1.f0a30c0118p-05, -0x1.d599e83368e91p-45},
	{0x1.16536eea38p-04, -0x1.47c5e768fa309p-46},
	{0x1.341d7961bcp-04, 0x1.1d0929983761p-44},
	{0x1.51b073f06p-04, 0x1.83f69278e686ap-44},
	{0x1.6f0d28ae58p-04, -0x1.4b4641b664613p-44},
	{0x1.8c345d6318p-04, 0x1.b20f5acb42a66p-44},
	{0x1.a926d3a4acp-04, 0x1.563650bd22a9cp-44},
	{0x1.c5e548f5bcp-04, 0x1.d0c57585fbe06p-46},
	{0x1.e27076e2bp-04, -0x1.a342c2af0003cp-45},
	{0x1.fec9131dcp-04, -0x1.54555d1ae6607p-44},
	{0x1.0d77e7cd08p-03, 0x1.cb2cd2ee2f482p-44},
	{0x1.1b72ad52f6p-03, 0x1.e80a41811a396p-45},
	{0x1.29552f82p-03, -0x1.5b967f4471dfcp-44},
	{0x1.371fc201e8p-03, 0x1.ee8779b2d8abcp-44},
	{0x1.44d2b6ccb8p-03, -0x1.70cc16135783cp-46},
	{0x1.526e5e3a1cp-03, -0x1.790ba37fc5238p-44},
	{0x1.5ff3070a7ap-03, -0x1.8586f183bebf2p-44},
	{0x1.6d60fe719ep-03, -0x1.bc6e557134767p-44},
	{0x1.7ab890210ep-03, -0x1.bdb9072534a58p-45},
	{0x1.87fa06520cp-03, 0x1.22120401202fcp-44},
	{0x1.9525a9cf46p-03, -0x1.297137d9f158fp-44},
	{0x1.a23bc1fe2cp-03, -0x1.539cd91dc9f0bp-44},
	{0x1.af3c94e80cp-03, -0x1.a4e633fcd9066p-52},
	{0x1.bc286742d8p-03, 0x1.9ac53f39d121cp-44},
	{0x1.c8ff7c79aap-03, -0x1.7794f689f8434p-45},
	{0x1.d5c216b4fcp-03, -0x1.1ba91bbca681bp-45},
	{0x1.e27076e2bp-03, -0x1.a342c2af0003cp-44},
	{0x1.ef0adcbdc6p-03, -0x1.b26b79c86af24p-45},
	{0x1.fb9186d5e4p-03, -0x1.d572aab993c87p-47},
	{0x1.0402594b4dp-02, 0x1.036b89ef42d7fp-48},
	{0x1.0a324e2739p-02, 0x1.c6bee7ef4030ep-47},
	{0x1.1058bf9ae5p-02, -0x1.4ab9d817d52cdp-44},
	{0x1.1675cababap-02, 0x1.8380e731f55c4p-44},
	{0x1.1c898c169ap-02, -0x1.81410e5c62affp-44},
	{0x1.22941fbcf8p-02, -0x1.a6976f5eb0963p-44},
	{0x1.2895a13de8p-02, 0x1.a8d7ad24c13fp-44},
	{0x1.2e8e2bae12p-02, -0x1.67b1e99b72bd8p-45},
	{0x1.347dd9a988p-02, -0x1.5594dd4c58092p-45},
	{0x1.3a64c55694p-02, 0x1.7a71cbcd735dp-44},
	{0x1.404308686ap-02, 0x1.f8ef43049f7d3p-44},
	{0x1.4618bc21c6p-02, -0x1.3d82f484c84ccp-46},
	{0x1.4be5f95778p-02, -0x1.d7c92cd9ad824p-44},
	{0x1.51aad872ep-02, -0x1.f4bd8db0a7cc1p-44},
	{0x1.5767717456p-02, -0x1.64ead9524d7cap-44},
	{0x1.5d1bdbf581p-02, -0x1.8d6bdc9c7c238p-44},
	{0x1.62c82f2b9cp-02, 0x1.e54bdbd7c8a98p-44},
	{0x1.686c81e9b1p-02, 0x1.2bb110af84054p-44},
	{0x1.6e08eaa2bap-02, 0x1.e38c139318d71p-46},
	{0x1.739d7f6bbdp-02, 0x1.a7389314feb5p-52},
	{0x1.792a55fdd4p-02, 0x1.e89f057691feap-44},
	{0x1.7eaf83b82bp-02, -0x1.e4da62d0c25adp-49},
	{0x1.842d1da1e9p-02, -0x1.3a2db13ae687cp-44},
	{0x1.89a3386c14p-02, 0x1.2d5ad38c40882p-45},
	{0x1.8f11e87366p-02, 0x1.63bf0bb4eab4cp-45},
	{0x1.947941c211p-02, 0x1.beae9337451f4p-44},
	{0x1.99d958117ep-02, 0x1.1597525dd88fp-47},
	{0x1.9f323ecbfap-02, -0x1.ed03525ca2643p-44},
	{0x1.a484090e5cp-02, -0x1.3d7500d6523c5p-44},
	{0x1.a9cec9a9a1p-02, -0x1.ed9cadec02b43p-44},
	{0x1.af12932478p-02, -0x1.e53bb31eed7a9p-44},
	{0x1.b44f77bcc9p-02, -0x1.3ae68224aa2cep-47},
	{0x1.b985896931p-02, 0x1.f6b31f629f11ep-47},
	{0x1.beb4d9da72p-02, -0x1.21021e78b2151p-44},
	{0x1.c3dd7a7cdbp-02, -0x1.5946261f5a42bp-45},
	{0x1.c8ff7c79aap-02, -0x1.7794f689f8434p-44},
	{0x1.ce1af0b85fp-02, 0x1.f5bdbe95e5568p-45},
	{0x1.d32fe7e00fp-02, -0x1.0aa7884dcd05p-44},
	{0x1.d83e7258a3p-02, -0x1.835f5d48ba26dp-47},
	{0x1.dd46a04c1cp-02, 0x1.282fb989a9274p-44},
	{0x1.e24881a7c7p-02, -0x1.ecf1a1385d356p-45},
	{0x1.e744261d68p-02, 0x1.e1f8df68dbcf3p-44},
	{0x1.ec399d2469p-02, -0x1.9ff45188d6065p-45},
	{0x1.f128f5fafp-02, 0x1.bb2cd720ec44cp-44},
	{0x1.f6123fa703p-02, -0x1.d4e7aea4f0d25p-44},
	{0x1.faf588f78fp-02, 0x1.8f6cd7d9f2754p-45},
	{0x1.ffd2e0857fp-02, 0x1.261565f40d932p-44},
	{0x1.02552a5a5dp-01, 0x1.fd8d38d2bafddp-46},
	{0x1.04bdf9da928p-01, -0x1.2d9a033eff74ep-45},
	{0x1.0723e5c1cep-01, -0x1.7f6350d38edddp-46},
	{0x1.0986f4f5738p-01, -0x1.6fa37012b5806p-44},
	{0x1.0be72e42528p-01, 0x1.415b4c4bdd99fp-44},
	{0x1.0e44985d1dp-01, -0x1.ba048a8d10b4bp-44},
	{0x1.109f39e2d5p-01, -0x1.b4810e09b27a4p-44},
	{0x1.12f719593fp-01, -0x1.0eb3fb7398e0cp-47},
	{0x1.154c3d2f4d8p-01, -0x1.0b2b38662e34dp-44},
	{0x1.179eabbd898p-01, 0x1.a0bfc60e6fa08p-45},
	{0x1.19ee6b467c8p-01, 0x1.6ecc5cbdd7782p-45},
	{0x1.1c3b81f714p-01, -0x1.eda1b58389902p-44},
	{0x1.1e85f5e704p-01, 0x1.a07bd8b34be7cp-46},
	{0x1.20cdcd192a8p-01, 0x1.b6c9a81e87baep-44},
	{0x1.23130d7becp-01, -0x1.7afa4392f1ba7p-46},
	{0x1.2555bce98f8p-01, -0x1.a61fde292977ep-48},
	{0x1.2795e1289bp-01, 0x1.1aeb783f3db97p-45},
	{0x1.29d37fec2bp-01, 0x1.1590b9ad974bap-46},
	{0x1.2c0e9ed449p-01, -0x1.74468563ce45dp-45},
	{0x1.2e47436e4p-01, 0x1.34202a10c3491p-44},
	{0x1.307d7334f1p-01, 0x1.7c3f6b2143eadp-46},
	{0x1.32b1339122p-01, -0x1.4766fd54a4c27p-44},
	{0x1.34e289d9cep-01, 0x1.d316eb92d885dp-45},
	{0x1.37117b54748p-01, -0x1.28e88bf6deec9p-47},
	{0x1.393e0d35628p-01, 0x1.0cd4e221301b7p-44},
	{0x1.3b6844ap-01, -0x1.eea838909f3d3p-44},
	{0x1.3d9026a7158p-01, -0x1.055bfbd9c2f53p-45},
	{0x1.3fb5b84d17p-01, -0x1.7b4962c55f46bp-46},
	{0x1.41d8fe8467p-01, 0x1.5732325e617a3p-44},
	{0x1.43f9fe2f9dp-01, -0x1.98858d84649f1p-45},
	{0x1.4618bc21c6p-01, -0x1.3d82f484c84ccp-45},
	{0x1.48353d1ea88p-01, 0x1.bee7abd176604p-46},
	{0x1.4a4f85db04p-01, -0x1.44fdd840b8591p-45},
	{0x1.4c679afccfp-01, -0x1.c64e971322ce8p-45},
	{0x1.4e7d811b758p-01, 0x1.d84e584c2b22cp-44},
	{0x1.50913cc0168p-01, 0x1.ad2f2ce96c2d6p-47},
	{0x1.52a2d265bc8p-01, -0x1.2a88c41ba8752p-44},
	{0x1.54b24679998p-01, -0x1.b42b755eba5e1p-44},
	{0x1.56bf9d5b3fp-01, 0x1.cca08e310b9b2p-44},
	{0x1.58cadb5cd78p-01, 0x1.893092f25d931p-45},
	{0x1.5ad404c35ap-01, -0x1.a609acaab41fcp-46},
	{0x1.5cdb1dc6c18p-01, -0x1.36e612387451fp-46},
	{0x1.5ee02a92418p-01, -0x1.8a8f29f6a02dcp-45},
	{0x1.60e32f44788p-01, 0x1.b194f912b416ap-46},
	{0x1.62e42fefa38p-01, 0x1.ef35793c7673p-45},
}
