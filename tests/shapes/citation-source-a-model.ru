# CitationShape: dcterms:source sh:class cw:Source
# at: models/bright.yaml|model:
DELETE WHERE { <model/bright#citation-1> dcterms:source ?any } ;
INSERT DATA { <model/bright#citation-1> dcterms:source <model/warm> }
