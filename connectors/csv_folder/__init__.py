"""A folder of CSV files: batches dropped out atomically, files dropped in read once."""
