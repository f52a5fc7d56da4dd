"""What checking the cache costs: the time to verify every cached file by its sha256 before use.

Run: .venv/bin/python benchmarks/cache_check.py [FILES] [KB]   (default: 100 files of 300 KB)
Prints the files, their total size, and the seconds to check them all (Store.get on each), next to the
seconds to only look them up (the cost before entries were checked).
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from pathlib import Path

from charterkit.store import Store


def main(files: int, kb: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp), suffix=".pdf")
        keys = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(files)]
        for i, key in enumerate(keys):
            store.put(key, bytes([i % 256]) * (kb * 1024), {"pages": 3})
        start = time.perf_counter()
        found = sum(store.get(key) is not None for key in keys)
        checked = time.perf_counter() - start
        start = time.perf_counter()
        present = sum(store.path(key).is_file() for key in keys)
        looked = time.perf_counter() - start
        assert found == present == files
        print(f"{'files':>6} {'MB':>7} {'check s':>8} {'look-up s':>10}")
        print(f"{files:>6} {files * kb / 1024:>7.1f} {checked:>8.3f} {looked:>10.4f}")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(args[0] if args else 100, args[1] if len(args) > 1 else 300)
