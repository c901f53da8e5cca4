# LinkShape: sssom:mapping_date sh:datatype xsd:date
# at: links/warm.yaml|- id: w-2
DELETE WHERE { <link/w-2> sssom:mapping_date ?any } ;
INSERT DATA { <link/w-2> sssom:mapping_date "2026-01-01" }
