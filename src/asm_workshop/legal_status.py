"""Is a mining site formal, informal or illegal? A teaching classification for Burkina Faso and Benin.

Three categories of the *site's legal status*, as the workshop uses them:

- **formal**: the site works with a valid permit or authorisation;
- **informal**: it works without one (none, or expired), but in a place and a way that an
  authorisation could cover: the road ahead is formalisation;
- **illegal**: it works where no authorisation can make mining lawful (a beach in Benin; a
  protected area, as a teaching rule), whatever papers it holds.

Apart from the status, a classification carries **red flags**: labour and safety problems on the
site (children at work; in Burkina Faso, signs of sexual exploitation or trafficking, and armed
groups). A red flag is shown beside the status and never changes it. Child labour is a matter
for whoever puts children to work and for child protection, not a property of the site's papers:
calling a site "illegal" because a child was seen invites the closure that pushes miners away
from the authorities and from CSOs (content review, row 37).

Every rule rests on a fact in the workshop's sourced reference (``reference/facts.md``: §3.14
and §6.1 on the two countries' law, §3.4 on the Minamata Convention, §6.9 and §3.14 on the red
flags); the comment on each rule says which. The texts in force and the day they were last
checked are in ``asm_workshop.law``. Where the law's detail is not in those sources, the rule is
kept general and its message says it is a teaching simplification. None of this is legal advice.

Besides the reasons that decide the category, a classification carries *notes*: points a CSO
should check that do not change the category (a formal site can still use mercury).

    from asm_workshop import data
    from asm_workshop.legal_status import classify_site, classify_sites

    classify_site({"permit": "none", "zone": "beach", "mechanised": False,
                   "minors_present": False}, "benin").category          # "illegal"
    classify_site({"permit": "valid", "zone": "ordinary_land", "mechanised": False,
                   "minors_present": True}, "benin").red_flags          # children at work
    classify_sites(data.load("site_visits"), "burkina_faso")
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any

import pandas as pd

from asm_workshop.data import require_columns
from asm_workshop.errors import WorkshopError
from asm_workshop.i18n import catalog, t
from asm_workshop.text import is_missing, name_key

COUNTRIES = ("burkina_faso", "benin")
CATEGORIES = ("formal", "informal", "illegal")
"""From least to most serious."""

PERMITS = ("none", "expired", "valid")
ZONES = ("ordinary_land", "protected_area", "river_bed_or_lagoon", "beach")
MERCURY = ("none", "concentrate", "whole_ore", "method_unknown")
"""No mercury; mercury on a gravity concentrate only; on the whole ore; used, but how is not known."""
YES_NO = (False, True)

QUESTIONS: Mapping[str, Mapping[str, tuple]] = MappingProxyType({
    # Burkina Faso is landlocked: no beach. Gold processing brings the mercury and cyanide questions.
    "burkina_faso": MappingProxyType({
        "permit": PERMITS,
        "zone": ("ordinary_land", "protected_area", "river_bed_or_lagoon"),
        "mercury": MERCURY,
        "cyanide_used": YES_NO,
        "mechanised": YES_NO,
        "minors_present": YES_NO,
        "sexual_exploitation": YES_NO,
        "armed_groups": YES_NO,
    }),
    # Benin's cases are sand and gravel: no gold processing questions.
    "benin": MappingProxyType({
        "permit": PERMITS,
        "zone": ZONES,
        "mechanised": YES_NO,
        "minors_present": YES_NO,
    }),
})
"""The questions asked for each country, each with its possible answers, in the order asked.
The last ones (``RED_FLAG_QUESTIONS``) raise red flags and never decide the category."""

RED_FLAG_QUESTIONS = ("minors_present", "sexual_exploitation", "armed_groups")
"""Questions whose "yes" is a red flag beside the status, not a reason for it."""


class LegalStatusError(WorkshopError):
    """A country, question or answer the classification does not know, in the participant's
    language when read; ``field`` is the question concerned."""


@dataclass(frozen=True)
class SiteAnswers:
    """What is known about a site: the answers to QUESTIONS (and one fact site records give)."""

    permit: str
    """"none", "expired" or "valid": the site's permit or authorisation."""
    zone: str
    """"ordinary_land", "protected_area" (inside one), "river_bed_or_lagoon" or "beach"."""
    mercury: str = "none"
    """One of MERCURY."""
    cyanide_used: bool = False
    mechanised: bool = False
    """Machines do the extraction: mechanised dredging, motor pumps, excavators."""
    minors_present: bool = False
    """Children (under 18) work on the site: a red flag."""
    sexual_exploitation: bool = False
    """Signs of sexual exploitation or trafficking of women or girls at the site: a red flag."""
    armed_groups: bool = False
    """Armed groups are present at or around the site: a red flag."""
    near_protected_area: bool = False
    """In *or next to* a protected area, without saying which (as site records give it)."""


