"""Building many reports: the plan, the worker pool, stamps, manifest and index page, progress, failures."""
