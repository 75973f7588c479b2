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


# The spoken Azerbaijani ordinals of the words a number can end in (the suffix after the
# digits is the last syllable of these: "3-cü" because "üçüncü").
SPOKEN_ORDINALS = {
    1: "birinci", 2: "ikinci", 3: "üçüncü", 4: "dördüncü", 5: "beşinci",
    6: "altıncı", 7: "yeddinci", 8: "səkkizinci", 9: "doqquzuncu",
    10: "onuncu", 20: "iyirminci", 30: "otuzuncu", 40: "qırxıncı", 50: "əllinci",
    60: "altmışıncı", 70: "yetmişinci", 80: "səksəninci", 90: "doxsanıncı",
    100: "yüzüncü", 1000: "mininci", 10**6: "milyonuncu", 10**9: "milyardıncı",
}  # fmt: skip
# number -> the number whose word it ends in when said aloud
SAID_LAST = {n: n for n in SPOKEN_ORDINALS} | {
    2023: 3, 2024: 4, 2025: 5, 2026: 6, 2027: 7, 2028: 8, 2029: 9, 2021: 1, 2022: 2,
    2020: 20, 2019: 9, 2010: 10, 2030: 30, 1990: 90, 1900: 100, 2000: 1000, 200: 100,
    110: 10, 1100: 100, 101: 1, 100_000: 1000, 2_500_000: 1000, 3_000_000: 10**6,
    11: 1, 16: 6, 99: 9, 240_000: 1000,
}  # fmt: skip


def test_azerbaijani_ordinal_suffix_follows_the_last_spoken_vowel() -> None:
    from dashboard.i18n.format import az_ordinal

    for n, last in SAID_LAST.items():
        assert az_ordinal(n) == f"{n}-{SPOKEN_ORDINALS[last][-2:]}", n
    assert [az_ordinal(y) for y in (2023, 2025, 2026, 2020)] == ["2023-cü", "2025-ci", "2026-cı", "2020-ci"]
    assert az_ordinal(0) == "0-cı"  # sıfırıncı


def test_every_final_digit_and_power_of_ten_gets_its_own_vowel() -> None:
    from dashboard.i18n.format import az_ordinal

    by_digit = [az_ordinal(2020 + d)[-2:] for d in range(1, 10)]
    assert by_digit == ["ci", "ci", "cü", "cü", "ci", "cı", "ci", "ci", "cu"]
    by_power = [az_ordinal(10**k)[-2:] for k in (1, 2, 3, 6, 9)]
    assert by_power == ["cu", "cü", "ci", "cu", "cı"]


def test_years_and_lines_in_messages_take_the_harmonic_suffix() -> None:
    assert t("in_year", "az", year="2023") == "2023-cü ildə"
    assert t("in_year", "az", year="2025") == "2025-ci ildə"
    assert t("period_year", "az", year=2026) == "2026-cı il"
    assert t("period_year", "az", year=2020) == "2020-ci il"
    assert t("staff_upload_line", "az", name="a.csv", line=9) == "(a.csv faylının 9-cu sətri)"
    assert t("in_year", "en", year="2023") == "in 2023"
    assert t("period_year", "en", year=2026) == "Year 2026"
