# LinkShape: sssom:author_label sh:minCount 1
# at: links/warm.yaml|- id: w-1
DELETE WHERE { <link/w-1> sssom:author_label ?any }
