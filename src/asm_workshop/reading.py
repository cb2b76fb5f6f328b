"""The workshop's recommended reading: the documents that go further, written once, here.

Each document's title, year, publisher and addresses are data below; what it is for, and
whether a French version exists, are in ``messages/reading.json`` in English and French
(``reading.<id>.about`` and ``reading.<id>.french``). Everything rests on the workshop's sourced
reference (``reference/facts.md`` §6.10): every address is one read there, and where it says
NOT FOUND the list says so ("no French version found") rather than guess.

Item 4 of §6.10 (the "O'Neill & Telmer toolkit") is two documents, the 2017 baseline toolkit and
UNEP's 2012 practical guide, so the list holds eleven documents for ten items.

The welcome lesson shows the whole list, each lesson the one or two documents that go further
(``tests/test_reading.py`` checks both), and the room server's landing page lists it too
(``landing_entries``):

    from asm_workshop.widgets import ReadingList

    ReadingList()                                          # the whole list
    ReadingList("frm_field_handbook", "asm_pace_toolkit")  # "Going further": these two only

or, without a widget, ``reading.reading_html("craft_code")`` (HTML, every text escaped).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from asm_workshop.i18n import LANGUAGES, catalog, t


@dataclass(frozen=True)
class Document:
    """One recommended document: what it is for and its French version are in the message
    catalog under ``reading.<id>.about`` and ``reading.<id>.french``."""

    id: str
    title: str
    """The title as published, in the document's own language."""
    year: int
    """The year it was published (or, for the FRM Field Handbook, launched)."""
    publisher: str
    addresses: tuple[str, ...]
    """Where to read it or about it, best first; each one in facts.md §6.10."""
    language: str = "en"
    """The language the document was written in ("en" or "fr")."""
    french_title: str | None = None
    """The French version's title, when a French version was found."""
    french_address: str | None = None
    """Where the French version (or the page that lists it) is, when one was found."""

    def about(self) -> str:
        """Return the two lines on what the document is for, in the current language."""
        return t(f"reading.{self.id}.about")

    def french(self) -> str:
        """Return what is known of a French version, in the current language."""
        return t(f"reading.{self.id}.french")


