"""The event side of the hub: the outbox read as a pull feed of CloudEvents, in commit order."""
