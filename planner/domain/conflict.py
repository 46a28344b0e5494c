"""Two coaches, one database: the error a save meets when another coach changed the same thing first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.domain.errors import BadInput


@dataclass(frozen=True, slots=True)
class ChangedBy:
    """Who saved the row last, when, and the version their save made."""

    who: str
    when: dt.datetime | None
    version: int

    def said(self) -> str:
        """'by coach_anna at 14:02 UTC' (or 'by someone else' when nobody is recorded)."""
        who = f"by {self.who}" if self.who else "by someone else"
        if self.when is None:
            return who
        when = self.when if self.when.tzinfo else self.when.replace(tzinfo=dt.UTC)
        return f"{who} at {when.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"


class EditConflict(BadInput):
    """A save refused because the row changed since the coach read it; nothing was written.

    `kind` and `key` say which row ("athlete", 12), `what` names it in the coach's words ("Ana's dose of
    Calf raise"), `theirs` says who changed it. The command line prints it on one line and exits 2; the
    window offers Reload, Keep mine or Save as a copy.
    """

    def __init__(self, kind: str, key: object, what: str, theirs: ChangedBy | None) -> None:
        self.kind = kind
        self.key = key
        self.what = what
        self.theirs = theirs
        changed = f"was changed {theirs.said()}" if theirs is not None else "was deleted by someone else"
        super().__init__(f"{what} {changed} after you opened it; your change was not saved")