@dataclass(frozen=True)
class LegalStatus:
    """A site's category, the reasons that decide it, notes that do not, and red flags beside it
    (all message keys)."""

    country: str
    category: str
    """"formal", "informal" or "illegal"."""
    reasons: tuple[str, ...]
    """Message keys of the reasons for the category, most serious first."""
    notes: tuple[str, ...] = ()
    """Message keys of points to check that do not change the category."""
    red_flags: tuple[str, ...] = ()
    """Message keys of labour and safety red flags: shown beside the category, never changing it."""

    def reason_texts(self) -> list[str]:
        """Return the reasons in the participant's language."""
        return [t(key) for key in self.reasons]

    def note_texts(self) -> list[str]:
        """Return the notes in the participant's language."""
        return [t(key) for key in self.notes]

    def red_flag_texts(self) -> list[str]:
        """Return the red flags in the participant's language."""
        return [t(key) for key in self.red_flags]


def country_code(country: str) -> str:
    """Return "burkina_faso" or "benin" for a country however written ("Burkina Faso", "Bénin").

    Raises LegalStatusError naming the countries this classification knows.
    """
    code = re.sub(r"[^a-z]+", "_", name_key(country)).strip("_")
    if code not in COUNTRIES:
        raise LegalStatusError("country", "legal_status.country_unknown", country=country,
                               known=", ".join(COUNTRIES))
    return code


def classify_site(answers: SiteAnswers | Mapping[str, Any], country: str) -> LegalStatus:
    """Return the site's category ("formal", "informal" or "illegal") under ``country``'s rules.

    ``answers`` is a SiteAnswers or a mapping of question -> answer holding every question
    QUESTIONS asks for that country (yes/no questions take True/False or "yes"/"no").
    Raises LegalStatusError, in the participant's language, for an unanswered or unknown question
    or an answer that is not one of the question's choices. The red flags (``red_flags``) are
    worked out apart from the category, which never reads them. A teaching simplification of
    the law, not legal advice.
    """
    code = country_code(country)
    site = _site_answers(answers, code)
    if code == "burkina_faso":
        serious, permit, notes = _burkina_faso(site)
    else:
        serious, permit, notes = _benin(site)
    if site.near_protected_area and site.zone != "protected_area":
        notes.append("near_protected_area")
    valid = site.permit == "valid"
    if serious:
        category = "illegal"
        # A valid permit is no reason for "illegal": say instead that it does not cover this.
        reasons = [*serious, "valid_permit_not_enough" if valid else permit]
    else:
        category = "formal" if valid else "informal"
        reasons = [permit]
    return LegalStatus(
        country=code,
        category=category,
        reasons=tuple(_reason_key(name) for name in reasons),
        notes=tuple(_note_key(name) for name in notes),
        red_flags=tuple(_red_flag_key(name) for name in red_flags(site, code)),
    )


