package engine

import (
	"slices"
	"time"

	"github.com/volleysim/volley/build"
)

// The workers' shares of the cells follow their measured speed. Two cores
// of one machine do not always run a worker's loops equally fast: on a
// virtual machine one virtual CPU can share its cache with a busy neighbour
// (on the development VM, at times, a pointer chase through 8 MB took 84 ns
// per load on one vCPU against 27–41 ns on the other, and coba's second
// worker took 1.3–1.5× as long as the first in every phase), and hybrid
// processors pair fast and slow cores. Equal shares then leave the fast
// worker waiting at every barrier. Each worker measures the time it
// computes between barriers; every balanceInterval (and at least
// balanceEpochs measured epochs) worker 0 compares them and, where they
// differ by more than balanceSlack, moves the bounds between the workers'
// blocks towards shares in proportion to their measured speeds. The
// changes are spaced by at least balanceCost times what the last one took,
// so that they cost at most a few percent.
//
// Which worker updates a cell changes no result: a cell's update, its random
// numbers and the order in which its input is summed do not depend on it
// (TestBalancingChangesNothing). The rings are applied whole once after a
// change, since their lists of touched entries were made for the old
// blocks (see emptySlot).

// balanceInterval is how often, in wall time, worker 0 compares the
// workers' times, after at least balanceEpochs measured epochs;
// balanceSlack is the relative difference from which it moves the bounds;
// balanceEvery is how many epochs go by between two measured ones (two
// readings of the clock per measured epoch); balanceCost is the least ratio
// of the time between two changes to the time the last change took.
const (
	balanceInterval = 4 * time.Millisecond
	balanceEpochs   = 16
	balanceSlack    = 0.04
	balanceEvery    = 4
	balanceCost     = 25
)

// balancer is worker 0's view of the workers' speeds.
type balancer struct {
	on        bool
	cost      []float64     // [groups] estimated nanoseconds per cell-step
	interval  time.Duration // between comparisons: balanceInterval unless a test changes it
	minEpochs int           // measured epochs between comparisons: balanceEpochs unless a test changes it
	epochs    int           // epochs worker 0 measured since the last comparison
	last      time.Time     // last comparison
	spent     time.Duration // what the last change took, or an estimate
	costRatio time.Duration // least time between changes per time spent: balanceCost unless a test changes it
	next      []float64     // [workers] shares to take at the next barrier
	busy      []int64       // [workers] the times compared
	work      []float64     // [workers] the estimated work compared
	// shares returns each worker's new share of the cells from the time
	// each computed since the last comparison and its share of the
	// estimated work, or nil to keep the shares; proportionalShares unless
	// a test replaces it.
	shares func(busy []int64, work []float64) []float64
}

// newBalancer returns the balancer of a run of plan on the given workers:
// off for one worker and for equation-defined synapses, whose queues of
// events belong to fixed workers.
func newBalancer(plan *build.Plan, workers int) balancer {
	b := balancer{on: workers > 1, interval: balanceInterval, minEpochs: balanceEpochs, costRatio: balanceCost,
		busy: make([]int64, workers), work: make([]float64, workers), shares: proportionalShares}
	for _, pr := range plan.Projections {
		if pr.Syn != nil {
			b.on = false
		}
	}
	for _, g := range plan.Groups {
		b.cost = append(b.cost, cellCost(g))
	}
	return b
}

// proportionalShares gives each worker a share of the work in proportion to
// its speed (estimated work done per nanosecond computed), moving halfway
// there from the present shares so that noise in one interval does not make
// the bounds swing; nil where no time was measured or the times differ by
// less than balanceSlack.
func proportionalShares(busy []int64, work []float64) []float64 {
	var total, sumBusy, maxBusy, speeds float64
	for w, b := range busy {
		if b <= 0 || work[w] <= 0 {
			return nil
		}
		total += work[w]
		sumBusy += float64(b)
		maxBusy = max(maxBusy, float64(b))
		speeds += work[w] / float64(b)
	}
	if maxBusy <= float64(1+balanceSlack)*sumBusy/float64(len(busy)) {
		return nil
	}
	shares := make([]float64, len(busy))
	for w, b := range busy {
		target := work[w] / float64(b) / speeds
		shares[w] = (work[w]/total + target) / 2
	}
	return shares
}

// measure adds the time worker w computed since start to its account; it
// returns the flag for the barrier that worker 0 raises when the workers'
// shares are to change after this epoch.
func (r *runner) measure(w int, start, now time.Time) uint32 {
	r.flags[w].busy.Add(int64(now.Sub(start)))
	if w != 0 {
		return 0
	}
	r.bal.epochs++
	if r.bal.epochs < r.bal.minEpochs || now.Sub(r.bal.last) < max(r.bal.interval, r.bal.costRatio*r.bal.spent) {
		return 0
	}
	r.bal.last, r.bal.epochs = now, 0
	for v := range r.bal.busy {
		r.bal.busy[v] = r.flags[v].busy.Swap(0)
	}
	r.bal.next = r.bal.shares(r.bal.busy, r.estimatedWork())
	if r.bal.next == nil || !r.movesBounds(r.bal.next) {
		return 0
	}
	return flagRebalance
}

// movesBounds reports whether shares would move a bound of some group's
// blocks. Bounds snap to pages and pairs of cache lines (blockBound), so
// shares near the present ones often give the present blocks, and a change
// costs two barriers, the tables' refresh and a whole application of the
// rings however little it moves (tian2020 on two threads: none to two such
// changes in each of three 100 ms runs, logged in a test build).
func (r *runner) movesBounds(shares []float64) bool {
	for g, grp := range r.plan.Groups {
		if !slices.Equal(partitionShares(grp.N, shares), r.part[g]) {
			return true
		}
	}
	return false
}

// estimatedWork returns each worker's estimated work per step in its
// present blocks, in nanoseconds.
func (r *runner) estimatedWork() []float64 {
	work := r.bal.work
	clear(work)
	for g, b := range r.part {
		for w := range work {
			work[w] += float64(r.bal.cost[g] * float64(b[w+1]-b[w])) // float64: no fused multiply-add
		}
	}
	return work
}

// rebalance gives the workers the shares of r.bal.next: new blocks in every
// root group, the rings applied whole once, the probes handed to the new
// owners of their cells. Worker 0 calls it while the others wait at a
// barrier.
func (r *runner) rebalance() {
	start := time.Now()
	for g, grp := range r.plan.Groups {
		r.part[g] = partitionShares(grp.N, r.bal.next)
	}
	for i := range r.rings {
		for _, ts := range r.rings[i].touched {
			for w := range ts {
				ts[w].dense = true
			}
		}
	}
	r.assignProbes()
	for w := range r.flags {
		r.flags[w].busy.Store(0) // the others wait at a barrier
	}
	r.bal.last = time.Now()
	r.bal.spent = r.bal.last.Sub(start)
}

// partitionShares splits n cells into contiguous blocks of the given shares
// (which sum to 1), with inner bounds placed by blockBound, as partition's.
func partitionShares(n int, shares []float64) []int {
	b := padded[int](len(shares) + 1)
	var cum float64
	for w := 1; w < len(shares); w++ {
		cum += shares[w-1]
		x := blockBound(float64(cum*float64(n)), n, len(shares)) // float64: no fused multiply-add
		b[w] = min(max(x, b[w-1]), n)
	}
	b[len(shares)] = n
	return b
}
