"""Webhooks per Standard Webhooks: CloudEvents bodies, signed headers, the receiver's status
codes read as the specification says (410 gone, 429/502/503/504 throttled)."""