def red_flags(site: SiteAnswers, country: str) -> list[str]:
    """Return the names of the site's labour and safety red flags in ``country``, most urgent first.

    Kept apart from the rules of the category on purpose: nothing here is read by them.
    """
    code = country_code(country)
    prefix = "bf" if code == "burkina_faso" else "bj"
    flags = []
    # Children on gold and quarry sites (facts.md §6.9); in Benin, "no minors" is a condition of
    # sand and gravel authorisations (facts.md §3.14), so the flag says the holder breaks it.
    if site.minors_present:
        flags.append(f"{prefix}_children_at_work")
    if code == "burkina_faso":
        # Women and girls forced into prostitution at gold sites (facts.md §6.9: AP 2021, 2017).
        if site.sexual_exploitation:
            flags.append("bf_sexual_exploitation")
        # Sites used by armed groups to recruit and finance themselves (facts.md §3.14, ARM 2022);
        # support to non-state armed groups is an OECD Annex II risk (facts.md §3.3).
        if site.armed_groups:
            flags.append("bf_armed_groups")
    return flags


def _burkina_faso(site: SiteAnswers) -> tuple[list[str], str, list[str]]:
    serious: list[str] = []
    notes: list[str] = []
    # No fact gives Burkina Faso's protected-area rule: a general teaching rule, and its message says so.
    if site.zone == "protected_area":
        serious.append("protected_area")
    # Children at work are a red flag (red_flags), not a reason: see the module's docstring.
    # The mining code of July 2024 (artisan miner, carte d'artisan minier, couloirs) replaced
    # Law 036-2015/CNT; ANEEMAS became SONASP in 2023 (facts.md §6.1, §6.1.1, §6.13).
    permit = f"bf_permit_{site.permit}"
    # The decree of 5 December 2024 structures every artisanal site in four zones, with a cahier
    # des charges (facts.md §6.1): what a CSO can check on a formal site.
    if site.permit == "valid" and not serious:
        notes.append("bf_site_zones")
    # Minamata Convention, ratified 10 April 2017; NAP 2020-2029 "de réduction voire
    # d'élimination" of mercury (facts.md 3.4). Annex C(b)(i): eliminate whole-ore amalgamation.
    if site.mercury == "whole_ore":
        notes.append("bf_whole_ore")
    elif site.mercury != "none":
        notes.append("bf_mercury")
    # Annex C(b)(iv): eliminate cyanide leaching of material to which mercury was added,
    # without first removing the mercury.
    if site.cyanide_used and site.mercury != "none":
        notes.append("cyanide_with_mercury")
    elif site.cyanide_used:
        notes.append("cyanide")
    # Earlier texts separated artisanal work by hand from semi-mechanised work (Decree 2018-1017,
    # Law 031-2003/AN, facts.md §3.14); how the 2024 code draws the line is NOT FOUND (§6.1).
    if site.mechanised:
        notes.append("bf_mechanised")
    if site.zone == "river_bed_or_lagoon":
        notes.append("bf_river_bed")
    return serious, permit, notes


def _benin(site: SiteAnswers) -> tuple[list[str], str, list[str]]:
    serious: list[str] = []
    notes: list[str] = []
    # Decree 2008-615 of 22 October 2008 banned marine (beach) sand extraction (facts.md 3.14).
    if site.zone == "beach":
        serious.append("bj_beach")
    # No fact gives Benin's protected-area rule: the same general teaching rule as for Burkina Faso.
    if site.zone == "protected_area":
        serious.append("protected_area")
    # Minors at work break a condition of the authorisation ("no minors", facts.md §3.14), but
    # that is a red flag for the holder to answer for (red_flags), not a status of the site.
    # Permits are issued by the ministry in charge of mines and water after a technical review by
    # the commune and the departmental directorate; 33 orders in Mono/Couffo, August 2021 (facts.md 3.14).
    permit = f"bj_permit_{site.permit}"
    # Conditions attached to the Mono/Couffo authorisations of August 2021, and the prefectoral
    # order of 18 July 2023 banning night loading in Mono (facts.md 3.14).
    if site.permit == "valid" and not serious:
        notes.append("bj_permit_conditions")
    # Law 2006-17: artisanal = manual, traditional methods; semi-industrial = light machinery.
    if site.mechanised:
        notes.append("bj_mechanised")
    # After the 2008 beach ban, extraction moved to river and lagoon sand; permits set maximum
    # depth, perimeter and progressive restoration (facts.md 3.14).
    if site.zone == "river_bed_or_lagoon":
        notes.append("bj_river_or_lagoon")
    # Benin ratified the Minamata Convention on 7 November 2016; whether it has a NAP is NOT FOUND.
    if site.mercury != "none":
        notes.append("bj_mercury")
    if site.cyanide_used:
        notes.append("cyanide")
    return serious, permit, notes


