# LinkShape: sssom:confidence sh:maxInclusive 1
# at: links/hub.yaml|- id: h-1
DELETE WHERE { <link/h-1> sssom:confidence ?any } ;
INSERT DATA { <link/h-1> sssom:confidence "1.5"^^xsd:double }
