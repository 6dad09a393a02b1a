//go:build amd64 && !goexperiment.simd && !purego

#include "textflag.h"

// The block machine's loops four float64 lanes at a time with AVX2 (see
// vm_amd64.go for the Go prototypes and vm_simd.go for the same loops with
// simd/archsimd). Every lane performs the scalar loop's operations in the
// scalar loop's order, with no fused multiply-add, so the bits are those of
// the scalar loops. Go assembler operand order: sources first, destination
// last, and for the non-commutative VSUBPD and VDIVPD "VSUBPD Y1, Y0, Y2"
// computes Y2 = Y0 − Y1. The first source operand (the middle one) is the
// left operand of the Go expression, as in the compiled scalar code.
//
// Common register use: AX is the element index, stepping by 4 from 0, and
// CX the element count n (a positive multiple of 4, checked by the Go
// callers); DI is the destination pointer, SI, DX, R8, R9 and R10 the
// source pointers. Each function ends with VZEROUPPER, so that the scalar
// SSE code that follows does not pay for dirty upper halves.

// NEXT4 advances the element index by four lanes and jumps back to the loop
// head while elements remain.
#define NEXT4(label) \
	ADDQ $4, AX; \
	CMPQ AX, CX; \
	JLT  label

// The arithmetic loops run eight lanes at a time in Z registers where the
// processor has AVX-512 (avx512, read from Go), then the last four
// elements, if any, in the 4-wide loop. Both loops of a function expand one
// macro, its body with the registers as parameters, so that the two widths
// perform the same operations by construction.
// WIDE goes to the 4-wide loop without AVX-512 or with fewer than eight
// elements; NEXT8 advances by eight lanes and goes back to the 8-wide loop
// while eight elements remain, then to the 4-wide loop while any remain,
// then to the end. R11 is scratch.
#define WIDE(label4) \
	CMPB ·avx512(SB), $0; \
	JEQ  label4; \
	CMPQ CX, $8; \
	JLT  label4

// FOLD8 is NEXT8 for a loop that keeps a running value in acc, a Z
// register: before leaving the 8-wide loop it combines acc's upper four
// lanes into its lower four with op (through Z31, zeroed after, as
// xmath's CLEARHIGH explains), for the 4-wide loop and the check that
// follow, which read only the lower four.
#define FOLD8(label8, op, acc, label4, end) \
	ADDQ          $8, AX; \
	LEAQ          8(AX), R11; \
	CMPQ          R11, CX; \
	JLE           label8; \
	VEXTRACTF64X4 $1, acc, Y31; \
	op            Z31, acc, acc; \
	VPXORQ        Z31, Z31, Z31; \
	CMPQ          AX, CX; \
	JLT           label4; \
	JMP           end

#define NEXT8(label8, label4, end) \
	ADDQ $8, AX; \
	LEAQ 8(AX), R11; \
	CMPQ R11, CX; \
	JLE  label8; \
	CMPQ AX, CX; \
	JLT  label4; \
	JMP  end

// ADDVV is the loop body of the function below, on Y or Z registers.
#define ADDVV(r0) \
	VMOVUPD  (SI)(AX*8), r0; \
	VADDPD   (DX)(AX*8), r0, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func addVVAVX2(d, a, b *float64, n int)
// d[i] = a[i] + b[i].
TEXT ·addVVAVX2(SB), NOSPLIT, $0-32
	MOVQ d+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	MOVQ n+24(FP), CX
	XORQ AX, AX

	WIDE(loop)

loop8:
	ADDVV(Z0)
	NEXT8(loop8, loop, done)

loop:
	ADDVV(Y0)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// SUBVV is the loop body of the function below, on Y or Z registers.
#define SUBVV(r0) \
	VMOVUPD  (SI)(AX*8), r0; \
	VSUBPD   (DX)(AX*8), r0, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func subVVAVX2(d, a, b *float64, n int)
// d[i] = a[i] − b[i].
TEXT ·subVVAVX2(SB), NOSPLIT, $0-32
	MOVQ d+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	MOVQ n+24(FP), CX
	XORQ AX, AX

	WIDE(loop)

