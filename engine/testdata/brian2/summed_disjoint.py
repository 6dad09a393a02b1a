# Reproduces Brian2's result for TestSummedIntoDisjointSubgroups in
# engine/synapses_brian2_test.go: two projections
# summing into I of two disjoint sub-groups of one group. Brian2 accepts
# this; prints I of the 4 cells at the end: [2, 2, 4, 4].
# Run (Brian2 2.5.1): /usr/bin/python3 engine/testdata/brian2/summed_disjoint.py
from brian2 import *

prefs.codegen.target = 'numpy'
defaultclock.dt = 0.1*ms

stim = SpikeGeneratorGroup(2, [0, 1], [0.5, 1]*ms)
G = NeuronGroup(4, 'I : 1')
lo = G[:2]
hi = G[2:]

a = Synapses(stim, lo, model='''w : 1
I_post = w : 1 (summed)''')
a.connect()
a.w = 1
b = Synapses(stim, hi, model='''w : 1
I_post = w : 1 (summed)''')
b.connect()
b.w = 2

M = StateMonitor(G, 'I', record=True)
run(2*ms)

print('I at the end', [repr(x) for x in G.I[:]])
print('I at the last sample', [repr(x) for x in M.I[:, -1]])
