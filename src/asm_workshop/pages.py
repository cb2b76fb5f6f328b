"""The HTML documents the workshop writes, rendered from the Jinja2 templates in ``templates/``.

- ``plan.html.j2`` with ``plan.css``: the printable engagement plan (``plan_export.to_html``);
- ``feedback.html.j2``, ``not_graded.html.j2`` with ``feedback.css``: a participant's feedback
  page (``grading.feedback``);
- ``agenda.html.j2`` with ``agenda.css``: the facilitator's printable agenda (``agenda.to_html``);
- ``cards.html.j2`` with ``cards.css``, ``certificate.html.j2`` with ``certificate.css``: cards to
  cut out and certificates of participation (``printables``);
- ``page.html.j2``: the frame they share (language, title, inline style);
- ``stakeholder_table.html.j2``, ``risk_register.html.j2``, ``plan_budget.html.j2``: the tables the
  stakeholder grid, the risk matrix and the plan builder show beside their fields.

Every value is escaped as it goes into the page (autoescaping), so a participant's ``<script>``
or ``&`` shows as text; only HTML the code made safe on purpose (``markupsafe.Markup``: the
rendered markdown, the chart's SVG) goes in as it is. A variable a template names but is not
given fails the rendering (``StrictUndefined``) instead of leaving a blank.

How a trainer restyles a page: edit ``plan.css``, ``agenda.css`` or ``feedback.css`` in
``src/asm_workshop/templates/`` (the checkout's copy is the one used), or, without touching the
checkout, put a file of the same name (``plan.css``, ``plan.html.j2``...) in a folder and name
that folder in the environment variable ``ASM_WORKSHOP_TEMPLATES``: its files are used first.
Keep the style inline and name no address (``http``, ``src=``, ``url(``): the pages must open and
print offline.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import jinja2

from asm_workshop.i18n import get_language, t

TEMPLATES_VARIABLE = "ASM_WORKSHOP_TEMPLATES"
"""Environment variable naming a folder whose templates replace the package's own, file by file."""


def render(template: str, **values: Any) -> str:
    """Return the page ``template`` (a file name in ``templates/``) filled with ``values``.

    ``t`` (the message catalog) and ``language`` (the current language's code) are always
    available. Raises ``jinja2.UndefinedError`` when the template uses a value not given.
    """
    return _environment(os.environ.get(TEMPLATES_VARIABLE, "")).get_template(template).render(
        language=get_language(), **values)


@cache
def _environment(override: str) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("asm_workshop", "templates")]
    if override:
        loaders.insert(0, jinja2.FileSystemLoader(os.path.expanduser(override)))
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    environment.globals["t"] = t
    return environment