loop8:
	SUBVV(Z0)
	NEXT8(loop8, loop, done)

loop:
	SUBVV(Y0)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// MULVV is the loop body of the function below, on Y or Z registers.
#define MULVV(r0) \
	VMOVUPD  (SI)(AX*8), r0; \
	VMULPD   (DX)(AX*8), r0, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func mulVVAVX2(d, a, b *float64, n int)
// d[i] = a[i]·b[i].
TEXT ·mulVVAVX2(SB), NOSPLIT, $0-32
	MOVQ d+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	MOVQ n+24(FP), CX
	XORQ AX, AX

	WIDE(loop)

loop8:
	MULVV(Z0)
	NEXT8(loop8, loop, done)

loop:
	MULVV(Y0)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// DIVVV is the loop body of the function below, on Y or Z registers.
#define DIVVV(r0) \
	VMOVUPD  (SI)(AX*8), r0; \
	VDIVPD   (DX)(AX*8), r0, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func divVVAVX2(d, a, b *float64, n int)
// d[i] = a[i] / b[i].
TEXT ·divVVAVX2(SB), NOSPLIT, $0-32
	MOVQ d+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	MOVQ n+24(FP), CX
	XORQ AX, AX

	WIDE(loop)

loop8:
	DIVVV(Z0)
	NEXT8(loop8, loop, done)

loop:
	DIVVV(Y0)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// ADDVC is the loop body of the function below, on Y or Z registers.
#define ADDVC(r0, r1) \
	VMOVUPD  (SI)(AX*8), r0; \
	VADDPD   r1, r0, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func addVCAVX2(d, a *float64, n int, c float64)
// d[i] = a[i] + c; Y1 holds c in every lane.
TEXT ·addVCAVX2(SB), NOSPLIT, $0-32
	MOVQ         d+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSD c+24(FP), Y1
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD c+24(FP), Z1

loop8:
	ADDVC(Z0, Z1)
	NEXT8(loop8, loop, done)

loop:
	ADDVC(Y0, Y1)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// SUBVC is the loop body of the function below, on Y or Z registers.
#define SUBVC(r0, r1) \
	VMOVUPD  (SI)(AX*8), r0; \
	VSUBPD   r1, r0, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func subVCAVX2(d, a *float64, n int, c float64)
// d[i] = a[i] − c; Y1 holds c.
TEXT ·subVCAVX2(SB), NOSPLIT, $0-32
	MOVQ         d+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSD c+24(FP), Y1
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD c+24(FP), Z1

loop8:
	SUBVC(Z0, Z1)
	NEXT8(loop8, loop, done)

loop:
	SUBVC(Y0, Y1)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// RSUBVC is the loop body of the function below, on Y or Z registers.
#define RSUBVC(r0, r1) \
	VMOVUPD  (SI)(AX*8), r0; \
	VSUBPD   r0, r1, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func rsubVCAVX2(d, a *float64, n int, c float64)
// d[i] = c − a[i]; Y1 holds c.
TEXT ·rsubVCAVX2(SB), NOSPLIT, $0-32
	MOVQ         d+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSD c+24(FP), Y1
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD c+24(FP), Z1

loop8:
	RSUBVC(Z0, Z1)
	NEXT8(loop8, loop, done)

loop:
	RSUBVC(Y0, Y1)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// MULVC is the loop body of the function below, on Y or Z registers.
#define MULVC(r0, r1) \
	VMOVUPD  (SI)(AX*8), r0; \
	VMULPD   r1, r0, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func mulVCAVX2(d, a *float64, n int, c float64)
// d[i] = a[i]·c; Y1 holds c.
TEXT ·mulVCAVX2(SB), NOSPLIT, $0-32
	MOVQ         d+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSD c+24(FP), Y1
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD c+24(FP), Z1

loop8:
	MULVC(Z0, Z1)
	NEXT8(loop8, loop, done)

loop:
	MULVC(Y0, Y1)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// RDIVVC is the loop body of the function below, on Y or Z registers.
