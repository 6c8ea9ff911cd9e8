"""Synthetic master data for a professional-services firm after an acquisition.

Pure (stdlib only) and deterministic for a seed. ``generate`` returns the extracts of six
source systems with the true entity behind every row; ``generate_extract`` makes one large
single-system extract for ingest benchmarks.
"""

from mdm.synthetic.bulk import generate_extract
from mdm.synthetic.dataset import demo_config, generate, write_dataset
from mdm.synthetic.model import HEADERS, Dataset, Extract, GeneratorConfig

__all__ = [
    "HEADERS",
    "Dataset",
    "Extract",
    "GeneratorConfig",
    "demo_config",
    "generate",
    "generate_extract",
    "write_dataset",
]
