"""What a dose message needs to know about one dose, in plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flows.dosing import when
from flows.messages import Raw, T, Text


@dataclass(frozen=True)
class DoseView:
    """One dose as shown to the patient: product, strength, volume, prescribed route, local due time."""

    dose_id: int
    product: Text | Raw
    strength: str
    dose_ml: str
    route: str
    due_local: datetime

    def what(self) -> Text:
        """e.g. "Hydroxocobalamin 1 mg/1 mL, 1 mL, into the muscle (IM)"."""
        return T(
            "doses.what",
            product=self.product,
            strength=Raw(self.strength),
            ml=self.dose_ml,
            route=when.route(self.route),
        )
