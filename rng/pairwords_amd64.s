//go:build amd64 && !goexperiment.simd && !purego

#include "textflag.h"

// philoxConst holds the Philox4x32 multipliers and Weyl key increments:
// philoxM0, philoxM1, philoxW0, philoxW1.
DATA philoxConst<>+0(SB)/4, $0xD2511F53
DATA philoxConst<>+4(SB)/4, $0xCD9E8D57
DATA philoxConst<>+8(SB)/4, $0x9E3779B9
DATA philoxConst<>+12(SB)/4, $0xBB67AE85
GLOBL philoxConst<>(SB), RODATA|NOPTR, $16

// pairOffset holds the offsets 2b of counter word 1 of the eight pairs, in
// the low halves of the 64-bit lanes: pairs 0–3, then pairs 4–7.
DATA pairOffset<>+0(SB)/8, $0
DATA pairOffset<>+8(SB)/8, $2
DATA pairOffset<>+16(SB)/8, $4
DATA pairOffset<>+24(SB)/8, $6
DATA pairOffset<>+32(SB)/8, $8
DATA pairOffset<>+40(SB)/8, $10
DATA pairOffset<>+48(SB)/8, $12
DATA pairOffset<>+56(SB)/8, $14
GLOBL pairOffset<>(SB), RODATA|NOPTR, $64

// ROUND is one Philox round, with the round key in Y12 (word 0 of the key)
// and Y13 (word 1), of the four blocks whose words 0–3 are a0–a3 and of
// the four whose words are b0–b3; Y8 and Y9 are scratch. Philox's round
//
//	p0 = M0·w0, p1 = M1·w2
//	w0, w1, w2, w3 = hi(p1)^w1^k0, lo(p1), hi(p0)^w3^k1, lo(p0)
//
// is computed in place: the products overwrite a0 and a2, and the new words
// 0 and 2 overwrite a1 and a3, so that afterwards words 0–3 are in a1, a2,
// a3, a0. Words 1 and 3 are then whole products, whose high halves are
// not part of the words: they only reach the high halves of words 0 and 2,
// which VPMULUDQ ignores, and the stores below drop them.
#define ROUND(a0, a1, a2, a3, b0, b1, b2, b3) \
	VPXOR    Y12, a1, a1; \
	VPXOR    Y12, b1, b1; \
	VPXOR    Y13, a3, a3; \
	VPXOR    Y13, b3, b3; \
	VPMULUDQ Y10, a0, a0; \
	VPMULUDQ Y10, b0, b0; \
	VPMULUDQ Y11, a2, a2; \
	VPMULUDQ Y11, b2, b2; \
	VPSRLQ   $32, a2, Y8; \
	VPSRLQ   $32, b2, Y9; \
	VPXOR    Y8, a1, a1; \
	VPXOR    Y9, b1, b1; \
	VPSRLQ   $32, a0, Y8; \
	VPSRLQ   $32, b0, Y9; \
	VPXOR    Y8, a3, a3; \
	VPXOR    Y9, b3, b3

// NEXTKEY adds the Weyl increments (Y14, Y15) to the round key (Y12, Y13).
// The key words are in the low halves of the lanes; VPADDD keeps the
// carries out of them.
#define NEXTKEY \
	VPADDD Y14, Y12, Y12; \
	VPADDD Y15, Y13, Y13

