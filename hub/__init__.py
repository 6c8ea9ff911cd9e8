"""The composition root: where the hub's parts are put together into what runs (the web app
with the API and the stewardship UI, and the ``mdm`` command). Nothing imports it."""