#define RDIVVC(r0, r1) \
	VMOVUPD  (SI)(AX*8), r0; \
	VDIVPD   r0, r1, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func rdivVCAVX2(d, a *float64, n int, c float64)
// d[i] = c / a[i]; Y1 holds c.
TEXT ·rdivVCAVX2(SB), NOSPLIT, $0-32
	MOVQ         d+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSD c+24(FP), Y1
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD c+24(FP), Z1

loop8:
	RDIVVC(Z0, Z1)
	NEXT8(loop8, loop, done)

loop:
	RDIVVC(Y0, Y1)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// RDIVMULVC is the loop body of the function below, on Y or Z registers.
#define RDIVMULVC(r0, r1, r2) \
	VMOVUPD  (SI)(AX*8), r0; \
	VMULPD   r1, r0, r0; \
	VDIVPD   r0, r2, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func rdivMulVCAVX2(d, a *float64, n int, c, c2 float64)
// d[i] = c2 / (a[i]·c); Y1 holds c, Y2 c2.
TEXT ·rdivMulVCAVX2(SB), NOSPLIT, $0-40
	MOVQ         d+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSD c+24(FP), Y1
	VBROADCASTSD c2+32(FP), Y2
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD c+24(FP), Z1
	VBROADCASTSD c2+32(FP), Z2

loop8:
	RDIVMULVC(Z0, Z1, Z2)
	NEXT8(loop8, loop, done)

loop:
	RDIVMULVC(Y0, Y1, Y2)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// ADDMULMULVC is the loop body of the function below, on Y or Z registers.
#define ADDMULMULVC(r0, r1, r2, r3) \
	VMOVUPD  (SI)(AX*8), r0; \
	VADDPD   r1, r0, r0; \
	VMULPD   r2, r0, r0; \
	VMULPD   r3, r0, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func addMulMulVCAVX2(d, a *float64, n int, c, c2, c3 float64)
// d[i] = ((a[i] + c)·c2)·c3; Y1, Y2 and Y3 hold c, c2 and c3.
TEXT ·addMulMulVCAVX2(SB), NOSPLIT, $0-48
	MOVQ         d+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSD c+24(FP), Y1
	VBROADCASTSD c2+32(FP), Y2
	VBROADCASTSD c3+40(FP), Y3
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD c+24(FP), Z1
	VBROADCASTSD c2+32(FP), Z2
	VBROADCASTSD c3+40(FP), Z3

loop8:
	ADDMULMULVC(Z0, Z1, Z2, Z3)
	NEXT8(loop8, loop, done)

loop:
	ADDMULMULVC(Y0, Y1, Y2, Y3)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// MULADDVC is the loop body of the function below, on Y or Z registers.
#define MULADDVC(r0, r1) \
	VMOVUPD  (SI)(AX*8), r0; \
	VMULPD   r1, r0, r0; \
	VADDPD   (DX)(AX*8), r0, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func mulAddVCAVX2(d, a, b *float64, n int, c float64)
// d[i] = a[i]·c + b[i]; Y1 holds c.
TEXT ·mulAddVCAVX2(SB), NOSPLIT, $0-40
	MOVQ         d+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         b+16(FP), DX
	MOVQ         n+24(FP), CX
	VBROADCASTSD c+32(FP), Y1
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD c+32(FP), Z1

loop8:
	MULADDVC(Z0, Z1)
	NEXT8(loop8, loop, done)

loop:
	MULADDVC(Y0, Y1)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// MULMULVC is the loop body of the function below, on Y or Z registers.
#define MULMULVC(r0, r1, r2) \
	VMOVUPD  (SI)(AX*8), r0; \
	VMULPD   r1, r0, r0; \
	VMULPD   r2, r0, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func mulMulVCAVX2(d, a *float64, n int, c, c2 float64)
// d[i] = (a[i]·c)·c2; Y1 holds c, Y2 c2.
TEXT ·mulMulVCAVX2(SB), NOSPLIT, $0-40
	MOVQ         d+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSD c+24(FP), Y1
	VBROADCASTSD c2+32(FP), Y2
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD c+24(FP), Z1
	VBROADCASTSD c2+32(FP), Z2

