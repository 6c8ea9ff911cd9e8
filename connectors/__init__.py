"""Adapters to the systems the hub reads from and writes back to, behind one small protocol.

Connectors know their target (HTTP, SQL, files) and nothing of the hub: delivery order,
retries, crosswalks and dead letters belong to the hub (``mdm.sync``).
"""
