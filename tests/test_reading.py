"""The recommended reading: each document is complete and sourced, in both languages, and the list
renders escaped in the participant's language (where the lessons point: test_reading_lessons.py)."""

from dataclasses import replace

import pytest

from asm_workshop import reading
from asm_workshop.i18n import LANGUAGES, catalog, set_language
from conftest import FACTS, needs_facts


def test_every_document_has_a_title_year_publisher_and_addresses():
    assert len(reading.DOCUMENTS) == 11, "facts §6.10: ten items, the fourth of them two documents"
    assert len({document.id for document in reading.DOCUMENTS}) == len(reading.DOCUMENTS)
    for document in reading.DOCUMENTS:
        assert document.title.strip() and document.publisher.strip(), document.id
        assert 2000 <= document.year <= 2026, document.id
        assert document.addresses and all(a.startswith(("http://", "https://")) for a in document.addresses)
        assert document.language in LANGUAGES


@needs_facts
def test_every_address_is_one_the_sourced_facts_give():
    facts = FACTS.read_text(encoding="utf-8")
    addresses = {address for document in reading.DOCUMENTS
                 for address in (*document.addresses, document.french_address) if address}
    assert sorted(address for address in addresses if address not in facts) == []


def test_every_document_says_what_it_is_for_and_about_french_in_both_languages():
    texts = catalog()
    for document in reading.DOCUMENTS:
        for part in ("about", "french"):
            message = texts[f"reading.{document.id}.{part}"]
            assert all(message[language].strip() for language in LANGUAGES), (document.id, part)
        about = texts[f"reading.{document.id}.about"]
        for language in LANGUAGES:
            sentences = about[language].count(". ") + about[language].count("; ")
            assert sentences >= 1, f"{document.id}: two lines on what it is for ({language})"


def test_a_document_without_a_french_address_says_no_french_version_was_found():
    texts = catalog()
    for document in reading.DOCUMENTS:
        if document.french_address is None and document.language != "fr":
            assert "No French version" in texts[f"reading.{document.id}.french"]["en"], document.id
            assert "Aucune version française" in texts[f"reading.{document.id}.french"]["fr"], document.id


def test_documents_come_in_the_order_asked_and_an_unknown_id_is_named():
    assert [d.id for d in reading.documents("craft_code", "igf_guidance")] == ["craft_code", "igf_guidance"]
    assert reading.documents() == list(reading.DOCUMENTS)
    with pytest.raises(KeyError, match="no_such_document"):
        reading.documents("no_such_document")


def test_the_rendered_list_follows_the_language_and_links_every_address():
    whole = reading.reading_html()
    assert "Recommended reading" in whole
    for document in reading.DOCUMENTS:
        assert f'data-asm-reading="{document.id}"' in whole
        for address in document.addresses:
            assert f'href="{address}"' in whole
    set_language("fr")
    further = reading.reading_html("frm_field_handbook")
    assert "Pour aller plus loin" in further and "Aucune version française trouvée." in further
    assert further.count("data-asm-reading=") == 1


def test_the_rendered_list_escapes_its_text(monkeypatch):
    hostile = replace(reading.DOCUMENTS[0], title="<script>alert(1)</script> & co",
                      publisher='"Quotes" <b>', addresses=('https://example.org/?a=1&b="2"',))
    monkeypatch.setattr(reading, "_BY_ID", {**reading._BY_ID, hostile.id: hostile})
    page = reading.reading_html(hostile.id)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "&#34;Quotes&#34; &lt;b&gt;" in page
    assert 'href="https://example.org/?a=1&amp;b=&#34;2&#34;"' in page


def test_the_reading_widget_rewrites_itself_when_the_language_changes():
    from asm_workshop.widgets import ReadingList

    box = ReadingList("craft_code")
    try:
        assert "Going further" in box.box.value
        set_language("fr")
        assert "Pour aller plus loin" in box.box.value
    finally:
        box.close()
