"""A table in any database SQLAlchemy reaches: upsert by a key column, changes by an
updated-at column."""
