"""Every label the app shows, in English and Azerbaijani (Latin script).

Placeholders are ``str.format`` fields; ``{year:ord}`` writes a number as an
Azerbaijani ordinal with the suffix its vowel harmony asks for (2023-cü, 2025-ci,
``format.az_ordinal``).
"""

from __future__ import annotations

import string

from dashboard.i18n.format import az_ordinal
from dashboard.i18n.messages_claims import CLAIM_MESSAGES
from dashboard.i18n.messages_plans import PLANS_MESSAGES
from dashboard.i18n.messages_present import PRESENT_MESSAGES
from dashboard.i18n.messages_staff import STAFF_MESSAGES

_MESSAGES: dict[str, tuple[str, str]] = {
    "app_title": (
        "Demining and return in Karabakh and East Zangezur",
        "Qarabağ və Şərqi Zəngəzurda minatəmizləmə və qayıdış",
    ),
    "page_map": ("Map", "Xəritə"),
    "page_trends": ("Trends", "Dinamika"),
    "page_sources": ("Sources and methods", "Mənbələr və metodlar"),
    "language": ("Language", "Dil"),
    "filters": ("Filters", "Filtrlər"),
    "region": ("Economic region", "İqtisadi rayon"),
    "region_help": ("None ticked: both regions.", "Heç biri seçilməyibsə: hər iki rayon."),
    "reset_filters": ("Reset filters", "Filtrləri sıfırla"),
    "districts": ("Districts", "Rayonlar"),
    "districts_help": (
        "Leave empty for every district of the selected regions.",
        "Seçilmiş iqtisadi rayonların bütün rayonları üçün boş saxlayın.",
    ),
    "districts_all_summary": ("Districts: all", "Rayonlar: hamısı"),
    "districts_some_summary": ("Districts: {names}", "Rayonlar: {names}"),
    "metric": ("Metric", "Göstərici"),
    "period": ("Period", "Dövr"),
    "as_of": ("As of", "Tarixə"),
    "status": ("Settlements", "Yaşayış məntəqələri"),
    "status_dated": ("Return date known", "Qayıdış tarixi məlumdur"),
    "status_undated": ("Return date not known", "Qayıdış tarixi məlum deyil"),
    "period_cumulative": ("Running total (latest)", "Ümumi (son məlumat)"),
    "period_cumulative_as_of": ("Running total as of {date}", "{date} tarixinə ümumi"),
    "period_choose_date": ("Running total on a chosen date", "Seçdiyiniz tarixə ümumi"),
    "period_year": ("Year {year}", "{year:ord} il"),
    "metric_returns": ("Settlements and returnees", "Yaşayış məntəqələri və qayıdanlar"),
    "no_data": ("no data", "məlumat yoxdur"),
    "no_data_legend": ("No figure for this selection", "Bu seçim üçün rəqəm yoxdur"),
    "source": ("Source", "Mənbə"),
    "issued_by": ("Issued by", "Açıqlayan"),
    "as_of_short": ("as of {date}", "{date} tarixinə"),
    "in_year": ("in {year}", "{year:ord} ildə"),
    "figure": ("Figure", "Rəqəm"),
    "district": ("District", "Rayon"),
    "settlement": ("Settlement", "Yaşayış məntəqəsi"),
    "value": ("Value", "Dəyər"),
    "first_return": ("First return", "İlk qayıdış"),
    "families": ("Families", "Ailələr"),
    "people": ("People", "Nəfər"),
    "first_group": ("first group: {value}", "ilk qrup: {value}"),
    "unknown": ("not known", "məlum deyil"),
    "flagged": ("uncertain: {note}", "qeyri-müəyyən: {note}"),
    "card_area": ("Hectares cleared", "Təmizlənmiş ərazi"),
    "card_ap": ("Anti-personnel mines", "Piyada əleyhinə minalar"),
    "card_at": ("Anti-tank mines", "Tank əleyhinə minalar"),
    "card_uxo": ("Unexploded ordnance", "Partlamamış sursatlar"),
    "card_settlements": ("Settlements with returns", "Qayıdış olan yaşayış məntəqələri"),
    "card_families": ("Families returned", "Qayıdan ailələr"),
    "card_people": ("People returned", "Qayıdan sakinlər"),
    "card_victims": ("Mine victims since Nov 2020", "2020-ci ilin noyabrından mina qurbanları"),
    "card_victims_year": ("Mine victims", "Mina qurbanları"),
    "change_vs": ("{change} vs {period}", "{period} ilə müqayisədə {change}"),
    "previous_was": ("before: {value} ({period})", "əvvəl: {value} ({period})"),
    "no_national": ("No national figure for this period.", "Bu dövr üçün ölkə üzrə rəqəm yoxdur."),
    "sum_of_districts": ("Sum of {n} district figures ({body}).", "{n} rayon rəqəminin cəmi ({body})."),
    "missing_districts": ("No figure for: {names}.", "Rəqəm yoxdur: {names}."),
    "national_only": ("Whole country, not only the selected area", "Bütün ölkə üzrə, yalnız seçilmiş ərazi deyil"),
    "districts_vs_national": (
        "District figures for {period} add up to {sum}, the national figure is {national}: {gap} is not attributed to a district on the map.",
        "{period} üzrə rayon rəqəmlərinin cəmi {sum}, ölkə üzrə rəqəm isə {national}-dir: {gap} xəritədəki rayonlara aid edilmir.",
    ),
    "district_years_only": (
        "District figures exist only for {years}; national figures are shown.",
        "Rayon rəqəmləri yalnız {years} üçün mövcuddur; ölkə üzrə rəqəmlər göstərilir.",
    ),
    "settlement_count_note": (
        "Counted from the settlements in this dashboard's data.",
        "Bu panelin məlumatlarındakı yaşayış məntəqələri sayılıb.",
    ),
    "returns_as_of_note": (
        "Programme total, latest figure on or before the period's end.",
        "Proqram üzrə ümumi, dövrün sonuna qədər son rəqəm.",
    ),
    "off_map_title": ("Figures for units not on the map", "Xəritədə olmayan vahidlər üzrə rəqəmlər"),
    "off_map_none": ("None for this selection.", "Bu seçim üçün yoxdur."),
    "table_title": ("The map's figures as a table", "Xəritənin rəqəmləri cədvəl şəklində"),
    "not_mappable": (
        "Settlements without known coordinates (not on the map)",
        "Koordinatları məlum olmayan yaşayış məntəqələri (xəritədə yoxdur)",
    ),
    "legend": ("Legend", "Şərti işarələr"),
    "settlement_marker_legend": (
        "Circle size: people returned (hollow: not known)",
        "Dairənin ölçüsü: qayıdan sakinlər (boş: məlum deyil)",
    ),
    "chosen_reason": ("Why this figure", "Niyə bu rəqəm"),
    "reason_only": ("the only figure for this", "yeganə rəqəm"),
    "reason_unflagged": ("other figures are flagged as uncertain", "digər rəqəmlər qeyri-müəyyən kimi qeyd olunub"),
    "reason_latest": ("the most recent 'as of' date", "ən son tarixli rəqəm"),
    "reason_exact": ("an exact figure rather than a rounded one", "yuvarlaqlaşdırılmış deyil, dəqiq rəqəm"),
    "reason_precise_date": ("dated to the day rather than the month or year", "gün dəqiqliyi ilə tarixlənib"),
    "reason_latest_published": ("the most recently published source", "ən son dərc olunmuş mənbə"),
    "alternatives": (
        "{n} other figure(s) for the same thing are listed on the Sources page",
        "Eyni göstərici üzrə digər {n} rəqəm Mənbələr səhifəsindədir",
    ),
    "data_error": (
        "The data files have errors; the dashboard cannot show them until they are fixed.",
        "Məlumat fayllarında xətalar var; düzəldilənə qədər panel onları göstərə bilməz.",
    ),
    "trend_cumulative": (
        "Running totals since November 2020 (each point a sourced figure)",
        "2020-ci ilin noyabrından ümumi göstəricilər (hər nöqtə mənbəli rəqəmdir)",
    ),
    "trend_annual": ("Per year, national", "İllər üzrə, ölkə"),
    "trend_annual_districts": ("Hectares cleared per year, by district", "İllər üzrə təmizlənmiş ərazi, rayonlar"),
    "trend_casualties": (
        "Mine victims since 10 November 2020 (running total)",
        "10 noyabr 2020-ci ildən mina qurbanları (ümumi)",
    ),
    "trend_returns": (
        "The Great Return: first returns by settlement",
        "Böyük Qayıdış: yaşayış məntəqələrinə ilk qayıdış",
    ),
    "trend_flag_bars": (
        "Pale bars are flagged figures; hover for the note.",
        "Solğun sütunlar qeyri-müəyyən rəqəmlərdir; qeyd üçün üzərinə gətirin.",
    ),
    "trend_flag_note": (
        "Hollow points are flagged figures (uncertain date or reading).",
        "Boş nöqtələr qeyri-müəyyən rəqəmlərdir.",
    ),
    "sources_intro": (
        "Every figure in this dashboard comes from a published source listed here. Nearly all come from Azerbaijani state bodies or state-aligned media; each figure is attributed to the body that issued it.",
        "Bu paneldəki hər rəqəm burada sadalanan dərc olunmuş mənbədən götürülüb. Demək olar ki, hamısı Azərbaycan dövlət qurumlarından və ya dövlətyönümlü mediadan gəlir; hər rəqəm onu açıqlayan quruma istinad edilir.",
    ),
    "definitions": ("Definitions", "Anlayışlar"),
    "metric_definitions": (
        "What each figure counts (as defined in this dashboard's data)",
        "Hər rəqəm nəyi sayır (bu panelin məlumatlarında olduğu kimi)",
    ),
    "def_cleared": (
        "Cleared land: explosive ordnance has been found and removed or destroyed on it to a specified depth (IMAS land release).",
        "Təmizlənmiş ərazi: üzərində partlayıcı sursatlar müəyyən dərinliyə qədər aşkarlanıb çıxarılmış və ya məhv edilmiş ərazi (IMAS ərazinin azad edilməsi).",
    ),
    "def_reduced": (
        "Reduced land: released by technical survey, which found no evidence of contamination there.",
        "Azaldılmış ərazi: texniki tədqiqatla azad edilmiş, orada çirklənmə əlaməti tapılmamış ərazi.",
    ),
    "def_cancelled": (
        "Cancelled land: released by non-technical survey (records, interviews, visits) without clearance.",
        "Ləğv edilmiş ərazi: təmizləmə aparılmadan qeyri-texniki tədqiqatla (sənədlər, müsahibələr, baxış) azad edilmiş ərazi.",
    ),
    "def_hectares": (
        "Reports of 'hectares cleared' may blend cleared, reduced and cancelled land and battle-area clearance; the dashboard records what each source says and no more.",
        "'Təmizlənmiş hektar' haqqında məlumatlar təmizlənmiş, azaldılmış və ləğv edilmiş ərazini və döyüş sahəsinin təmizlənməsini birləşdirə bilər; panel hər mənbənin dediyini, artığını yox, qeyd edir.",
    ),
    "def_ap": (
        "AP: anti-personnel mine, designed to be exploded by the presence, proximity or contact of a person.",
        "PƏ: piyada əleyhinə mina, insanın yaxınlığı, varlığı və ya təması ilə partlamaq üçün nəzərdə tutulub.",
    ),
    "def_at": (
        "AT: anti-tank mine, designed to be exploded by a vehicle.",
        "TƏ: tank əleyhinə mina, nəqliyyat vasitəsi ilə partlamaq üçün nəzərdə tutulub.",
    ),
    "def_uxo": (
        "UXO: unexploded ordnance, such as shells, grenades and rockets that were fired or dropped but did not explode.",
        "PHS: atılmış, lakin partlamamış mərmi, qumbara, raket kimi partlamamış hərbi sursatlar.",
    ),
    "contradictions": ("Known contradictions and the figure used", "Məlum ziddiyyətlər və istifadə olunan rəqəm"),
    "all_sources": ("All sources", "Bütün mənbələr"),
    "download_csv": ("Download all figures (CSV)", "Bütün rəqəmləri yüklə (CSV)"),
    "present_start": ("Presentation mode", "Təqdimat rejimi"),
    "present_start_help": (
        "Full-screen slides of prepared views for a meeting room; arrow keys move between them.",
        "Görüş otağı üçün hazır görünüşlərin tam ekran slaydları; ox düymələri ilə keçid edilir.",
    ),
    "present_exit": ("Exit", "Çıxış"),
    "present_previous": ("Previous", "Əvvəlki"),
    "present_next": ("Next", "Növbəti"),
    "present_step": ("{n} of {total}", "{n} / {total}"),
    "present_none": (
        "No prepared views: geodata/presentation.csv is missing or empty. Showing the overview.",
        "Hazır görünüş yoxdur: geodata/presentation.csv yoxdur və ya boşdur. Ümumi görünüş göstərilir.",
    ),
    "present_sources": ("Sources", "Mənbələr"),
    "export": ("Download this view", "Bu görünüşü yüklə"),
    "export_png": ("Slide image (PNG, 1920×1080)", "Slayd şəkli (PNG, 1920×1080)"),
    "export_pdf": ("Handout (PDF)", "Paylama materialı (PDF)"),
    "export_csv": ("Figures with sources (CSV)", "Mənbəli rəqəmlər (CSV)"),
    "export_geojson": ("Figures on the map (GeoJSON)", "Xəritədəki rəqəmlər (GeoJSON)"),
    "export_html": ("Interactive map, works offline (HTML)", "Oflayn işləyən interaktiv xəritə (HTML)"),
    "export_slide": ("Slide image", "Slayd şəkli"),
    "boundaries_note": (
        "Boundaries: Natural Earth (public domain), 1:10 million scale; lines may be off by up to about 2 km and do not show the Aghdara district created in 2023. Boundaries are shown for orientation only.",
        "Sərhədlər: Natural Earth (ictimai mülkiyyət), 1:10 milyon miqyas; xətlər təxminən 2 km-ə qədər fərqlənə bilər və 2023-cü ildə yaradılmış Ağdərə rayonunu göstərmir. Sərhədlər yalnız istiqamət üçündür.",
    ),
}

_MESSAGES.update(PRESENT_MESSAGES)
_MESSAGES.update(PLANS_MESSAGES)
_MESSAGES.update(STAFF_MESSAGES)
_MESSAGES.update(CLAIM_MESSAGES)


class _Formatter(string.Formatter):
    """``str.format`` plus the ``ord`` spec: a whole number as an Azerbaijani ordinal."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec == "ord":
            return az_ordinal(int(value))  # type: ignore[call-overload]
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def t(key: str, lang: str = "en", **values: object) -> str:
    """The label for a key in a language, with ``{placeholders}`` filled."""
    en, az = _MESSAGES[key]
    text = az if lang == "az" else en
    if not values:
        return text
    return _FORMATTER.vformat(text, (), values) if ":ord}" in text else text.format(**values)


def keys() -> list[str]:
    """Every message key (for tests that check both languages are filled)."""
    return list(_MESSAGES)
