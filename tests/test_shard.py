"""Sharding (`--shard i/n`) and merging the shards' reports (`merge-reports`).

The shares are checked on the 342 real gemeenten; the merge on real builds (real MkDocs, real
publishing and report files) of four gemeenten, with a stand-in browser that passes every page:
what is tested is which gemeente goes where and what the reports say, not the gate.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from keukentafel.diagnostics import InvalidInput
from keukentafel.pipeline import build
from keukentafel.report.merge import merge_reports
from keukentafel.shard import Shard, parse_shard

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from gemeente_configs import gemeenten, slugs, write_configs  # noqa: E402

ALL = slugs([g.naam for g in gemeenten()])


@pytest.mark.parametrize("count", [1, 2, 3, 4, 7, 16])
def test_the_shards_hold_every_gemeente_exactly_once(count):
    shares = [Shard(index, count).select(ALL) for index in range(1, count + 1)]
    held = [slug for share in shares for slug in share]
    assert sorted(held) == sorted(ALL)
    sizes = [len(share) for share in shares]
    assert max(sizes) - min(sizes) <= 1, f"shares of different size: {sizes}"


def test_the_shares_depend_on_the_gemeenten_not_on_their_order():
    assert Shard(2, 4).select(ALL) == Shard(2, 4).select(list(reversed(ALL))) == Shard(2, 4).select(ALL + ALL[:3])


@pytest.mark.parametrize("text", ["0/4", "5/4", "2", "a/b", "2/0", ""])
def test_a_wrong_shard_is_an_input_error_with_a_hint(text):
    with pytest.raises(InvalidInput) as caught:
        parse_shard(text)
    (problem,) = caught.value.diagnostics
    assert problem.file == "--shard" and "deel/aantal" in problem.message and problem.hint


def test_parse_shard_reads_part_and_count():
    assert parse_shard(" 2 / 4 ") == Shard(2, 4) and str(Shard(2, 4)) == "2/4"


@pytest.fixture(scope="module")
def four_gemeenten(tmp_path_factory) -> Path:
    """The two examples and two generated gemeenten, spread over both shares of 2."""
    folder = tmp_path_factory.mktemp("gemeenten")
    for name in ("sint-menadorp.yml", "s-heerenbruk-aan-de-vliet.yml"):
        shutil.copyfile(ROOT / "municipalities" / name, folder / name)
    shutil.copytree(ROOT / "municipalities" / "logos", folder / "logos")
    shutil.copytree(ROOT / "municipalities" / "extra", folder / "extra")
    for path in write_configs(tmp_path_factory.mktemp("gegenereerd"), 12)[:2]:
        shutil.copyfile(path, folder / path.name)
    return folder


def test_merged_shard_reports_equal_the_reports_of_one_build(four_gemeenten, tmp_path, monkeypatch):
    from keukentafel.gate import check
    from test_publish import PassingBrowser

    monkeypatch.setattr(check, "BrowserSession", PassingBrowser)
    monkeypatch.setenv("KEUKENTAFEL_TOETSDATUM_EPOCH", "1772323200")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    slugs_all = sorted(p.stem for p in four_gemeenten.glob("*.yml"))

    whole = build(None, output=tmp_path / "heel" / "site", municipalities=four_gemeenten, work=tmp_path / "heel" / "werk", reports=tmp_path / "heel" / "reports")
    assert whole.passed and [g.slug for g in whole.gemeenten] == slugs_all

    built_in = {}
    for index in (1, 2):
        part = tmp_path / f"deel-{index}"
        result = build(None, output=part / "site", municipalities=four_gemeenten, work=part / "werk", reports=part / "reports", shard=Shard(index, 2))
        built_in[index] = [g.slug for g in result.gemeenten]
        assert result.passed and result.overview is None
        assert not (part / "site" / "index.html").exists(), "a shard makes no overview of all gemeenten"
    assert sorted(built_in[1] + built_in[2]) == slugs_all and not set(built_in[1]) & set(built_in[2])

    merged = merge_reports([tmp_path / "deel-1" / "reports", tmp_path / "deel-2" / "reports"], tmp_path / "samen")
    assert merged.gemeenten == 4 and merged.with_problems == []
    whole_files = sorted(p.relative_to(tmp_path / "heel" / "reports") for p in (tmp_path / "heel" / "reports").rglob("*") if p.is_file())
    merged_files = sorted(p.relative_to(tmp_path / "samen") for p in (tmp_path / "samen").rglob("*") if p.is_file())
    assert merged_files == whole_files
    for name in whole_files:
        assert (tmp_path / "samen" / name).read_bytes() == (tmp_path / "heel" / "reports" / name).read_bytes(), name
    for index in (1, 2):  # and the sites of both shares together are the sites of the one build
        for slug in built_in[index]:
            site = tmp_path / f"deel-{index}" / "site" / slug
            assert sorted(p.relative_to(site) for p in site.rglob("*")) == sorted(p.relative_to(tmp_path / "heel" / "site" / slug) for p in (tmp_path / "heel" / "site" / slug).rglob("*"))


def test_merge_reports_refuses_a_folder_without_reports(tmp_path):
    with pytest.raises(InvalidInput) as caught:
        merge_reports([tmp_path], tmp_path / "samen")
    assert "geen map met rapporten" in caught.value.diagnostics[0].message
