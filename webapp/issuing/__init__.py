"""Issuing: the outgoing register, sign-off by leadership, PDF and digital signatures."""
