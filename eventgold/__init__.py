"""eventgold: gold-standard data for conflict and security incident reports, and a scorer for event extractors.

The four areas are subpackages: :mod:`eventgold.schema`, :mod:`eventgold.corpus`,
:mod:`eventgold.annotate` and :mod:`eventgold.eval`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventgold")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
