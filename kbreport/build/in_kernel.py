"""What runs inside a warm kernel: warm-up (imports, the data parsed) and the reset before each report.

The worker side (kbreport.build.warm_kernel) never imports this module: it sends the kernel a line
of code that does (`import kbreport.build.in_kernel as _k; _k.warm_up(...)`). So what a briefing
needs (kbreport.build.briefing, the elements) loads in the kernel, and the worker process stays
free of it — and of any import cycle through it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

__all__ = ["warm_up", "reset"]

_SNAPSHOT: dict[str, Any] = {}


def warm_up(data_dir: str | None = None, data_store: tuple[str, str] | None = None) -> None:
    """Import what a briefing needs, parse `data_dir` into the cache, and remember the clean state.
    `data_store`: (folder, key) of a kbreport.ingest.dataset_store.DatasetStore holding the parse, or
    receiving it. Once per kernel: a second call (kbreport.build.warm_kernel runs it at the kernel's
    startup, then again to see it succeed) returns at once."""
    if _SNAPSHOT:
        return
    import copy
    import gc
    import sys
    import warnings

    from kbreport.import_guards import skip_iri_grammars

    skip_iri_grammars()  # before nbformat: its jsonschema would compile IRI grammars (~2 s)
    import matplotlib
    import matplotlib.pyplot  # noqa: F401 - sets up the inline backend, as a notebook's first chart would
    import nbformat  # noqa: F401 - each report reads its notebook's parameters with it
    import pandas  # noqa: F401

    from kbreport import analysis, charts, elements  # noqa: F401
    from kbreport.build import briefing, notebooks  # noqa: F401
    from kbreport.elements import display  # noqa: F401
    from kbreport.ingest.dataset import load_data_cached
    from kbreport.ingest.dataset_store import DatasetStore
    from kbreport.heap import release_free_memory
    from kbreport.ingest.wilayah import desa_table, load_master

    if data_dir is not None and Path(data_dir).is_dir():
        try:
            load_data_cached(data_dir, store=DatasetStore(*data_store) if data_store else None)
            desa_table(load_master())
        except Exception:  # noqa: BLE001 - bad data: the report itself will say what is wrong
            pass
    _SNAPSHOT.update(rc=copy.deepcopy(matplotlib.rcParams), env=dict(os.environ), path=list(sys.path),
                     filters=list(warnings.filters))
    # What warm-up loaded (modules, the parsed data) lives as long as the kernel: out of the garbage
    # collector's sight, so that IPython's gc.collect() in every reset and the collections while a report
    # runs walk only that report's objects (a full collection over the data took ~0.3 s per report).
    release_free_memory()  # the parse's garbage, ~160 MB of the demo data's, back to the system
    gc.freeze()


def reset(cwd: str) -> None:
    """Back to the state warm_up left, with `cwd` as the current directory."""
    import copy
    import sys
    import time
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt
    import pandas as pd
    from IPython import get_ipython

    os.chdir(cwd)  # first: the last report's folder may be gone, and IPython's reset looks at the cwd
    ip = get_ipython()
    if ip is not None:
        ip.reset(new_session=True)  # namespace, In/Out history, execution count 1
    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if "rc" in _SNAPSHOT:  # a copy: a report may change a list-valued setting in place
            matplotlib.rcParams.clear()
            matplotlib.rcParams.update(copy.deepcopy(_SNAPSHOT["rc"]))
        pd.reset_option("all")  # pandas' defaults, as in a new kernel
    if "env" in _SNAPSHOT:
        os.environ.clear()
        os.environ.update(_SNAPSHOT["env"])
        if hasattr(time, "tzset"):
            time.tzset()  # TZ may have been changed
        sys.path[:] = _SNAPSHOT["path"]
        warnings.resetwarnings()  # also drops the "already shown" caches
        warnings.filters[:] = _SNAPSHOT["filters"]
        getattr(warnings, "_filters_mutated", lambda: None)()
