//go:build amd64 && !purego

#include "textflag.h"

// EACHLINE runs insn on every cache line from p on, lines of them: the body
// of prefetchw and prefetch (func(p, lines int), in AX and CX).
#define EACHLINE(insn) \
	MOVQ p+0(FP), AX \
	MOVQ lines+8(FP), CX \
	TESTQ CX, CX \
	JLE done \
loop: \
	insn \
	ADDQ $64, AX \
	DECQ CX \
	JNZ loop \
done: \
	RET

// func prefetchw(p *float64, lines int)
TEXT ·prefetchw(SB), NOSPLIT, $0-16
	// PREFETCHW (AX), which Go's assembler does not name
	EACHLINE(BYTE $0x0F; BYTE $0x0D; BYTE $0x08)

// func prefetch(p unsafe.Pointer, lines int)
TEXT ·prefetch(SB), NOSPLIT, $0-16
	EACHLINE(PREFETCHT0 (AX))
