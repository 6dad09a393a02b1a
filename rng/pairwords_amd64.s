//go:build amd64 && !goexperiment.simd && !purego

#include "go_asm.h"
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

// PHILOX8 computes block 0 of the streams of eight consecutive pairs, for
// the arguments c1, c2, c3, key of pairWordsAVX2 and pairNormalsAVX2, and
// leaves words 0–3 of the blocks of pairs 0–3 in Y1, Y2, Y3, Y0 and those
// of pairs 4–7 in Y5, Y6, Y7, Y4 (each in the low half of a 64-bit lane).
//
// Registers: Y0–Y3 hold words 0–3 of the blocks of pairs 0–3 (one block
// per 64-bit lane, the word in its low half), Y4–Y7 those of pairs 4–7,
// in the order that ROUND rotates them; Y8, Y9 scratch; Y10, Y11 the
// multipliers M0, M1; Y12, Y13 the round key; Y14, Y15 the Weyl increments.
// AX, BX, CX, DX, R8, R9 are scratch.
//
// Round 1 runs in scalar registers: word 0 is 0, so p0 = 0, and words 2
// and 1 are the same in all blocks, so p1 is too. The words after it,
// (c1+2b)^hi(M1·c2)^k0, lo(M1·c2), c3^k1, 0, are then broadcast to the
// lanes, with the constants and the key of round 1. Rounds 2–10 follow,
// each with the key bumped first; the words rotate through the registers,
// one place per round.
#define PHILOX8 \
	MOVL         c2+4(FP), AX; \
	MOVL         $0xCD9E8D57, CX; \
	MULL         CX; \
	MOVL         key_0+12(FP), R8; \
	XORL         R8, DX; \
	MOVL         c3+8(FP), BX; \
	MOVL         key_1+16(FP), R9; \
	XORL         R9, BX; \
	MOVL         c1+0(FP), CX; \
	VMOVD        CX, X8; \
	VPBROADCASTD X8, Y8; \
	VPADDD       pairOffset<>+0(SB), Y8, Y0; \
	VPADDD       pairOffset<>+32(SB), Y8, Y4; \
	VMOVD        DX, X9; \
	VPBROADCASTD X9, Y9; \
	VPXOR        Y9, Y0, Y0; \
	VPXOR        Y9, Y4, Y4; \
	VMOVD        AX, X1; \
	VPBROADCASTD X1, Y1; \
	VMOVDQU      Y1, Y5; \
	VMOVD        BX, X2; \
	VPBROADCASTD X2, Y2; \
	VMOVDQU      Y2, Y6; \
	VPXOR        Y3, Y3, Y3; \
	VPXOR        Y7, Y7, Y7; \
	VPBROADCASTD philoxConst<>+0(SB), Y10; \
	VPBROADCASTD philoxConst<>+4(SB), Y11; \
	VPBROADCASTD philoxConst<>+8(SB), Y14; \
	VPBROADCASTD philoxConst<>+12(SB), Y15; \
	VMOVD        R8, X12; \
	VPBROADCASTD X12, Y12; \
	VMOVD        R9, X13; \
	VPBROADCASTD X13, Y13; \
	NEXTKEY; \
	ROUND(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7); \
	NEXTKEY; \
	ROUND(Y1, Y2, Y3, Y0, Y5, Y6, Y7, Y4); \
	NEXTKEY; \
	ROUND(Y2, Y3, Y0, Y1, Y6, Y7, Y4, Y5); \
	NEXTKEY; \
	ROUND(Y3, Y0, Y1, Y2, Y7, Y4, Y5, Y6); \
	NEXTKEY; \
	ROUND(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7); \
	NEXTKEY; \
	ROUND(Y1, Y2, Y3, Y0, Y5, Y6, Y7, Y4); \
	NEXTKEY; \
	ROUND(Y2, Y3, Y0, Y1, Y6, Y7, Y4, Y5); \
	NEXTKEY; \
	ROUND(Y3, Y0, Y1, Y2, Y7, Y4, Y5, Y6); \
	NEXTKEY; \
	ROUND(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7)

// VALUES joins the words of PHILOX8 into the cells' 64-bit values: the
// even cell's word0<<32 | lo(word1) and the odd cell's word2<<32 |
// lo(word3), the shifted word giving the high halves (odd doublewords,
// blend mask 0xAA) and the product its low half. Afterwards the values of
// the even cells of pairs 0–3 are in Y1, of the odd cells in Y3, and those
// of pairs 4–7 in Y5 and Y7.
#define VALUES \
	VPSLLQ   $32, Y1, Y1; \
	VPBLENDD $0xAA, Y1, Y2, Y1; \
	VPSLLQ   $32, Y5, Y5; \
	VPBLENDD $0xAA, Y5, Y6, Y5; \
	VPSLLQ   $32, Y3, Y3; \
	VPBLENDD $0xAA, Y3, Y0, Y3; \
	VPSLLQ   $32, Y7, Y7; \
	VPBLENDD $0xAA, Y7, Y4, Y7