// func pairWordsAVX2(c1, c2, c3 uint32, key [2]uint32, even, odd *[8]uint64)
//
// Registers: Y0–Y3 hold words 0–3 of the blocks of pairs 0–3 (one block
// per 64-bit lane, the word in its low half), Y4–Y7 those of pairs 4–7,
// in the order that ROUND rotates them; Y8, Y9 scratch; Y10, Y11 the
// multipliers M0, M1; Y12, Y13 the round key; Y14, Y15 the Weyl increments.
TEXT ·pairWordsAVX2(SB), NOSPLIT, $0-40
	// Round 1 in scalar registers: word 0 is 0, so p0 = 0, and words 2 and
	// 1 are the same in all blocks, so p1 is too. Words after it:
	// (c1+2b)^hi(M1·c2)^k0, lo(M1·c2), c3^k1, 0.
	MOVL c2+4(FP), AX
	MOVL $0xCD9E8D57, CX
	MULL CX                  // DX:AX = M1·c2
	MOVL key_0+12(FP), R8
	XORL R8, DX              // DX = hi(M1·c2)^k0
	MOVL c3+8(FP), BX
	MOVL key_1+16(FP), R9
	XORL R9, BX              // BX = c3^k1

	// the words after round 1, in the lanes
	MOVL         c1+0(FP), CX
	VMOVD        CX, X8
	VPBROADCASTD X8, Y8
	VPADDD       pairOffset<>+0(SB), Y8, Y0
	VPADDD       pairOffset<>+32(SB), Y8, Y4
	VMOVD        DX, X9
	VPBROADCASTD X9, Y9
	VPXOR        Y9, Y0, Y0
	VPXOR        Y9, Y4, Y4
	VMOVD        AX, X1
	VPBROADCASTD X1, Y1
	VMOVDQU      Y1, Y5
	VMOVD        BX, X2
	VPBROADCASTD X2, Y2
	VMOVDQU      Y2, Y6
	VPXOR        Y3, Y3, Y3
	VPXOR        Y7, Y7, Y7

	// the constants and the key of round 1
	VPBROADCASTD philoxConst<>+0(SB), Y10
	VPBROADCASTD philoxConst<>+4(SB), Y11
	VPBROADCASTD philoxConst<>+8(SB), Y14
	VPBROADCASTD philoxConst<>+12(SB), Y15
	VMOVD        R8, X12
	VPBROADCASTD X12, Y12
	VMOVD        R9, X13
	VPBROADCASTD X13, Y13

	// rounds 2–10, each with the key bumped first; the words rotate
	// through the registers, one place per round
	NEXTKEY
	ROUND(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7)
	NEXTKEY
	ROUND(Y1, Y2, Y3, Y0, Y5, Y6, Y7, Y4)
	NEXTKEY
	ROUND(Y2, Y3, Y0, Y1, Y6, Y7, Y4, Y5)
	NEXTKEY
	ROUND(Y3, Y0, Y1, Y2, Y7, Y4, Y5, Y6)
	NEXTKEY
	ROUND(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7)
	NEXTKEY
	ROUND(Y1, Y2, Y3, Y0, Y5, Y6, Y7, Y4)
	NEXTKEY
	ROUND(Y2, Y3, Y0, Y1, Y6, Y7, Y4, Y5)
	NEXTKEY
	ROUND(Y3, Y0, Y1, Y2, Y7, Y4, Y5, Y6)
	NEXTKEY
	ROUND(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7)

	// Words 0–3 are now in Y1, Y2, Y3, Y0 (pairs 0–3) and Y5, Y6, Y7, Y4
	// (pairs 4–7). Each cell's value is word0<<32 | lo(word1) (even) or
	// word2<<32 | lo(word3) (odd): the shifted word gives the high halves
	// (odd doublewords, blend mask 0xAA), the product its low half.
	MOVQ     even+24(FP), DI
	MOVQ     odd+32(FP), SI
	VPSLLQ   $32, Y1, Y1
	VPBLENDD $0xAA, Y1, Y2, Y1
	VMOVDQU  Y1, (DI)
	VPSLLQ   $32, Y5, Y5
	VPBLENDD $0xAA, Y5, Y6, Y5
	VMOVDQU  Y5, 32(DI)
	VPSLLQ   $32, Y3, Y3
	VPBLENDD $0xAA, Y3, Y0, Y3
	VMOVDQU  Y3, (SI)
	VPSLLQ   $32, Y7, Y7
	VPBLENDD $0xAA, Y7, Y4, Y7
	VMOVDQU  Y7, 32(SI)
	VZEROUPPER
	RET
