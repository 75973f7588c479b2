"""Validation messages in Azerbaijani, by message key.

A finding keeps its English text (the language of validation reports and of the
command line); findings that carry a message key (``Finding.code``, with the values
in ``Finding.args``) are shown to staff in Azerbaijani from these templates. Which
findings have keys: every reason an upload is refused before its rows are checked
(size, kind, zip listing, GeoPackage and Shapefile checks, feature and coordinate
caps) and the GeoJSON reader's file-level messages. Row and cell messages are English.
"""

from __future__ import annotations

FINDINGS_AZ: dict[str, str] = {
    "upload_too_big": "fayl {mb} MB-dır; hədd {limit} MB-dır",
    "upload_wrong_kind": "'{suffix}' faylı tapıldı; bunlardan biri gözlənilirdi: {accepted}",
    "upload_not_geopackage": (
        "GeoPackage deyil (GeoPackage GeoPackage kimi işarələnmiş SQLite verilənlər bazasıdır); onu CBS "
        "proqramınızdan yenidən GeoPackage kimi ixrac edin"
    ),
    "upload_not_zip": "oxuna bilən zip arxivi deyil; Shapefile fayllarını (.shp, .shx, .dbf, .prj) yenidən zipləyin",
    "upload_zip_members": (
        "zip faylında {found} fayl var; ziplənmiş Shapefile bir neçə fayldan ibarətdir (ən çoxu {limit})"
    ),
    "upload_zip_unsafe_name": (
        "zip faylında arxivdən kənara işarə edən '{member}' adı var (mütləq yol və ya '..'); heç nə açılmadı"
    ),
    "upload_zip_encrypted": "zip faylındakı '{member}' şifrələnib; faylları şifrəsiz zipləyin",
    "upload_zip_method": (
        "zip faylındakı '{member}' Deflate-dən fərqli üsulla sıxılıb; faylları adi parametrlərlə yenidən zipləyin"
    ),
    "upload_zip_too_big": (
        "zip açıldıqda {mb} MB olur; hədd {limit} MB-dır (rayon sərhədləri bir neçə MB olur). Heç nə açılmadı"
    ),
    "upload_zip_ratio": (
        "zip faylları {ratio} dəfə sıxılıb; həqiqi xəritə faylları bundan xeyli az sıxılır (hədd {limit} "
        "dəfə), ona görə açılmadı"
    ),
    "upload_zip_no_shapefile": (
        "zip faylında Shapefile (.shp) yoxdur; tapıldı: {found}. Cədvəl yükləmək üçün zip deyil, CSV faylının"
        " özünü yükləyin"
    ),
    "upload_zip_several": "zip faylında bir neçə Shapefile var ({found}); hər Shapefile üçün ayrıca zip yükləyin",
    "upload_zip_foreign": (
        "zip faylında Shapefile-a aid olmayan '{member}' var; ziplənmiş Shapefile yalnız öz {parts} "
        "fayllarından ibarət ola bilər"
    ),
    "upload_zip_incomplete": (
        "zip faylında {missing} yoxdur; Shapefile üçün .shp, .shx və .dbf faylları birlikdə lazımdır"
    ),
    "upload_not_shapefile": (
        "zip faylındakı .shp faylı Shapefile deyil; sərhədləri CBS proqramınızdan yenidən ixrac edin"
    ),
    "upload_too_many_columns": (
        "atribut cədvəlində {limit}-dən çox sütun və ya {mb} MB-dan çox məlumat var; rayon sərhədləri üçün "
        "beş atribut lazımdır (code, name_en, name_az, kind, economic_region)"
    ),
    "upload_gdal_unavailable": (
        "Bu serverdə GeoPackage və Shapefile yükləmələri söndürülüb (GDAL yalnız bu formatları oxumaqla "
        "məhdudlaşdırıla bilmədi); sərhədləri GeoJSON kimi yükləyin"
    ),
    "upload_unreadable": "GeoPackage və ya Shapefile kimi oxuna bilmir ({why})",
    "upload_no_polygons": "poliqon qatı yoxdur; rayon sərhədləri gözlənilirdi",
    "upload_several_layers": "bir neçə poliqon qatı var ({layers}); yalnız bir qatı olan fayl yükləyin",
    "upload_no_features": "FeatureCollection-da obyekt yoxdur; rayon sərhədləri gözlənilirdi",
    "geojson_empty": "fayl boşdur; GeoJSON FeatureCollection gözlənilirdi",
    "geojson_not_utf8": "fayl UTF-8 mətni deyil; GeoJSON UTF-8 kimi saxlanmalıdır",
    "geojson_not_json": (
        "{line}-ci sətir, {column}-ci sütunda düzgün JSON deyil ({error}); fayl kəsilmiş və ya səhvən redaktə"
        " edilmiş ola bilər"
    ),
    "geojson_too_deep": "JSON GeoJSON faylı üçün həddən artıq dərin iç-içədir",
    "geojson_not_collection": "ən yuxarı səviyyədə GeoJSON FeatureCollection gözlənilirdi",
    "geojson_no_features_list": "FeatureCollection-da 'features' siyahısı gözlənilirdi",
    "too_many_features": (
        "faylda {limit}-dən çox obyekt var; rayon sərhədlərində bundan xeyli az olur. Səhv fayl seçilməyib ki?"
    ),
    "too_many_vertices": (
        "həndəsələrdə {limit}-dən çox koordinat cütü var; sərhədləri sadələşdirin (QGIS: Vector > Geometry "
        "Tools > Simplify, təxminən 10 m) və yenidən ixrac edin"
    ),
}


def finding_message(code: str | None, args: tuple[tuple[str, object], ...], english: str, lang: str) -> str:
    """A finding's message in a language: its Azerbaijani template when it has a key."""
    if lang == "az" and code in FINDINGS_AZ:
        return FINDINGS_AZ[code].format(**dict(args))
    return english
