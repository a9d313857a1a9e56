"""Demo step before the units' discussion papers: the speakers the units named first (the
paper's speaker is the speech slot's)."""
from .demo import name_first_speakers as build_scenario  # noqa: F401
