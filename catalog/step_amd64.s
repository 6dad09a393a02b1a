//go:build amd64 && !goexperiment.simd && !purego

// The 4-wide loops of the default amd64 build's vector Steps (see
// step_amd64.go): AVX2, four cells per group in the lanes of a Y register,
// with the operations of the scalar loops (if_curr_exp.go, if_cond_exp.go)
// in their order and no fused multiply-add, so that both give the same bits.
//
// Each loop runs i over the cells, four at a time. A group's refractory
// lanes are those with step − last < ref (VPSUBQ, then VPCMPGTQ as
// ref > step − last); their v is kept (VBLENDVPD picks the old value
// where the refractory mask is set). The spike candidates of a group are
// the lanes that are not refractory and whose new v is not at or below th
// (VCMPPD with predicate 6, "not less or equal", true for NaN), a 4-bit
// mask from VMOVMSKPD; each set bit l writes i+l to cand[nc], in order of
// l (BSFQ takes the lowest bit, x & (x−1) clears it).

#include "textflag.h"

// CANDIDATES writes, for each set bit l of R11 from the lowest, i+l (i in
// AX) to cand[R10] (DI) and advances R10; R12 is scratch and label names
// the loop.
#define CANDIDATES(label) \
label: \
	BSFQ R11, R12; \
	ADDQ AX, R12; \
	MOVL R12, (DI)(R10*4); \
	INCQ R10; \
	LEAQ -1(R11), R12; \
	ANDQ R12, R11; \
	JNZ  label

// func currExpAVX2(v, ie, ii []float64, last []int64, cand []int32,
//	pee, pii, pvv, pve, pvi, qv, th float64, step, ref int64) int
//
// Registers: SI v, DX ie, R8 ii, R9 last, DI cand, CX len(v), AX i,
// R10 nc; Y7 ref, Y8 pee, Y9 pii, Y10 pvv, Y11 pve, Y12 pvi, Y13 qv,
// Y14 th, Y15 step (broadcast); Y0–Y6 the group's values.
TEXT ·currExpAVX2(SB), NOSPLIT, $0-200
	MOVQ         v_base+0(FP), SI
	MOVQ         v_len+8(FP), CX
	MOVQ         ie_base+24(FP), DX
	MOVQ         ii_base+48(FP), R8
	MOVQ         last_base+72(FP), R9
	MOVQ         cand_base+96(FP), DI
	VBROADCASTSD pee+120(FP), Y8
	VBROADCASTSD pii+128(FP), Y9
	VBROADCASTSD pvv+136(FP), Y10
	VBROADCASTSD pve+144(FP), Y11
	VBROADCASTSD pvi+152(FP), Y12
	VBROADCASTSD qv+160(FP), Y13
	VBROADCASTSD th+168(FP), Y14
	VPBROADCASTQ step+176(FP), Y15
	VPBROADCASTQ ref+184(FP), Y7
	XORQ         AX, AX
	XORQ         R10, R10

currLoop:
	CMPQ AX, CX
	JAE  currDone

	// the currents decay: ie = e·pee, ii = in·pii (Y0 e, Y1 in kept)
	VMOVUPD (DX)(AX*8), Y0
	VMOVUPD (R8)(AX*8), Y1
	VMULPD  Y8, Y0, Y2
	VMOVUPD Y2, (DX)(AX*8)
	VMULPD  Y9, Y1, Y2
	VMOVUPD Y2, (R8)(AX*8)

	// Y3: refractory lanes, ref > step − last; BX their bits, a group
	// whose four cells are refractory keeps its v
	VMOVDQU   (R9)(AX*8), Y2
	VPSUBQ    Y2, Y15, Y2
	VPCMPGTQ  Y2, Y7, Y3
	VMOVMSKPD Y3, BX
	CMPQ      BX, $15
	JEQ       currNext

	// Y5: x = ((pvv·v + pve·e) + pvi·in) + qv; v = x where not refractory
	VMOVUPD   (SI)(AX*8), Y4
	VMULPD    Y4, Y10, Y5
	VMULPD    Y0, Y11, Y6
	VADDPD    Y6, Y5, Y5
	VMULPD    Y1, Y12, Y6
	VADDPD    Y6, Y5, Y5
	VADDPD    Y13, Y5, Y5
	VBLENDVPD Y3, Y4, Y5, Y6
	VMOVUPD   Y6, (SI)(AX*8)

	// R11: candidates, !(x <= th) and not refractory
	VCMPPD    $6, Y14, Y5, Y6
	VMOVMSKPD Y6, R11
	XORQ      $15, BX
	ANDQ      BX, R11
	JZ        currNext

	CANDIDATES(currCand)

