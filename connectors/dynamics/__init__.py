"""Microsoft Dynamics 365 (Dataverse Web API): accounts upserted by an alternate key holding
the golden id, conditionally on the ETag the hub last saw."""
