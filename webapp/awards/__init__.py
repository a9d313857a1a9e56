"""Emulation rewards (plan §IV, §VI.2, §VI.4, §VI.5): nominations → shortlist → approval →
the reward decision of the district chair, with its annex, money and certificates."""
