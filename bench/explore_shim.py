"""Minimal stand-ins for the matplotlib and mapclassify calls of `GeoDataFrame.explore`.

`explore()` imports matplotlib and mapclassify unconditionally. Neither is a project dependency
(and mapclassify cannot be installed offline here), so when they are missing this module puts
small replacements into ``sys.modules`` that cover explore's default numeric path: 256
equal-width ``UserDefined`` bins and the ``viridis`` colour map (linear between 9 stops). When the
real packages are installed, `install()` does nothing and explore() uses them.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from typing import Any

import numpy as np

_VIRIDIS = np.array(
    [
        (0.267004, 0.004874, 0.329415),
        (0.282623, 0.140926, 0.457517),
        (0.253935, 0.265254, 0.529983),
        (0.206756, 0.371758, 0.553117),
        (0.163625, 0.471133, 0.558148),
        (0.127568, 0.566949, 0.550556),
        (0.134692, 0.658636, 0.517649),
        (0.266941, 0.748751, 0.440573),
        (0.477504, 0.821444, 0.318195),
        (0.741388, 0.873449, 0.149561),
        (0.993248, 0.906157, 0.143936),
    ]
)


class _Colormap:
    def __init__(self, n: int = 256) -> None:
        self.n = n

    def resampled(self, n: int) -> _Colormap:
        return _Colormap(n)

    def __call__(self, idx: Any) -> np.ndarray:
        position = np.asarray(idx, dtype="float64") / max(self.n - 1, 1)
        stops = np.linspace(0.0, 1.0, len(_VIRIDIS))
        rgb = [np.interp(position, stops, _VIRIDIS[:, i]) for i in range(3)]
        return np.column_stack([*rgb, np.ones_like(position)])


class _Colormaps:
    def get_cmap(self, _name: Any = None) -> _Colormap:
        return _Colormap()

    def __call__(self) -> list[str]:
        return ["viridis"]


def _to_hex(rgba: Any) -> str:
    r, g, b = (round(float(c) * 255) for c in list(rgba)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def _classify(y: Any, scheme: str, bins: Any = None, **_kwargs: Any) -> Any:
    if scheme != "UserDefined":
        raise NotImplementedError(f"the shim only knows UserDefined, not {scheme!r}")
    edges = np.asarray(bins, dtype="float64")
    yb = np.searchsorted(edges, np.asarray(y, dtype="float64"), side="left")
    yb = np.minimum(yb, len(edges) - 1)
    return types.SimpleNamespace(yb=yb, k=len(edges), bins=edges)


def _real(name: str) -> bool:
    """Tell whether the real package is importable (not our stand-in)."""
    module = sys.modules.get(name)
    if module is not None:
        return not getattr(module, "__bench_shim__", False)
    return importlib.util.find_spec(name) is not None


def install() -> str:
    """Provide the stand-ins if needed (idempotent); return 'real' or 'shim'."""
    if _real("matplotlib") and _real("mapclassify"):
        return "real"
    colormaps = _Colormaps()
    mpl = types.ModuleType("matplotlib")
    pyplot = types.ModuleType("matplotlib.pyplot")
    pyplot.colormaps = colormaps  # type: ignore[attr-defined]
    colors = types.ModuleType("matplotlib.colors")
    colors.to_hex = _to_hex  # type: ignore[attr-defined]
    colors.Colormap = _Colormap  # type: ignore[attr-defined]
    mpl.pyplot = pyplot  # type: ignore[attr-defined]
    mpl.colors = colors  # type: ignore[attr-defined]
    mpl.colormaps = colormaps  # type: ignore[attr-defined]
    mapclassify = types.ModuleType("mapclassify")
    mapclassify.classify = _classify  # type: ignore[attr-defined]
    for module in (mpl, pyplot, colors, mapclassify):
        module.__bench_shim__ = True  # type: ignore[attr-defined]
    sys.modules.setdefault("matplotlib", mpl)
    sys.modules.setdefault("matplotlib.pyplot", pyplot)
    sys.modules.setdefault("matplotlib.colors", colors)
    if not _real("mapclassify"):  # the project now depends on mapclassify (sq.render.maps)
        sys.modules.setdefault("mapclassify", mapclassify)
    return "shim (matplotlib)"
