"""The texts in force in each country, and the day they were last checked: written once, here.

Lesson 1.4, the legal status checker and the capstone case table all read this module, so that
when a law changes the update is one edit here (and in ``messages/law.json``, which holds each
text's title and summary in English and French) and one test (``tests/test_law.py``).

Every text rests on a fact in the workshop's sourced reference (``reference/facts.md``, §3.14,
§6.1, §6.1.1, §6.2 and §6.6, verified on 3 December 2026); its ``sources`` are the addresses read.
"Last checked" means checked against those sources, not against the Journal officiel: the boxes
say so, and tell the reader to check with the administration before acting.

    from asm_workshop import law
    law.texts_in_force("burkina_faso")[0].title()
    law.in_force_html("benin")
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from asm_workshop.i18n import t
from asm_workshop.legal_status import country_code
from asm_workshop.plan import format_date

LAST_CHECKED = date(2026, 12, 3)
"""The day the texts below were last checked against the workshop's sources."""


@dataclass(frozen=True)
class TextInForce:
    """One law, decree, order or convention in force: its title and summary are in the message
    catalog under ``law.text.<key>.title`` and ``law.text.<key>.summary``."""

    key: str
    dated: date
    """The day the text was adopted, signed or ratified."""
    sources: tuple[str, ...]
    """Addresses of the pages that say so, each one in facts.md."""

    def title(self) -> str:
        """Return the text's title in the participant's language."""
        return t(f"law.text.{self.key}.title")

    def summary(self) -> str:
        """Return what the text does for artisanal mining, in the participant's language."""
        return t(f"law.text.{self.key}.summary")


TEXTS_IN_FORCE: Mapping[str, tuple[TextInForce, ...]] = MappingProxyType({
    "burkina_faso": (
        # facts.md §6.1: adopted by the ALT on 18 July 2024, promulgated 31 July 2024. Its number
        # is NOT FOUND in any source read, so it is cited by its date only.
        TextInForce("bf_mining_code_2024", date(2024, 7, 18), (
            "https://minesactu.info/?p=6165",
            "https://www.beninrevele.com/or-et-souverainisme-au-burkina-faso-le-code-minier-dibrahim-traore-porte-t-il-ses-fruits",
            "https://yop.l-frii.com/formalisation-des-sites-dexploitation-artisanale-de-lor-au-burkina-faso-2",
        )),
        # facts.md §6.1: the Council of Ministers of 5 December 2024.
        TextInForce("bf_artisanal_decree_2024", date(2024, 12, 5), (
            "https://sentinellebf.com/burkina-faso-lexploitation-miniere-artisanale-desormais-encadree",
        )),
        # facts.md §6.1.1: ANEEMAS became SONASP; DEMAS supports formalisation.
        TextInForce("bf_sonasp_2023", date(2023, 10, 24), (
            "https://minesactu.info/2024/10/25/burkina-faso-la-sonasp-a-achete-13-tonnes-dor-entre-janvier-et-aout-2024",
            "https://minesactu.info/2025/07/31/lafemib-a-impacte-lautonomisation-economique-et-egalite-des-genres",
        )),
        # facts.md §6.6: communiqué 2024-001/MEMC/CAB; SONASP the only exporter since then.
        TextInForce("bf_gold_export_2024", date(2024, 2, 20), (
            "https://www.afrique-sur7.ci/burkina-faso-suspension-de-lexportation-de-lor",
        )),
        # facts.md §6.2: 17 regions and 47 provinces, new names.
        TextInForce("bf_regions_2025", date(2025, 7, 2), (
            "https://voxsahel.com/?p=2238",
        )),
        # facts.md §3.4: ratified 10 April 2017; NAP 2020-2029.
        TextInForce("bf_minamata", date(2017, 4, 10), (
            "https://fr.readkong.com/page/plan-d-action-national-de-reduction-voire-d-elimination-6935143",
        )),
    ),
    "benin": (
        # facts.md §3.14.
        TextInForce("bj_mining_code_2006", date(2006, 7, 7), (
            "https://de.scribd.com/document/115168612/Code-minier-beninois",
        )),
        TextInForce("bj_beach_sand_ban_2008", date(2008, 10, 22), (
            "https://beninwebtv.com/2020/05/benin-extraction-de-sable-fluvial-une-activite-rentable-mais-suicidaire/",
        )),
        TextInForce("bj_quarry_authorisations_2021", date(2021, 8, 9), (
            "https://lanation.bj/articles/de-la-coiffure-a-lextraction-de-gravier",
            "https://lanation.bj/exploitation-de-sable-et-de-gravier-dans-le-mono-couffo-de-nouvelles-autorisations/",
        )),
        TextInForce("bj_night_loading_2023", date(2023, 7, 18), (
            "https://www.24haubenin.info/?Crime-contre-l-environnement-dans-la-commune-de-Houeyogbe",
        )),
        # facts.md §3.4: ratified 7 November 2016; whether Benin has a NAP is NOT FOUND.
        TextInForce("bj_minamata", date(2016, 11, 7), (
            "https://pdfslide.fr/documents/iicwm-iii-avant-propos-la-rpublique-du-bnin-a-sign-le-10-octobre-2013-et.html",
        )),
    ),
})
"""The texts in force in each country, most important for artisanal mining first."""


def texts_in_force(country: str) -> tuple[TextInForce, ...]:
    """Return the texts in force in ``country`` ("burkina_faso" or "benin", however written)."""
    return TEXTS_IN_FORCE[country_code(country)]


def last_checked_text() -> str:
    """Return the day the texts were last checked, written for the current language."""
    return format_date(LAST_CHECKED)


def in_force_html(country: str) -> str:
    """Return the dated "law in force" box for ``country`` as HTML, in the current language:
    a heading with the day last checked, one line per text with its sources, and a warning."""
    code = country_code(country)
    items = "".join(
        f"<li><b>{html.escape(text.title())}</b>: {html.escape(text.summary())} "
        + " ".join(f'<a href="{html.escape(address, quote=True)}" target="_blank">[{number}]</a>'
                   for number, address in enumerate(text.sources, start=1))
        + "</li>"
        for text in TEXTS_IN_FORCE[code]
    )
    heading = t("law.box.heading", country=t(f"law.country.{code}"), date=last_checked_text())
    return (
        f'<div class="asm-law-in-force" style="border:1px solid #37474f;border-radius:4px;'
        f'padding:6px 10px;margin:6px 0">'
        f"<b>{html.escape(heading)}</b><ul style=\"margin:4px 0\">{items}</ul>"
        f'<p style="margin:2px 0"><i>{html.escape(t("law.box.check_before_acting"))}</i></p></div>'
    )
