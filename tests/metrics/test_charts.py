from metrics.charts import bar_chart, share_bars


def test_chart_gridlines_fall_on_whole_numbers_above_the_peak():
    chart = bar_chart(
        labels=["2026-01", "2026-02"], series=[("Views", [3, 10])], title="Views"
    )
    values = [tick["value"] for tick in chart["ticks"]]
    assert values == [0, 3, 6, 9, 12]
    tallest = max(chart["bars"], key=lambda bar: bar["h"])
    assert tallest["value"] == 10
    assert tallest["y"] + tallest["h"] == chart["baseline"]


def test_an_empty_chart_has_no_bar_height():
    chart = bar_chart(labels=["2026-01"], series=[("Views", [0])], title="Views")
    assert [bar["h"] for bar in chart["bars"]] == [0]


def test_share_bars_are_relative_to_the_largest():
    assert [row["percent"] for row in share_bars([("KZ", 8), ("GE", 2)])] == [100, 25]
