"""The cycle's models, one module per topic; each is imported here so Django finds it."""

from supervision.models.chases import Chase, ChaseItem
from supervision.models.circulars import Circular
from supervision.models.closes import PeriodClose, Snapshot
from supervision.models.events import Event
from supervision.models.instructions import Instruction
from supervision.models.rules import Rules, Sequence
from supervision.models.sheets import Escalation, InstructionSheet, SheetAttachment

__all__ = ["Chase", "ChaseItem", "Circular", "Escalation", "Event", "Instruction", "InstructionSheet", "PeriodClose",
           "Rules", "Sequence", "SheetAttachment", "Snapshot"]
