"""Benchmarks of Hearthside and the realistic history they build (see README.md here)."""