currNext:
	ADDQ $4, AX
	JMP  currLoop

currDone:
	VZEROUPPER
	MOVQ R10, ret+192(FP)
	RET

// func condExpDecayAVX2(ge, gi, expo, bas []float64,
//	mgl, bl, invC, eE, eI, dt, decE, decI float64)
//
// Registers: SI ge, DX gi, DI expo, R8 bas, CX len(ge), AX i; Y8 mgl,
// Y9 bl, Y10 invC, Y11 eE, Y12 eI, Y13 dt, Y14 decE, Y15 decI (broadcast);
// Y0–Y4 the group's values. Every cell's values are computed, those of
// refractory cells too: condExpVoltageAVX2 makes the refractory test.
TEXT ·condExpDecayAVX2(SB), NOSPLIT, $0-160
	MOVQ         ge_base+0(FP), SI
	MOVQ         ge_len+8(FP), CX
	MOVQ         gi_base+24(FP), DX
	MOVQ         expo_base+48(FP), DI
	MOVQ         bas_base+72(FP), R8
	VBROADCASTSD mgl+96(FP), Y8
	VBROADCASTSD bl+104(FP), Y9
	VBROADCASTSD invC+112(FP), Y10
	VBROADCASTSD eE+120(FP), Y11
	VBROADCASTSD eI+128(FP), Y12
	VBROADCASTSD dt+136(FP), Y13
	VBROADCASTSD decE+144(FP), Y14
	VBROADCASTSD decI+152(FP), Y15
	XORQ         AX, AX

decayLoop:
	CMPQ AX, CX
	JAE  decayDone
	VMOVUPD (SI)(AX*8), Y0 // e
	VMOVUPD (DX)(AX*8), Y1 // in

	// Y2: a = mgl − (e + in)·invC
	VADDPD Y1, Y0, Y2
	VMULPD Y10, Y2, Y2
	VSUBPD Y2, Y8, Y2

	// bas = (bl + (e·eE + in·eI)·invC) / a
	VMULPD  Y11, Y0, Y3
	VMULPD  Y12, Y1, Y4
	VADDPD  Y4, Y3, Y3
	VMULPD  Y10, Y3, Y3
	VADDPD  Y3, Y9, Y3
	VDIVPD  Y2, Y3, Y3
	VMOVUPD Y3, (R8)(AX*8)

	// expo = a·dt
	VMULPD  Y13, Y2, Y2
	VMOVUPD Y2, (DI)(AX*8)

	// the conductances decay: ge = e·decE, gi = in·decI
	VMULPD  Y14, Y0, Y0
	VMOVUPD Y0, (SI)(AX*8)
	VMULPD  Y15, Y1, Y1
	VMOVUPD Y1, (DX)(AX*8)

	ADDQ $4, AX
	JMP  decayLoop

decayDone:
	VZEROUPPER
	RET

// func condExpVoltageAVX2(v, expo, bas []float64, last []int64, cand []int32,
//	th float64, step, ref int64) int
//
// Registers: SI v, DX expo, R8 bas, R9 last, DI cand, CX len(v), AX i,
// R10 nc; Y13 ref, Y14 th, Y15 step (broadcast); Y0–Y5 the group's values.
TEXT ·condExpVoltageAVX2(SB), NOSPLIT, $0-152
	MOVQ         v_base+0(FP), SI
	MOVQ         v_len+8(FP), CX
	MOVQ         expo_base+24(FP), DX
	MOVQ         bas_base+48(FP), R8
	MOVQ         last_base+72(FP), R9
	MOVQ         cand_base+96(FP), DI
	VBROADCASTSD th+120(FP), Y14
	VPBROADCASTQ step+128(FP), Y15
	VPBROADCASTQ ref+136(FP), Y13
	XORQ         AX, AX
	XORQ         R10, R10

voltLoop:
	CMPQ AX, CX
	JAE  voltDone

	// Y1: refractory lanes, ref > step − last; BX their bits, a group
	// whose four cells are refractory keeps its v
	VMOVDQU   (R9)(AX*8), Y0
	VPSUBQ    Y0, Y15, Y0
	VPCMPGTQ  Y0, Y13, Y1
	VMOVMSKPD Y1, BX
	CMPQ      BX, $15
	JEQ       voltNext

	// Y4: x = (v + bas)·expo − bas; v = x where not refractory
	VMOVUPD   (SI)(AX*8), Y2
	VMOVUPD   (R8)(AX*8), Y3
	VADDPD    Y3, Y2, Y4
	VMULPD    (DX)(AX*8), Y4, Y4
	VSUBPD    Y3, Y4, Y4
	VBLENDVPD Y1, Y2, Y4, Y5
	VMOVUPD   Y5, (SI)(AX*8)

	// R11: candidates, !(x <= th) and not refractory
	VCMPPD    $6, Y14, Y4, Y5
	VMOVMSKPD Y5, R11
	XORQ      $15, BX
	ANDQ      BX, R11
	JZ        voltNext

	CANDIDATES(voltCand)

