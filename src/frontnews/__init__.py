"""frontnews: a static news-site generator for Vietnamese civic newsrooms."""

__version__ = "0.1.0"
