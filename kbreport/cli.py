"""The `kbreport` command: a thin Click layer over the library API."""
from __future__ import annotations

import sys

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbreport")
def main() -> None:
    """Briefings on the Kampung KB programme: data, validation, analyses, HTML/PDF reports."""


# --- commands are registered below, one block per concern -------------------------------

# [wilayah]
# [validate]
# [demo]
# [run]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
