"""ccin-kg: a knowledge graph of the Co-operative Councils' Innovation Network.

The package is organised in stages, each a function from records to records:
``ingest`` (files → documents and sections), ``extract`` (sections →
initiatives, members, works-with pairs), ``resolve`` (names → canonical
entities), ``build`` (records → RDF). ``cli`` is a thin layer over them.
"""

__version__ = "0.1.0"
