package connect

import "testing"

func TestIntSet(t *testing.T) {
	t.Parallel()
	var s intSet
	for _, n := range []int{0, 1, 5, 100, 3} { // reuse with growing and shrinking sizes
		s.reset(n)
		for v := int32(0); v < int32(n); v++ {
			if !s.add(v * 7) {
				t.Fatalf("n = %d: %d reported present before insertion", n, v*7)
			}
		}
		for v := int32(0); v < int32(n); v++ {
			if s.add(v * 7) {
				t.Fatalf("n = %d: %d reported absent after insertion", n, v*7)
			}
		}
	}
}
