"""The guided set-up after consent, and /settings changes, as a pure conversation (no Telegram, no clock)."""

from flows.onboarding.callbacks import PREFIX
from flows.onboarding.machine import begin, begin_edit, current_answers, resume, step
from flows.onboarding.model import PrescriptionDraft, Step
from flows.onboarding.order import GROUPS

__all__ = ["GROUPS", "PREFIX", "PrescriptionDraft", "Step", "begin", "begin_edit", "current_answers", "resume", "step"]
