"""The registry of divisions: current table, history, changes since GB/T 2260 201904."""

from __future__ import annotations

from collections import Counter

import pytest

from crawler.extract.divisions import CHANGES_FILE, UnknownDivision, read_changes, registry


def test_current_table_has_every_level_of_the_country() -> None:
    today = Counter(d.tier for d in registry() if d.valid_until is None)
    assert today["province"] == 34
    assert 330 <= today["prefecture"] <= 340  # ~333 prefecture-level divisions
    assert 2840 <= today["county"] <= 2860  # ~2,850 county-level divisions


def test_longgang_created_2019_from_the_changes_file() -> None:
    longgang = registry().get("330383")
    assert (longgang.name, longgang.level, longgang.parent, longgang.valid_from) == ("龙港市", "县", "330300", 2019)
    assert not longgang.delivers_report(2019) and longgang.delivers_report(2020)


def test_renamed_codes_lead_to_the_division_of_today() -> None:
    shaodong = registry().get("430521")
    assert (shaodong.name, shaodong.valid_until, shaodong.renamed_to) == ("邵东县", 2019, "430582")
    assert registry().today("430521").name == "邵东市"
    # 洞头县 had two codes before it became 洞头区 in 2015 (found in the GB/T 2260 revisions)
    assert registry().lineage_head("332822") == "330305"


def test_abolished_codes_name_where_their_area_went() -> None:
    xiacheng = registry().get("330103")
    assert (xiacheng.valid_until, xiacheng.merged_into, xiacheng.renamed_to) == (2021, "330105", None)
    assert registry().get("371200").merged_into == "370100"  # 莱芜市 into 济南市, 2019


def test_a_name_changed_under_the_same_code_keeps_its_former_name() -> None:
    xiangdu = registry().get("130502")
    assert (xiangdu.name, xiangdu.former_names) == ("襄都区", ("桥东区",))
    assert "130502" in registry().by_name["桥东区"]


def test_functional_zones_of_the_statistical_lists_are_not_divisions() -> None:
    assert registry().get("330371") is None  # 温州经济技术开发区 (GB2260 201810 lists it)


def test_zhejiang_counts_change_with_longgang_and_hangzhou() -> None:
    counties = registry().within("33", "county")
    assert [sum(d.delivers_report(year) for d in counties) for year in (2019, 2020, 2022)] == [89, 90, 90]


@pytest.mark.parametrize("given", ["33", "330000", "浙江", "浙江省"])
def test_province_by_code_or_name(given: str) -> None:
    assert registry().province(given).code == "330000"


def test_unknown_province_is_a_clear_error() -> None:
    with pytest.raises(UnknownDivision, match="no province '火星'"):
        registry().province("火星")


def test_every_change_names_known_codes() -> None:
    for change in read_changes(CHANGES_FILE):
        for code in filter(None, (change.old_code, change.new_code)):
            assert registry().get(code) is not None, change


def test_the_metadata_stage_reads_the_same_registry() -> None:
    from crawler.extract.regions import find_region, resolve

    assert resolve("临平区").code == "330113"  # created 2021, after GB/T 2260 201904
    assert resolve("会理市").code == "513402"  # 会理县 became 会理市 in 2021
    assert resolve("桥东区", "邢台市").code == "130502"  # the name 襄都区 had until 2020
    assert find_region("浙江省温州市龙港市").code == "330383"
