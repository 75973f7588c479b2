"""What the build sets on each district: ISO 3166-2 code corrections for Natural Earth's
known faults, English names in the project's spelling, Azerbaijani names where
ISO 3166-2 (pycountry) is not used as-is, and the economic regions."""

from __future__ import annotations

SHUSHA_CITY = "AZE-5565"  # Natural Earth id of Shusha city, used as its code: ISO has none

# Code corrections keyed by Natural Earth adm1_code: (code found, code wanted, why).
CODE_FIXES: dict[str, tuple[str, str, str]] = {
    "AZE-1735": (
        "AZ-LAN",
        "AZ-LAC",
        "the feature is Lachin rayon (GeoNames 'Lacin Rayonu', in the west), not Lankaran",
    ),
    "AZE-1707": ("AZ-LA", "AZ-LAN", "Lankaran rayon; AZ-LA is Lankaran city"),
    "AZE-1727": ("AZ-SA", "AZ-SAK", "Shaki rayon; AZ-SA is Shaki city"),
    "AZE-5566": ("AZ-YEV", "AZ-YE", "Yevlakh city; AZ-YEV is Yevlakh rayon"),
    "AZE-2422": ("AZ-NX", "AZ-NV", "Nakhchivan city; AZ-NX is the Autonomous Republic"),
    SHUSHA_CITY: (
        "AZ-X01~",
        SHUSHA_CITY,
        "Shusha city has no ISO 3166-2 code; Natural Earth's placeholder is replaced by its Natural Earth id",
    ),
}
# Codes Natural Earth has right that were checked against ISO 3166-2 (logged, not changed).
CODE_CHECKS: dict[str, tuple[str, str]] = {
    "AZE-5562": ("AZ-LA", "Lankaran city: ISO 3166-2 AZ-LA is the municipality Lənkəran"),
    "AZE-5564": ("AZ-SA", "Shaki city: ISO 3166-2 AZ-SA is the municipality Şəki"),
    "AZE-1688": ("AZ-YEV", "Yevlakh rayon: ISO 3166-2 AZ-YEV is the rayon Yevlax"),
}

# English names in the project's spelling, by code. Cities that share a name with a rayon
# (or with the autonomous republic) carry "(city)".
NAMES_EN: dict[str, str] = {
    "AZ-ABS": "Absheron",
    "AZ-AGA": "Aghstafa",
    "AZ-AGC": "Aghjabadi",
    "AZ-AGM": "Aghdam",
    "AZ-AGS": "Aghdash",
    "AZ-AGU": "Aghsu",
    "AZ-AST": "Astara",
    "AZ-BA": "Baku",
    "AZ-BAB": "Babek",
    "AZ-BAL": "Balakan",
    "AZ-BAR": "Barda",
    "AZ-BEY": "Beylagan",
    "AZ-BIL": "Bilasuvar",
    "AZ-CAB": "Jabrayil",
    "AZ-CAL": "Jalilabad",
    "AZ-CUL": "Julfa",
    "AZ-DAS": "Dashkasan",
    "AZ-FUZ": "Fuzuli",
    "AZ-GA": "Ganja",
    "AZ-GAD": "Gadabay",
    "AZ-GOR": "Goranboy",
    "AZ-GOY": "Goychay",
    "AZ-GYG": "Goygol",
    "AZ-HAC": "Hajigabul",
    "AZ-IMI": "Imishli",
    "AZ-ISM": "Ismayilli",
    "AZ-KAL": "Kalbajar",
    "AZ-KAN": "Kangarli",
    "AZ-KUR": "Kurdamir",
    "AZ-LA": "Lankaran (city)",
    "AZ-LAC": "Lachin",
    "AZ-LAN": "Lankaran",
    "AZ-LER": "Lerik",
    "AZ-MAS": "Masally",
    "AZ-MI": "Mingachevir",
    "AZ-NA": "Naftalan",
    "AZ-NEF": "Neftchala",
    "AZ-NV": "Nakhchivan (city)",
    "AZ-OGU": "Oghuz",
    "AZ-ORD": "Ordubad",
    "AZ-QAB": "Gabala",
    "AZ-QAX": "Gakh",
    "AZ-QAZ": "Gazakh",
    "AZ-QBA": "Guba",
    "AZ-QBI": "Gubadli",
    "AZ-QOB": "Gobustan",
    "AZ-QUS": "Gusar",
    "AZ-SA": "Shaki (city)",
    "AZ-SAB": "Sabirabad",
    "AZ-SAD": "Sadarak",
    "AZ-SAH": "Shahbuz",
    "AZ-SAK": "Shaki",
    "AZ-SAL": "Salyan",
    "AZ-SAR": "Sharur",
    "AZ-SAT": "Saatly",
    "AZ-SBN": "Shabran",
    "AZ-SIY": "Siyazan",
    "AZ-SKR": "Shamkir",
    "AZ-SM": "Sumgait",
    "AZ-SMI": "Shamakhi",
    "AZ-SMX": "Samukh",
    "AZ-SR": "Shirvan",
    "AZ-SUS": "Shusha",
    "AZ-TAR": "Tartar",
    "AZ-TOV": "Tovuz",
    "AZ-UCA": "Ujar",
    "AZ-XA": "Khankendi",
    "AZ-XAC": "Khachmaz",
    "AZ-XCI": "Khojaly",
    "AZ-XIZ": "Khizi",
    "AZ-XVD": "Khojavend",
    "AZ-YAR": "Yardimli",
    "AZ-YE": "Yevlakh (city)",
    "AZ-YEV": "Yevlakh",
    "AZ-ZAN": "Zangilan",
    "AZ-ZAQ": "Zagatala",
    "AZ-ZAR": "Zardab",
    SHUSHA_CITY: "Shusha (city)",
}
# Azerbaijani names not taken as-is from ISO 3166-2 (pycountry).
NAMES_AZ_OVERRIDE: dict[str, str] = {
    SHUSHA_CITY: "Şuşa şəhəri",
    # cities that share their ISO name with a rayon or the autonomous republic
    "AZ-LA": "Lənkəran şəhəri",
    "AZ-SA": "Şəki şəhəri",
    "AZ-YE": "Yevlax şəhəri",
    "AZ-NV": "Naxçıvan şəhəri",
}

