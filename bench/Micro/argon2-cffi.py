#!/usr/bin/python3
"""argon2-cffi's time for one Argon2id check at the parameters of PasswordHashBenchmarks, on this machine.

    apt-get install -y python3-argon2 && /usr/bin/python3 bench/Micro/argon2-cffi.py

argon2-cffi is the native C reference implementation that FastAPI Users runs (through pwdlib); it computes the lanes
on as many threads. Prints the median, mean and minimum of 15 checks per parameter set, after 2 warm-up checks.
"""

import statistics
import time

import argon2

PASSWORD = "correct horse battery staple"

for memory, passes, lanes in [(65536, 3, 4), (19456, 2, 1)]:
    hasher = argon2.PasswordHasher(time_cost=passes, memory_cost=memory, parallelism=lanes, hash_len=32, salt_len=16)
    stored = hasher.hash(PASSWORD)
    for _ in range(2):
        hasher.verify(stored, PASSWORD)
    samples = []
    for _ in range(15):
        started = time.perf_counter()
        hasher.verify(stored, PASSWORD)
        samples.append((time.perf_counter() - started) * 1000)
    print(f"argon2-cffi {argon2.__version__} m={memory},t={passes},p={lanes}: "
          f"median {statistics.median(samples):.1f} ms, mean {statistics.mean(samples):.1f} ms, min {min(samples):.1f} ms")
