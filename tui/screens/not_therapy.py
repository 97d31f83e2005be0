"""The calm note that Hearthside is not therapy, and where to look for help."""

from __future__ import annotations

NOT_THERAPY_NOTE = (
    "Hearthside is not therapy. It gives your conversation a calm shape and keeps time; "
    "it cannot mend what needs more help than that.\n\n"
    "If a conversation starts to hurt, you can stop at any time (ctrl+x ends the session, ctrl+t "
    "calls a time-out) and come back another day.\n\n"
    "If something feels stuck, a couples counsellor or therapist can help. If anyone ever feels "
    "unsafe, please reach out to someone you trust, a local support line, or emergency services."
)
