"""The names the hub uses, in one place: ``from matching.api import Matcher, settings_for``."""

from __future__ import annotations

from matching.clustering import ConstraintConflict, cluster
from matching.engine import Matcher
from matching.explanation import ComparisonWeight, Explanation
from matching.feature import Prepared
from matching.model import ModelParameters
from matching.presets import settings_for
from matching.resolution import Link, Resolution, ResolutionStats
from matching.scoring import ScoredPairs
from matching.settings import EntitySettings
from matching.thresholds import Thresholds

__all__ = [
    "ComparisonWeight",
    "ConstraintConflict",
    "EntitySettings",
    "Explanation",
    "Link",
    "Matcher",
    "ModelParameters",
    "Prepared",
    "Resolution",
    "ResolutionStats",
    "ScoredPairs",
    "Thresholds",
    "cluster",
    "settings_for",
]