voltNext:
	ADDQ $4, AX
	JMP  voltLoop

voltDone:
	VZEROUPPER
	MOVQ R10, ret+144(FP)
	RET

// The same loops with AVX-512, eight cells per group in a Z register; a
// last group of four (len a multiple of four) runs with the upper four
// lanes masked off (K7), which then load zeros and store nothing. The
// refractory and candidate masks are K registers (K1 refractory, K2 the
// lanes that are neither refractory nor masked off, K3 candidates).

// LANES8 sets K7, and R13 (0xff at the first group), to the lanes of the
// group at AX: all eight, or the lower four for a last group of four (BX
// scratch); label names the point after the choice.
#define LANES8(label) \
	MOVQ  CX, BX; \
	SUBQ  AX, BX; \
	CMPQ  BX, $8; \
	JAE   label; \
	MOVL  $0x0f, R13; \
label: \
	KMOVW R13, K7

// func condExpDecay512(ge, gi, expo, bas []float64,
//	mgl, bl, invC, eE, eI, dt, decE, decI float64)
TEXT ·condExpDecay512(SB), NOSPLIT, $0-160
	MOVQ         ge_base+0(FP), SI
	MOVQ         ge_len+8(FP), CX
	MOVQ         gi_base+24(FP), DX
	MOVQ         expo_base+48(FP), DI
	MOVQ         bas_base+72(FP), R8
	VBROADCASTSD mgl+96(FP), Z8
	VBROADCASTSD bl+104(FP), Z9
	VBROADCASTSD invC+112(FP), Z10
	VBROADCASTSD eE+120(FP), Z11
	VBROADCASTSD eI+128(FP), Z12
	VBROADCASTSD dt+136(FP), Z13
	VBROADCASTSD decE+144(FP), Z14
	VBROADCASTSD decI+152(FP), Z15
	XORQ         AX, AX
	MOVL         $0xff, R13 // the lanes of the group

decayLoop:
	CMPQ AX, CX
	JAE  decayDone
	LANES8(decayFull)
	VMOVUPD.Z (SI)(AX*8), K7, Z0 // e
	VMOVUPD.Z (DX)(AX*8), K7, Z1 // in

	// Z2: a = mgl − (e + in)·invC
	VADDPD Z1, Z0, Z2
	VMULPD Z10, Z2, Z2
	VSUBPD Z2, Z8, Z2

	// bas = (bl + (e·eE + in·eI)·invC) / a
	VMULPD  Z11, Z0, Z3
	VMULPD  Z12, Z1, Z4
	VADDPD  Z4, Z3, Z3
	VMULPD  Z10, Z3, Z3
	VADDPD  Z3, Z9, Z3
	VDIVPD  Z2, Z3, Z3
	VMOVUPD Z3, K7, (R8)(AX*8)

	// expo = a·dt
	VMULPD  Z13, Z2, Z2
	VMOVUPD Z2, K7, (DI)(AX*8)

	// the conductances decay: ge = e·decE, gi = in·decI
	VMULPD  Z14, Z0, Z0
	VMOVUPD Z0, K7, (SI)(AX*8)
	VMULPD  Z15, Z1, Z1
	VMOVUPD Z1, K7, (DX)(AX*8)

	ADDQ $8, AX
	JMP  decayLoop

decayDone:
	VZEROUPPER
	RET

// func condExpVoltage512(v, expo, bas []float64, last []int64, cand []int32,
//	th float64, step, ref int64) int
TEXT ·condExpVoltage512(SB), NOSPLIT, $0-152
	MOVQ         v_base+0(FP), SI
	MOVQ         v_len+8(FP), CX
	MOVQ         expo_base+24(FP), DX
	MOVQ         bas_base+48(FP), R8
	MOVQ         last_base+72(FP), R9
	MOVQ         cand_base+96(FP), DI
	VBROADCASTSD th+120(FP), Z14
	VPBROADCASTQ step+128(FP), Z15
	VPBROADCASTQ ref+136(FP), Z13
	XORQ         AX, AX
	XORQ         R10, R10
	MOVL         $0xff, R13 // the lanes of the group

