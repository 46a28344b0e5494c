"""Benchmarks of Stride Planner (importable so bench/run.py and tests can share the measurements)."""
