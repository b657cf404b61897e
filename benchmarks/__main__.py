"""``python -m benchmarks [--quick] [--only CASE ...]``: every benchmark in one process."""

from benchmarks.run import main

main()
