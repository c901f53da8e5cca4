# LinkShape: sssom:confidence sh:datatype xsd:double
# at: links/warm.yaml|- id: w-2
DELETE WHERE { <link/w-2> sssom:confidence ?any } ;
INSERT DATA { <link/w-2> sssom:confidence "0.6" }