loop8:
	MULMULVC(Z0, Z1, Z2)
	NEXT8(loop8, loop, done)

loop:
	MULMULVC(Y0, Y1, Y2)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// MULMULADDVC is the loop body of the function below, on Y or Z registers.
#define MULMULADDVC(r0, r1, r2) \
	VMOVUPD  (SI)(AX*8), r0; \
	VMULPD   r1, r0, r0; \
	VMULPD   r2, r0, r0; \
	VADDPD   (DX)(AX*8), r0, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func mulMulAddVCAVX2(d, a, b *float64, n int, c, c2 float64)
// d[i] = (a[i]·c)·c2 + b[i]; Y1 holds c, Y2 c2.
TEXT ·mulMulAddVCAVX2(SB), NOSPLIT, $0-48
	MOVQ         d+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         b+16(FP), DX
	MOVQ         n+24(FP), CX
	VBROADCASTSD c+32(FP), Y1
	VBROADCASTSD c2+40(FP), Y2
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD c+32(FP), Z1
	VBROADCASTSD c2+40(FP), Z2

loop8:
	MULMULADDVC(Z0, Z1, Z2)
	NEXT8(loop8, loop, done)

loop:
	MULMULADDVC(Y0, Y1, Y2)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// MULADDVV is the loop body of the function below, on Y or Z registers.
#define MULADDVV(r0, r1, r2) \
	VMOVUPD  (SI)(AX*8), r0; \
	VMULPD   (DX)(AX*8), r0, r0; \
	VMULPD   r0, r2, r0; \
	VMOVUPD  (R8)(AX*8), r1; \
	VADDPD   r0, r1, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func mulAddVVAVX2(d, a, b, c *float64, n int, s float64)
// d[i] = c[i] + s·(a[i]·b[i]); Y2 holds s, R8 points to c.
TEXT ·mulAddVVAVX2(SB), NOSPLIT, $0-48
	MOVQ         d+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         b+16(FP), DX
	MOVQ         c+24(FP), R8
	MOVQ         n+32(FP), CX
	VBROADCASTSD s+40(FP), Y2
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD s+40(FP), Z2

loop8:
	MULADDVV(Z0, Z1, Z2)
	NEXT8(loop8, loop, done)

loop:
	MULADDVV(Y0, Y1, Y2)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// ADDMULVC is the loop body of the function below, on Y or Z registers.
#define ADDMULVC(r0, r1, r2) \
	VMOVUPD  (SI)(AX*8), r0; \
	VADDPD   r1, r0, r0; \
	VMULPD   r2, r0, r0; \
	VMOVUPD  r0, (DI)(AX*8)

// func addMulVCAVX2(d, a *float64, n int, c, c2 float64)
// d[i] = (a[i] + c)·c2; Y1 holds c, Y2 c2.
TEXT ·addMulVCAVX2(SB), NOSPLIT, $0-40
	MOVQ         d+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSD c+24(FP), Y1
	VBROADCASTSD c2+32(FP), Y2
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD c+24(FP), Z1
	VBROADCASTSD c2+32(FP), Z2

loop8:
	ADDMULVC(Z0, Z1, Z2)
	NEXT8(loop8, loop, done)

loop:
	ADDMULVC(Y0, Y1, Y2)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// CHAIN is the loop body of the function below, on Y or Z registers.
#define CHAIN(r0, r1, r2, r3, r15) \
	VMOVUPD  (SI)(AX*8), r0; \
	VMOVUPD  (DI)(AX*8), r1; \
	VMOVUPD  (DX)(AX*8), r2; \
	VMULPD   r0, r2, r2; \
	VMOVUPD  (R8)(AX*8), r3; \
	VMULPD   r1, r3, r3; \
	VADDPD   r3, r2, r2; \
	VADDPD   (R9)(AX*8), r2, r2; \
	VMOVUPD  r2, (SI)(AX*8); \
	VMULPD   r1, r15, r1; \
	VMOVUPD  r1, (DI)(AX*8)