_VISIT_COLUMNS = ("visit_id", "extraction_method", "children_present", "mercury_used", "amalgamation_method",
                  "cyanide_used", "authorisation_status", "distance_to_water_m", "in_or_near_protected_area")


def site_answers_from_visit(visit: Mapping[str, Any]) -> SiteAnswers:
    """Return the SiteAnswers a row of the ``site_visits`` dataset gives.

    The records do not name a zone: a site at 0 m from water (in a river, lake or lagoon)
    counts as "river_bed_or_lagoon", any other as "ordinary_land"; "in or near a protected
    area" becomes ``near_protected_area`` (a note), because a record does not say which.
    """
    visit_id = visit.get("visit_id")
    permit = visit.get("authorisation_status")
    if is_missing(permit) or permit not in PERMITS:
        raise LegalStatusError("permit", "legal_status.visit_permit_unknown", visit=visit_id, value=permit,
                               known=", ".join(PERMITS))
    distance = visit.get("distance_to_water_m")
    mercury = "none"
    if _flag(visit.get("mercury_used")):
        method = visit.get("amalgamation_method")
        mercury = method if method in ("whole_ore", "concentrate") else "method_unknown"
    return SiteAnswers(
        permit=permit,
        zone="river_bed_or_lagoon" if not is_missing(distance) and distance == 0 else "ordinary_land",
        mercury=mercury,
        cyanide_used=_flag(visit.get("cyanide_used")),
        mechanised=visit.get("extraction_method") == "mechanised_dredging",
        minors_present=_flag(visit.get("children_present")),
        near_protected_area=_flag(visit.get("in_or_near_protected_area")),
    )


def classify_sites(visits: pd.DataFrame, country: str) -> pd.DataFrame:
    """Return one row per visit to a site of ``country``: visit_id, category, reasons, notes,
    red_flags.

    ``visits`` is the ``site_visits`` dataset (``data.load("site_visits")``) or a part of it;
    when it has a ``country`` column, only that country's visits are classified. ``reasons``,
    ``notes`` and ``red_flags`` are short texts in the participant's language, separated by "; " (""
    when there are none). Raises LegalStatusError when a needed column is missing.
    """
    code = country_code(country)
    require_columns(visits, _VISIT_COLUMNS, LegalStatusError,
                    message_key="legal_status.visit_columns_missing")
    if "country" in visits.columns:
        same_country = visits["country"].map(lambda name: not is_missing(name) and _same_country(name, code))
        visits = visits[same_country.astype(bool)]
    rows = []
    for visit in visits.to_dict("records"):
        status = classify_site(site_answers_from_visit(visit), code)
        rows.append({
            "visit_id": visit["visit_id"],
            "category": status.category,
            "reasons": "; ".join(short_text(key) for key in status.reasons),
            "notes": "; ".join(short_text(key) for key in status.notes),
            "red_flags": "; ".join(short_text(key) for key in status.red_flags),
        })
    return pd.DataFrame(rows, columns=["visit_id", "category", "reasons", "notes", "red_flags"])


def short_text(message_key: str) -> str:
    """Return the short label of a reason, note or red flag key (for tables), in the participant's
    language."""
    for kind in (".reason.", ".note.", ".red_flag."):
        message_key = message_key.replace(kind, ".short.")
    return t(message_key)


def question_label(question: str, country: str) -> str:
    """Return the question's text for ``country``, in the participant's language."""
    specific = f"legal_status.question.{question}.{country_code(country)}"
    return t(specific) if specific in catalog() else t(f"legal_status.question.{question}")


