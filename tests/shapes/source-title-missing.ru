# SourceShape: dcterms:title sh:minCount 1
# at: sources.yaml|- id: doc-b
DELETE WHERE { <source/doc-b> dcterms:title ?any }
