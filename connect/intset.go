package connect

import "math/bits"

// intSet is an open-addressing hash set of non-negative int32 values, reused
// across rows.
type intSet struct {
	slots []int32 // value+1, 0 = empty
	mask  uint32
	shift uint32 // 32 - log2(len(slots)): the hash is the top bits of a product
}

// reset empties the set and sizes it for up to n values.
func (s *intSet) reset(n int) {
	lg := bits.Len(uint(2 * n))
	size := 1 << lg
	if len(s.slots) < size {
		s.slots = make([]int32, size)
	} else {
		s.slots = s.slots[:size]
		clear(s.slots)
	}
	s.mask = uint32(size - 1)
	s.shift = uint32(32 - lg)
}

// add inserts v and reports whether it was absent.
func (s *intSet) add(v int32) bool {
	h := (uint32(v) * 0x9E3779B1) >> s.shift & s.mask
	for {
		switch s.slots[h] {
		case 0:
			s.slots[h] = v + 1
			return true
		case v + 1:
			return false
		}
		h = (h + 1) & s.mask
	}
}