def choice_label(question: str, choice: Any) -> str:
    """Return the text of one answer to ``question``, in the participant's language."""
    if isinstance(choice, bool):
        return t("legal_status.choice.yes" if choice else "legal_status.choice.no")
    return t(f"legal_status.choice.{question}.{choice}")


def check_answer(question: str, choice: Any, country: str) -> Any:
    """Return the answer as classify_site takes it (yes/no become True/False); raise LegalStatusError
    when ``question`` is not asked for ``country`` or ``choice`` is not one of its answers."""
    code = country_code(country)
    if question not in QUESTIONS[code]:
        raise LegalStatusError(question, "legal_status.question_unknown", question=question,
                               known=", ".join(QUESTIONS[code]))
    choices = QUESTIONS[code][question]
    if choices is YES_NO:
        if isinstance(choice, str) and choice.strip().lower() in ("yes", "no"):
            return choice.strip().lower() == "yes"
        if isinstance(choice, bool) or (not is_missing(choice) and type(choice).__name__ == "bool_"):
            return bool(choice)
    elif isinstance(choice, str) and choice in choices:
        return choice
    known = ", ".join(f"{'yes' if c else 'no'}" if isinstance(c, bool) else c for c in choices)
    raise LegalStatusError(question, "legal_status.choice_unknown", choice=choice,
                           question=functools.partial(question_label, question, code), known=known)


def _site_answers(answers: SiteAnswers | Mapping[str, Any], code: str) -> SiteAnswers:
    if isinstance(answers, SiteAnswers):
        given = {field.name: getattr(answers, field.name) for field in fields(SiteAnswers)}
        extra = {"near_protected_area": given.pop("near_protected_area")}
        # Fields not asked for this country keep whatever they hold; those asked must be valid.
        for question in QUESTIONS[code]:
            given[question] = check_answer(question, given[question], code)
        _check_unasked(given, code)
        return SiteAnswers(**given, **extra)
    if not isinstance(answers, Mapping):
        raise LegalStatusError("answers", "legal_status.answers_not_a_mapping", kind=type(answers).__name__)
    names = {field.name for field in fields(SiteAnswers)}
    unknown = [question for question in answers if question not in names]
    if unknown:
        raise LegalStatusError(None, "legal_status.question_unknown", question=", ".join(map(str, unknown)),
                               known=", ".join(QUESTIONS[code]))
    given = dict(answers)
    for question in QUESTIONS[code]:
        if is_missing(given.get(question)):
            raise LegalStatusError(question, "legal_status.question_unanswered",
                                   question=functools.partial(question_label, question, code))
        given[question] = check_answer(question, given[question], code)
    near = given.pop("near_protected_area", False)
    site = SiteAnswers(**given, near_protected_area=bool(near))
    _check_unasked({field.name: getattr(site, field.name) for field in fields(SiteAnswers)}, code)
    return site


def _check_unasked(given: dict[str, Any], code: str) -> None:
    """Answers to questions not asked for this country (Benin's mercury) must still make sense."""
    if given["mercury"] not in MERCURY:
        raise LegalStatusError("mercury", "legal_status.choice_unknown", choice=given["mercury"],
                               question=functools.partial(t, "legal_status.question.mercury"),
                               known=", ".join(MERCURY))
    if given["zone"] not in QUESTIONS[code]["zone"]:
        raise LegalStatusError("zone", "legal_status.choice_unknown", choice=given["zone"],
                               question=functools.partial(question_label, "zone", code),
                               known=", ".join(QUESTIONS[code]["zone"]))


def _reason_key(name: str) -> str:
    return f"legal_status.reason.{name}"


def _note_key(name: str) -> str:
    return f"legal_status.note.{name}"


def _red_flag_key(name: str) -> str:
    return f"legal_status.red_flag.{name}"


def _same_country(name: str, code: str) -> bool:
    try:
        return country_code(name) == code
    except LegalStatusError:
        return False


def _flag(value: Any) -> bool:
    """True only for a true value; missing (a sand site has no mercury answer) counts as no."""
    return not is_missing(value) and bool(value)
