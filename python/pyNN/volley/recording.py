"""
Recording in the Volley backend.

``record()`` only notes which cells and variables to record; the monitors are
written into the model file at run().  After a run the simulator state holds
the results (``state.results``, see ``modelfile.read_results``) and the
Recorder hands them to PyNN's generic code, which builds the Neo blocks.
"""

import numpy as np
from pyNN import recording
from . import simulator


class Recorder(recording.Recorder):
    _simulator = simulator

    def _record(self, variable, new_ids, sampling_interval=None):
        state = self._simulator.state
        if state.t > 0 and new_ids:
            state.check_not_running("start recording")
        if sampling_interval is not None and variable != 'spikes':
            steps = sampling_interval / state.dt
            if abs(steps - round(steps)) > 1e-9 or round(steps) < 1:
                raise ValueError("sampling_interval (%g ms) must be a whole multiple of the time "
                                 "step (%g ms)" % (sampling_interval, state.dt))
            self.sampling_interval = sampling_interval

    def _results(self):
        results = self._simulator.state.results
        if results is None:
            return None
        return results.get(self.population.volley_index)

    def _start_step(self):
        return int(round(float(self._recording_start_time) / self._simulator.state.dt))

    def _get_spiketimes(self, ids, clear=False):
        ids = np.asarray(ids, dtype=int)
        res = self._results()
        if res is None or res.spike_steps is None:
            return ids[:0], np.zeros(0)
        first = int(self.population.first_id)
        wanted = np.zeros(self.population.size, bool)
        wanted[ids - first] = True
        steps, cells = res.spike_steps, res.spike_cells
        keep = wanted[cells] & (steps >= self._start_step())
        times = steps[keep] * self._simulator.state.dt
        return cells[keep] + first, times

    def _get_all_signals(self, variable, ids, clear=False):
        res = self._results()
        n = len(ids)
        if res is None or variable not in res.signals:
            return np.zeros((0, n)), None
        index, data = res.signals[variable]  # index: recorded cells, data (samples, cells)
        first = int(self.population.first_id)
        cols = np.searchsorted(index, np.asarray(ids, dtype=int) - first)
        if n and (cols.max() >= len(index) or not np.all(index[cols] == np.asarray(ids) - first)):
            raise RuntimeError("Volley backend: cells %s were not recorded for %s" % (ids, variable))
        every = int(round(self.sampling_interval / self._simulator.state.dt))
        start_sample = -(-self._start_step() // every)  # ceil
        return data[start_sample:, cols], None

    def _local_count(self, variable, filter_ids=None):
        N = {}
        if variable != 'spikes':
            raise Exception("Only implemented for spikes")
        ids = sorted(self.filter_recorded('spikes', filter_ids))
        if not ids:
            return N
        id_array, _ = self._get_spiketimes(ids)
        first = int(self.population.first_id)
        counts = np.bincount(id_array - first, minlength=self.population.size)
        for id in ids:
            N[int(id)] = int(counts[int(id) - first])
        return N

    def _clear_simulator(self):
        # recorded data before _recording_start_time are filtered out
        pass

    def _reset(self):
        pass
