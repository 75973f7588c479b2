"""Numbers, dates, units and qualifiers in English and Azerbaijani (Latin script).

English: 14,016.7 ha; 25 May 2023; "over 200,000 ha".
Azerbaijani: 14 016,7 ha; 25 may 2023; "200 000 ha-dan çox".
"""

from __future__ import annotations

import math

LANGS = ("en", "az")

_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "az": (
        "yanvar", "fevral", "mart", "aprel", "may", "iyun",
        "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr",
    ),
}  # fmt: skip

# unit -> (English, Azerbaijani nominative, ablative for "over", dative for "nearly"/"up to")
_UNITS = {
    "ha": ("ha", "ha", "ha-dan", "ha-ya"),
    "km2": ("km²", "km²", "km²-dən", "km²-ə"),
    "items": ("items", "ədəd", "ədəddən", "ədədə"),
    "mines": ("mines", "mina", "minadan", "minaya"),
    "people": ("people", "nəfər", "nəfərdən", "nəfərə"),
    "families": ("families", "ailə", "ailədən", "ailəyə"),
    "percent": ("%", "%", "%-dən", "%-ə"),
    "settlements": ("settlements", "yaşayış məntəqəsi", "yaşayış məntəqəsindən", "yaşayış məntəqəsinə"),
    "incidents": ("incidents", "hadisə", "hadisədən", "hadisəyə"),
    "megawatts": ("MW", "MVt", "MVt-dan", "MVt-a"),
    "years": ("years", "il", "ildən", "ilə"),
    "usd": ("US dollars", "ABŞ dolları", "ABŞ dollarından", "ABŞ dollarına"),
}


def fmt_number(value: float | None, lang: str = "en") -> str:
    """A figure as written for readers: up to two decimals, trailing zeros dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "az":
        text = text.replace(",", "\u00a0").replace(".", ",")  # no line break inside a number
    return text


def fmt_signed(value: float, lang: str = "en") -> str:
    """A change with its sign: +8,000 / −1,200."""
    sign = "+" if value >= 0 else "−"
    return sign + fmt_number(abs(value), lang)


def fmt_date(text: str | None, lang: str = "en") -> str:
    """An ISO date that may be partial ("2023", "2023-05", "2023-05-25") for readers."""
    if not text:
        return ""
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS["az" if lang == "az" else "en"][int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


# The last word of a whole number said in Azerbaijani: its last non-zero digit's word,
# or for a number ending in zeros the word of that power of ten (2020 "iyirmi",
# 1900 "yüz", 2000 "min").
_ONES = ("sıfır", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz")
_TENS = ("", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan")
_POWERS = ((10**3, "yüz"), (10**6, "min"), (10**9, "milyon"), (10**12, "milyard"), (10**15, "trilyon"))
# Four-way vowel harmony: the suffix's vowel follows the last vowel of the word.
_HARMONY = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü", "ü": "ü"}


def az_number_word(n: int) -> str:
    """The last word of a whole number said in Azerbaijani (2023: "üç", 2020: "iyirmi")."""
    n = abs(n)
    if n % 10 or n == 0:
        return _ONES[n % 10]
    if n % 100:
        return _TENS[n // 10 % 10]
    for power, word in _POWERS:
        if n % power:
            return word
    return "kvadrilyon"


def az_ordinal(n: int) -> str:
    """A whole number as an Azerbaijani ordinal in digits: 2023-cü, 2025-ci, 2026-cı,
    2019-cu. The spoken ordinal of the last word ends in -(ı)ncı / -(i)nci / -(u)ncu /
    -(ü)ncü by vowel harmony (üçüncü, altıncı, onuncu, mininci); after digits only
    the last syllable is written."""
    word = az_number_word(n)
    vowel = next(ch for ch in reversed(word) if ch in _HARMONY)
    return f"{n}-c{_HARMONY[vowel]}"


def unit_label(unit: str, lang: str = "en") -> str:
    """The unit word for a figure's unit code."""
    forms = _UNITS.get(unit)
    if forms is None:
        return unit
    return forms[0] if lang == "en" else forms[1]


def fmt_value(value: float | None, unit: str, qualifier: str = "", lang: str = "en") -> str:
    """A figure with its unit and the source's qualifier: "over 200,000 ha"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data" if lang == "en" else "məlumat yoxdur"
    number = fmt_number(value, lang)
    forms = _UNITS.get(unit, (unit, unit, unit, unit))
    sep = "" if unit == "percent" else " "
    if lang == "en":
        plain = f"{number}{sep}{forms[0]}"
        return f"{qualifier} {plain}" if qualifier else plain
    nominative = f"{number}{sep}{forms[1]}"
    if qualifier == "over":
        return f"{number}{sep}{forms[2]} çox"
    if qualifier == "nearly":
        return f"{number}{sep}{forms[3]} yaxın"
    if qualifier == "up to":
        return f"{number}{sep}{forms[3]} qədər"
    if qualifier == "about":
        return f"təxminən {nominative}"
    if qualifier == "at least":
        return f"ən azı {nominative}"
    return nominative
