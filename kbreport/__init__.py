"""kbreport: briefings on the Kampung KB programme from portal exports, for BKKBN and district offices."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kbreport")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+local"

SYNTHETIC_LABEL = {"id": "Data contoh (sintetis)", "en": "Sample data (synthetic)"}
