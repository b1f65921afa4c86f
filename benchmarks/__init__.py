"""Benchmarks of eventgold side by side with its peers (nervaluate, seqeval), on seeded synthetic corpora.

Run ``python -m benchmarks`` from the repository root; ``--quick`` for small sizes, ``--only NAME`` for one
operation. :mod:`benchmarks.synth` generates the corpora, :mod:`benchmarks.runner` measures and prints the table.
"""
