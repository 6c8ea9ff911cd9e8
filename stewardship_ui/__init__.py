"""The stewardship UI: server-rendered pages (Jinja2 + htmx) mounted into the API at ``/ui``.

It calls the hub's services (``mdm.stewardship``, ``mdm.golden.queries``, ``mdm.auth``) and
never the ORM or SQL directly."""
