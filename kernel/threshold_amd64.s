//go:build amd64 && !goexperiment.simd && !purego

#include "textflag.h"

// The threshold scan and the constant and conditional refractory tests
// four cells at a time with AVX2, and eight with AVX-512 where the processor
// has it (see threshold_amd64.go for the Go prototypes and threshold.go,
// kernel.go for the scalar loops). Go assembler operand order: sources
// first, destination last; "VCMPPD $p, Y1, Y0, Y2" sets Y2 = Y0 p Y1,
// "VPSUBQ Y1, Y0, Y2" Y2 = Y0 − Y1, "VPCMPGTQ Y1, Y0, Y2" Y2 = Y0 > Y1 and
// "VANDNPD Y1, Y0, Y2" Y2 = ^Y0 & Y1 and "VBLENDVPD Y3, Y1, Y0, Y2" Y2 =
// Y1 in the lanes where Y3's sign bit is set, Y0 elsewhere.
//
// Common register use: AX is the cell index, stepping by 4 from 0, and CX
// the cell count n (a positive multiple of 4, checked by the Go callers).
// Each function ends with VZEROUPPER, so that the scalar SSE code that
// follows does not pay for dirty upper halves.

// HITS writes, for each set bit l of mask from the lowest, base+l to
// hits[R10] (DI) and advances R10 (BSFQ takes the lowest bit, x & (x−1)
// clears it); R12 is scratch and label names the loop.
#define HITS(label, mask, base) \
label: \
	BSFQ mask, R12; \
	ADDQ base, R12; \
	MOVL R12, (DI)(R10*4); \
	INCQ R10; \
	LEAQ -1(mask), R12; \
	ANDQ R12, mask; \
	JNZ  label

// WIDE8 goes to label4, the 4-wide loop, unless the processor has AVX-512
// (avx512, read from Go) and at least eight cells remain; NEXT8 advances by
// eight cells and goes back to label8 while eight remain, then to label4
// while any remain, then to end (R13 scratch).
#define WIDE8(label4) \
	CMPB ·avx512(SB), $0; \
	JEQ  label4; \
	CMPQ CX, $8; \
	JLT  label4

#define NEXT8(label8, label4, end) \
	ADDQ $8, AX; \
	LEAQ 8(AX), R13; \
	CMPQ R13, CX; \
	JLE  label8; \
	CMPQ AX, CX; \
	JLT  label4; \
	JMP  end

// func scanStrictAVX2(hits *int32, x, notref *float64, n, lo int, sign, bound float64) int
//
// Registers: DI hits, SI x, DX notref (0 for none), R9 lo, R10 the number
// of hits written; Y13 zero, Y14 sign, Y15 bound (broadcast). A lane hits
// when the product sign·x[i] is greater than bound (VCMPPD predicate 0x1e,
// GT_OQ: false for NaN, as Go's >) and, with notref, notref[i] ≠ 0
// (predicate 4, NEQ_UQ: true for NaN, as Go's !=). VMOVMSKPD makes the four
// lanes a 4-bit mask in BX; each set bit l writes lo+i+l to hits[R10], in
// order of l (BSFQ takes the lowest bit, x & (x−1) clears it). MOVL stores
// the low 32 bits, as Go's int32 conversion keeps them.
TEXT ·scanStrictAVX2(SB), NOSPLIT, $0-64
	MOVQ         hits+0(FP), DI
	MOVQ         x+8(FP), SI
	MOVQ         notref+16(FP), DX
	MOVQ         n+24(FP), CX
	MOVQ         lo+32(FP), R9
	VBROADCASTSD sign+40(FP), Y14
	VBROADCASTSD bound+48(FP), Y15
	VXORPD       Y13, Y13, Y13
	XORQ         AX, AX
	XORQ         R10, R10
	WIDE8(narrow)
	VBROADCASTSD sign+40(FP), Z14
	VBROADCASTSD bound+48(FP), Z15
	TESTQ        DX, DX
	JZ           allLoop8

	// eight cells at a time with AVX-512 (Z13 is zero, as VXORPD left it),
	// the masks in K1 and K2
refLoop8:
	VMOVUPD (SI)(AX*8), Z0
	VMULPD  Z0, Z14, Z0
	VCMPPD  $0x1e, Z15, Z0, K1
	VCMPPD  $4, (DX)(AX*8), Z13, K2
	KANDW   K2, K1, K1
	KMOVW   K1, BX
	TESTQ   BX, BX
	JZ      refNext8
	LEAQ    (R9)(AX*1), R11
	HITS(refHit8, BX, R11)

refNext8:
	NEXT8(refLoop8, refLoop, done)

allLoop8:
	VMOVUPD (SI)(AX*8), Z0
	VMULPD  Z0, Z14, Z0
	VCMPPD  $0x1e, Z15, Z0, K1
	KMOVW   K1, BX
	TESTQ   BX, BX
	JZ      allNext8
	LEAQ    (R9)(AX*1), R11
	HITS(allHit8, BX, R11)

allNext8:
	NEXT8(allLoop8, allLoop, done)

narrow:
	TESTQ DX, DX
	JZ    allLoop

	// with notref: the crossing mask AND the not-refractory mask