// func pairWordsAVX2(c1, c2, c3 uint32, key [2]uint32, even, odd *[8]uint64)
//
// Registers: those of PHILOX8 and VALUES; DI even, SI odd.
TEXT ·pairWordsAVX2(SB), NOSPLIT, $0-40
	PHILOX8
	VALUES
	MOVQ    even+24(FP), DI
	MOVQ    odd+32(FP), SI
	VMOVDQU Y1, (DI)
	VMOVDQU Y5, 32(DI)
	VMOVDQU Y3, (SI)
	VMOVDQU Y7, 32(SI)
	VZEROUPPER
	RET

// ZIGGURAT is the first test of the normal ziggurat for the four cells
// whose values u are in the register u and at off(SI); their results go to
// off(DI). For each cell, the layer i = u & 127, times 16, indexes the pairs
// (k[i], w[i]) of z.kw (R8): loaded into the halves of Y4 (cells 0 and 2)
// and Y5 (cells 1 and 3), they give k[i] (Y6) and w[i] (Y7) in cell order.
// With j = u>>12 (Y5), the cells accepted are those where k[i] > j (signed,
// as j < 2^52 and k[i] < 2^53), whose lanes' bits go to AX. Then
// x = float64(j)·w[i], where float64(j) is exactly j: the bits of j under
// those of 2^52 (Y13) are the double 2^52 + j, from which 2^52 is
// subtracted; bit 7 of u, shifted to bit 63 and masked with the sign bit
// (Y14), is ORed into x, which is stored for every cell. R10–R13 are
// scratch.
#define ZIGGURAT(u, off) \
	MOVQ        off+0(SI), R10; \
	MOVQ        off+8(SI), R11; \
	MOVQ        off+16(SI), R12; \
	MOVQ        off+24(SI), R13; \
	ANDL        $127, R10; \
	ANDL        $127, R11; \
	ANDL        $127, R12; \
	ANDL        $127, R13; \
	SHLL        $4, R10; \
	SHLL        $4, R11; \
	SHLL        $4, R12; \
	SHLL        $4, R13; \
	VMOVDQU     (R8)(R10*1), X4; \
	VMOVDQU     (R8)(R11*1), X5; \
	VINSERTI128 $1, (R8)(R12*1), Y4, Y4; \
	VINSERTI128 $1, (R8)(R13*1), Y5, Y5; \
	VPUNPCKLQDQ Y5, Y4, Y6; \
	VPUNPCKHQDQ Y5, Y4, Y7; \
	VPSRLQ      $12, u, Y5; \
	VPCMPGTQ    Y5, Y6, Y6; \
	VMOVMSKPD   Y6, AX; \
	VPOR        Y13, Y5, Y5; \
	VSUBPD      Y13, Y5, Y5; \
	VMULPD      Y7, Y5, Y5; \
	VPSLLQ      $56, u, Y6; \
	VPAND       Y14, Y6, Y6; \
	VPOR        Y6, Y5, Y5; \
	VMOVUPD     Y5, off(DI)

