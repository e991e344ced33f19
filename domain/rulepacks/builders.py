"""BUILDERS: every kind of rule pack, and the function that checks its body and builds its value.

Each `*_builders` module holds the kinds of one area and exports them as one dict; this module
only puts those dicts together, in the order KINDS lists the kinds. The builder modules take their
field checks from domain/rulepacks/fields.py and their types from types.py, never from here or
from the package, so imports in domain/rulepacks/ run one way:
types <- fields <- *_builders <- builders <- the package (__init__).
"""

from collections.abc import Callable
from typing import Any

from domain.rulepacks.carer_builders import CARER_BUILDERS
from domain.rulepacks.cld_builders import CLD_BUILDERS
from domain.rulepacks.code_builders import CODE_BUILDERS
from domain.rulepacks.delegation_builders import DELEGATION_BUILDERS
from domain.rulepacks.money_builders import MONEY_BUILDERS
from domain.rulepacks.pa_builders import PA_BUILDERS
from domain.rulepacks.ras_builders import RAS_BUILDERS
from domain.rulepacks.review_builders import REVIEW_BUILDERS
from domain.rulepacks.types import Pack

BUILDERS: dict[str, Callable[[Pack, str], Any]] = {
    **RAS_BUILDERS,  # question_set, ras_model
    **DELEGATION_BUILDERS,
    **REVIEW_BUILDERS,
    **CODE_BUILDERS,
    **CARER_BUILDERS,  # carer_question_set, carer_allocation
    **CLD_BUILDERS,
    **PA_BUILDERS,
    **MONEY_BUILDERS,  # charging, money_policy
}
