"""GDAL, reduced to reading a GeoPackage or a Shapefile from a local file.

GDAL picks the driver for a file from its content, not its name: a ".gpkg" holding VRT
XML would be opened by the VRT driver, which reads any file or URL the XML names. So
before the first upload is opened, every driver of this process's GDAL except
``GPKG`` and ``ESRI Shapefile`` is deregistered, the network file systems
(``/vsicurl/`` and the cloud ones) are removed, and GDAL's HTTP settings point nowhere.
Nothing else in the app uses GDAL (the loader reads GeoJSON as JSON), so this is done
once for the whole process.

pyogrio does not pass GDALOpenEx's allowed-drivers list through, and GDAL reads
``GDAL_SKIP`` only when the drivers are registered (before pyogrio's import); GDAL's C
API is therefore called directly (ctypes), on the same library pyogrio loaded.
"""

from __future__ import annotations

import ctypes
import threading
from pathlib import Path

import pyogrio

ALLOWED_DRIVERS = ("GPKG", "ESRI Shapefile")
_NETWORK_FILE_SYSTEMS = (
    "/vsicurl/",
    "/vsicurl_streaming/",
    "/vsis3/",
    "/vsis3_streaming/",
    "/vsigs/",
    "/vsigs_streaming/",
    "/vsiaz/",
    "/vsiaz_streaming/",
    "/vsiadls/",
    "/vsioss/",
    "/vsioss_streaming/",
    "/vsiswift/",
    "/vsiswift_streaming/",
    "/vsiwebhdfs/",
    "/vsihdfs/",
)
# Belt and braces for anything that still tries the network.
_CONFIG = {
    "GDAL_HTTP_PROXY": "127.0.0.1:9",  # the discard port: refused at once
    "GDAL_HTTPS_PROXY": "127.0.0.1:9",
    "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_CONNECTTIMEOUT": "1",
    "GDAL_HTTP_MAX_RETRY": "0",
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".nothing-is-fetched",
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
    "OGR_SQLITE_ALLOW_EXTERNAL_ACCESS": "NO",
}

_lock = threading.Lock()
_state: dict[str, bool] = {}


def _library() -> ctypes.CDLL | None:
    """The GDAL library pyogrio loaded (the one its readers call)."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return None
    fields = (line.split(maxsplit=5) for line in maps.splitlines())
    paths = {f[5] for f in fields if len(f) == 6 and "libgdal" in f[5].rsplit("/", 1)[-1]}
    if len(paths) != 1:
        return None
    lib = ctypes.CDLL(paths.pop())
    lib.GDALGetDriverCount.restype = ctypes.c_int
    lib.GDALGetDriver.argtypes = [ctypes.c_int]
    lib.GDALGetDriver.restype = ctypes.c_void_p
    lib.GDALGetDriverShortName.argtypes = [ctypes.c_void_p]
    lib.GDALGetDriverShortName.restype = ctypes.c_char_p
    lib.GDALDeregisterDriver.argtypes = [ctypes.c_void_p]
    lib.GDALDeregisterDriver.restype = None
    return lib


def _restrict(lib: ctypes.CDLL) -> bool:
    pyogrio.set_gdal_config_options(_CONFIG)
    drivers = [lib.GDALGetDriver(i) for i in range(lib.GDALGetDriverCount())]
    for driver in drivers:
        if lib.GDALGetDriverShortName(driver).decode() not in ALLOWED_DRIVERS:
            lib.GDALDeregisterDriver(driver)
    remove = getattr(lib, "VSIRemovePluginHandler", None)  # GDAL 3.10 and later
    if remove is None:
        return False
    remove.argtypes = [ctypes.c_char_p]
    remove.restype = ctypes.c_int
    for prefix in _NETWORK_FILE_SYSTEMS:
        remove(prefix.encode())
    return set(pyogrio.list_drivers()) == set(ALLOWED_DRIVERS)


def restricted() -> bool:
    """Restrict this process's GDAL (once); True when it now opens GeoPackage and
    Shapefile only, from local files. When this cannot be done here, uploads of those
    formats are refused rather than opened unrestricted."""
    with _lock:
        if "ok" not in _state:
            lib = _library()
            _state["ok"] = lib is not None and _restrict(lib)
        return _state["ok"]