// func pairNormalsAVX2(c1, c2, c3 uint32, key [2]uint32, u *[16]uint64, x *[16]float64, z *normalZiggurat) uint32
//
// Registers: those of PHILOX8 and VALUES; then Y0–Y3 the values u of cells
// 0–3, 4–7, 8–11, 12–15, Y8 and Y9 scratch of their interleaving; Y4–Y7
// those of ZIGGURAT; Y13 the bits of 2^52, Y14 the sign bit; SI u, DI x,
// R8 z.kw, R10–R13 ZIGGURAT's scratch, AX the lanes accepted by ZIGGURAT,
// BX the cells accepted.
TEXT ·pairNormalsAVX2(SB), NOSPLIT, $0-52
	PHILOX8
	VALUES

	// cells in order: even and odd values alternate. Within each 128-bit
	// half, VPUNPCKLQDQ takes the low lanes of the even and the odd vector,
	// VPUNPCKHQDQ the high ones; VPERM2I128 joins the low halves of the
	// two (cells 0–3) and the high ones (cells 4–7).
	VPUNPCKLQDQ Y3, Y1, Y8
	VPUNPCKHQDQ Y3, Y1, Y9
	VPERM2I128  $0x20, Y9, Y8, Y0
	VPERM2I128  $0x31, Y9, Y8, Y1
	VPUNPCKLQDQ Y7, Y5, Y8
	VPUNPCKHQDQ Y7, Y5, Y9
	VPERM2I128  $0x20, Y9, Y8, Y2
	VPERM2I128  $0x31, Y9, Y8, Y3
	MOVQ        u+24(FP), SI
	VMOVDQU     Y0, (SI)
	VMOVDQU     Y1, 32(SI)
	VMOVDQU     Y2, 64(SI)
	VMOVDQU     Y3, 96(SI)

	// the constants and the table
	MOVQ         $0x4330000000000000, AX
	MOVQ         AX, X13
	VPBROADCASTQ X13, Y13
	MOVQ         $0x8000000000000000, AX
	MOVQ         AX, X14
	VPBROADCASTQ X14, Y14
	MOVQ         z+40(FP), R8
	LEAQ         normalZiggurat_kw(R8), R8
	MOVQ         x+32(FP), DI

	// the four vectors, the accepted lanes gathered in BX
	ZIGGURAT(Y0, 0)
	MOVQ AX, BX
	ZIGGURAT(Y1, 32)
	SHLQ $4, AX
	ORQ  AX, BX
	ZIGGURAT(Y2, 64)
	SHLQ $8, AX
	ORQ  AX, BX
	ZIGGURAT(Y3, 96)
	SHLQ $12, AX
	ORQ  AX, BX

	// the rejected cells
	NOTL BX
	ANDL $0xFFFF, BX
	MOVL BX, ret+48(FP)
	VZEROUPPER
	RET

// func blocks1AVX2(c1, c2 *[8]uint32, c3 uint32, key [2]uint32, w01, w23 *[8]uint64)
//
// Registers: Y0–Y3 words 0–3 of blocks 0–3 (one per 64-bit lane, the word
// in its low half), Y4–Y7 those of blocks 4–7, rotating as in PHILOX8;
// Y8, Y9 scratch; Y10, Y11 the multipliers; Y12, Y13 the round key; Y14,
// Y15 the Weyl increments; AX, BX, CX scratch.
TEXT ·blocks1AVX2(SB), NOSPLIT, $0-48
	// the counters (1, c1[b], c2[b], c3), zero-extended to the lanes
	MOVQ         c1+0(FP), AX
	MOVQ         c2+8(FP), BX
	VPMOVZXDQ    (AX), Y1
	VPMOVZXDQ    16(AX), Y5
	VPMOVZXDQ    (BX), Y2
	VPMOVZXDQ    16(BX), Y6
	MOVL         c3+16(FP), CX
	VMOVD        CX, X3
	VPBROADCASTQ X3, Y3
	VMOVDQU      Y3, Y7
	MOVL         $1, CX
	VMOVD        CX, X0
	VPBROADCASTQ X0, Y0
	VMOVDQU      Y0, Y4

	// the constants and the key of round 1
	VPBROADCASTD philoxConst<>+0(SB), Y10
	VPBROADCASTD philoxConst<>+4(SB), Y11
	VPBROADCASTD philoxConst<>+8(SB), Y14
	VPBROADCASTD philoxConst<>+12(SB), Y15
	MOVL         key_0+20(FP), CX
	VMOVD        CX, X12
	VPBROADCASTD X12, Y12
	MOVL         key_1+24(FP), CX
	VMOVD        CX, X13
	VPBROADCASTD X13, Y13

	// rounds 1–10, the key bumped between rounds; the words rotate through
	// the registers, one place per round
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
	NEXTKEY
	ROUND(Y1, Y2, Y3, Y0, Y5, Y6, Y7, Y4)

	// Words 0–3 are now in Y2, Y3, Y0, Y1 (blocks 0–3) and Y6, Y7, Y4, Y5
	// (blocks 4–7): word0<<32 | lo(word1) and word2<<32 | lo(word3), as in
	// VALUES
	MOVQ     w01+32(FP), AX
	MOVQ     w23+40(FP), BX
	VPSLLQ   $32, Y2, Y2
	VPBLENDD $0xAA, Y2, Y3, Y2
	VMOVDQU  Y2, (AX)
	VPSLLQ   $32, Y6, Y6
	VPBLENDD $0xAA, Y6, Y7, Y6
	VMOVDQU  Y6, 32(AX)
	VPSLLQ   $32, Y0, Y0
	VPBLENDD $0xAA, Y0, Y1, Y0
	VMOVDQU  Y0, (BX)
	VPSLLQ   $32, Y4, Y4
	VPBLENDD $0xAA, Y4, Y5, Y4
	VMOVDQU  Y4, 32(BX)
	VZEROUPPER
	RET
