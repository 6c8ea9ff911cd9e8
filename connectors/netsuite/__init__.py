"""Oracle NetSuite's REST record service: customers upserted by ``externalId`` (the golden id)."""
