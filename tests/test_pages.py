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
