"""The standalone map: loads nothing from elsewhere, carries Leaflet, and escapes text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from paths import copy_geodata, rename_district

from dashboard.analysis.selection import Period, Selection
from dashboard.data.loader import load_dataset
from dashboard.exports import standalone_html
from dashboard.maps.assets import leaflet_files

PAYLOAD = "<img src=x onerror=alert(1)>"


def unjson(html: str) -> str:
    """The page with folium's JSON string escapes undone, as the browser reads it."""
    for code, char in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0026", "&"), ("\\u0027", "'"), ("\\u002f", "/")):
        html = html.replace(code, char)
    return html


_LOADER = re.compile(
    r"""<(?:img|script|iframe|link|source|embed|object|video|audio|track|input)\b[^<>]*?"""
    r"""\b(?:src|href|data|poster|srcset)\s*=\s*\\?["']?([^"'\s>\\]+)""",
    re.I,
)


class _Attributes(HTMLParser):
    """src= on any element, href= on any but <a>, in the page's own markup."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name in ("src", "srcset", "data", "poster") or (name == "href" and tag != "a")):
                self.urls.append(value)


def loads(html: str) -> list[str]:
    """Every address the page would fetch by itself: src= (and the like) anywhere,
    href= on anything but a link a reader clicks (<a>), url() and @import in styles;
    also inside the map's scripts (popups and tooltips built from JSON strings)."""
    parser = _Attributes()
    parser.feed(html)
    found = parser.urls + _LOADER.findall(html)
    found += re.findall(r"""url\(\s*["']?([^"')\s]+)""", html)
    found += re.findall(r"""@import\s+(?:url\()?["']?([^"';)\s]+)""", html)
    return found


def remote(urls: list[str]) -> list[str]:
    return [u for u in urls if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", u, re.I)]


@pytest.mark.parametrize(
    "selection", [Selection(), Selection(districts=("AZ-CAB",), period=Period(year=2023))], ids=["all", "jabrayil"]
)
def test_standalone_map_is_self_contained(dataset, selection):
    html = standalone_html(dataset, selection, "en").decode("utf-8")
    page = unjson(html)
    assert remote(loads(page)) == []
    assert "/app/static" not in page
    js, css = leaflet_files()
    assert js.read_text(encoding="utf-8")[-2000:] in html  # Leaflet's code is in the page
    assert ".leaflet-pane," in html and css.read_text(encoding="utf-8")[:300] in html
    assert "<script src=" not in page.replace('<script src="data:', "")
    assert "leaflet-container" in html and "L.map(" in html
    for name in ("Jabrayil", "Fuzuli", "Aghdam") if not selection.districts else ("Jabrayil",):
        assert name in html
    assert "Hectares cleared" in html


def test_text_from_data_is_escaped(tmp_path):
    root = copy_geodata(tmp_path / "geodata")
    rename_district(root, "AZ-CAB", PAYLOAD)
    dataset = load_dataset(root).dataset
    assert dataset is not None
    for selection in (Selection(), Selection(districts=("AZ-CAB",))):
        page = unjson(standalone_html(dataset, selection, "en").decode("utf-8"))
        assert PAYLOAD not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_missing_leaflet_is_a_clear_error(dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_STATIC", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="Leaflet is missing"):
        standalone_html(dataset, Selection(), "en")


def test_the_load_checker_sees_remote_files():
    page = """<link rel="stylesheet" href="https://cdn.example/x.css"><a href="https://ok.example">x</a>
    <script>var p = '<img src=\\'//evil.example/i.png\\'>';</script><style>b{background:url(http://e.example/b.png)}</style>"""
    assert set(remote(loads(page))) == {"https://cdn.example/x.css", "//evil.example/i.png", "http://e.example/b.png"}
