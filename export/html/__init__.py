"""The browsable HTML site for a proofs.json (schema `gl.proofs/1`, see export/SCHEMA.md).

`write_checked_site` re-checks every proof with the independent checker and writes the
site from its verdicts (what `gl export html` does); `write_site` renders jinja2 templates (`templates/`) into a static folder that works from
`file://`: an index with search, one page per theorem with a Metamath-style proof table,
a rules page and a citation graph; shared CSS/JS come from `static/`.

>>> import json, tempfile
>>> from export.html import write_site
>>> report = write_site({"schema": "gl.proofs/1", "theorems": []}, tempfile.mkdtemp())
>>> "index.html" in report.files
True
"""

from .checked import write_checked_site
from .site import SiteReport, write_site
from .slugs import slug

__all__ = ["SiteReport", "slug", "write_checked_site", "write_site"]
