from dashboard.i18n.format import fmt_date, fmt_number, fmt_value, unit_label
from dashboard.i18n.messages import _MESSAGES, t


def test_numbers_follow_each_language():
    assert fmt_number(14016.7, "en") == "14,016.7"
    assert fmt_number(14016.7, "az") == "14\u00a0016,7"
    assert fmt_number(53081.0, "en") == "53,081"
    assert fmt_number(62023.9, "az") == "62\u00a0023,9"
    assert fmt_number(float("nan")) == "—"


def test_partial_dates_keep_their_precision():
    assert fmt_date("2023-05-25", "en") == "25 May 2023"
    assert fmt_date("2023-05-25", "az") == "25 may 2023"
    assert fmt_date("2025-12", "az") == "dekabr 2025"
    assert fmt_date("2024", "en") == "2024"
    assert fmt_date("", "en") == ""


def test_qualifiers_are_kept_in_both_languages():
    assert fmt_value(200000, "ha", "over", "en") == "over 200,000 ha"
    assert fmt_value(200000, "ha", "over", "az") == "200\u00a0000 ha-dan çox"
    assert fmt_value(1500000, "mines", "about", "az") == "təxminən 1\u00a0500\u00a0000 mina"
    assert fmt_value(120000, "items", "nearly", "az") == "120\u00a0000 ədədə yaxın"
    assert fmt_value(25, "percent", "", "en") == "25%"
    assert fmt_value(float("nan"), "ha", "", "en") == "no data"
    assert unit_label("people", "az") == "nəfər"


def test_every_message_has_both_languages_and_same_placeholders():
    import string

    for key, (en, az) in _MESSAGES.items():
        assert en.strip() and az.strip(), key
        fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
        assert fields(en) == fields(az), key
    assert t("as_of_short", "az", date="5 may 2024") == "5 may 2024 tarixinə"


def test_az_thousands_separator_is_no_break_space() -> None:
    # U+00A0 keeps "1 500 000" on one line; a plain space (U+0020) would let it wrap
    assert fmt_number(1500000, "az") == "1" + chr(0xA0) + "500" + chr(0xA0) + "000"
    assert " " not in fmt_number(1500000, "az")
