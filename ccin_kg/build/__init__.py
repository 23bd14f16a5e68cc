"""Build: extraction and resolution records → RDF graph, written atomically."""