refLoop:
	VMOVUPD   (SI)(AX*8), Y0
	VMULPD    Y0, Y14, Y0
	VCMPPD    $0x1e, Y15, Y0, Y0
	VCMPPD    $4, (DX)(AX*8), Y13, Y1
	VANDPD    Y1, Y0, Y0
	VMOVMSKPD Y0, BX
	TESTQ     BX, BX
	JZ        refNext
	LEAQ      (R9)(AX*1), R11
	HITS(refHit, BX, R11)

refNext:
	ADDQ $4, AX
	CMPQ AX, CX
	JLT  refLoop
	JMP  done

	// without notref: the crossing mask alone
allLoop:
	VMOVUPD   (SI)(AX*8), Y0
	VMULPD    Y0, Y14, Y0
	VCMPPD    $0x1e, Y15, Y0, Y0
	VMOVMSKPD Y0, BX
	TESTQ     BX, BX
	JZ        allNext
	LEAQ      (R9)(AX*1), R11
	HITS(allHit, BX, R11)

allNext:
	ADDQ $4, AX
	CMPQ AX, CX
	JLT  allLoop

done:
	VZEROUPPER
	MOVQ R10, ret+56(FP)
	RET

// func notrefConstAVX2(nr *float64, last *int64, n int, step, refSteps int64)
//
// Registers: DI nr, SI last; Y13 1.0, Y14 step, Y15 refSteps (broadcast).
// Each lane takes the difference step − last[i] (VPSUBQ, wrapping as Go's
// int64 subtraction), compares refSteps > difference (VPCMPGTQ, signed:
// all ones where the cell is still refractory) and writes 1.0 where that
// is false and +0.0 where it is true (VANDNPD with 1.0), as b2f does.
TEXT ·notrefConstAVX2(SB), NOSPLIT, $0-40
	MOVQ         nr+0(FP), DI
	MOVQ         last+8(FP), SI
	MOVQ         n+16(FP), CX
	VPBROADCASTQ step+24(FP), Y14
	VPBROADCASTQ refSteps+32(FP), Y15
	MOVQ         $0x3ff0000000000000, BX
	VMOVQ        BX, X13
	VPBROADCASTQ X13, Y13
	XORQ         AX, AX
	WIDE8(loop)
	VPBROADCASTQ step+24(FP), Z14
	VPBROADCASTQ refSteps+32(FP), Z15
	VPBROADCASTQ X13, Z13

	// eight cells at a time with AVX-512: K1 the refractory lanes, then
	// the others, which get 1.0 and the refractory ones +0.0
loop8:
	VMOVDQU64 (SI)(AX*8), Z0
	VPSUBQ    Z0, Z14, Z0
	VPCMPGTQ  Z0, Z15, K1
	KNOTW     K1, K1
	VMOVAPD.Z Z13, K1, Z0
	VMOVUPD   Z0, (DI)(AX*8)
	NEXT8(loop8, loop, done)

loop:
	VMOVDQU  (SI)(AX*8), Y0
	VPSUBQ   Y0, Y14, Y0
	VPCMPGTQ Y0, Y15, Y0
	VANDNPD  Y13, Y0, Y0
	VMOVUPD  Y0, (DI)(AX*8)
	ADDQ     $4, AX
	CMPQ     AX, CX
	JLT      loop

done:
	VZEROUPPER
	RET

// func notrefCondAVX2(nr, cond, state *float64, n int)
//
// Registers: DI nr, SI cond, DX state; Y12 zero, Y13 1.0. Each lane tests
// cond[i] == 0 (VCMPPD predicate 0, EQ_OQ: true for ±0, false for NaN, as
// Go's ==), takes 1.0 where it holds and state[i] elsewhere (VBLENDVPD),
// and writes that to state[i] and nr[i]: the lanes the scalar loop leaves
// alone get their own value back.
TEXT ·notrefCondAVX2(SB), NOSPLIT, $0-32
	MOVQ         nr+0(FP), DI
	MOVQ         cond+8(FP), SI
	MOVQ         state+16(FP), DX
	MOVQ         n+24(FP), CX
	VXORPD       Y12, Y12, Y12
	MOVQ         $0x3ff0000000000000, BX
	VMOVQ        BX, X13
	VPBROADCASTQ X13, Y13
	XORQ         AX, AX
	WIDE8(loop)
	VPBROADCASTQ X13, Z13

	// eight cells at a time with AVX-512 (Z12 is zero, as VXORPD left
	// it): K1 the lanes whose condition is 0, which take 1.0
loop8:
	VCMPPD  $0, (SI)(AX*8), Z12, K1
	VMOVUPD (DX)(AX*8), Z1
	VMOVAPD Z13, K1, Z1
	VMOVUPD Z1, (DX)(AX*8)
	VMOVUPD Z1, (DI)(AX*8)
	NEXT8(loop8, loop, done)

loop:
	VCMPPD    $0, (SI)(AX*8), Y12, Y0
	VMOVUPD   (DX)(AX*8), Y1
	VBLENDVPD Y0, Y13, Y1, Y1
	VMOVUPD   Y1, (DX)(AX*8)
	VMOVUPD   Y1, (DI)(AX*8)
	ADDQ      $4, AX
	CMPQ      AX, CX
	JLT       loop

done:
	VZEROUPPER
	RET
