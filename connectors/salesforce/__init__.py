"""Salesforce over its REST API: accounts upserted by an external-id field holding the golden
id, through sObject Collections (up to 200 records a request, ``allOrNone`` false)."""
