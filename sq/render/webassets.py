"""Serve every script and stylesheet of a folium map from our own host.

folium loads Leaflet, jQuery, Bootstrap and Font Awesome from public CDNs. Offline that leaves
the map blank; online it tells third parties who visits. `scripts/setup_assets.py` copies the
files listed in `VENDOR_FILES` from ``node_modules/`` into ``static/vendor/``, which Streamlit
serves at ``/app/static/vendor/`` when ``server.enableStaticServing`` is on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import branca
import folium
from folium.elements import JSCSSMixin

from sq.config import PROJECT_ROOT

STATIC_DIR: Final = PROJECT_ROOT / "static"
VENDOR_DIR: Final = STATIC_DIR / "vendor"
NODE_MODULES: Final = PROJECT_ROOT / "node_modules"
DEFAULT_BASE_URL: Final = "/app/static/vendor"

VENDOR_FILES: Final = (
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet/dist/images/layers.png", "leaflet/images/layers.png"),
    ("leaflet/dist/images/layers-2x.png", "leaflet/images/layers-2x.png"),
    ("leaflet/dist/images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("leaflet/dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("leaflet/dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
)
"""(path under node_modules/, path under static/vendor/) of every file we serve ourselves."""

LOCAL_LINKS: Final = {
    "leaflet": "leaflet/leaflet.js",
    "leaflet_css": "leaflet/leaflet.css",
}
"""folium's link names that we replace by our own copy (path under the vendor folder)."""

UNUSED_LINKS: Final = frozenset(
    {
        "jquery",
        "bootstrap",
        "awesome_markers",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers_font_css",
        "awesome_markers_css",
        "awesome_rotate_css",
    }
)
"""folium's default links that only markers and Bootstrap popups need; our maps drop them."""

_ATTRIBUTE_URL: Final = re.compile(
    r"""(?:src|href|data|action|poster)\s*=\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?//[^"'\s>]+)""",
    re.IGNORECASE,
)
_ABSOLUTE_URL: Final = re.compile(r"""\b(?:https?|wss?|ftp):\\?/\\?/[^\s"'<>()`]+""", re.IGNORECASE)
_CSS_URL: Final = re.compile(r"""url\(\s*["']?((?:[a-z]+:)?//[^"')\s]+)""", re.IGNORECASE)


def _walk(element: branca.element.Element) -> Iterator[branca.element.Element]:
    """Yield an element and all its descendants."""
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _local_links(links: list[tuple[str, str]], base_url: str) -> list[tuple[str, str]]:
    """Replace known links by local ones, drop unused ones, refuse unknown external ones."""
    out: list[tuple[str, str]] = []
    for name, url in links:
        if name in LOCAL_LINKS:
            out.append((name, f"{base_url.rstrip('/')}/{LOCAL_LINKS[name]}"))
        elif name in UNUSED_LINKS:
            continue
        elif external_urls(f'<script src="{url}"></script>'):
            raise ValueError(f"no local copy of {name!r} ({url}); add it to sq.render.webassets")
        else:
            out.append((name, url))
    return out


def localize(m: folium.Map, base_url: str = DEFAULT_BASE_URL) -> folium.Map:
    """Point every script and stylesheet of a map at our own host; return the same map."""
    header = m.get_root().header
    for element in _walk(m):
        if isinstance(element, branca.colormap.ColorMap):
            raise ValueError("branca colour maps make streamlit-folium load d3 from a CDN")
        if isinstance(element, JSCSSMixin):
            # Instance attributes: folium's class-level lists are shared by every map.
            element.default_js = _local_links(list(element.default_js), base_url)
            element.default_css = _local_links(list(element.default_css), base_url)
    for name in UNUSED_LINKS:
        header._children.pop(name, None)
    return m


def external_urls(html: str) -> list[str]:
    """List every URL in rendered HTML that points at another host, in order of appearance."""
    found: list[tuple[int, str]] = []
    for pattern in (_ATTRIBUTE_URL, _CSS_URL):
        found.extend((match.start(1), match.group(1)) for match in pattern.finditer(html))
    found.extend((match.start(), match.group()) for match in _ABSOLUTE_URL.finditer(html))
    seen: dict[str, None] = {}
    for _, url in sorted(found):
        seen.setdefault(url.replace("\\/", "/"), None)
    return list(seen)


def missing_vendor_files(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """List the vendor files that `scripts/setup_assets.py` has not copied yet."""
    return [dest for _, dest in VENDOR_FILES if not (vendor_dir / dest).is_file()]


def rendered_html(m: folium.Map) -> str:
    """Render a map to a standalone HTML page (for tests and downloads)."""
    return m.get_root().render()


__all__ = [
    "DEFAULT_BASE_URL",
    "VENDOR_DIR",
    "VENDOR_FILES",
    "external_urls",
    "localize",
    "missing_vendor_files",
    "rendered_html",
]
