"""Extract: sections → initiatives, members, works-with pairs, with evidence."""
