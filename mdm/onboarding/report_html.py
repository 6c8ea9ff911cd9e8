"""Onboarding reports as HTML pages for people (the JSON is for scripts)."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from mdm.onboarding.profile import ExtractProfile


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("mdm.onboarding", "templates"), autoescape=select_autoescape()
    )


def profile_html(profile: ExtractProfile) -> str:
    return _environment().get_template("profile.html").render(p=profile)
