"""Syndication: golden records written back to each subscribed system, in order per golden id,
at least once with exactly-once effect, retried, dead-lettered, replayable."""
