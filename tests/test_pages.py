"""Generated pages come from templates: a missing value fails loudly, and a trainer can restyle them."""

import jinja2
import pytest

from asm_workshop import pages, plan, plan_export


def test_a_value_the_template_names_but_is_not_given_fails_the_rendering():
    with pytest.raises(jinja2.UndefinedError, match="participant"):
        pages.render("not_graded.html.j2", title="welcome", assignment="welcome", reason="no notebook")


def test_a_trainer_restyles_the_plan_from_a_folder_of_their_own(tmp_path, monkeypatch):
    (tmp_path / "plan.css").write_text("@page { size: A4 landscape; }\n", encoding="utf-8")
    monkeypatch.setenv(pages.TEMPLATES_VARIABLE, str(tmp_path))
    page = plan_export.to_html(plan.example_plan("benin_sand"))
    assert "@page { size: A4 landscape; }" in page and "@page { size: A4;" not in page
    assert "<h2>Objectives</h2>" in page  # the rest of the page is the package's own
    monkeypatch.delenv(pages.TEMPLATES_VARIABLE)
    assert "@page { size: A4;" in plan_export.to_html(plan.example_plan("benin_sand"))


HOSTILE = "Mines & <script>alert(1)</script>"
ESCAPED = "Mines &amp; &lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.mark.parametrize("template, values", [
    ("stakeholder_table.html.j2", {"headers": [HOSTILE], "rows": [{"selected": True, "cells": [HOSTILE]}]}),
    ("risk_register.html.j2", {"headers": [HOSTILE], "cell_style": "padding:2px 8px", "rows": [dict(
        number=1, risk=HOSTILE, likelihood=2, severity=3, score=6, colour="#fff", priority="High",
        mitigation=HOSTILE, monitored_by=HOSTILE, miners_take_part="yes")]}),
    ("plan_budget.html.j2", {"total": HOSTILE, "owners": [(HOSTILE, "1 FCFA")]}),
])
def test_the_widget_tables_show_what_participants_typed_as_text(template, values):
    table = pages.render(template, **values)
    assert ESCAPED in table and "<script" not in table
