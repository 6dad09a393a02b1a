package hugepage

import (
	"os"
	"syscall"
	"unsafe"
)

// advise asks the kernel to back the whole pages of [p, p+size) with
// transparent huge pages. An error (a kernel without them) is ignored: the
// memory stays ordinary memory.
func advise(p unsafe.Pointer, size uintptr) {
	page := uintptr(os.Getpagesize())
	start := (uintptr(p) + page - 1) &^ (page - 1)
	end := (uintptr(p) + size) &^ (page - 1)
	if end <= start {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Add(p, start-uintptr(p))), end-start)
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}
