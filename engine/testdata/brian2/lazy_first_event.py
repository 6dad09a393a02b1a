# Reproduces Brian2's numbers for TestLazyFirstEvent in
# engine/synapses_brian2_test.go: a clock-driven
# synaptic variable starting away from its fixed point (y = 1) read by on_pre.
# Prints v at steps 11 and 21 (samples taken at the start of each step).
# Run (Brian2 2.5.1): /usr/bin/python3 engine/testdata/brian2/lazy_first_event.py
from brian2 import *

prefs.codegen.target = 'numpy'
defaultclock.dt = 0.1*ms

stim = SpikeGeneratorGroup(1, [0, 0], [1, 2]*ms)
cell = NeuronGroup(1, 'v : 1')
S = Synapses(stim, cell, model='dy/dt = -y/(3*ms) : 1 (clock-driven)',
             on_pre='v_post += y', method='exact')
S.connect()
S.y = 1

M = StateMonitor(cell, 'v', record=True)
run(3*ms)

for n in [11, 21]:
    print(n, repr(M.v[0, n]))
