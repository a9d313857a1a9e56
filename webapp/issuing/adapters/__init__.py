"""Adapters: each registers the kinds of paper of one feature, calling that feature's own
document functions (its context builder and its .docx template)."""
from . import awards, budget, conference, delegates, letter, plan, synthesis  # noqa: F401
