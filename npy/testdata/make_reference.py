"""Writes the NumPy reference files in this directory.

Run from npy/testdata with NumPy installed: python3 make_reference.py
The files were made with Python 3.11.2 and NumPy 1.24.2 (Debian 12 python3-numpy).
"""
import numpy as np

base = np.arange(24).reshape(2, 3, 4)  # values 0..23 in C order


def save(name, a, version=None):
    with open(name, "wb") as f:
        np.lib.format.write_array(f, a, version=version, allow_pickle=False)


save("ref_f8.npy", (base * 0.25 - 1.5).astype("<f8"))
save("ref_f4.npy", (base * 0.25 - 1.5).astype("<f4"))
save("ref_i8.npy", (base - 12).astype("<i8"))
save("ref_i4.npy", (base - 12).astype("<i4"))
save("ref_i2.npy", (base - 12).astype("<i2"))
save("ref_i1.npy", (base - 12).astype("i1"))
save("ref_u1.npy", base.astype("u1"))
save("ref_b1.npy", base % 3 == 0)
save("ref_f8_big_endian.npy", (base * 0.25 - 1.5).astype(">f8"))
save("ref_i4_big_endian.npy", (base - 12).astype(">i4"))
save("ref_f8_fortran.npy", np.asfortranarray(base * 0.25 - 1.5))
save("ref_i2_fortran_big_endian.npy", np.asfortranarray((base - 12).astype(">i2")))
save("ref_f8_v2.npy", base * 0.25 - 1.5, version=(2, 0))
save("ref_f8_v3.npy", base * 0.25 - 1.5, version=(3, 0))
save("ref_scalar.npy", np.array(3.25))
save("ref_empty.npy", np.zeros((0, 3)))
save("ref_c16.npy", np.arange(3, dtype="<c16"))
save("ref_structured.npy", np.zeros(2, dtype=[("a", "<f8"), ("b", "<i4")]))
np.savez("ref_savez.npz", t=np.array([0.001, 0.0025, 0.01]), i=np.array([3, 0, 7], dtype=np.int64))
np.savez_compressed("ref_savez_compressed.npz", t=np.array([0.001, 0.0025, 0.01]),
                    i=np.array([3, 0, 7], dtype=np.int64))
