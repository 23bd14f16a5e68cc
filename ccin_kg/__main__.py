"""Allow ``python -m ccin_kg``."""

from ccin_kg.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
