import pandas as pd
import pytest

from sq.analysis.search import MAX_QUERY_LENGTH, RESULT_COLUMNS, build_search_index, search_regions
from sq.store.loader import open_store


@pytest.fixture(scope="module")
def index(tiny_store):
    return build_search_index(tiny_store.regions)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sudwest", ["GM9902"]),
        ("SÚDWEST-fjildum", ["GM9902"]),
        ("fjildum", ["GM9902"]),  # word prefix
        ("dwest", ["GM9902"]),  # substring
        ("westerwald", ["DP9902-westerwald"]),
        ("Westerwâld", ["DP9902-westerwald"]),
        ("sud", ["GM9902", "WK990102"]),  # prefix: gemeente before wijk
        ("binnenstad", ["WK990101", "WK990201"]),  # same name, ordered by gemeente
        ("binnenstad sud", ["WK990201"]),  # name plus gemeente
        ("gm9901", ["GM9901"]),
        ("kerk", ["BU99010101"]),
        ("onbekendedorp", []),
    ],
)
def test_search_codes(index, query, expected):
    assert list(search_regions(index, query)["region_code"]) == expected


def test_exact_before_prefix_before_substring(index):
    codes = list(search_regions(index, "dorpum")["region_code"])
    assert codes[0] == "GM9901"


def test_binnenstad_labels_name_the_gemeente(index):
    result = search_regions(index, "binnenstad")
    assert list(result["label"]) == [
        "Binnenstad (wijk, Dorpum)",
        "Binnenstad (wijk, Súdwest-Fjildum)",
    ]
    assert list(result.columns) == list(RESULT_COLUMNS)


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("GM9901", "Dorpum (gemeente)"),
        ("BU99010101", "Kerkbuurt (buurt, Dorpum)"),
        ("DP9902-westerwald", "Westerwâld (dorp, Súdwest-Fjildum)"),
        ("PV99", "Fictiefland (provincie)"),
        ("NL00", "Nederland"),
    ],
)
def test_labels(index, code, label):
    assert index.set_index("region_code").loc[code, "label"] == label


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "!!!", ".*", "()[]", None])
def test_empty_queries_find_nothing(index, query):
    result = search_regions(index, query)
    assert result.empty
    assert list(result.columns) == list(RESULT_COLUMNS)


@pytest.mark.parametrize(
    ("query", "as_letters", "finds"),
    [
        (".*", "", False),
        ("a|b", "a b", False),
        ("(", "", False),
        ("[a-z]+", "a z", False),
        ("\\d", "d", True),
        ("^d", "d", True),
        ("d$", "d", True),
    ],
)
def test_query_is_never_a_pattern(index, query, as_letters, finds):
    # a query is folded to letters: "^d" searches for "d", never for "starts with d"
    found = list(search_regions(index, query)["region_code"])
    assert found == list(search_regions(index, as_letters)["region_code"])
    assert bool(found) == finds


def test_long_query_is_cut(index):
    assert search_regions(index, "dorpum" + "x" * 10_000).empty
    assert list(
        search_regions(index, "Dorpum" + " " * MAX_QUERY_LENGTH + "xyz")["region_code"]
    ) == ["GM9901"]


def test_levels_and_limit(index):
    assert list(search_regions(index, "binnenstad", levels=["gemeente"])["region_code"]) == []
    assert len(search_regions(index, "binnenstad", limit=1)) == 1
    assert search_regions(index, "binnenstad", limit=0).empty


def test_raw_regions_are_indexed_on_the_fly(tiny_store):
    assert list(search_regions(tiny_store.regions, "sudwest")["region_code"]) == ["GM9902"]


def test_latest_name_per_code():
    regions = pd.DataFrame(
        {
            "region_code": ["GM9903", "GM9903"],
            "name": ["Oudnaam", "Nieuwnaam"],
            "level": ["gemeente", "gemeente"],
            "year": [2022, 2016],
            "gemeente_code": ["GM9903", "GM9903"],
            "provincie_code": ["PV99", "PV99"],
        }
    )
    index = build_search_index(regions)
    assert list(index["name"]) == ["Oudnaam"]
    assert search_regions(index, "nieuw").empty


def test_english_labels(tiny_store):
    index = build_search_index(tiny_store.regions, language="en")
    assert (
        search_regions(index, "kerkbuurt")["label"].iloc[0] == "Kerkbuurt (neighbourhood, Dorpum)"
    )


@pytest.fixture(scope="module")
def real_index():
    return build_search_index(open_store().regions)


@pytest.mark.realdata
def test_sudwest_finds_sudwest_fryslan_first(real_index):
    result = search_regions(real_index, "sudwest")
    assert result["region_code"].iloc[0] == "GM1900"
    assert result["label"].iloc[0] == "Súdwest-Fryslân (gemeente)"


@pytest.mark.realdata
def test_every_binnenstad_with_its_gemeente(real_index):
    result = search_regions(real_index, "binnenstad", limit=200)
    labels = set(result["label"])
    assert "Binnenstad (wijk, Leeuwarden)" in labels
    assert len(result) > 10
    assert result["gemeente_name"].notna().all()


@pytest.mark.realdata
@pytest.mark.parametrize("query", ["a", "leeuwarden centrum", "zz"])
def test_real_index_answers_short_and_odd_queries_within_the_limit(real_index, query):
    # speed is measured in bench/, not asserted here; this checks what such queries return
    assert len(real_index) > 15_000
    result = search_regions(real_index, query, limit=30)
    assert len(result) <= 30
    assert list(result.columns) == list(RESULT_COLUMNS)
