"""An unbalanced quote early in a big CSV is reported as one, with the line it opens on."""
import csv

import pytest

from kbreport.ingest.structure import Structural, records


def test_a_quote_that_swallows_past_the_cell_limit_names_its_line():
    limit = csv.field_size_limit()
    body = "".join(f"KKB-{i:06d},Kampung KB {i},ya\n" for i in range(limit // 20 + 10))
    text = "id,nama,aktif\nKKB-000000,Kampung KB Awal,ya\nKKB-000001,\"Kampung KB Pelayangan,ya\n" + body
    with pytest.raises(Structural) as err:
        records(text, ",")
    assert err.value.code == "quote_unbalanced"
    assert err.value.fields["line"] == 3  # heading = 1, Awal = 2, the open quote = 3
    assert err.value.fields["lines"] >= limit // 40  # many lines swallowed, never 0


def test_records_still_reads_a_quoted_line_break():
    rows, starts = records('id,nama\n1,"a\nb"\n2,c\n', ",")
    assert rows == [["id", "nama"], ["1", "a\nb"], ["2", "c"]] and starts == [1, 2, 4]
