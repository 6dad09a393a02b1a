# Reproduces Brian2's numbers for the model comboModel: a sub-group post view
# with an offset, per-synapse delays including 0, a summed variable into the
# view, clock- and event-driven variables, on_pre and on_post.
# Used by TestComboBrian2 (comboRef, comboFinalW,
# comboPairs) in engine/synapses_brian2_test.go.
# Run (Brian2 2.5.1): /usr/bin/python3 engine/testdata/brian2/combo.py
from brian2 import *

prefs.codegen.target = 'numpy'
defaultclock.dt = 0.1*ms

pre = SpikeGeneratorGroup(4, [0, 0, 0, 1, 1, 2, 2, 3, 3],
                          [1, 6, 12, 1.5, 9, 2, 7.1, 3.3, 10]*ms)
G = NeuronGroup(6, '''dv/dt = (k + I)/(5*ms) : 1
                      k : 1
                      I : 1''',
                threshold='v > 1', reset='v = 0', method='euler')
G.k = '0.2 + 0.05*i'
post = G[2:6]

S = Synapses(pre, post, model='''w : 1
A : 1
dy/dt = -y/(2*ms) : 1 (clock-driven)
I_post = A*y : 1 (summed)
dApre/dt = -Apre/(4*ms) : 1 (event-driven)
dApost/dt = -Apost/(3*ms) : 1 (event-driven)''',
             on_pre='''v_post += w
y += 1
Apre += 0.1
w = w + Apost''',
             on_post='''Apost += -0.1
w = w + Apre''',
             method='exact')
S.connect(condition='(i + j) % 3 != 0')
S.delay = '((i + 2*j) % 3)*0.1*ms'
S.w = '0.1 + 0.02*i + 0.03*j'
S.A = '0.5 + 0.1*j'
S.summed_updaters['I_post'].order = -1

MG = StateMonitor(G, ['v', 'I'], record=True)
MS = StateMonitor(S, ['w', 'y', 'Apre', 'Apost'], record=True)
run(15*ms)

for n in [16, 34, 72, 149]:  # sample n is taken at the start of step n (t = n*dt)
    print(n)
    print('v', [repr(x) for x in MG.v[:, n]])
    print('I', [repr(x) for x in MG.I[:, n]])
    print('means w y Apre Apost', [repr(MS.w[:, n].mean()), repr(MS.y[:, n].mean()),
                                   repr(MS.Apre[:, n].mean()), repr(MS.Apost[:, n].mean())])
print('final w', [repr(x) for x in S.w[:]])
print('pairs', list(zip(S.i[:].tolist(), S.j[:].tolist())))
