"""RDF: namespaces, IRI minting, Facts -> rdflib Dataset."""
