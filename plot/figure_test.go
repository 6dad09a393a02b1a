package plot

import (
	"image"
	"image/color"
	_ "image/png"
	"os"
	"testing"
)

// Figure size in pixels: 8 × 5 inches at 100 dpi.
const wantWidth, wantHeight = 800, 500

// decodePNG decodes the PNG at path and checks its format and size.
func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, format, err := image.Decode(f)
	if err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	if format != "png" {
		t.Errorf("%s: format %q, want png", path, format)
	}
	if b := img.Bounds(); b.Dx() != wantWidth || b.Dy() != wantHeight {
		t.Errorf("%s: size %dx%d, want %dx%d", path, b.Dx(), b.Dy(), wantWidth, wantHeight)
	}
	return img
}

// countColor counts the pixels of img within r that have colour c exactly.
func countColor(img image.Image, r image.Rectangle, c color.RGBA) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) == c {
				n++
			}
		}
	}
	return n
}

// countNear counts the pixels of img within r whose channels are all
// within 40 of those of c: anti-aliased lines rarely hit c exactly.
func countNear(img image.Image, r image.Rectangle, c color.RGBA) int {
	near := func(a, b uint8) bool { return max(a, b)-min(a, b) <= 40 }
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			if near(p.R, c.R) && near(p.G, c.G) && near(p.B, c.B) {
				n++
			}
		}
	}
	return n
}

// checkNoFile checks that the directory of path is empty: a failed write
// leaves neither the file nor a temporary file.
func checkNoFile(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("unexpected file %s after a failed write", e.Name())
	}
}

func TestGroupColorCycles(t *testing.T) {
	t.Parallel()
	if groupColor(0) != groupColor(10) || groupColor(0) == groupColor(1) {
		t.Error("groupColor does not cycle through ten distinct colours")
	}
}
