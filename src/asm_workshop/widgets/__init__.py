"""Answering widgets: thin views over plain functions, saved through the answer store."""

from asm_workshop.widgets.base import AnswerWidget
from asm_workshop.widgets.formalisation_calculator import FormalisationCalculator
from asm_workshop.widgets.incentive_matrix import IncentiveMatrix
from asm_workshop.widgets.influence_map import InfluenceMap
from asm_workshop.widgets.language import LanguagePicker
from asm_workshop.widgets.legal_status import LegalStatusChecker
from asm_workshop.widgets.mercury import MercuryEstimator
from asm_workshop.widgets.quiz import Quiz
from asm_workshop.widgets.rehabilitation_planner import RehabilitationPlanner
from asm_workshop.widgets.stakeholder_grid import StakeholderGrid

__all__ = [
    "AnswerWidget",
    "FormalisationCalculator",
    "IncentiveMatrix",
    "InfluenceMap",
    "LanguagePicker",
    "LegalStatusChecker",
    "MercuryEstimator",
    "Quiz",
    "RehabilitationPlanner",
    "StakeholderGrid",
]
