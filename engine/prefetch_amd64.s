//go:build amd64 && !purego

#include "textflag.h"

// func prefetchw(p *float64, lines int)
TEXT ·prefetchw(SB), NOSPLIT, $0-16
	MOVQ p+0(FP), AX
	MOVQ lines+8(FP), CX
	TESTQ CX, CX
	JLE done
loop:
	// PREFETCHW (AX), which Go's assembler does not name
	BYTE $0x0F; BYTE $0x0D; BYTE $0x08
	ADDQ $64, AX
	DECQ CX
	JNZ loop
done:
	RET

// func prefetch(p *int32, lines int)
TEXT ·prefetch(SB), NOSPLIT, $0-16
	MOVQ p+0(FP), AX
	MOVQ lines+8(FP), CX
	TESTQ CX, CX
	JLE rdone
rloop:
	PREFETCHT0 (AX)
	ADDQ $64, AX
	DECQ CX
	JNZ rloop
rdone:
	RET
