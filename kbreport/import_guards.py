"""What kbreport's own processes leave unimported: the command, the pool's workers, the warm kernels."""
from __future__ import annotations

import sys

__all__ = ["skip_iri_grammars"]


def skip_iri_grammars() -> None:
    """jsonschema (under nbformat and papermill) imports rfc3987-syntax when it is installed (jupyter
    pulls it in), which compiles Lark grammars for IRI checks: ~2 s in every process. No notebook schema
    checks an IRI, so jsonschema goes without it (its iri formats are then unchecked)."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
