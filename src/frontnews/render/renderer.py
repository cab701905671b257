"""Render one planned page to bytes, turning template failures into diagnostics."""

from __future__ import annotations

from jinja2 import Environment, TemplateError, TemplateNotFound, TemplateSyntaxError

from ..diagnostics import Diagnostic, diag
from ..paths import TEMPLATES_DIR
from ..site.planner import Page
from .xml_chars import without_illegal


def render_page(page: Page, env: Environment) -> tuple[bytes | None, Diagnostic | None]:
    if page.renderer is not None:  # feeds, sitemap, robots.txt: built in Python, no template
        return without_illegal(page.renderer(page.context)), None
    try:
        html = env.get_template(page.template).render(page.context)
    except TemplateSyntaxError as exc:
        name = exc.filename or exc.name or page.template
        return None, diag("FN301", _short(name), exc.lineno or 0, template=_short(name), detail=exc.message)
    except TemplateNotFound as exc:
        return None, diag(
            "FN301",
            f"{TEMPLATES_DIR}/{page.template}",
            0,
            template=page.template,
            detail=f"không tìm thấy mẫu “{exc.name}”",
        )
    except TemplateError as exc:
        return None, diag(
            "FN301",
            f"{TEMPLATES_DIR}/{page.template}",
            _template_line(exc),
            template=page.template,
            detail=f"{exc} (khi dựng trang {page.url})",
        )
    encode = getattr(env, "encode_page", None)  # templates.SiteEnvironment: the menu encoded once
    return without_illegal(encode(html) if encode is not None else html.encode("utf-8")), None


def _short(name: str) -> str:
    """Show template paths from the templates folder, not the machine's absolute path."""
    marker = f"{TEMPLATES_DIR}/"
    return name[name.rfind(marker) :] if marker in name else name


def _template_line(exc: Exception) -> int:
    tb = exc.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".html"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
