package main

import (
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how far a run is: a bar on a terminal, a line every 10%
// otherwise. A nil *progress does nothing.
type progress struct {
	w     io.Writer
	total int64
	bar   *progressbar.ProgressBar
	tenth int64 // last tenth printed
}

func newProgress(w io.Writer, total int64) *progress {
	p := &progress{w: w, total: total}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions64(total, progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("simulating"), progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100_000_000), progressbar.OptionClearOnFinish())
	}
	return p
}

func (p *progress) update(done, total int64) {
	if p == nil || total == 0 {
		return
	}
	if p.bar != nil {
		_ = p.bar.Set64(done)
		return
	}
	if t := done * 10 / total; t > p.tenth {
		p.tenth = t
		fmt.Fprintf(p.w, "simulating: %3d%% (%d/%d steps)\n", t*10, done, total)
	}
}

func (p *progress) done() {
	if p != nil && p.bar != nil {
		_ = p.bar.Finish()
	}
}
