# LinkShape: sssom:confidence sh:minInclusive 0
# at: links/hub.yaml|- id: h-2
DELETE WHERE { <link/h-2> sssom:confidence ?any } ;
INSERT DATA { <link/h-2> sssom:confidence "-0.1"^^xsd:double }
