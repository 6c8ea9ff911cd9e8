"""The one-line notice a page shows after a decision (the redirect carries codes, not text)."""

from __future__ import annotations

NOTICES = {
    "merge": "Task {task} merged into golden record {golden}.",
    "not_a_match": "Task {task}: not a match. The records stay apart in every re-match.",
    "defer": "Task {task} deferred.",
    "split": "Split out: the record now has golden record {golden}.",
    "pin": "Value of {attribute} pinned.",
    "pin_survivor": "{task} was merged into this record: the value of {attribute} was pinned here.",
    "unpin": "Pin removed.",
    "bulk": "{count} tasks merged.",
    "retried": "{count} dead letters queued again.",
    "replayed": "{count} deliveries queued again.",
    "bulk_answered": "{count} tasks merged; {task} more were answered by those merges and closed.",
}


def notice_for(query: dict[str, str]) -> str | None:
    done = query.get("done", "")
    if done == "bulk" and query.get("task"):
        done = "bulk_answered"
    template = NOTICES.get(done)
    if template is None:
        return None
    values = {k: query.get(k, "") for k in ("task", "golden", "count", "attribute")}
    said = template.format(**values)
    if query.get("last") == "1":
        said += " That was the last open task here: nothing is left to review."
    return said
