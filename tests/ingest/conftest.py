"""Fixtures of the ingest tests: `xlsx_engine` runs a test once per XLSX reader (python-calamine, openpyxl)."""
from __future__ import annotations

import pytest


@pytest.fixture(params=["calamine", "openpyxl"])
def xlsx_engine(request, monkeypatch):
    """The XLSX reader every read in the test uses; "openpyxl" forces the fallback."""
    from kbreport.ingest import readers

    monkeypatch.setattr(readers, "XLSX_ENGINE", request.param)
    return request.param
