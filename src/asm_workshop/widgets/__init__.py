"""Answering widgets: thin views over plain functions, saved through the answer store.

``from asm_workshop.widgets import Quiz`` imports only what that widget needs: each tool
is loaded on first use, so the welcome lesson does not wait for pandas, matplotlib and
networkx to load.
"""

from importlib import import_module
from typing import Any

_MODULES = {
    "AnswerWidget": "base",
    "AnswersDownload": "download",
    "EngagementPlanBuilder": "plan_builder",
    "FormalisationCalculator": "formalisation_calculator",
    "IncentiveMatrix": "incentive_matrix",
    "InfluenceMap": "influence_map",
    "LanguagePicker": "language",
    "LawInForceBox": "law",
    "LegalStatusChecker": "legal_status",
    "MercuryEstimator": "mercury",
    "Quiz": "quiz",
    "ReadingList": "reading",
    "RehabilitationPlanner": "rehabilitation_planner",
    "RiskMatrix": "risk_matrix",
    "ScenarioQuiz": "scenario_quiz",
    "StakeholderGrid": "stakeholder_grid",
}
__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)


def __dir__() -> list[str]:
    return __all__
