"""Paper for the room comes from the tools' own data, in the reader's language: an actor card for
every actor of a case, the situation cards of lesson 3.1 without what the quiz asks, and a
certificate per participant, with every name shown as written."""

import pytest

from asm_workshop import engagement, printables
from asm_workshop.cases import CASES
from asm_workshop.i18n import in_language
from asm_workshop.stakeholders import case_actors


@pytest.mark.parametrize("case", CASES)
def test_every_actor_of_a_case_has_a_card(case):
    cards = printables.actor_cards(case)
    assert [card.title for card in cards] == [actor["name"] for actor in case_actors(case)]
    html = printables.actor_cards_html(case)
    assert html.count('<article class="card">') == len(cards)
    assert html.count('<section class="sheet">') == -(-len(cards) // printables.CARDS_PER_PAGE)


def test_the_situation_cards_say_the_situation_but_not_the_approach_that_fits():
    for language in ("en", "fr"):
        with in_language(language):
            html = printables.scenario_cards_html()
            for scenario in engagement.scenarios():
                assert scenario.title.replace("'", "&#39;") in html
            for approach in engagement.APPROACHES:
                assert engagement.approach_label(approach) not in html, (language, approach)
                for scenario in engagement.scenarios():
                    text = engagement.feedback(scenario.id, approach)
                    assert text.replace("'", "&#39;") not in html
    with in_language("fr"):
        assert "Qui est là" in printables.scenario_cards_html()


def test_a_certificate_per_name_with_the_name_as_written():
    html = printables.certificates_html(["Awa Ouédraogo", "  ", "<script>x</script>"], place="Cotonou")
    assert html.count('<section class="certificate">') == 2
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html
    with in_language("fr"), pytest.raises(ValueError, match="Donnez au moins le nom d'un participant"):
        printables.certificates_html(["", " "])