// func chainAVX2(x, d, px, pd, q *float64, n int, decay float64)
// x[i] = (px[i]·x[i] + pd[i]·d[i]) + q[i], d[i] = decay·d[i], from the old
// x[i] and d[i]. SI points to x, DI to d, DX to px, R8 to pd, R9 to q;
// Y15 holds decay, Y0 and Y1 the old x and d.
TEXT ·chainAVX2(SB), NOSPLIT, $0-56
	MOVQ         x+0(FP), SI
	MOVQ         d+8(FP), DI
	MOVQ         px+16(FP), DX
	MOVQ         pd+24(FP), R8
	MOVQ         q+32(FP), R9
	MOVQ         n+40(FP), CX
	VBROADCASTSD decay+48(FP), Y15
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD decay+48(FP), Z15

loop8:
	CHAIN(Z0, Z1, Z2, Z3, Z15)
	NEXT8(loop8, loop, done)

loop:
	CHAIN(Y0, Y1, Y2, Y3, Y15)
	NEXT4(loop)

done:
	VZEROUPPER
	RET

// COPYFINITE is the loop body of the function below, on Y or Z registers.
#define COPYFINITE(r0, r1, r2) \
	VMOVUPD  (SI)(AX*8), r0; \
	VMOVUPD  r0, (DI)(AX*8); \
	VSUBPD   r0, r0, r1; \
	VORPD    r1, r2, r2

// func copyFiniteAVX2(dst, src *float64, n int) bool
// Copies src to dst. For each x, x − x is +0 when x is finite and NaN
// otherwise; Y2 collects the bits of these differences (VORPD), so it is
// all zero (VPTEST sets ZF) exactly when every x is finite.
TEXT ·copyFiniteAVX2(SB), NOSPLIT, $0-25
	MOVQ   dst+0(FP), DI
	MOVQ   src+8(FP), SI
	MOVQ   n+16(FP), CX
	VXORPD Y2, Y2, Y2
	XORQ   AX, AX

	WIDE(loop)

loop8:
	COPYFINITE(Z0, Z1, Z2)
	FOLD8(loop8, VPORQ, Z2, loop, done)

loop:
	COPYFINITE(Y0, Y1, Y2)
	NEXT4(loop)

done:
	VPTEST     Y2, Y2
	SETEQ      ret+24(FP)
	VZEROUPPER
	RET

// FINITE sets ret to whether every lane of the accumulator acc is finite:
// acc − acc is +0 in the lanes where acc is finite and NaN elsewhere, so
// it is all zero exactly then. It clobbers acc.
#define FINITE(acc, ret) \
	VSUBPD acc, acc, acc; \
	VPTEST acc, acc; \
	SETEQ  ret

// LINEAR1 is the loop body of the function below, on Y or Z registers.
#define LINEAR1(r0, r1, r2, r3) \
	VMOVUPD  (SI)(AX*8), r0; \
	VMULPD   r0, r1, r0; \
	VADDPD   r2, r0, r0; \
	VMOVUPD  r0, (SI)(AX*8); \
	VADDPD   r0, r3, r3

// func linear1AVX2(x0 *float64, n int, p, q float64) bool
// x0[i] = p·x0[i] + q; Y1 holds p, Y2 q, Y3 the running sum of the new
// values (four lanes apart).
TEXT ·linear1AVX2(SB), NOSPLIT, $0-33
	MOVQ         x0+0(FP), SI
	MOVQ         n+8(FP), CX
	VBROADCASTSD p+16(FP), Y1
	VBROADCASTSD q+24(FP), Y2
	VXORPD       Y3, Y3, Y3
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD p+16(FP), Z1
	VBROADCASTSD q+24(FP), Z2

loop8:
	LINEAR1(Z0, Z1, Z2, Z3)
	FOLD8(loop8, VADDPD, Z3, loop, done)

loop:
	LINEAR1(Y0, Y1, Y2, Y3)
	NEXT4(loop)

done:
	FINITE(Y3, ret+32(FP))
	VZEROUPPER
	RET

