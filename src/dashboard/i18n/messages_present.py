"""Labels of the presenter tools: presentation mode and exports (English, Azerbaijani)."""

from __future__ import annotations

PRESENT_MESSAGES: dict[str, tuple[str, str]] = {
    # exports: slide, handout, standalone map
    "export_region_karabakh": ("Karabakh", "Qarabağ"),
    "export_region_east_zangezur": ("East Zangezur", "Şərqi Zəngəzur"),
    "export_map_dates_one": ("map figures as of {date}", "xəritədəki rəqəmlər {date} tarixinə"),
    "export_map_dates_range": ("map figures dated {start} – {end}", "xəritədəki rəqəmlər: {start} – {end}"),
    "export_map_dates_none": ("no district figures for this selection", "bu seçim üçün rayon rəqəmi yoxdur"),
    "export_issued_by_line": ("Figures issued by: {bodies}", "Rəqəmləri açıqlayan: {bodies}"),
    "export_issued_by_more": ("and {n} more (see the handout)", "və daha {n} (izahlı vərəqəyə baxın)"),
    "export_boundaries_short": (
        "Boundaries: Natural Earth, for orientation only.",
        "Sərhədlər: Natural Earth, yalnız istiqamət üçün.",
    ),
    "export_exported_on": ("Exported on {date}", "İxrac tarixi: {date}"),
    "export_headline": ("Headline figures", "Əsas rəqəmlər"),
    "export_district_table": ("Figures by district", "Rayonlar üzrə rəqəmlər"),
    "export_settlement_table": ("Settlements shown", "Göstərilən yaşayış məntəqələri"),
    "export_sources": ("Sources", "Mənbələr"),
    "export_qualifier": ("Qualifier", "Mənbədəki ifadə"),
    "export_sources_intro": (
        "Every source of every figure in this handout. Figures are attributed to the body that issued them.",
        "Bu vərəqədəki hər rəqəmin bütün mənbələri. Rəqəmlər onları açıqlayan quruma istinad edilir.",
    ),
    "export_no_sources": ("No sourced figure in this view.", "Bu görünüşdə mənbəli rəqəm yoxdur."),
    "export_published": ("published {date}", "dərc tarixi: {date}"),
    "export_undated": ("undated", "tarixsiz"),
    "export_used_for": ("used for: {what}", "istifadə: {what}"),
    "export_compared_with": ("compared with", "müqayisə"),
    "export_page": ("Page {n}/{total}", "Səhifə {n}/{total}"),
    "export_offline_note": (
        "Offline copy of the dashboard's map, exported on {date}. Hover a district for its figure and source; click it for all its figures.",
        "Panelin xəritəsinin oflayn nüsxəsi, {date} tarixində ixrac edilib. Rəqəm və mənbə üçün rayonun üzərinə gətirin; bütün rəqəmləri üçün klikləyin.",
    ),
}
