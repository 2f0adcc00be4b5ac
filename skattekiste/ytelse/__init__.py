"""Speed at scale: a synthetic corpus and the benchmark, for a database made for them.

Both are run by `make bench` through the commands `lag_testdata` and `bench`, which call
`guard.ensure_bench_database` first.
"""
