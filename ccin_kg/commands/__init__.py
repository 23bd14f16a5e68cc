"""Click commands kept out of ``cli.py``; ``cli.py`` adds them to the ``ccin-kg`` group.

Modules here import only click at import time: the work happens in
functions, so ``import ccin_kg.cli`` stays light.
"""
