"""Executors: where a run's jobs are built — a local process pool with warm kernels, or a Dask cluster — behind one interface (base.Executor)."""