DOCUMENTS: tuple[Document, ...] = (
    # §6.10 item 1. CommDev dates the pilot version January 2008; ICMM lists it on 1 February 2010.
    Document(
        "icmm_working_together",
        "Working Together: How large-scale mining can engage with artisanal and small-scale miners",
        2008, "ICMM (International Council on Mining and Metals), with CASM and IFC/CommDev",
        ("https://www.icmm.com/en-gb/guidance/social-performance/2010/artisanal-and-small-scale-miners",
         "http://commdev.org/extractives/working-together-how-large-scale-mining-can-engage-artisanal-and-small-scale-miners",
         "https://dokumen.tips/documents/icmm-working-together.html"),
    ),
    # §6.10 item 2.
    Document(
        "igf_guidance",
        "IGF Guidance for Governments: Managing artisanal and small-scale mining",
        2017, "IGF (Intergovernmental Forum on Mining), published by IISD",
        ("https://vdocuments.net/igf-guidance-for-governments-of-mining-to-achieve-poverty-reduction-inclusive-growth.html",
         "http://www.iisd.org/media/igf-releases-guidance-help-governments-manage-artisanal-and-small-scale-mining"),
        french_title="Guide IGF à l'intention des gouvernements : "
                     "Gérer l'activité minière artisanale et à petite échelle",
        french_address="https://vdocuments.us/guide-igf-a-lintention-des-gouvernements-problemes-lies-a-lexploitation.html",
    ),
    # §6.10 item 3.
    Document(
        "unitar_formalization_handbook",
        "Handbook for Developing National ASGM Formalization Strategies within National Action Plans",
        2018, "UNITAR and UN Environment",
        ("https://mercury.unitar.org/site/document/1438",),
    ),
    # §6.10 item 4 (a): "use (a) for baselines". The UNEP page lists a French version (file not opened).
    Document(
        "mercury_baseline_toolkit",
        "Estimating Mercury Use and Documenting Practices in Artisanal and Small-scale Gold Mining (ASGM): "
        "Methods and Tools (O'Neill & Telmer)",
        2017, "Artisanal Gold Council with the UN Environment Global Mercury Partnership",
        ("https://web.unep.org/globalmercurypartnership/estimating-mercury-use-and-documenting-practices-artisanal-and-small-scale-gold-mining-asgm-methods",
         "https://pdfdrive.to/dl/estimating-mercury-use-and-documenting-practices-in-artisanal-and-small-scale-gold-mining"),
        french_address="https://web.unep.org/globalmercurypartnership/estimating-mercury-use-and-documenting-practices-artisanal-and-small-scale-gold-mining-asgm-methods",
    ),
    # §6.10 item 4 (b): "(b) for techniques".
    Document(
        "mercury_practical_guide",
        "Reducing Mercury Use in Artisanal and Small-Scale Gold Mining: A Practical Guide",
        2012, "UNEP, with the Artisanal Gold Council",
        ("http://www.unep.org/chemicalsandwaste/hazardoussubstances/Mercury/PrioritiesforAction/ArtisanalandSmallScaleGoldMining/Reports/tabid/4489/Default.aspx",),
        french_title="Guide pratique : Réduire l'utilisation du mercure dans le secteur de "
                     "l'orpaillage et de l'exploitation minière artisanale",
        french_address="https://fr.scribd.com/document/461868047/GuidePractiqueReduireL-UtilisationdeMercure-FR",
    ),
    # §6.10 item 5.
    Document(
        "asm_pace_toolkit",
        "Methodological Toolkit for Baseline Assessments and Response Strategies to Artisanal and "
        "Small-Scale Mining in Protected Areas and Critical Ecosystems (Hinton & Hollestelle)",
        2012, "ASM-PACE (WWF and Estelle Levin Ltd)",
        ("https://pdfslide.us/documents/methodological-toolkit-for-baseline-assessments-and-2018-05-11methodological.html",
         "http://levinsources.com/projects/asm-pace-artisanal-small-scale-mining-protected-areas-and-critical-ecosystems"),
    ),
    # §6.10 item 6: no address for the handbook itself; its launch page and a summary stand in.
    Document(
        "frm_field_handbook",
        "FRM Field Handbook (Frugal Rehabilitation Methodology)",
        2016, "The Asia Foundation (ESEC II project, funded by SDC)",
        ("http://vom.mn/en/p/14652",
         "https://panorama.solutions/en/solution/environmental-rehabilitation-learnings-artisanal-miners-mongolia"),
    ),
    # §6.10 item 7: v1.0 of 30 July 2018; revision 2.0 launched on 30 March 2020.
    Document(
        "craft_code",
        "CRAFT: Code of Risk-mitigation for ASM engaging in Formal Trade",
        2018, "ARM (Alliance for Responsible Mining) and RESOLVE",
        ("https://www.craftmines.org/en/what-is-craft",
         "https://www.responsiblemines.org/en/2018/08/craft-code-released-a-tool-to-facilitate-the-implementation-of-due-diligence-in-artisanal-and-small-scale-mining/"),
        french_address="https://www.responsiblemines.org/en/2018/02/public-consultation-open-for-the-craft-code/",
    ),
    # §6.10 item 8: published on 14 February 2024.
    Document(
        "state_of_the_sector_2023",
        "2023 State of the Artisanal and Small-Scale Mining Sector",
        2024, "World Bank (Delve; EGPS with Pact)",
        ("https://openknowledge.worldbank.org/entities/publication/86f3b724-e383-43f8-8b31-f378e30800ad",
         "http://hdl.handle.net/10986/41069"),
    ),
    # §6.10 item 9: the original is French.
    Document(
        "burkina_mercury_nap",
        "Plan d'action national de réduction, voire d'élimination du mercure dans l'extraction "
        "minière artisanale et à petite échelle d'or conformément à la Convention de Minamata sur "
        "le mercure 2020-2029",
        # The document is French, and so is what the list says of who published it.
        2020, "Gouvernement du Burkina Faso, avec l'appui de l'ONUDI",
        ("https://fr.readkong.com/page/plan-d-action-national-de-reduction-voire-d-elimination-6935143",),
        language="fr",
    ),
    # §6.10 item 10: the French brochure, for information; it does not replace the authentic texts.
    Document(
        "minamata_convention_fr",
        "Convention de Minamata sur le mercure : Texte et annexes",
        2017, "Minamata Convention on Mercury",
        ("https://pdfslide.fr/documents/texte-et-annexes-minamata-convention-on-2018-1-18-effort-avec-le-soutien.html",
         "https://pdfslide.fr/documents/texte-original-convention-de-minamata-sur-le-mercure-de-minamata-sur-le-mercure.html",
         "https://minamataconvention.org/fr/parties/national-action-plans",
         "https://minamataconvention.org/en/resources/nap-guidance-document"),
        language="fr",
    ),
)

_BY_ID = {document.id: document for document in DOCUMENTS}


def documents(*ids: str) -> list[Document]:
    """Return the documents named by ``ids``, in that order; with none, the whole list.

    Raises KeyError naming an id that is not in the list.
    """
    if not ids:
        return list(DOCUMENTS)
    unknown = [name for name in ids if name not in _BY_ID]
    if unknown:
        raise KeyError(t("reading.unknown_id", ids=", ".join(unknown), known=", ".join(_BY_ID)))
    return [_BY_ID[name] for name in ids]


def reading_html(*ids: str) -> str:
    """Return the documents of ``ids`` as HTML in the current language, every text escaped.

    With no ids, the whole list under "Recommended reading"; with ids, only those under
    "Going further". Each entry: the title (a link to its first address), year, publisher,
    the other addresses, the French version (or "no French version found") and what it is for.
    """
    from asm_workshop import pages

    return pages.render(
        "reading.html.j2", documents=documents(*ids),
        heading=t("reading.heading_all" if not ids else "reading.heading_further"),
        intro=t("reading.intro") if not ids else "",
    )


def landing_entries() -> list[dict[str, Any]]:
    """Return the list for the landing page: each document with its texts in every language.

    Each entry is ``{"id", "title", "year", "publisher", "language", "addresses", "french_title",
    "french_address", "about": {language: text}, "french": {language: text}}``.
    """
    texts = catalog()
    return [
        {
            "id": document.id, "title": document.title, "year": document.year,
            "publisher": document.publisher, "language": document.language,
            "addresses": list(document.addresses),
            "french_title": document.french_title, "french_address": document.french_address,
            "about": {language: texts[f"reading.{document.id}.about"][language] for language in LANGUAGES},
            "french": {language: texts[f"reading.{document.id}.french"][language] for language in LANGUAGES},
        }
        for document in DOCUMENTS
    ]


__all__ = ["DOCUMENTS", "Document", "documents", "landing_entries", "reading_html"]
