"""Onboarding an acquired firm's extracts: suggested mappings, profiles, dry runs, re-keying."""