# Economic regions under the Presidential decree of 7 July 2021.
ECONOMIC_REGIONS: dict[str, tuple[str, ...]] = {
    "Baku": ("AZ-BA",),
    "Absheron-Khizi": ("AZ-SM", "AZ-ABS", "AZ-XIZ"),
    "Daghlig Shirvan": ("AZ-AGU", "AZ-ISM", "AZ-QOB", "AZ-SMI"),
    "Ganja-Dashkasan": ("AZ-GA", "AZ-NA", "AZ-DAS", "AZ-GOR", "AZ-GYG", "AZ-SMX"),
    "Karabakh": (
        "AZ-XA",
        "AZ-AGC",
        "AZ-AGM",
        "AZ-BAR",
        "AZ-FUZ",
        "AZ-XCI",
        "AZ-XVD",
        "AZ-SUS",
        SHUSHA_CITY,
        "AZ-TAR",
    ),
    "Gazakh-Tovuz": ("AZ-AGA", "AZ-GAD", "AZ-QAZ", "AZ-SKR", "AZ-TOV"),
    "Guba-Khachmaz": ("AZ-QBA", "AZ-QUS", "AZ-XAC", "AZ-SBN", "AZ-SIY"),
    "Lankaran-Astara": ("AZ-LA", "AZ-AST", "AZ-CAL", "AZ-LAN", "AZ-LER", "AZ-MAS", "AZ-YAR"),
    "Central Aran": ("AZ-MI", "AZ-YE", "AZ-AGS", "AZ-GOY", "AZ-KUR", "AZ-UCA", "AZ-YEV", "AZ-ZAR"),
    "Mil-Mughan": ("AZ-BEY", "AZ-IMI", "AZ-SAT", "AZ-SAB"),
    "Shaki-Zagatala": ("AZ-SA", "AZ-BAL", "AZ-QAB", "AZ-QAX", "AZ-OGU", "AZ-SAK", "AZ-ZAQ"),
    "East Zangezur": ("AZ-CAB", "AZ-KAL", "AZ-QBI", "AZ-LAC", "AZ-ZAN"),
    "Nakhchivan": ("AZ-NV", "AZ-BAB", "AZ-CUL", "AZ-KAN", "AZ-ORD", "AZ-SAD", "AZ-SAH", "AZ-SAR"),
    "Shirvan-Salyan": ("AZ-SR", "AZ-BIL", "AZ-HAC", "AZ-NEF", "AZ-SAL"),
}
REGION_OF: dict[str, str] = {code: region for region, codes in ECONOMIC_REGIONS.items() for code in codes}

# Why Natural Earth's English name is replaced, where it is more than the project's spelling.
NAME_REASONS = {
    "AZE-1735": "the feature is Lachin; Natural Earth names it Lankaran",
    "AZE-4838": "Natural Earth uses the Armenian name Stepanakert for Khankendi",
    "AZE-5565": "Shusha city, distinguished from Shusha rayon",
    "AZE-5562": "Lankaran city, distinguished from Lankaran rayon",
    "AZE-5564": "Shaki city, distinguished from Shaki rayon",
    "AZE-5566": "Yevlakh city, distinguished from Yevlakh rayon",
    "AZE-2422": "Nakhchivan city, distinguished from the Autonomous Republic",
}