// LINEAR2 is the loop body of the function below, on Y or Z registers.
#define LINEAR2(r0, r1, r2, r3, r4, r5, r6, r7, r8) \
	VMOVUPD  (SI)(AX*8), r0; \
	VMOVUPD  (DX)(AX*8), r1; \
	VMULPD   r0, r4, r2; \
	VMULPD   r1, r5, r3; \
	VADDPD   r3, r2, r2; \
	VADDPD   r7, r2, r2; \
	VMULPD   r1, r6, r3; \
	VMOVUPD  r2, (SI)(AX*8); \
	VMOVUPD  r3, (DX)(AX*8); \
	VADDPD   r3, r2, r2; \
	VADDPD   r2, r8, r8

// func linear2AVX2(x0, x1 *float64, n int, p00, p01, p11, q0 float64) bool
// y0 = (p00·x0[i] + p01·x1[i]) + q0, y1 = p11·x1[i], stored in x0[i] and
// x1[i]. SI points to x0, DX to x1; Y4, Y5, Y6 and Y7 hold p00, p01, p11
// and q0, Y8 the running sum of y0 + y1.
TEXT ·linear2AVX2(SB), NOSPLIT, $0-57
	MOVQ         x0+0(FP), SI
	MOVQ         x1+8(FP), DX
	MOVQ         n+16(FP), CX
	VBROADCASTSD p00+24(FP), Y4
	VBROADCASTSD p01+32(FP), Y5
	VBROADCASTSD p11+40(FP), Y6
	VBROADCASTSD q0+48(FP), Y7
	VXORPD       Y8, Y8, Y8
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD p00+24(FP), Z4
	VBROADCASTSD p01+32(FP), Z5
	VBROADCASTSD p11+40(FP), Z6
	VBROADCASTSD q0+48(FP), Z7

loop8:
	LINEAR2(Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8)
	FOLD8(loop8, VADDPD, Z8, loop, done)

loop:
	LINEAR2(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y8)
	NEXT4(loop)

done:
	FINITE(Y8, ret+56(FP))
	VZEROUPPER
	RET

// LINEAR3INPUTS is the loop body of the function below, on Y or Z registers.
#define LINEAR3INPUTS(r0, r1, r2, r3, r4, r5, r8, r9, r10, r11, r12, r13, r14) \
	VMOVUPD  (SI)(AX*8), r0; \
	VMOVUPD  (DX)(AX*8), r1; \
	VMOVUPD  (R8)(AX*8), r2; \
	VMULPD   r0, r8, r3; \
	VMULPD   r1, r9, r4; \
	VADDPD   r4, r3, r3; \
	VMULPD   r2, r10, r4; \
	VADDPD   r4, r3, r3; \
	VADDPD   r13, r3, r3; \
	VMULPD   r1, r11, r4; \
	VMULPD   r2, r12, r5; \
	VMOVUPD  r3, (SI)(AX*8); \
	VMOVUPD  r4, (DX)(AX*8); \
	VMOVUPD  r5, (R8)(AX*8); \
	VADDPD   r4, r3, r3; \
	VADDPD   r5, r3, r3; \
	VADDPD   r3, r14, r14

// func linear3InputsAVX2(x0, x1, x2 *float64, n int, p00, p01, p02, p11, p22, q0 float64) bool
// y0 = ((p00·x0[i] + p01·x1[i]) + p02·x2[i]) + q0, y1 = p11·x1[i],
// y2 = p22·x2[i], stored in x0[i], x1[i] and x2[i]. SI, DX and R8 point to
// x0, x1 and x2; Y8 to Y13 hold p00, p01, p02, p11, p22 and q0, Y14 the
// running sum of (y0 + y1) + y2.
TEXT ·linear3InputsAVX2(SB), NOSPLIT, $0-81
	MOVQ         x0+0(FP), SI
	MOVQ         x1+8(FP), DX
	MOVQ         x2+16(FP), R8
	MOVQ         n+24(FP), CX
	VBROADCASTSD p00+32(FP), Y8
	VBROADCASTSD p01+40(FP), Y9
	VBROADCASTSD p02+48(FP), Y10
	VBROADCASTSD p11+56(FP), Y11
	VBROADCASTSD p22+64(FP), Y12
	VBROADCASTSD q0+72(FP), Y13
	VXORPD       Y14, Y14, Y14
	XORQ         AX, AX

	WIDE(loop)
	VBROADCASTSD p00+32(FP), Z8
	VBROADCASTSD p01+40(FP), Z9
	VBROADCASTSD p02+48(FP), Z10
	VBROADCASTSD p11+56(FP), Z11
	VBROADCASTSD p22+64(FP), Z12
	VBROADCASTSD q0+72(FP), Z13

