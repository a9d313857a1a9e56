"""Result reports on the outline and discussion papers (plan §VI.1, §VI.3)."""
