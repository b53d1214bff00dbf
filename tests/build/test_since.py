"""kbreport.build.since: which units changed borders between two decrees (then and now are not one area)."""
from __future__ import annotations

from kbreport.build.since import as_date, borders_changed

NOW, THEN = "kepmendagri-100.1.1-6117-2022", "permendagri-58-2021"


def test_papua_split_in_2022_changes_borders_and_bengkulu_does_not():
    # code 91 was Papua Barat under Permendagri 58/2021 and is Papua under Kepmendagri 100.1.1-6117/2022
    assert borders_changed("91", NOW, THEN)
    assert borders_changed("93", NOW, THEN)  # Papua Selatan, formed from kab/kota of Papua (then 94)
    assert not borders_changed("17", NOW, THEN)
    assert not borders_changed("17.01", NOW, THEN)


def test_nothing_to_check():
    assert not borders_changed(None, NOW, THEN)  # Indonesia
    assert not borders_changed("91", NOW, NOW)
    assert not borders_changed("91", None, THEN)  # a user's own master


def test_runtime_date():
    assert as_date(None) is None and as_date("") is None
    assert str(as_date("2017-03-07")) == "2017-03-07"
