# EvidenceItemShape: rdfs:label sh:minCount 1
# at: links/warm.yaml|- id: w-2
DELETE WHERE { <link/w-2#evidence-1> rdfs:label ?any }
