"""The names of a site's folders and files, and the package's own folders: each written once."""

from __future__ import annotations

from pathlib import Path

CONFIG_FILE = "frontnews.yaml"
CONTENT_DIR = "content"
UNITS_FILE = f"{CONTENT_DIR}/units.yaml"
TEMPLATES_DIR = "templates"  # the site's own templates, over the theme's
STATIC_DIR = "static"  # the site's own static files, over the theme's
OUTPUT_DIR = "public"  # where `frontnews build` writes the site, unless told otherwise
CACHE_DIR = ".frontnews-cache"  # state kept between builds: never inside the output

# Everything a build reads from the site folder: what `serve` watches and the up-to-date check hashes.
SITE_DIRS = (CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR)
SITE_FILES = (CONFIG_FILE,)

PACKAGE_DIR = Path(__file__).parent  # the generator's code: a change to it must rebuild the site
THEME_DIR = PACKAGE_DIR / "theme"  # the default theme (links to the top-level folders in a source checkout)
THEME_TEMPLATES = THEME_DIR / TEMPLATES_DIR
THEME_STATIC = THEME_DIR / STATIC_DIR
SCAFFOLD_DIR = PACKAGE_DIR / "scaffold"  # what `frontnews init` copies into a new site
