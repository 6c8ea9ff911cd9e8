"""Local accounts for the stewardship UI: users with roles, argon2 passwords, signed sessions."""
