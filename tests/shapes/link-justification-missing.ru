# LinkShape: sssom:mapping_justification sh:minCount 1
# at: links/warm.yaml|- id: w-3
DELETE WHERE { <link/w-3> sssom:mapping_justification ?any }