loop8:
	LINEAR3INPUTS(Z0, Z1, Z2, Z3, Z4, Z5, Z8, Z9, Z10, Z11, Z12, Z13, Z14)
	FOLD8(loop8, VADDPD, Z14, loop, done)

loop:
	LINEAR3INPUTS(Y0, Y1, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y11, Y12, Y13, Y14)
	NEXT4(loop)

done:
	FINITE(Y14, ret+80(FP))
	VZEROUPPER
	RET

// ROW3 sets y to ((pa·x0[i] + pb·x1[i]) + pc·x2[i]) + q, reading x0, x1
// and x2 at SI, DX and R8, for the broadcast coefficients pa, pb, pc and
// the number at q, which it broadcasts into the scratch register Y15.
#define ROW3(pa, pb, pc, q, y) \
	VMULPD       (SI)(AX*8), pa, y; \
	VMULPD       (DX)(AX*8), pb, Y15; \
	VADDPD       Y15, y, y; \
	VMULPD       (R8)(AX*8), pc, Y15; \
	VADDPD       Y15, y, y; \
	VBROADCASTSD q, Y15; \
	VADDPD       Y15, y, y

// func linear3AVX2(x0, x1, x2 *float64, n int, P *[9]float64, Q *[3]float64) bool
// y_r = ((P[3r]·x0[i] + P[3r+1]·x1[i]) + P[3r+2]·x2[i]) + Q[r] for the
// rows r = 0, 1, 2, all from the old values, then stored in x0[i], x1[i]
// and x2[i]. SI, DX and R8 point to x0, x1 and x2, R9 to Q; Y3 to Y11 hold
// P[0] to P[8], Y12, Y13 and Y14 the new values, Y0 the running sum of
// (y0 + y1) + y2, and Y15 is scratch.
TEXT ·linear3AVX2(SB), NOSPLIT, $0-49
	MOVQ         x0+0(FP), SI
	MOVQ         x1+8(FP), DX
	MOVQ         x2+16(FP), R8
	MOVQ         n+24(FP), CX
	MOVQ         P+32(FP), R10
	MOVQ         Q+40(FP), R9
	VBROADCASTSD 0(R10), Y3
	VBROADCASTSD 8(R10), Y4
	VBROADCASTSD 16(R10), Y5
	VBROADCASTSD 24(R10), Y6
	VBROADCASTSD 32(R10), Y7
	VBROADCASTSD 40(R10), Y8
	VBROADCASTSD 48(R10), Y9
	VBROADCASTSD 56(R10), Y10
	VBROADCASTSD 64(R10), Y11
	VXORPD       Y0, Y0, Y0
	XORQ         AX, AX

loop:
	ROW3(Y3, Y4, Y5, 0(R9), Y12)
	ROW3(Y6, Y7, Y8, 8(R9), Y13)
	ROW3(Y9, Y10, Y11, 16(R9), Y14)
	VMOVUPD Y12, (SI)(AX*8)
	VMOVUPD Y13, (DX)(AX*8)
	VMOVUPD Y14, (R8)(AX*8)
	VADDPD  Y13, Y12, Y12  // y0 + y1
	VADDPD  Y14, Y12, Y12  // (y0 + y1) + y2
	VADDPD  Y12, Y0, Y0    // acc + ((y0 + y1) + y2)
	NEXT4(loop)
	FINITE(Y0, ret+48(FP))
	VZEROUPPER
	RET
