"""The previous event of the same kind for the same region among a run's reports (kbreport.batch.previous).

No params/events file has an earlier event of its own jenis for its own kode (the news reports in the seeds give
one Rakorda, one workshop, one MoU, one facilitation), so these run on params files written here."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from kbreport.batch.jobs import Job
from kbreport.batch.previous import assign_previous, event_keys, previous_dates
from kbreport.batch.stamps import HashCache, build_inputs, inputs_digest

ROOT = Path(__file__).resolve().parents[2]


def test_previous_dates_by_hand():
    ev = [("rakorda", "16", date(2017, 3, 7), date(2017, 3, 7)),
          ("rakorda", "16", date(2016, 3, 1), date(2016, 2, 29)),  # its figures as of another day: that day
          ("rakorda", "16", date(2018, 3, 6), date(2018, 3, 6)),
          ("workshop", "16", date(2016, 1, 1), date(2016, 1, 1)),  # another kind
          ("rakorda", "17", date(2015, 1, 1), date(2015, 1, 1)),  # another region
          ("rakorda", "16", date(2018, 3, 6), date(2018, 3, 6)),  # the same day is not "previous"
          None]
    assert previous_dates(ev) == [date(2016, 2, 29), None, date(2017, 3, 7), None, None, date(2017, 3, 7), None]


def write(tmp: Path, name: str, body: str) -> Path:
    p = tmp / f"{name}.yaml"
    p.write_text("laporan: event\n" + body, encoding="utf-8")
    return p


def test_the_runner_passes_the_previous_event_date(tmp_path):
    a = write(tmp_path, "a", 'jenis: rakorda\nkode: "16"\nmulai: 2017-03-07\n')
    b = write(tmp_path, "b", 'jenis: rakorda\nkode: "16"\nmulai: 2018-03-06\nas_of: 2018-02-28\n')
    c = write(tmp_path, "c", 'jenis: rakorda\nkode: "16"\nmulai: 2019-03-05\n')
    w = write(tmp_path, "w", 'jenis: workshop\nkode: "16"\nmulai: 2019-08-24\n')
    region = tmp_path / "r.yaml"
    region.write_text('laporan: wilayah\nkode: "16"\nas_of: 2019-06-30\n', encoding="utf-8")
    jobs = [Job(name=p.stem, params_path=p) for p in (c, w, a, b, region)]
    assert event_keys(jobs[0]) == ("rakorda", "16", date(2019, 3, 5), date(2019, 3, 5))
    assert event_keys(jobs[4]) is None
    assign_previous(jobs)
    # c compares with b's figures date (28 February 2018, its as_of), b with a; a, the workshop, the region: nothing
    assert [j.runtime for j in jobs] == [{"pembanding_tanggal": "2018-02-28"}, None, None,
                                         {"pembanding_tanggal": "2017-03-07"}, None]


def test_the_date_is_an_input_of_the_stamp(tmp_path):
    p = write(tmp_path, "a", 'jenis: rakorda\nkode: "16"\nmulai: 2017-03-07\n')
    nb = ROOT / "notebooks" / "event_briefing.ipynb"
    base = dict(notebook=nb, params_path=p, data_dir=None, formats=("html",), code="x", cache=HashCache())
    plain = build_inputs(**base)
    assert "runtime" not in plain and build_inputs(**base, runtime={}) == plain  # stamps of earlier runs hold
    with_prev = build_inputs(**base, runtime={"pembanding_tanggal": "2016-03-07"})
    assert with_prev["runtime"] == {"pembanding_tanggal": "2016-03-07"}
    assert inputs_digest(with_prev) != inputs_digest(plain)  # a new earlier event rebuilds the report


def test_a_run_hands_the_date_to_the_builder(tmp_path):
    import json

    from kbreport.batch import runner as batch
    from tests.fixtures.batch import light_builder

    p, out = tmp_path / "params", tmp_path / "out"
    p.mkdir()
    write(p, "rakorda-2017", 'jenis: rakorda\nkode: "16"\nmulai: 2017-03-07\n')
    write(p, "rakorda-2018", 'jenis: rakorda\nkode: "16"\nmulai: 2018-03-06\n')
    res = batch.run_batch([p], out, jobs=1, builder=light_builder.fake_build, resolver=light_builder.resolve,
                          progress=False)
    assert res.exit_code == 0, res.summary()
    assert json.loads((out / "rakorda-2018" / "runtime.json").read_text()) == {"pembanding_tanggal": "2017-03-07"}
    assert not (out / "rakorda-2017" / "runtime.json").exists()
