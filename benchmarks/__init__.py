"""Side-by-side benchmarks (not part of the test suite); run ``python -m benchmarks``."""