voltLoop:
	CMPQ AX, CX
	JAE  voltDone
	LANES8(voltFull)

	// K1: refractory lanes, ref > step − last; a group whose cells are
	// all refractory keeps its v
	VMOVDQU64.Z (R9)(AX*8), K7, Z0
	VPSUBQ      Z0, Z15, Z0
	VPCMPGTQ    Z0, Z13, K1
	KANDW       K7, K1, K1
	KMOVW       K1, BX
	CMPQ        BX, R13
	JEQ         voltNext
	KANDNW      K7, K1, K2 // K2 = lanes that are not refractory

	// Z4: x = (v + bas)·expo − bas; v = x where not refractory
	VMOVUPD.Z (SI)(AX*8), K7, Z2
	VMOVUPD.Z (R8)(AX*8), K7, Z3
	VMOVUPD.Z (DX)(AX*8), K7, Z6
	VADDPD    Z3, Z2, Z4
	VMULPD    Z6, Z4, Z4
	VSUBPD    Z3, Z4, Z4
	VMOVUPD   Z4, K2, (SI)(AX*8)

	// R11: candidates, !(x <= th) and not refractory
	VCMPPD $6, Z14, Z4, K3
	KANDW  K2, K3, K3
	KMOVW  K3, R11
	TESTQ  R11, R11
	JZ     voltNext

	CANDIDATES(voltCand)

voltNext:
	ADDQ $8, AX
	JMP  voltLoop

voltDone:
	VZEROUPPER
	MOVQ R10, ret+144(FP)
	RET

// func currExp512(v, ie, ii []float64, last []int64, cand []int32,
//	pee, pii, pvv, pve, pvi, qv, th float64, step, ref int64) int
TEXT ·currExp512(SB), NOSPLIT, $0-200
	MOVQ         v_base+0(FP), SI
	MOVQ         v_len+8(FP), CX
	MOVQ         ie_base+24(FP), DX
	MOVQ         ii_base+48(FP), R8
	MOVQ         last_base+72(FP), R9
	MOVQ         cand_base+96(FP), DI
	VBROADCASTSD pee+120(FP), Z8
	VBROADCASTSD pii+128(FP), Z9
	VBROADCASTSD pvv+136(FP), Z10
	VBROADCASTSD pve+144(FP), Z11
	VBROADCASTSD pvi+152(FP), Z12
	VBROADCASTSD qv+160(FP), Z13
	VBROADCASTSD th+168(FP), Z14
	VPBROADCASTQ step+176(FP), Z15
	VPBROADCASTQ ref+184(FP), Z7
	XORQ         AX, AX
	XORQ         R10, R10
	MOVL         $0xff, R13 // the lanes of the group

currLoop:
	CMPQ AX, CX
	JAE  currDone
	LANES8(currFull)

	// the currents decay: ie = e·pee, ii = in·pii (Z0 e, Z1 in kept)
	VMOVUPD.Z (DX)(AX*8), K7, Z0
	VMOVUPD.Z (R8)(AX*8), K7, Z1
	VMULPD    Z8, Z0, Z2
	VMOVUPD   Z2, K7, (DX)(AX*8)
	VMULPD    Z9, Z1, Z2
	VMOVUPD   Z2, K7, (R8)(AX*8)

	// K1: refractory lanes, ref > step − last; a group whose cells are
	// all refractory keeps its v
	VMOVDQU64.Z (R9)(AX*8), K7, Z2
	VPSUBQ      Z2, Z15, Z2
	VPCMPGTQ    Z2, Z7, K1
	KANDW       K7, K1, K1
	KMOVW       K1, BX
	CMPQ        BX, R13
	JEQ         currNext
	KANDNW      K7, K1, K2 // K2 = lanes that are not refractory

	// Z5: x = ((pvv·v + pve·e) + pvi·in) + qv; v = x where not refractory
	VMOVUPD.Z (SI)(AX*8), K7, Z4
	VMULPD    Z4, Z10, Z5
	VMULPD    Z0, Z11, Z6
	VADDPD    Z6, Z5, Z5
	VMULPD    Z1, Z12, Z6
	VADDPD    Z6, Z5, Z5
	VADDPD    Z13, Z5, Z5
	VMOVUPD   Z5, K2, (SI)(AX*8)

	// R11: candidates, !(x <= th) and not refractory
	VCMPPD $6, Z14, Z5, K3
	KANDW  K2, K3, K3
	KMOVW  K3, R11
	TESTQ  R11, R11
	JZ     currNext

	CANDIDATES(currCand)

currNext:
	ADDQ $8, AX
	JMP  currLoop

currDone:
	VZEROUPPER
	MOVQ R10, ret+192(FP)
	RET
