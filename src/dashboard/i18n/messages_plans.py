"""Labels of plans against results, the projection and the data package (English, Azerbaijani)."""

from __future__ import annotations

PLANS_MESSAGES: dict[str, tuple[str, str]] = {
    # plans against results (Trends)
    "plans_title": ("Hectares cleared against the plan, per year", "İllər üzrə təmizlənmiş ərazi və plan"),
    "plans_caption": (
        "Outlined bars: the year's plan; solid bars: the hectares reported as cleared. A plan of 'over 65,000 ha' is drawn at 65,000.",
        "Kontur sütunlar: ilin planı; dolu sütunlar: təmizlənmiş kimi açıqlanan hektarlar. '65 000 ha-dan çox' plan 65 000 kimi çəkilir.",
    ),
    "plans_no_plan": (
        "No national plan in the data for: {years}.",
        "Məlumatlarda ölkə üzrə plan olmayan illər: {years}.",
    ),
    "plans_kind_plan": ("Plan", "Plan"),
    "plans_kind_result": ("Cleared", "Təmizlənib"),
    "plans_year": ("Year", "İl"),
    "plans_vs_plan": ("Against the plan", "Plana qarşı"),
    "plans_more": ("{value} more than planned", "plandan {value} çox"),
    "plans_less": ("{value} less than planned", "plandan {value} az"),
    "plans_equal": ("as planned", "plana uyğun"),
    # the State Programme's target on the running total
    "target_label": ("State Programme target", "Dövlət Proqramının hədəfi"),
    "target_text": (
        "{programme}: {value} in {start}–{end} ({issuer}, {published}). Drawn at {level}: the programme counts from {start}, and {baseline} had been cleared {baseline_when} ({baseline_issuer}).",
        "{programme}: {start}–{end} illərdə {value} ({issuer}, {published}). {level} səviyyəsində çəkilib: proqram {start}-dən sayır, {baseline_when} isə {baseline} artıq təmizlənmişdi ({baseline_issuer}).",
    ),
    "target_text_no_baseline": (
        "{programme}: {value} in {start}–{end} ({issuer}, {published}). The programme counts from {start}; the running total counts from November 2020.",
        "{programme}: {start}–{end} illərdə {value} ({issuer}, {published}). Proqram {start}-dən, ümumi göstərici isə 2020-ci ilin noyabrından sayır.",
    ),
    "target_programme": ("State Programme", "Dövlət Proqramı"),
    # the "Against the plan" card
    "card_plan": ("Against the plan", "Plana qarşı"),
    "card_plan_caption": (
        "{year}: planned {plan} ({plan_issuer}); cleared: {result_issuer}",
        "{year}: plan {plan} ({plan_issuer}); təmizlənib: {result_issuer}",
    ),
    "card_plan_no_result": (
        "{year}: planned {plan} ({plan_issuer}); no result yet",
        "{year}: plan {plan} ({plan_issuer}); nəticə hələ yoxdur",
    ),
    "card_plan_upcoming": ("Plan for {year}: {plan}", "{year} üçün plan: {plan}"),
    "card_plan_none": ("No national plan for this period.", "Bu dövr üçün ölkə üzrə plan yoxdur."),
    "card_plan_toggle": ("Card: against the plan", "Kart: plana qarşı"),
    "card_plan_toggle_help": (
        "Adds a card with the latest year's hectares cleared beside its plan, both with their sources.",
        "Son ilin təmizlənmiş hektarlarını onun planı ilə yanaşı, mənbələri ilə göstərən kart əlavə edir.",
    ),
    # the projection
    "proj_title": (
        "What the pace means for the years ahead: a projection, not a forecast",
        "Sürət gələcək illər üçün nə deməkdir: proqnoz deyil, hesablama",
    ),
    "proj_pace": ("Pace of clearance", "Təmizləmə sürəti"),
    "proj_pace_last_year": ("Last full year ({year})", "Son tam il ({year})"),
    "proj_pace_three_years": (
        "Average of the last three years ({first}–{last})",
        "Son üç ilin ortası ({first}–{last})",
    ),
    "proj_pace_plan": ("The current plan ({year})", "Cari plan ({year})"),
    "proj_estimate": ("Estimated area to clear", "Təmizlənməli ərazinin təxmini"),
    "proj_estimate_option": ("{value} · {issuer}, {date}", "{value} · {issuer}, {date}"),
    "proj_year_label": (
        "Year the estimated area would be cleared, if the assumptions below hold",
        "Aşağıdakı fərziyyələr doğru olarsa, təxmin edilən ərazinin təmizlənəcəyi il",
    ),
    "proj_reached_value": ("no year", "il yoxdur"),
    "proj_metric_hazardous_area": ("the hazardous area", "təhlükəli ərazi"),
    "proj_metric_contaminated_area": ("the contaminated area", "çirklənmiş ərazi"),
    "proj_if_estimate": (
        "If {area} is {estimate}, as {issuer} estimated ({date}), and {total} of it had been cleared by {start} ({start_issuer}), {remaining} remain to clear.",
        "Fərz edək ki, {area} {estimate} təşkil edir (təxmin: {issuer}, {date}) və onun {total} hissəsi {start} tarixinədək təmizlənib ({start_issuer}); onda təmizlənməli {remaining} qalır.",
    ),
    "proj_if_estimate_reached": (
        "If {area} is {estimate}, as {issuer} estimated ({date}), the {total} reported as cleared by {start} ({start_issuer}) already exceed it.",
        "Fərz edək ki, {area} {estimate} təşkil edir (təxmin: {issuer}, {date}); {start} tarixinədək təmizlənmiş kimi açıqlanan {total} ({start_issuer}) onu artıq keçir.",
    ),
    "proj_then_year": (
        "If clearance continues at {pace} a year, {basis}, that area would be cleared {year}.",
        "Təmizləmə ildə {pace} sürəti ilə davam edərsə ({basis}), bu ərazi {year} təmizlənərdi.",
    ),
    "proj_then_reached": (
        "The two figures do not count the same area, and no year can be worked out from them.",
        "Bu iki rəqəm eyni ərazini saymır və onlardan il hesablamaq olmaz.",
    ),
    "proj_basis_last_year": ("as in {year} ({issuer})", "{year:ord} ildəki kimi, {issuer}"),
    "proj_basis_three_years": ("the average of {years}: {values}", "{years} illərinin ortası: {values}"),
    "proj_basis_plan": (
        "the figure of the plan for {year} ({plan}, {issuer})",
        "{year:ord} il planının rəqəmi: {plan}, {issuer}",
    ),
    "proj_assumptions": ("What this rests on", "Bu nəyə əsaslanır"),
    "proj_not_forecast": (
        "This is arithmetic on the assumptions stated here, not a forecast: it says when the area would be cleared if they all held, not when it will be.",
        "Bu, burada göstərilən fərziyyələr üzərində hesablamadır, proqnoz deyil: ərazinin nə vaxt təmizlənəcəyini deyil, bu fərziyyələrin hamısı doğru olarsa, nə vaxt təmizlənərdiyini göstərir.",
    ),
    "proj_survey": (
        "Survey can shrink or grow the estimate: land found free of mines is released without clearance, and new hazardous areas are found. The estimates in the data: {estimates}.",
        "Tədqiqat təxmini azalda və ya artıra bilər: minasız olduğu müəyyən edilən ərazi təmizlənmədən azad edilir, yeni təhlükəli ərazilər isə aşkar olunur. Məlumatlardakı təxminlər: {estimates}.",
    ),
    "proj_same_area": (
        "Hectares reported as cleared and the estimated area may not be the same kind of area: reported hectares can include battle-area clearance and land released by survey, and can count ground outside the estimate. The projection counts every cleared hectare against the estimate, and takes the estimate to include the land cleared before it was made (as ANAMA does when it gives the share of its hazardous area cleared).",
        "Təmizlənmiş kimi açıqlanan hektarlar və təxmin edilən ərazi eyni növ ərazi olmaya bilər: açıqlanan hektarlara döyüş sahəsinin təmizlənməsi və tədqiqatla azad edilmiş ərazi daxil ola bilər, təxmindən kənar ərazi də sayıla bilər. Hesablama hər təmizlənmiş hektarı təxmindən çıxır və təxminin, o verilənədək təmizlənmiş ərazini də əhatə etdiyini qəbul edir (ANAMA təhlükəli ərazinin təmizlənmiş payını verəndə olduğu kimi).",
    ),
    "proj_constant": (
        "The pace is taken as constant. The yearly results so far: {years}.",
        "Sürət sabit qəbul edilir. İndiyədək illik nəticələr: {years}.",
    ),
    "proj_rounded": (
        "Figures the sources give as 'nearly', 'about' or 'over' are used as stated; the year can move with them.",
        "Mənbələrin 'təxminən', 'yaxın' və ya 'çox' kimi verdiyi rəqəmlər olduğu kimi istifadə olunur; il onlarla birlikdə dəyişə bilər.",
    ),
    "proj_sources": ("Figures used", "İstifadə olunan rəqəmlər"),
    "proj_none": (
        "No projection: the data lacks a running total, an estimate of the area, or a figure for this pace.",
        "Hesablama yoxdur: məlumatlarda ümumi göstərici, ərazinin təxmini və ya bu sürət üçün rəqəm yoxdur.",
    ),
    "proj_line_total": ("Hectares cleared (running total)", "Təmizlənmiş ərazi (ümumi)"),
    "proj_line_projection": ("Projection at the chosen pace", "Seçilmiş sürətlə hesablama"),
    "proj_line_estimate": ("Estimated area", "Təxmin edilən ərazi"),
    "card_projection": ("Projection: estimated area cleared in", "Hesablama: təxmin edilən ərazi təmizlənərdi"),
    "export_projection": ("Projection slide (PNG, 1920×1080)", "Hesablama slaydı (PNG, 1920×1080)"),
    "export_with_projection": (
        "Add the projection (with its assumptions) to the handout and the figures CSV",
        "Hesablamanı (fərziyyələri ilə) paylama materialına və rəqəmlər CSV-sinə əlavə et",
    ),
    # the open data package (Sources page)
    "download_all": ("Download all data (zip)", "Bütün məlumatları yüklə (zip)"),
    "download_all_help": (
        "Every data file (CSV and GeoJSON) with a Frictionless Data Package descriptor, datapackage.json: each table's columns, types, keys, licence and sources.",
        "Bütün məlumat faylları (CSV və GeoJSON) və Frictionless Data Package təsviri, datapackage.json: hər cədvəlin sütunları, tipləri, açarları, lisenziyası və mənbələri.",
    ),
}
